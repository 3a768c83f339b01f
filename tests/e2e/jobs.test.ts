// The job UI end to end: the built renderer in Chromium, the real services (sharp, exiftool, SQLite, the jobs
// engine) behind the loopback transport, and the host's picker driven by the test (the paths it "chose").
// 1. Importing a folder with a bad file and a duplicate in it: the job goes on, lists the bad file with its error
//    in words, reports the duplicate as skipped; the tray stays while the view changes.
// 2. Developing the album's selection again as one job: pause, resume, cancel, and nothing left half done.
// 3. Exporting the selection with and without its location, read back with Debian's exiftool.
// Screenshots at 1024x700 and 1920x1080 in out/screenshots/jobs/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { writeShotMetadata } from '../../main/metadata/index.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';

const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1920, height: 1080 };
const SHOTS = path.join(screenshots, 'jobs');
const LISBON = { latitude: 38.7075, longitude: -9.1364 };
const PORTO = { latitude: 41.1496, longitude: -8.611 };
/** Photos in the imported folder (img-01 .. img-10, and one more in a sub-folder). */
const CARD_PHOTOS = 10;

function exif(file: string): Record<string, unknown> {
  return (JSON.parse(execFileSync('/usr/bin/exiftool', ['-j', '-a', '-G1', '-n', file], { encoding: 'utf8' })) as Record<string, unknown>[])[0]!;
}

async function photo(file: string, seed: number): Promise<void> {
  // Noise, so each photo is different content and takes real work to develop. 800x600: the jobs need photos, not
  // big ones (2000x1500 took 1.2 s each to develop and made the folder import 33 s of this file).
  const image = sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40 + seed * 13, g: 90, b: 160 - seed * 7 }, noise: { type: 'gaussian', mean: 110 + seed, sigma: 40 } } });
  // The first one as a camera wrote it, for the viewer's info.
  if (seed === 1) image.withExif({ IFD0: { Make: 'Pentax', Model: 'K-1 Mark II' }, IFD2: { ExposureTime: '1/250', FNumber: '56/10', ISOSpeedRatings: '200', FocalLength: '50/1' } });
  const data = await image.jpeg({ quality: 88 }).toBuffer();
  writeFileSync(file, data);
}

async function screenshot(page: Page, name: string): Promise<void> {
  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size);
    // The layout at the new size is done once two frames have been drawn (ResizeObserver runs before each).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SMALL);
}

