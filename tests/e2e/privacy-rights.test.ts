// The person's rights in Chromium against the real services: Settings → What Darkslide keeps lists every
// store with the disk's figures, "Export my data" writes one zip into the picked folder, and "Erase everything"
// behind the typed word removes the library and the personal data, then shows what the disk holds (nothing).
// The test reads the disk itself. Screenshots: out/screenshots/privacy/*-1024x700.png and *-1920x1080.png.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp, screenshots } from '../support/app.ts';
import { seedAlbum, type Seeded } from '../support/seed.ts';
import { tempDir } from '../support/temp.ts';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
const shots = path.join(screenshots, 'privacy');

describe('what Darkslide keeps, export and erase everything', () => {
  const library = tempDir('e2e-rights');
  const outDir = path.join(library.path, 'exports');
  const dataDir = path.join(library.path, '.darkslide');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let seeded: Seeded[];

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    mkdirSync(shots, { recursive: true });
    ({ host, browser, page } = await openApp(library.path, SIZES[0], { pickFiles: async () => [outDir] }));
    seeded = await seedAlbum(host.darkslide.library, 3);
    writeFileSync(path.join(dataDir, 'location.json'), JSON.stringify({ attach: false, place: { name: 'Test', latitude: 1, longitude: 2 } }));
    await page.goto(host.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  test('every store is listed with its path and the figures the disk has', async () => {
    await expect.poll(() => page.getByTestId('settings-button').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('settings-button').click();
    const section = page.getByTestId('settings-data');
    await expect.poll(() => section.isVisible(), { timeout: 10_000 }).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('store-photos-items').textContent(), { timeout: 10_000 }).toBe('3');
    for (const id of ['photos', 'originals', 'trash', 'catalog', 'jobs', 'thumbnails', 'settings', 'usage', 'consent', 'logs', 'looks', 'location', 'diagnostics', 'caches']) {
      expect(await page.getByTestId(`store-${id}`).count()).toBe(1);
    }
    expect(await page.getByTestId('store-catalog').textContent()).toContain(path.join(dataDir, 'catalog.sqlite'));
    await page.getByTestId('store-logs-see').click();
    await expect.poll(() => page.getByTestId('store-logs-files').textContent()).toContain(path.join(dataDir, 'logs'));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `stores-${size.width}x${size.height}.png`) });
    }
  });

  test('export my data: one zip in the picked folder with the catalog rows, consent ledger and logs', async () => {
    await page.setViewportSize(SIZES[0]!);
    await page.getByTestId('export-data').scrollIntoViewIfNeeded();
    await page.getByTestId('export-data').click();
    await expect.poll(() => page.getByTestId('export-done').isVisible(), { timeout: 30_000 }).toBe(true);
    const files = readdirSync(outDir);
    expect(files).toEqual([`darkslide-data-${new Date().toISOString().slice(0, 10)}.zip`]);
    const zip = path.join(outDir, files[0]!);
    const names = execFileSync('zipinfo', ['-1', zip], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining(['catalog.json', 'settings.json', 'consent-ledger.json', 'usage-record.ndjson', 'location.json']));
    expect(names.some((name) => name.startsWith('logs/'))).toBe(true);
    const catalog = JSON.parse(execFileSync('unzip', ['-p', zip, 'catalog.json'], { encoding: 'utf8' })) as { items: { id: string }[] };
    expect(catalog.items.map((item) => item.id).sort()).toEqual(seeded.map((item) => item.id).sort());
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('export-done').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `export-${size.width}x${size.height}.png`) });
    }
  });

  test('the diagnostics bundle is shown before it is saved, and saved as shown', async () => {
    await page.setViewportSize(SIZES[0]!);
    await page.getByTestId('diagnostics-show').scrollIntoViewIfNeeded();
    await page.getByTestId('diagnostics-show').click();
    await expect.poll(() => page.getByTestId('diagnostics-dialog').isVisible(), { timeout: 30_000 }).toBe(true);
    const summary = (await page.getByTestId('diagnostics-summary').textContent()) ?? '';
    expect(summary).toContain('"sharp"');
    expect(summary).not.toContain(library.path);
    expect((await page.getByTestId('diagnostics-log').textContent()) ?? '').not.toContain(library.path);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shots, `diagnostics-${size.width}x${size.height}.png`) });
    }
    await page.getByTestId('diagnostics-save').click();
    await expect.poll(() => page.getByTestId('diagnostics-saved').isVisible(), { timeout: 30_000 }).toBe(true);
    const zip = readdirSync(outDir).find((name) => name.startsWith('darkslide-diagnostics-'));
    expect(zip).toBeDefined();
    expect(execFileSync('unzip', ['-p', path.join(outDir, zip!), 'diagnostics.json'], { encoding: 'utf8' }).trim()).toBe(summary.trim());
  });

  test('erase everything needs the typed word, then the disk holds nothing of it', async () => {
    await page.setViewportSize(SIZES[0]!);
    await page.getByTestId('erase-everything').scrollIntoViewIfNeeded();
    await page.getByTestId('erase-everything').click();
    const go = page.getByTestId('erase-go');
    expect(await go.isDisabled()).toBe(true);
    await page.getByTestId('erase-confirm').fill('erase');
    expect(await go.isDisabled()).toBe(false);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shots, `erase-confirm-${size.width}x${size.height}.png`) });
    }
    await go.click();
    // The consent went with everything else: the notice comes back, saying first what the disk was found to hold.
    await expect.poll(() => page.getByTestId('erase-verified').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('privacy-consent').isVisible()).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shots, `erased-${size.width}x${size.height}.png`) });
    }
    // The disk, read by the test: no year folder, no originals or trash, no thumbnail, no settings, no place.
    expect(readdirSync(library.path).filter((name) => /^\d{4}$/.test(name) || name === '.originals' || name === '.trash')).toEqual([]);
    expect(existsSync(path.join(dataDir, 'thumbs')) ? readdirSync(path.join(dataDir, 'thumbs')) : []).toEqual([]);
    for (const name of ['settings.json', 'location.json', 'erase-pending.json']) expect(existsSync(path.join(dataDir, name))).toBe(false);
    expect((await host.darkslide.library.album.layout({ trashed: false })).total).toBe(0);
    expect(host.darkslide.privacy.ledger()).toEqual([]);
    expect(host.darkslide.privacy.usage.list(365)).toEqual([]);
    // The export the person chose to keep is theirs: erasing Darkslide's stores leaves it alone.
    expect(readdirSync(outDir)).toHaveLength(2);
  });
});
