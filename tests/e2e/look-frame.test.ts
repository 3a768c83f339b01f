// The viewfinder shows what the photo will look like around the picture: a framed look's print (border,
// rebate, half-frame pair) and the date imprint, where the still puts them. Real renderer, real services.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';


type Box = { x: number; y: number; width: number; height: number };

describe('viewfinder: frames and date imprint', () => {
  const library = tempDir('e2e-frame');
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path));
    await page.goto(host.url);
    await page.getByTestId('device-select').selectOption('demo');
    await page.waitForFunction(() => document.querySelector('[data-testid="viewfinder"]')?.hasAttribute('data-painted'), undefined, { timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  const box = async (selector: string): Promise<Box> => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not on screen`);
    return found;
  };

  test('an instant camera shows its print: a square picture in a cream border, thicker at the bottom', async () => {
    await page.locator('[data-look="moment-square"]').click();
    await expect.poll(() => page.locator('.frame-box').getAttribute('data-print'), { timeout: 10_000 }).toBe('true');
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
    // The demo camera's photos are 1920x1080: the square keeps 1080x1080, and the frame goes around it.
    expect(await page.getByTestId('photo-size').textContent()).toBe('Photo 1080×1080 + frame');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(screenshots, 'print-instant.png') });
  });

  test('35 mm and half-frame looks show the film around the picture', async () => {
    await page.locator('[data-look="nocturne-3200"]').click();
    await expect.poll(() => page.locator('[data-testid="print-preview"] rect').count(), { timeout: 10_000 }).toBeGreaterThan(12);
    await expect.poll(() => page.locator('[data-testid="print-preview"] text').textContent()).toContain('DARKSLIDE');
    const hole = await box('.print-hole');
    expect(hole.width / hole.height).toBeCloseTo(3 / 2, 1);
    await page.screenshot({ path: path.join(screenshots, 'print-35mm.png') });

    // A half-frame camera's press takes a tall half (18 x 24 mm) of the frame.
    await page.locator('[data-look="twin-half"]').click();
    await expect.poll(async () => { const half = await box('.print-hole'); return half.width / half.height; }, { timeout: 10_000 }).toBeCloseTo(3 / 4, 1);
  });

  test('the date imprint sits in the bottom right of what the photo keeps, and follows a mirrored save', async () => {
    await page.locator('[data-look="snapbox-800"]').click();
    await expect.poll(() => page.locator('.frame-box').getAttribute('data-print'), { timeout: 10_000 }).toBe('false');
    await page.getByTestId('stamp-preview').waitFor({ state: 'attached' });
    const canvas = await box('[data-testid="viewfinder"]');
    // snapbox keeps a 3:2 centre crop of the 16:9 frame.
    const keptWidth = canvas.height * 1.5;
    const kept = { x: canvas.x + (canvas.width - keptWidth) / 2, y: canvas.y, width: keptWidth, height: canvas.height };
    expect(await page.getByTestId('photo-size').textContent()).toBe('Photo 1620×1080');
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
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-mirrored')).toBe('true');
    await expect
      .poll(async () => {
        const mirrored = await box('[data-testid="stamp-preview"] g');
        return mirrored.x + mirrored.width < kept.x + kept.width / 2;
      })
      .toBe(true);
    await page.keyboard.press('m');
  });
});
