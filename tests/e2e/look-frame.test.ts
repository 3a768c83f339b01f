// The viewfinder shows what the photo will look like around the picture: a framed look's print (border,
// rebate, half-frame pair) and the date imprint, where the still puts them. Real renderer, real services.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { developStill, listLooks, previewLook } from '../../main/looks/index.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';


type Box = { x: number; y: number; width: number; height: number };
const CAMERA = { width: 960, height: 540, fps: 15 };

describe('viewfinder: frames and date imprint', () => {
  const library = tempDir('e2e-frame');
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path));
    // The demo camera at 960x540, 15 fps (as a webcam's kept setting would have it): what the viewfinder frames and
    // where the photo puts its picture are proportions of the frame, whatever its size. At the demo's own
    // 1920x1080@30, ffmpeg and the page's software WebGL (a grain plate per camera) kept both cores busy and
    // every step waited seconds for them (146 s alone). Not smaller: below 250,000 pixels a photo develops on the
    // main thread, and on a busy machine its seconds of grain looked like a camera frozen for 6 s.
    const kept = await host.darkslide.dispatch('settings.setDevice', { deviceId: 'demo', patch: { size: { width: CAMERA.width, height: CAMERA.height }, fps: CAMERA.fps } });
    if (!kept.ok) throw new Error(`settings.setDevice failed: ${kept.error.message}`);
    // Grain at 0 (the panel's slider, kept by the page): prints, crops and the date imprint are drawn as before, but
    // the viewfinder builds no grain plate in software WebGL for each camera (seconds each) and a press develops no
    // grain. The stills this file compares the viewfinder with are developed without grain too.
    await page.addInitScript(() => {
      if (!localStorage.getItem('darkslide.ui')) localStorage.setItem('darkslide.ui', JSON.stringify({ state: { grain: 0 }, version: 0 }));
    });
    await page.goto(host.url);
    await page.getByTestId('device-select').selectOption('demo');
    await page.waitForFunction(() => document.querySelector('[data-testid="viewfinder"]')?.hasAttribute('data-painted'), undefined, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  /** A camera frame painted after this call: the viewfinder shows what was just chosen (for the screenshots). */
  const painted = async () => {
    const seen = Number(await page.getByTestId('viewfinder').getAttribute('data-painted'));
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="viewfinder"]')?.getAttribute('data-painted')) > n, seen, { timeout: 30_000 });
  };

  const box = async (selector: string): Promise<Box> => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not on screen`);
    return found;
  };

  test('an instant camera shows its print: a square picture in a cream border, thicker at the bottom', async () => {
    await page.locator('[data-look="moment-square"]').click();
    await expect.poll(() => page.locator('.frame-box').getAttribute('data-print')).toBe('true');
    const frame = await box('.frame-box');
    const hole = await box('.print-hole');
    // The photo keeps a 1:1 crop of the 16:9 camera frame: the hole is square and shows exactly that.
    expect(Math.abs(hole.width - hole.height)).toBeLessThanOrEqual(2);
    const side = hole.x - frame.x;
    const bottom = frame.y + frame.height - (hole.y + hole.height);
    expect(side).toBeGreaterThan(4);
    expect(bottom).toBeGreaterThan(3 * side);
    const canvas = await box('[data-testid="viewfinder"]');
    expect(canvas.width / hole.width).toBeCloseTo(16 / 9, 1);
    // The camera's photos are 960x540: the square keeps 540x540, and the frame goes around it.
    expect(await page.getByTestId('photo-size').textContent()).toBe('Photo 540×540 + frame');
    await painted();
    await page.screenshot({ path: path.join(screenshots, 'print-instant.png') });
  });

  test('35 mm and half-frame looks show the film around the picture', async () => {
    await page.locator('[data-look="nocturne-3200"]').click();
    await expect.poll(() => page.locator('[data-testid="print-preview"] rect').count()).toBeGreaterThan(12);
    await expect.poll(() => page.locator('[data-testid="print-preview"] text').textContent()).toContain('DARKSLIDE');
    const hole = await box('.print-hole');
    expect(hole.width / hole.height).toBeCloseTo(3 / 2, 1);
    await page.screenshot({ path: path.join(screenshots, 'print-35mm.png') });

    // A half-frame camera's press takes a tall half (18 x 24 mm) of the frame.
    await page.locator('[data-look="twin-half"]').click();
    await expect.poll(async () => { const half = await box('.print-hole'); return half.width / half.height; }).toBeCloseTo(3 / 4, 1);
  });

  test('the date imprint sits in the bottom right of what the photo keeps, and follows a mirrored save', async () => {
    await page.locator('[data-look="snapbox-800"]').click();
    await expect.poll(() => page.locator('.frame-box').getAttribute('data-print')).toBe('false');
    await page.getByTestId('stamp-preview').waitFor({ state: 'attached' });
    const canvas = await box('[data-testid="viewfinder"]');
    // snapbox keeps a 3:2 centre crop of the 16:9 frame.
    const keptWidth = canvas.height * 1.5;
    const kept = { x: canvas.x + (canvas.width - keptWidth) / 2, y: canvas.y, width: keptWidth, height: canvas.height };
    expect(await page.getByTestId('photo-size').textContent()).toBe('Photo 810×540');
    const stamp = await box('[data-testid="stamp-preview"] g');
    expect(stamp.x).toBeGreaterThan(kept.x + kept.width / 2);
    expect(stamp.x + stamp.width).toBeLessThan(kept.x + kept.width);
    expect(stamp.y).toBeGreaterThan(kept.y + kept.height / 2);
    expect(stamp.y + stamp.height).toBeLessThan(kept.y + kept.height);
    // Glyphs 4.5 % of the short side tall, as the still draws them (the box adds padding and glow).
    expect(stamp.height).toBeGreaterThan(kept.height * 0.045);
    expect(stamp.height).toBeLessThan(kept.height * 0.12);
    await page.screenshot({ path: path.join(screenshots, 'stamp.png') });

    // Mirrored on screen but saved true to life: the photo's bottom right is on the left here.
    await page.keyboard.press('m');
    // Mirroring restarts the capture: on a busy machine that takes more than the default 5 s.
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-mirrored'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(
        async () => {
          const mirrored = await box('[data-testid="stamp-preview"] g');
          return mirrored.x + mirrored.width < kept.x + kept.width / 2;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.keyboard.press('m');
  });

  /** The photos in the album folder (not the kept originals), newest last. */
  const photos = () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.jpg')) found.push(file);
      }
    };
    walk(library.path);
    return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  };

  test('for every camera, the viewfinder shows what the photo keeps: its print and where the picture is in it', async () => {
    // The still is developed from a grey frame of the camera's size. A Twin Half print gets a second press for
    // its right half.
    const grey = await sharp({ create: { width: CAMERA.width, height: CAMERA.height, channels: 3, background: { r: 128, g: 128, b: 128 } } }).raw().toBuffer();
    const frame = { raw: grey, width: CAMERA.width, height: CAMERA.height, channels: 3 as const };
    const checked: string[] = [];
    // The stills develop in Node while the page changes camera: neither waits for the other.
    const stills = new Map(
      listLooks().map((look) => {
        const pair = previewLook(look.id).params.print?.pair;
        const still = developStill(frame, { lookId: look.id, grain: 0, seed: 1, format: 'png', dateStamp: null, ...(pair ? { second: frame } : {}) });
        // Awaited in the loop below; a rejection before then must not count as unhandled.
        still.catch(() => undefined);
        return [look.id, still] as const;
      }),
    );
    for (const look of listLooks()) {
      const params = previewLook(look.id).params;
      await page.locator(`[data-look="${look.id}"]`).click();
      await expect.poll(() => page.locator('.frame-box').getAttribute('data-print')).toBe(params.print ? 'true' : 'false');
      const still = await stills.get(look.id)!;
      if (!params.print) {
        // No print: the photo is the crop the viewfinder names.
        const named = `Photo ${still.width}×${still.height}`;
        await expect.poll(() => page.getByTestId('photo-size').textContent()).toBe(named).catch(() => undefined);
        expect(await page.getByTestId('photo-size').textContent(), look.id).toBe(named);
        checked.push(`${look.id}: ${still.width}x${still.height}`);
        continue;
      }
      // Wait for this look's layout (the box takes the print's shape), then read where the picture goes.
      await expect.poll(async () => { const b = await box('.frame-box'); return Math.abs(b.width / b.height - still.width / still.height) < 0.02; }).toBe(true);
      const frameBox = await box('.frame-box');
      const slots = [await box('.print-hole'), ...(params.print.pair ? [await box('[data-testid="half-slot"]')] : [])];
      const { data, info } = await sharp(still.data).raw().toBuffer({ resolveWithObject: true });
      const background = [1, 3, 5].map((i) => parseInt(params.print!.background.slice(i, i + 2), 16));
      // Every part of the photo the viewfinder shows as picture is picture in the photo, not film or border.
      for (const slot of slots) {
        for (let i = 1; i < 10; i++)
          for (let j = 1; j < 10; j++) {
            const x = Math.round((((slot.x - frameBox.x) + (slot.width * i) / 10) / frameBox.width) * info.width);
            const y = Math.round((((slot.y - frameBox.y) + (slot.height * j) / 10) / frameBox.height) * info.height);
            const at = (y * info.width + x) * info.channels;
            const distance = Math.max(...background.map((c, k) => Math.abs(data[at + k]! - c)));
            expect(distance, `${look.id}: (${x}, ${y}) of the ${info.width}x${info.height} photo is print, the viewfinder shows picture there`).toBeGreaterThan(24);
          }
      }
      checked.push(`${look.id}: print ${info.width}x${info.height}, ${slots.length} picture(s)`);
    }
    console.log(`viewfinder vs photo:\n${checked.join('\n')}`);
  });

  test('Twin Half: two presses make one print, the viewfinder shows the half taken and the half next; a lone half is kept', async () => {
    await page.locator('[data-look="twin-half"]').click();
    await expect.poll(() => page.getByTestId('half-badge').getAttribute('data-next')).toBe('0');
    const before = photos().length;
    // The live picture is in the left half first, the right half waits.
    const first = await box('.print-hole');
    const other = await box('[data-testid="half-slot"]');
    expect(first.x).toBeLessThan(other.x);
    await page.screenshot({ path: path.join(screenshots, 'twin-half-1-of-2.png') });

    await page.getByTestId('shutter').click();
    await expect.poll(() => page.getByTestId('half-badge').getAttribute('data-next'), { timeout: 30_000 }).toBe('1');
    await page.getByTestId('half-first').waitFor({ state: 'visible' });
    // Nothing is filed yet; the live picture moved to the right half and the first half shows on the left.
    expect(photos().length).toBe(before);
    const second = await box('.print-hole');
    const taken = await box('[data-testid="half-first"]');
    expect(taken.x).toBeLessThan(second.x);
    await expect.poll(() => page.getByTestId('half-first').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), { timeout: 30_000 }).toBe(true);
    for (const [width, height] of [[720, 520], [1920, 1080], [1280, 860]] as const) {
      await page.setViewportSize({ width, height });
      await painted();
      await page.screenshot({ path: path.join(screenshots, `twin-half-2-of-2-${width}x${height}.png`) });
    }

    await page.getByTestId('shutter').click();
    await expect.poll(() => photos().length, { timeout: 30_000 }).toBe(before + 1);
    // The file is on disk before the catalog has it and the page hears back: on a busy machine, seconds later.
    await expect.poll(() => page.getByTestId('half-badge').getAttribute('data-next'), { timeout: 30_000 }).toBe('0');
    const pair = await sharp(photos().at(-1)!).metadata();
    const print = previewLook('twin-half').params.print!;
    // The pair print: both halves wide.
    expect(pair.width! / pair.height!).toBeCloseTo(print.pair!.width / print.height, 1);

    // One press, then another camera: the half is filed on its own print, and the page says so.
    await page.getByTestId('shutter').click();
    await expect.poll(() => page.getByTestId('half-badge').getAttribute('data-next'), { timeout: 30_000 }).toBe('1');
    await page.locator('[data-look="harbor-400"]').click();
    await page.getByTestId('half-saved-alone').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => photos().length, { timeout: 30_000 }).toBe(before + 2);
    const alone = await sharp(photos().at(-1)!).metadata();
    expect(alone.width! / alone.height!).toBeCloseTo(print.width / print.height, 1);
    await page.screenshot({ path: path.join(screenshots, 'twin-half-saved-alone.png') });
  });
});
