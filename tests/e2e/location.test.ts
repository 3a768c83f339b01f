// Location end to end: the built renderer in Chromium, the real services behind the loopback transport. The
// viewer's info panel (capture time with its offset, coordinates, nearest town, a map drawn from bundled
// Natural Earth outlines), and the geotag dialog: a GPX chosen as a file, positions that move on the map as the
// camera-clock offset moves, writing as a job, the album's location filter following, and undo. Files are read
// back with Debian's exiftool. Screenshots at 720x520, 1280x860 and 1920x1080 in out/screenshots.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { writeShotMetadata } from '../../main/metadata/index.ts';
import { openApp, screenshots } from '../support/app.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';
import { tempDir } from '../support/temp.ts';

const SIZES = [
  { width: 720, height: 520 },
  { width: 1280, height: 860 },
  { width: 1920, height: 1080 },
];
const START = Date.UTC(2024, 4, 1, 9, 0, 0);

/** A walk through Lisbon's Baixa, one fix every 30 s for an hour: t seconds in → position. */
function walkAt(t: number): { lat: number; lon: number } {
  return { lat: 38.7075 + 0.006 * Math.sin(t / 1200), lon: -9.1364 + 0.008 * (t / 3600) };
}

function gpx(): string {
  const points: string[] = [];
  for (let t = 0; t <= 3600; t += 30) {
    const { lat, lon } = walkAt(t);
    points.push(`<trkpt lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"><ele>20</ele><time>${new Date(START + t * 1000).toISOString()}</time></trkpt>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>\n${points.join('\n')}\n</trkseg></trk></gpx>\n`;
}

function gps(file: string): { lat: number; lon: number } | null {
  const tags = (JSON.parse(execFileSync('/usr/bin/exiftool', ['-j', '-n', '-Composite:GPSLatitude', '-Composite:GPSLongitude', file], { encoding: 'utf8' })) as Record<string, number>[])[0]!;
  return tags.GPSLatitude === undefined ? null : { lat: tags.GPSLatitude, lon: tags.GPSLongitude! };
}

/** Geotag… is an action on the album's selection: every shot selected (Ctrl+click a tile, then Ctrl+A). */
async function openGeotag(page: Page): Promise<void> {
  await page.locator('[data-testid="album-tile"]').first().click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+a');
  await page.getByTestId('bulk-geotag').click();
}

describe('location', () => {
  const library = tempDir('e2e-location');
  const inputs = tempDir('e2e-location-inputs');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    writeFileSync(path.join(inputs.path, 'baixa-walk.gpx'), gpx());
    await agreeToPrivacyNotice(path.join(library.path, '.darkslide'));
    ({ host, browser, page } = await openApp(library.path, { width: 1280, height: 860 }));
    page.on('pageerror', (error) => problems.push(error.message));
    // Four shots taken in Lisbon at +01:00. "placed" already has a location (Praça do Comércio); the others do not;
    // "late" was taken two hours after the walk ended.
    const shots = [
      { name: 'placed', minutes: 20, gps: { latitude: 38.7075, longitude: -9.1364 } },
      { name: 'early', minutes: 10 },
      { name: 'middle', minutes: 25 },
      { name: 'late', minutes: 180 },
    ];
    for (const [i, shot] of shots.entries()) {
      const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: ['#8a5a3c', '#3c6a8a', '#6a8a3c', '#8a3c6a'][i]! } }).jpeg({ quality: 85 }).toBuffer();
      const takenAt = new Date(START + shot.minutes * 60_000);
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
        location: shot.gps ?? null,
        beforeCommit: (temp) => writeShotMetadata(temp, { takenAt, utcOffsetMinutes: 60, make: 'Darkslide', model: 'Harbor 400', software: 'Darkslide test', gps: shot.gps ?? null }),
      });
      ids[shot.name] = item.id;
    }
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await page.locator('[data-testid="album-tile"]').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    inputs.remove();
  });

  const file = async (name: string) => host.darkslide.library.mediaPath(ids[name]!, 'original');

  test('the info panel shows the capture time with its offset, the place and a map', async () => {
    await page.locator(`[data-testid="album-tile"][data-id="${ids.placed}"]`).dblclick(); // A click selects in the album; a double click opens the shot.
    const panel = page.getByTestId('info-panel');
    await panel.waitFor({ timeout: 15_000 });
    // 09:20 UTC at +01:00, as the camera wrote it.
    await expect.poll(() => panel.getByTestId('info-taken').textContent(), { timeout: 30_000 }).toBe('2024-05-01 10:20:00 (UTC+01:00)');
    await expect.poll(() => panel.getByTestId('info-location').textContent(), { timeout: 30_000 }).toBe('38.70750° N, 9.13640° W');
    await expect.poll(() => panel.getByTestId('info-near').textContent(), { timeout: 15_000 }).toBe('Lisbon, Portugal (1\u00a0km)');
    // A shot: its own file's name and camera data (Darkslide's), no source file, no recipe stored for this one.
    const shot = (await host.darkslide.library.get(ids.placed!))!;
    expect(await panel.getByTestId('info-file').textContent()).toContain(shot.fileName);
    expect(await panel.getByTestId('info-source').count()).toBe(0);
    expect(await panel.getByTestId('info-recipe').count()).toBe(0);
    const exif = panel.getByTestId('info-exif');
    expect(await exif.locator('h3').textContent()).toBe('Camera data (EXIF)');
    expect(await exif.locator('[data-exif="make"]').textContent()).toBe('Darkslide');
    expect(await exif.locator('[data-exif="model"]').textContent()).toBe('Harbor 400');
    expect(await exif.locator('[data-exif="software"]').textContent()).toBe('Darkslide test');
    // The outlines load lazily: the land path fills in, and the point sits inside the map.
    await page.waitForFunction(() => (document.querySelector('[data-testid="info-map"] .ds-map-land')?.getAttribute('d') ?? '').length > 1000, null, { timeout: 15_000 });
    const point = page.locator('[data-testid="info-map"] [data-testid="map-point"]');
    expect(await point.count()).toBe(1);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      if (!(await panel.isVisible())) await page.keyboard.press('i');
      await panel.waitFor();
      const box = await panel.boundingBox();
      expect(box && box.x + box.width <= size.width + 1 && box.y + box.height <= size.height + 1).toBe(true);
      // The coordinates as they are laid out, line by line: a narrow panel may break between the two, never
      // inside one (at 720 px a lone "W" sat on a line of its own).
      const lines = await panel.getByTestId('info-location').evaluate((element) => {
        const byLine = new Map<number, string>();
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = Math.round(range.getClientRects()[0]?.top ?? -1);
            byLine.set(top, (byLine.get(top) ?? '') + node.textContent![i]);
          }
        }
        return [...byLine.values()].map((line) => line.trim()).filter(Boolean);
      });
      expect(lines.join(' '), `${size.width}x${size.height}`).toBe('38.70750° N, 9.13640° W');
      for (const line of lines) expect(line, `${size.width}x${size.height}: ${JSON.stringify(lines)}`).toMatch(/^\d+\.\d{5}° [NS],?( \d+\.\d{5}° [EW])?$|^\d+\.\d{5}° [EW]$/);
      await page.screenshot({ path: path.join(screenshots, `location-info-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.keyboard.press('Escape');
  });

  test('the geotag dialog matches a GPX, moves the positions with the offset, writes, filters and undoes', async () => {
    if (await page.getByTestId('photo-view').isVisible()) await page.keyboard.press('Escape');
    const before = gps(await file('placed'));
    await openGeotag(page);
    const dialog = page.getByTestId('geotag-dialog');
    await dialog.waitFor();
    await page.getByTestId('geotag-file').setInputFiles(path.join(inputs.path, 'baixa-walk.gpx'));
    await expect.poll(() => page.getByTestId('geotag-track-summary').textContent(), { timeout: 20_000 }).toMatch(/^baixa-walk\.gpx: 121 positions/);
    await expect.poll(() => page.locator('[data-testid="geotag-result"][data-status="tagged"]').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.locator('[data-testid="geotag-result"][data-status="too-far"]').count()).toBe(1);
    expect(await page.locator('[data-testid="geotag-result"][data-status="too-far"] .why').textContent()).toBe('120 minutes after the track ends');

    // Moving the clock moves the points on the map.
    const where = () => page.locator('[data-testid="geotag-map"] [data-testid="map-point"]').evaluateAll((points) => points.map((point) => point.getAttribute('data-xy')).join(' '));
    const atZero = await where();
    await page.getByTestId('geotag-offset').fill('600');
    await expect.poll(() => page.getByTestId('geotag-offset-value').textContent(), { timeout: 20_000 }).toBe('+00:10:00');
    await expect.poll(where, { timeout: 30_000 }).not.toBe(atZero);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      // Every control is reachable: the dialog scrolls inside the window, its buttons stay on screen when scrolled to.
      await page.getByTestId('geotag-apply').scrollIntoViewIfNeeded();
      const apply = await page.getByTestId('geotag-apply').boundingBox();
      expect(apply && apply.y + apply.height <= size.height && apply.x + apply.width <= size.width).toBe(true);
      await page.getByTestId('geotag-map').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, `location-geotag-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });

    // Back to no offset, then write.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(where, { timeout: 30_000 }).toBe(atZero);
    await page.getByTestId('geotag-apply').click();
    await expect.poll(() => page.getByTestId('geotag-done').textContent(), { timeout: 60_000 }).toContain('3 shots tagged.');

    // The files, read by Debian's exiftool: the walk's position at each photo's time (20, 10 and 25 minutes in).
    for (const [name, minutes] of [['placed', 20], ['early', 10], ['middle', 25]] as const) {
      const expected = walkAt(minutes * 60);
      const got = gps(await file(name));
      expect(got?.lat, name).toBeCloseTo(expected.lat, 6);
      expect(got?.lon, name).toBeCloseTo(expected.lon, 6);
    }
    expect(gps(await file('late'))).toBeNull();
    // The album's location filter follows.
    expect((await host.darkslide.library.list({ location: 'with' })).items.map((item) => item.id).sort()).toEqual([ids.placed, ids.early, ids.middle].sort());
    await page.screenshot({ path: path.join(screenshots, 'location-geotag-done-1280x860.png') });

    await page.getByTestId('geotag-undo').click();
    await expect.poll(() => page.getByTestId('geotag-done').textContent(), { timeout: 30_000 }).toContain('Undone');
    expect(gps(await file('early'))).toBeNull();
    const restored = gps(await file('placed'));
    expect(restored?.lat).toBeCloseTo(before!.lat, 6);
    expect(restored?.lon).toBeCloseTo(before!.lon, 6);
    expect((await host.darkslide.library.list({ location: 'with' })).items.map((item) => item.id)).toEqual([ids.placed]);
    await page.getByTestId('geotag-close').click();

    // The album's Place filter: the one shot with a location, then the three without, then all four again.
    const shown = () => page.locator('[data-testid="album-tile"]').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-id')).sort());
    await page.keyboard.press('Escape');
    await page.getByTestId('album-location').selectOption('with');
    await expect.poll(shown, { timeout: 15_000 }).toEqual([ids.placed]);
    await page.getByTestId('album-location').selectOption('without');
    await expect.poll(shown, { timeout: 15_000 }).toEqual([ids.early, ids.middle, ids.late].sort());
    await page.getByTestId('album-location').selectOption('');
    await expect.poll(shown, { timeout: 15_000 }).toHaveLength(4);
    expect(problems).toEqual([]);
  });

  test('a hostile track is refused in the dialog with the file and line, and nothing is written', async () => {
    if (await page.getByTestId('geotag-dialog').isVisible()) await page.keyboard.press('Escape');
    writeFileSync(path.join(inputs.path, 'bomb.gpx'), '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<gpx>&b;</gpx>\n');
    await openGeotag(page);
    await page.getByTestId('geotag-file').setInputFiles(path.join(inputs.path, 'bomb.gpx'));
    await expect.poll(() => page.getByTestId('geotag-error').textContent(), { timeout: 20_000 }).toContain('"bomb.gpx" declares XML entities (line 2)');
    expect(await page.getByTestId('geotag-apply').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(gps(await file('early'))).toBeNull();
  });

  test('Settings → Location: off by default, a town picked from the list, and the viewfinder shows it', async () => {
    if (await page.getByTestId('geotag-dialog').isVisible()) await page.keyboard.press('Escape');
    await page.getByTestId('settings-button').click();
    const section = page.getByTestId('settings-location');
    await section.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('location-attach').isChecked()).toBe(false);
    await page.getByTestId('location-search').fill('Lisb');
    await page.getByTestId('location-result').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('location-result').first().textContent()).toBe('Lisbon, Portugal');
    await page.getByTestId('location-result').first().click();
    await expect.poll(() => page.getByTestId('location-attach').isChecked(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('location-current').textContent(), { timeout: 20_000 }).toContain('Lisbon, Portugal38.71670° N, 9.13330° W');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, `location-settings-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Camera', exact: true }).click();
    await expect.poll(() => page.getByTestId('location-badge').textContent(), { timeout: 20_000 }).toBe('Location on: Lisbon, Portugal');
    await page.screenshot({ path: path.join(screenshots, 'location-viewfinder-1280x860.png') });
  });
});
