// Privacy you can see, in Chromium against the real services: the notice before anything on the first run,
// the camera sign on every screen while the camera is on, a recording that leaves the camera view keeping its
// sign and a stop button, and the privacy section of Settings with the usage record. Screenshots at the three
// window sizes go to out/screenshots/privacy-*.png.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp, screenshots } from '../support/app.ts';
import { processAlive, tempDir } from '../support/temp.ts';

const SIZES = [
  { width: 720, height: 520 },
  { width: 1280, height: 860 },
  { width: 1920, height: 1080 },
];

describe('first run: the notice comes first', () => {
  const library = tempDir('e2e-privacy-first');
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path, SIZES[0], { firstRun: true }));
    await page.goto(host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  test('the notice and the age question are shown before the camera opens, at every size', async () => {
    const dialog = page.getByTestId('privacy-consent');
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('privacy-notice').textContent()).toContain('Nothing it makes or records leaves this computer');
    expect(host.darkslide.capturePid()).toBeUndefined();
    // Agree is not possible before the age question is answered.
    expect(await page.getByTestId('privacy-agree').isDisabled()).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(screenshots, `privacy-first-run-${size.width}x${size.height}.png`) });
    }
  });

  test('an under-18 with a guardian PIN: agreed, location off, the camera opens', async () => {
    await page.getByTestId('age-minor').check();
    await page.getByTestId('guardian-pin').fill('2468');
    await page.getByTestId('guardian-pin-repeat').fill('2468');
    await page.screenshot({ path: path.join(screenshots, 'privacy-first-run-minor.png') });
    await page.getByTestId('privacy-agree').click();
    await expect.poll(() => page.getByTestId('privacy-consent').count(), { timeout: 10_000 }).toBe(0);
    const status = host.darkslide.privacy.status();
    expect(status).toMatchObject({ age: 'minor', guardian: { pinSet: true, confirmed: true } });
    expect(status.features.location.on).toBe(false);
    expect(host.darkslide.privacy.ledger().map((entry) => entry.event)).toEqual(['age', 'guardian-confirmed', 'accepted']);
    await expect.poll(() => page.getByTestId('indicator-camera').isVisible(), { timeout: 30_000 }).toBe(true);
  });

  // First impressions (issue 14): after the notice, a short introduction over the live camera, once; the first
  // camera is a flattering one (Velvet 160), not the expired Attic 200 that sorts first; the choice is kept.
  test('then a short introduction, once, on a flattering camera; both can be found again', async () => {
    const intro = page.getByTestId('intro');
    await intro.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await intro.textContent()).toContain('Space to shoot');
    await expect.poll(() => page.getByTestId('intro-folder').textContent(), { timeout: 10_000 }).toBe(library.path);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('intro-start');
    expect(await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-look')).toBe('velvet-160');
    // The smallest window only: a screenshot with the live viewfinder behind takes seconds in software GL.
    await page.setViewportSize(SIZES[0]!);
    await page.screenshot({ path: path.join(screenshots, 'intro-720x520.png') });
    // Keys behind it wait: Space does not shoot while the introduction is open; Esc skips it.
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect.poll(() => intro.count()).toBe(0);
    expect((await host.darkslide.library.list({})).items).toHaveLength(0);
    await page.keyboard.press(']');
    const second = await page.evaluate(() => JSON.parse(localStorage.getItem('darkslide.ui') ?? '{}').state?.lookId as string);
    expect(second).not.toBe('velvet-160');
    await page.reload();
    // The introduction would come with the camera view (both wait for the privacy status): the view is there, it is not.
    await page.getByTestId('device-select').waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    expect(await intro.count()).toBe(0);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('darkslide.ui') ?? '{}').state?.lookId as string)).toBe(second);
    // Again from the key help, and from Settings.
    await page.keyboard.press('?');
    // Found by its words: inside the help, a test id of its own would hide which dialog holds the focus.
    await page.getByTestId('key-help').getByRole('button', { name: 'Show the introduction' }).click();
    await intro.waitFor({ state: 'visible' });
    await page.getByTestId('intro-start').click();
    await page.keyboard.press(',');
    await page.getByTestId('settings-intro-again').click();
    await intro.waitFor({ state: 'visible' });
    await page.getByTestId('intro-skip').click();
    await expect.poll(() => intro.count()).toBe(0);
  });
});

