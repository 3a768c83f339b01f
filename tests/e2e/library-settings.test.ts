// Settings → Library and Settings → Cameras end to end: the built renderer in Chromium, the real services behind
// the loopback transport, folders chosen through the host's picker (here: the test's answer). Moving the library
// with its progress and cancel, choosing another library and back, renaming an imported camera and deleting one
// from the look strip's menu. Files are checked on disk. Screenshots at 1024x700 and 1920x1080 in
// out/screenshots/library/.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { importLut } from '../../main/looks/index.ts';
import { formatCube } from '../../main/looks/lut/cube.ts';
import { lutFromFunction } from '../../main/looks/lut/lut.ts';
import { readLibraryFolder } from '../../main/settings/index.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
const shotsDir = path.join(screenshots, 'library');
const SHOTS = 24;

describe('Settings → Library and Cameras', () => {
  const library = tempDir('e2e-library');
  const elsewhere = tempDir('e2e-library-dest');
  const dataDir = path.join(library.path, '.darkslide');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  /** What the picker answers next (the person's choice in the folder dialog). */
  let nextPick: string[] = [];
  let lookId = '';
  let otherLookId = '';

  async function shoot(name: string): Promise<void> {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(shotsDir, `${name}-${size.width}x${size.height}.png`) });
    }
  }

  const section = (id: string) => page.getByTestId(`settings-${id}`);

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    // Two imported cameras, before the app opens (they live with the library).
    const cube = path.join(elsewhere.path, 'amber.cube');
    writeFileSync(cube, formatCube(lutFromFunction(9, (r, g, b) => [Math.min(1, r * 1.08), g, b * 0.9]), 'Amber'));
    lookId = (await importLut(cube, { name: 'Amber evening', looksDir: path.join(dataDir, 'looks') })).id;
    writeFileSync(cube, formatCube(lutFromFunction(9, (r, g, b) => [r * 0.9, g, Math.min(1, b * 1.1)]), 'Blue'));
    otherLookId = (await importLut(cube, { name: 'Blue hour', looksDir: path.join(dataDir, 'looks') })).id;

    ({ host, browser, page } = await openApp(library.path, SIZES[0], { pickFiles: () => Promise.resolve(nextPick) }));
    page.on('pageerror', (error) => problems.push(error.message));
    // Big noisy photos, so copying and checking them takes long enough to see (and cancel).
    const data = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    for (let i = 0; i < SHOTS; i++) {
      const takenAt = new Date(2026, 3, 1 + i, 12);
      await host.darkslide.library.addShot({ kind: 'photo', data, ext: 'jpg', width: 2400, height: 1600, takenAt, lookId: i < 2 ? otherLookId : 'harbor-400', lookName: i < 2 ? 'Blue hour' : 'Harbor 400', recipe: null });
    }
    await page.goto(host.url);
    await page.getByTestId('settings-button').click();
    await section('library').getByTestId('library-size').filter({ hasText: `${SHOTS} photos and videos` }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    elsewhere.remove();
  });

  test('shows where the library is, its size and item count', async () => {
    await expect.poll(() => section('library').getByTestId('library-folder').textContent()).toBe(library.path);
    const size = (await section('library').getByTestId('library-size').textContent()) ?? '';
    expect(size).toMatch(/^\d+(\.\d)? MB · 24 photos and videos$/);
    await section('library').scrollIntoViewIfNeeded();
    await shoot('settings-library');
  });

  test('a move can be cancelled: the library stays, and nothing is left in the folder', async () => {
    // The folder dialog gives folders that exist (it can make a new one).
    const target = path.join(elsewhere.path, 'Cancelled');
    mkdirSync(target);
    // A big file in the library, so the copy is still going when Cancel is pressed: a few photos moved before
    // the click on a quiet machine. It goes again after the test.
    const ballast = path.join(library.path, 'ballast.bin');
    writeFileSync(ballast, Buffer.alloc(400 * 1024 * 1024, 7));
    nextPick = [target];
    await section('library').getByTestId('library-move').click();
    const progress = section('library').getByTestId('library-move-progress');
    await progress.waitFor({ timeout: 15_000 });
    await section('library').getByTestId('library-move-cancel').click({ timeout: 5_000 });
    await expect.poll(() => section('library').getByTestId('library-error').textContent(), { timeout: 30_000 }).toContain('The move was cancelled');
    expect(await section('library').getByTestId('library-folder').textContent()).toBe(library.path);
    expect(readdirSync(target)).toEqual([]);
    expect(readLibraryFolder(dataDir)).toBe(null);
    rmSync(ballast);
  });

  test('a folder inside the library is refused, naming it and what to do', async () => {
    const inside = path.join(library.path, '2026');
    expect(existsSync(inside)).toBe(true);
    nextPick = [inside];
    await section('library').getByTestId('library-move').click();
    await expect.poll(() => section('library').getByTestId('library-error').textContent(), { timeout: 15_000 }).toContain(`The library cannot move to "${inside}": that folder is inside the library`);
    expect(await section('library').getByTestId('library-error').textContent()).toContain('Choose a folder outside');
    await shoot('move-refused');
  });

  test('moves the whole library with progress, and the album follows', async () => {
    const target = path.join(elsewhere.path, 'Moved');
    mkdirSync(target);
    nextPick = [target];
    await section('library').getByTestId('library-move').click();
    await section('library').getByTestId('library-move-progress').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(shotsDir, 'move-progress-1024x700.png') });
    await page.setViewportSize(SIZES[1]!);
    await page.screenshot({ path: path.join(shotsDir, 'move-progress-1920x1080.png') });
    await page.setViewportSize(SIZES[0]!);
    await expect.poll(() => section('library').getByTestId('library-notice').textContent(), { timeout: 120_000 }).toBe(`The library is now in ${target}; the old copy was removed.`);
    await expect.poll(() => section('library').getByTestId('library-folder').textContent()).toBe(target);
    expect(readLibraryFolder(dataDir)).toBe(target);
    expect(existsSync(path.join(target, '.darkslide', 'catalog.sqlite'))).toBe(true);
    expect(existsSync(path.join(target, '.darkslide', 'looks', `${lookId}.json`))).toBe(true);
    expect(readdirSync(library.path).filter((name) => /^\d{4}$/.test(name))).toEqual([]);
    await shoot('moved');
    // The album shows every shot, served from the new folder.
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="album-tile"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const [first] = (await host.darkslide.library.list({ limit: 1 })).items;
    expect((await host.darkslide.library.mediaPath(first!.id, 'original')).startsWith(target)).toBe(true);
    await page.getByTestId('settings-button').click();
  });

  test('Choose… opens a new library in an empty folder, and the moved one again', async () => {
    const fresh = path.join(elsewhere.path, 'Fresh');
    mkdirSync(fresh);
    nextPick = [fresh];
    await section('library').getByTestId('library-choose').click();
    await expect.poll(() => section('library').getByTestId('library-size').textContent(), { timeout: 15_000 }).toContain('0 photos and videos');
    expect(await section('library').getByTestId('library-folder').textContent()).toBe(fresh);
    nextPick = [path.join(elsewhere.path, 'Moved')];
    await section('library').getByTestId('library-choose').click();
    await expect.poll(() => section('library').getByTestId('library-size').textContent(), { timeout: 15_000 }).toContain(`${SHOTS} photos and videos`);
  });

  test('Settings → Cameras renames an imported camera; its id stays', async () => {
    const row = section('looks').locator(`[data-testid="look-row"][data-look="${lookId}"]`);
    await row.scrollIntoViewIfNeeded();
    await shoot('settings-cameras');
    await row.getByTestId('camera-rename').click();
    await row.getByTestId('camera-name-input').fill('Amber dusk');
    await row.getByTestId('camera-save').click();
    await expect.poll(() => row.getByTestId('camera-name').textContent()).toBe('Amber dusk');
    const looks = await host.darkslide.dispatch('looks.list', {});
    expect(looks).toMatchObject({ ok: true });
    expect((looks as { value: unknown }).value).toEqual(expect.arrayContaining([expect.objectContaining({ id: lookId, name: 'Amber dusk' })]));
  });

  test("the look strip's menu deletes a camera after saying what happens to its shots", async () => {
    await page.getByRole('button', { name: 'Camera', exact: true }).click();
    const button = page.locator(`[data-look="${otherLookId}"]`).first();
    await button.scrollIntoViewIfNeeded();
    await button.click({ button: 'right' });
    await page.getByTestId('look-menu').waitFor();
    await shoot('look-menu');
    await page.getByTestId('look-menu-delete').click();
    const row = section('looks').locator(`[data-testid="look-row"][data-look="${otherLookId}"]`);
    const confirm = row.getByTestId('camera-confirm');
    await confirm.waitFor({ timeout: 15_000 });
    expect(await confirm.textContent()).toContain('Delete “Blue hour”? 2 shots were developed with it: they keep their recipe and can still be developed again.');
    await shoot('delete-confirm');
    await confirm.getByTestId('camera-confirm-delete').click();
    await expect.poll(() => row.count()).toBe(0);
    const looks = ((await host.darkslide.dispatch('looks.list', {})) as { value: { id: string }[] }).value;
    expect(looks.map((look) => look.id)).not.toContain(otherLookId);
    expect(problems).toEqual([]);
  });
});
