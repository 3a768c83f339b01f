// Keys follow the view on screen (issue 14): Space shoots only from the camera, Esc in the album does not turn
// the camera on, ? works in every view, focus moves into what opens, stays there and comes back, and the
// single-character shortcuts can be turned off (WCAG 2.1.4). The built renderer in Chromium, real services.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';

describe('keys follow the view on screen', () => {
  const library = tempDir('e2e-keys');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shots = async () => (await host.darkslide.library.list({})).items.length;
  const scope = () => page.evaluate(() => document.body.dataset.keyScope ?? '');
  const view = async () => ((await page.getByTestId('settings').count()) ? 'settings' : (await page.getByTestId('viewfinder').count()) ? 'camera' : 'album');
  const focusedTestId = () => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path, { width: 1024, height: 700 }));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => localStorage.setItem('darkslide.intro-seen', '1'));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  test('Space shoots from the camera, presses a focused tab, and does nothing in the album', async () => {
    await page.getByTestId('device-select').selectOption('demo');
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect.poll(shots, { timeout: 30_000 }).toBe(1);
    // Space on the focused Album tab presses the tab: the album opens and nothing is shot.
    await page.getByRole('button', { name: 'Album' }).focus();
    await page.keyboard.press('Space');
    await page.getByTestId('album-tile').first().waitFor();
    expect(await scope()).toBe('album');
    expect(await shots()).toBe(1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await page.waitForTimeout(1500);
    expect(await shots()).toBe(1);
  });

  test('Esc in the album leaves the album on screen and the camera off', async () => {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('album-tile').count()).toBe(1);
    expect(host.darkslide.capturePid()).toBeUndefined();
  });

  test('? opens the key help in the album; focus goes in, Tab stays in, Esc closes and gives focus back', async () => {
    await page.getByRole('button', { name: /Trash/ }).first().focus();
    const before = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('?');
    await page.getByTestId('key-help').waitFor();
    expect(await scope()).toBe('help');
    expect(await focusedTestId()).toBe('key-help');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusedTestId()).toBe('key-help');
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('key-help').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(before);
  });

  test('the full view takes the focus and the keys, and gives them back', async () => {
    // A double click opens (a click selects, as in a file manager).
    await page.getByTestId('album-tile').first().dblclick();
    // Space in the full view presses nothing behind it: no shot, no tile.
    await page.getByTestId('photo-view').waitFor();
    expect(await scope()).toBe('photo');
    expect(await focusedTestId()).toBe('photo-view');
    await page.keyboard.press('Space');
    await page.keyboard.press('?');
    await page.getByTestId('key-help').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('key-help').waitFor({ state: 'detached' });
    expect(await focusedTestId()).toBe('photo-view');
    await page.keyboard.press('Escape');
    await page.getByTestId('photo-view').waitFor({ state: 'detached' });
    expect(await scope()).toBe('album');
    expect(await shots()).toBe(1);
  });

  test('? works in the camera too', async () => {
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    await page.keyboard.press('?');
    await page.getByTestId('key-help').waitFor();
    // The help is modal: Space there does not shoot.
    await page.keyboard.press('Escape');
    await page.getByTestId('key-help').waitFor({ state: 'detached' });
    expect(await scope()).toBe('camera');
  });

  test('single-key shortcuts can be turned off in Settings; Space still shoots', async () => {
    await page.keyboard.press(',');
    await page.getByTestId('settings-keyboard').waitFor();
    await page.getByTestId('letter-keys').uncheck();
    await page.getByRole('button', { name: /^Camera/ }).first().click();
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('a');
    await page.keyboard.press('?');
    await page.waitForTimeout(500);
    expect(await view()).toBe('camera');
    expect(await page.getByTestId('key-help').count()).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(shots, { timeout: 30_000 }).toBe(2);
    await page.keyboard.press(',');
    expect(await view()).toBe('camera');
    expect(problems).toEqual([]);
  });
});