describe('jobs in the app', () => {
  const library = tempDir('e2e-jobs');
  const inputs = tempDir('e2e-jobs-inputs');
  const card = path.join(inputs.path, 'card');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let nextPick: string[] = [];
  const problems: string[] = [];
  const placed: string[] = [];

  const job = (kind: string) => page.locator(`[data-testid="job"][data-kind="${kind}"]`).first();
  const albumCount = async () => Number(/\d+/.exec((await page.getByTestId('album-count').textContent()) ?? '')?.[0]);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(path.join(card, 'nested'), { recursive: true });
    await Promise.all([
      ...Array.from({ length: CARD_PHOTOS }, (_, i) => photo(path.join(card, `img-${String(i + 1).padStart(2, '0')}.jpg`), i + 1)),
      photo(path.join(card, 'nested', 'img-11.jpg'), 11),
    ]);
    // The same content under another name: imported once, the other one skipped.
    copyFileSync(path.join(card, 'img-01.jpg'), path.join(card, 'copy-of-01.jpg'));
    // Not a photo, whatever its name says.
    writeFileSync(path.join(card, 'broken.jpg'), Buffer.from('this is not a JPEG at all, just text pretending to be one'.repeat(40)));

    ({ host, browser, page } = await openApp(library.path, SMALL, {
      pickFiles: async () => {
        const chosen = nextPick;
        nextPick = [];
        return chosen;
      },
    }));
    page.on('pageerror', (error) => problems.push(error.message));
    // Two shots that know where they were taken, for the export.
    for (const [i, gps] of [LISBON, PORTO].entries()) {
      const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: ['#8a5a3c', '#3c6a8a'][i]! } }).jpeg({ quality: 85 }).toBuffer();
      const takenAt = new Date(Date.UTC(2024, 4, 1, 9, i * 10));
      const item = await host.darkslide.library.addShot({
        kind: 'photo',
        data,
        ext: 'jpg',
        width: 900,
        height: 600,
        takenAt,
        lookId: 'harbor-400',
        lookName: 'Harbor 400',
        recipe: null,
        location: gps,
        beforeCommit: (temp) => writeShotMetadata(temp, { takenAt, utcOffsetMinutes: 60, make: 'Darkslide', model: 'Harbor 400', software: 'Darkslide test', gps }),
      });
      placed.push(item.id);
    }
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await page.locator('[data-testid="album-tile"]').nth(1).waitFor({ timeout: 30_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    inputs.remove();
  });

  test('a folder imports as a job: the bad file is listed with its error, the duplicate skipped, the rest imported', async () => {
    await page.keyboard.press('i');
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    nextPick = [card];
    await dialog.getByTestId('import-choose-folder').click();
    await expect.poll(() => dialog.getByTestId('import-chosen').textContent()).toContain('card');
    await dialog.getByTestId('develop-look').selectOption('silverline-100');
    await screenshot(page, 'import-dialog');
    await dialog.getByTestId('import-start').click();
    await dialog.waitFor({ state: 'detached' });

    const row = job('import');
    await row.waitFor();
    // It counts the folder's files (the sub-folder's too), then goes through them.
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 180_000 }).toBe('finished');
    expect(await row.getByTestId('job-count').textContent()).toBe(`${CARD_PHOTOS + 3} of ${CARD_PHOTOS + 3}`);
    const errors = row.getByTestId('job-error');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().locator('.name').textContent()).toBe('broken.jpg');
    expect(await errors.first().locator('.why').textContent()).toMatch(/"broken\.jpg" is not a photo Darkslide can read/);
    expect(await row.getByTestId('job-skipped').textContent()).toBe('1 file was already in the album: skipped');
    await expect.poll(albumCount, { timeout: 30_000 }).toBe(2 + CARD_PHOTOS + 1);
    await screenshot(page, 'import-finished');

    // The viewer's info names the file it came from, the recipe, and the camera data of the kept original.
    // img-01.jpg or its copy, whichever the walk met first (the other was skipped as the same content).
    const imported = (await host.darkslide.library.list({ limit: 100 })).items.find((item) => /(^|-)01\.jpg$/.test(item.sourceName ?? ''))!;
    await page.setViewportSize(LARGE);
    await page.locator(`[data-testid="album-tile"][data-id="${imported.id}"]`).dblclick();
    const info = page.getByTestId('info-panel');
    if (!(await info.isVisible())) await page.keyboard.press('i');
    expect(await info.getByTestId('info-source').textContent()).toBe(imported.sourceName);
    expect(await info.getByTestId('info-file').textContent()).toContain(imported.fileName);
    expect(await info.getByTestId('info-recipe').textContent()).toBe(`colour 100%, grain & effects 100%, seed ${(imported.recipe as { seed: number }).seed}`);
    const exif = info.getByTestId('info-exif');
    await expect.poll(() => exif.locator('h3').textContent(), { timeout: 15_000 }).toBe('Camera data of the original (EXIF)');
    const rows = Object.fromEntries(await exif.locator('dd').evaluateAll((cells) => cells.map((cell) => [(cell as HTMLElement).dataset.exif, cell.textContent])));
    expect(rows).toMatchObject({ make: 'Pentax', model: 'K-1 Mark II', exposureTime: '1/250 s', fNumber: 'f/5.6', iso: '200', focalLength: '50 mm' });
    // The finished job's tray is still up: it sits above the view's buttons, not over them.
    const tray = (await page.getByTestId('jobs-tray').boundingBox())!;
    const bar = (await page.locator('.photo-info').boundingBox())!;
    expect(tray.y + tray.height).toBeLessThanOrEqual(bar.y);
    await page.screenshot({ path: path.join(SHOTS, 'imported-info-1920x1080.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('photo-view').waitFor({ state: 'detached' });

    // The tray is the app's, not the album's: it is there in the camera view, and back in the album.
    await page.keyboard.press('c');
    await row.waitFor();
    await page.keyboard.press('a');
    await row.waitFor();
    // J hides and shows it.
    await page.keyboard.press('j');
    await row.waitFor({ state: 'detached' });
    await page.keyboard.press('j');
    await row.waitFor();
    await row.getByTestId('job-dismiss').click();
    await row.waitFor({ state: 'detached' });
  }, 240_000);

  test('files the page holds (a plain browser host) are uploaded, then imported under their own names', async () => {
    const loose = path.join(inputs.path, 'loose');
    mkdirSync(loose);
    await photo(path.join(loose, 'beach.jpg'), 21);
    writeFileSync(path.join(loose, 'torn.png'), Buffer.from('not a PNG'));
    const before = await albumCount();
    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    // What <input type=file> gives the page; the card's img-05 is already in the album.
    await dialog.getByTestId('import-files').setInputFiles([path.join(loose, 'beach.jpg'), path.join(loose, 'torn.png'), path.join(card, 'img-05.jpg')]);
    await expect.poll(() => dialog.getByTestId('import-chosen').textContent()).toContain('beach.jpg');
    await dialog.getByTestId('import-start').click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    const row = job('import');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 120_000 }).toBe('finished');
    expect(await row.getByTestId('job-count').textContent()).toBe('3 of 3');
    expect(await row.locator('[data-testid="job-error"] .name').allTextContents()).toEqual(['torn.png']);
    expect(await row.locator('[data-testid="job-error"] .why').textContent()).toMatch(/"torn\.png" is not a photo/);
    expect(await row.getByTestId('job-skipped').textContent()).toBe('1 file was already in the album: skipped');
    await expect.poll(albumCount, { timeout: 30_000 }).toBe(before + 1);
    // The uploaded copies are gone once the job has ended.
    await expect.poll(() => readdirSync(path.join(library.path, '.darkslide', 'uploads'), { recursive: true }).filter((name) => String(name).includes('.')).length, { timeout: 10_000 }).toBe(0);
    await row.getByTestId('job-dismiss').click();
  }, 180_000);

  test('developing the selection again is one job that pauses, resumes and cancels', async () => {
    // Enough work that a fast machine is still developing when the test pauses, resumes and cancels: 40 more
    // shots, each its own content (the same content and recipe would be skipped as already developed). The job
    // has some 54 photos; Pause is pressed as it starts and Cancel as soon as it goes on after Resume, so the
    // margin is in the count of photos, not their size: 800x600 develops in a third of a second here (1600x1200
    // took 0.8 s and made this test 53 s).
    const sources = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sharp({ create: { width: 800, height: 600, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 }, noise: { type: 'gaussian', mean: 100 + i, sigma: 30 } } }).jpeg({ quality: 85 }).toBuffer(),
      ),
    );
    for (const [i, data] of sources.entries()) {
      await host.darkslide.library.addShot({ kind: 'photo', data, ext: 'jpg', width: 800, height: 600, takenAt: new Date(Date.UTC(2023, 0, 1, 12, i)), lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, original: data });
    }
    await expect.poll(albumCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    await page.locator('[data-testid="album-tile"]').first().click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+a');
    await page.getByTestId('bulk-develop').click();
    const dialog = page.getByTestId('develop-job-dialog');
    await dialog.waitFor();
    const before = await albumCount();
    expect(await dialog.getByTestId('develop-job-start').textContent()).toBe(`Develop ${before} shots`);
    await dialog.getByTestId('develop-look').selectOption('nocturne-3200');
    await dialog.getByTestId('develop-job-start').click();
    await dialog.waitFor({ state: 'detached' });

    const row = job('develop');
    await row.waitFor();
    await row.getByTestId('job-pause').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('paused');
    const jobId = (await row.getAttribute('data-job-id'))!;
    // Pause takes effect after the items in hand (at most the job's concurrency, 2): let those settle first.
    const atPause = (await host.darkslide.jobs.get(jobId)).done;
    // settled: paused with nothing left in hand.
    expect((await host.darkslide.jobs.settled(jobId)).done - atPause).toBeLessThanOrEqual(2);
    const paused = await host.darkslide.jobs.get(jobId);
    expect(paused.done).toBeLessThan(paused.total);
    // Paused means paused: nothing more settles while it waits.
    await page.waitForTimeout(1500);
    expect((await host.darkslide.jobs.get(jobId)).done).toBe(paused.done);
    expect(await row.getByTestId('job-count').textContent()).toBe(`${paused.done} of ${paused.total}`);
    await screenshot(page, 'develop-paused');

    await row.getByTestId('job-resume').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('running');
    await screenshot(page, 'develop-running');
    // Cancel as soon as it is seen going on again: the rest of the job (dozens of photos) is still to do.
    await expect.poll(async () => (await host.darkslide.jobs.get(jobId)).done, { timeout: 60_000 }).toBeGreaterThan(paused.done);
    await row.getByTestId('job-cancel').click();
    // Shown at once, before main's answer comes back.
    expect(await row.getAttribute('data-state')).toBe('cancelled');
    const settled = await host.darkslide.jobs.settled(jobId);
    expect(settled.state).toBe('cancelled');
    expect(settled.done).toBeLessThan(settled.total);
    // A photo already being filed when the cancel came is filed and counted done (at most the job's concurrency,
    // 2); nothing else settles after the cancel. Then every photo the job counts is in the album, and no other.
    await page.waitForTimeout(1500);
    const final = await host.darkslide.jobs.get(jobId);
    expect(final.done - settled.done).toBeGreaterThanOrEqual(0);
    expect(final.done - settled.done).toBeLessThanOrEqual(2);
    const counted = final.done - final.failed - final.skipped;
    await expect.poll(() => row.getByTestId('job-summary').textContent(), { timeout: 10_000 }).toContain(`${counted} done`);
    await expect.poll(async () => (await albumCount()) - before, { timeout: 30_000 }).toBe(counted);
    await screenshot(page, 'develop-cancelled');
    await row.getByTestId('job-dismiss').click();
    await page.keyboard.press('Escape');
  }, 240_000);

  async function exportPlaced(policy: 'keep' | 'no-location', folder: string): Promise<string[]> {
    mkdirSync(folder, { recursive: true });
    await page.keyboard.press('Escape');
    // Only the placed photos on screen (the Place filter): among the develop job's dozens they may be scrolled off.
    await page.getByTestId('album-location').selectOption('with');
    for (const id of placed) await page.locator(`[data-testid="album-tile"][data-id="${id}"]`).click({ modifiers: ['Control'], timeout: 60_000 });
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 selected');
    await page.getByTestId('bulk-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    nextPick = [folder];
    await dialog.getByTestId('export-folder').click();
    await expect.poll(() => dialog.getByTestId('export-folder-name').textContent()).toBe(path.basename(folder));
    await dialog.getByTestId(`export-policy-${policy}`).check();
    await dialog.getByTestId('export-name').fill('{original}-{seq}');
    if (policy === 'keep') await screenshot(page, 'export-dialog');
    await dialog.getByTestId('export-start').click();
    const report = dialog.getByTestId('export-report');
    await report.waitFor({ timeout: 120_000 });
    await expect.poll(() => dialog.locator('[data-testid="export-row"][data-state="done"]').count(), { timeout: 30_000 }).toBe(2);
    if (policy === 'keep') await screenshot(page, 'export-report');
    const written = await dialog.locator('[data-testid="export-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file') ?? ''));
    await dialog.getByTestId('export-close').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('album-location').selectOption('');
    return written;
  }

  test('exporting with the location keeps it, without it leaves none, as exiftool reads the files', async () => {
    const kept = path.join(inputs.path, 'export-kept');
    const written = await exportPlaced('keep', kept);
    expect(readdirSync(kept).sort()).toEqual([...written].sort());
    const positions = readdirSync(kept).map((name) => {
      const tags = exif(path.join(kept, name));
      return { latitude: tags['Composite:GPSLatitude'] as number, longitude: tags['Composite:GPSLongitude'] as number };
    });
    for (const expected of [LISBON, PORTO]) {
      expect(positions.some((found) => Math.abs(found.latitude - expected.latitude) < 1e-5 && Math.abs(found.longitude - expected.longitude) < 1e-5)).toBe(true);
    }

    const stripped = path.join(inputs.path, 'export-stripped');
    await exportPlaced('no-location', stripped);
    const files = readdirSync(stripped);
    expect(files).toHaveLength(2);
    for (const name of files) {
      const tags = exif(path.join(stripped, name));
      expect(Object.keys(tags).filter((key) => /GPS|Location|Coordinates/i.test(key))).toEqual([]);
      // Everything but the location: the capture time is still there.
      expect(Object.keys(tags).some((key) => key.endsWith(':DateTimeOriginal'))).toBe(true);
    }
  }, 240_000);

  test('no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