describe('signs on every screen, and the privacy section', () => {
  const library = tempDir('e2e-privacy');
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path));
    // A small capture size keeps the recorder's speed check quick on a busy 2-core machine.
    const kept = await host.darkslide.dispatch('settings.setDevice', { deviceId: 'demo', patch: { size: { width: 640, height: 360 } } });
    if (!kept.ok) throw new Error(`settings.setDevice failed: ${kept.error.message}`);
    await page.goto(host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  test('the camera sign shows while the camera is on and goes when it is off', async () => {
    await page.getByTestId('device-select').selectOption('demo');
    await expect.poll(() => page.getByTestId('indicator-camera').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => processAlive(host.darkslide.capturePid()), { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'privacy-camera-on.png') });
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('indicator-camera').count(), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('indicator-camera').isVisible(), { timeout: 30_000 }).toBe(true);
  });

  test('a recording left running in the album keeps its signs and a stop button there', { timeout: 300_000 }, async () => {
    await page.keyboard.press('v');
    await expect.poll(() => page.getByTestId('record').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Space');
    // recorder.check measures this machine first; on a slow one it offers a smaller size.
    await expect
      .poll(
        async () => {
          for (const choice of ['record-suggested', 'record-anyway']) {
            if (await page.getByTestId(choice).isVisible()) {
              await page.getByTestId(choice).click();
              return 'confirmed';
            }
          }
          return (await page.getByTestId('rec-time').isVisible()) ? 'recording' : 'waiting';
        },
        { timeout: 150_000, interval: 500 },
      )
      .not.toBe('waiting');
    await expect.poll(() => page.getByTestId('indicator-microphone').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('indicator-stop').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('indicator-camera').isVisible()).toBe(true);
    expect(await page.getByTestId('indicator-microphone').isVisible()).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(screenshots, `privacy-recording-away-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize(SIZES[1]!);
    await page.getByTestId('indicator-stop').click();
    await expect.poll(() => page.getByTestId('indicator-microphone').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('indicator-camera').count(), { timeout: 30_000 }).toBe(0);
    // The take is filed, and the camera stays off: the viewfinder does not come back while the album is on screen.
    await expect.poll(() => host.darkslide.capturePid(), { timeout: 60_000 }).toBeUndefined();
    await page.waitForTimeout(2000);
    expect(host.darkslide.capturePid()).toBeUndefined();
    expect(await page.getByTestId('indicator-camera').count()).toBe(0);
  });

  test('the privacy section shows each device, the usage record and how long things are kept', async () => {
    await page.keyboard.press(',');
    const section = page.getByTestId('settings-privacy');
    await section.scrollIntoViewIfNeeded();
    const rows = page.getByTestId('usage-record').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const text = (await page.getByTestId('usage-record').textContent()) ?? '';
    for (const word of ['Camera', 'Microphone', 'viewfinder', 'recording']) expect(text).toContain(word);
    expect(await page.getByTestId('retention-logs').inputValue()).toBe('30');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, `privacy-settings-${size.width}x${size.height}.png`) });
    }
    // Switching the camera off here keeps it off in the camera view.
    await page.getByTestId('switch-camera').click();
    await expect.poll(() => host.darkslide.privacy.status().features.camera.on).toBe(false);
    await page.getByTestId('retention-usage').selectOption('7');
    await expect.poll(() => host.darkslide.privacy.status().retention.usage).toBe(7);
    // The open-source notices: every bundled package and both data sets, with their licences.
    const notices = page.getByTestId('settings-notices');
    await notices.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('notices-packages').locator('li').count(), { timeout: 10_000 }).toBeGreaterThan(20);
    const listed = (await page.getByTestId('notices-packages').textContent()) ?? '';
    for (const name of ['react', 'sharp', 'pino', 'zod']) expect(listed).toContain(name);
    expect(await page.getByTestId('notices-datasets').textContent()).toMatch(/GeoNames cities.*CC-BY-4\.0.*Natural Earth world map.*Public domain/s);
    await page.screenshot({ path: path.join(screenshots, 'privacy-notices-1280x860.png') });
  });
});
