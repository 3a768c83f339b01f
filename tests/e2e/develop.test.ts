// Looks and developing, end to end: the built renderer in Chromium, the real services behind the loopback
// transport. Camera samples in the list, a .cube imported into a camera (and a broken one explained by
// file and line), photos the person already has developed into the album with progress and a summary that
// names the file that failed, then the before/after split and developing a shot again through another camera.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';


/** A photo with structure in it (gradients and blocks), so a developed copy is a real decode and encode. */
async function writeTestJpeg(file: string, width: number, height: number, tint: number): Promise<void> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = ((x >> 6) + (y >> 6)) % 2 === 0 ? 30 : 0;
      raw[i] = Math.min(255, Math.round((x / width) * 220) + block);
      raw[i + 1] = Math.min(255, Math.round((y / height) * 200) + tint);
      raw[i + 2] = Math.min(255, Math.round(((x + y) / (width + height)) * 255));
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(file);
}

// A 2-point cube with red, green and blue turned round: the colour twist is obvious in the result.
const TWIST_CUBE = ['TITLE "Twist"', 'LUT_3D_SIZE 2', '0 0 0', '0.2 0.9 0.1', '0.1 0.2 0.9', '0.3 1 0.8', '0.9 0.1 0.2', '1 0.8 0.3', '0.8 0.3 1', '1 1 1', ''].join('\n');
// Line 4 has two numbers where an entry needs three.
const BROKEN_CUBE = ['LUT_3D_SIZE 2', '0 0 0', '1 0 0', '0 1', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1', ''].join('\n');

/** The camera list alone. A page-level clip: element screenshots wait on the busy live viewfinder beside it. */
async function shootPanel(page: Page, file: string): Promise<void> {
  const box = await page.locator('aside.looks').boundingBox();
  if (box) await page.screenshot({ path: file, clip: box });
}

describe('looks and developing', () => {
  const library = tempDir('e2e-develop');
  const inputs = tempDir('e2e-develop-inputs');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    // Longer than the 720 px sample the dialog shows, no bigger: each is developed in full (2400x1600 took ~2 s).
    await writeTestJpeg(path.join(inputs.path, 'harbour-morning.jpg'), 1200, 800, 20);
    await writeTestJpeg(path.join(inputs.path, 'garden-noon.jpg'), 800, 1200, 60);
    // Big, so the photo under way when Cancel is pressed is still under way then.
    await writeTestJpeg(path.join(inputs.path, 'harbour-large.jpg'), 2400, 1600, 20);
    writeFileSync(path.join(inputs.path, 'broken-photo.jpg'), 'this is not a photo, only some text with a .jpg name\n');
    writeFileSync(path.join(inputs.path, 'twist.cube'), TWIST_CUBE);
    writeFileSync(path.join(inputs.path, 'broken.cube'), BROKEN_CUBE);

    ({ host, browser, page } = await openApp(library.path, { width: 1440, height: 900 }));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    inputs.remove();
  });

  test('the camera list shows each camera with its sample, name and description', async () => {
    await expect.poll(() => page.locator('[data-look]').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const looks = await page.locator('[data-look]').count();
    // Every built-in camera ships a sample; each one is decoded in the list.
    await page.waitForFunction(
      (count) => {
        const images = [...document.querySelectorAll('[data-look] img')] as HTMLImageElement[];
        return images.length === count && images.every((image) => image.complete && image.naturalWidth > 0);
      },
      looks,
      { timeout: 30_000 },
    );
    const first = page.locator('[data-look]').first();
    expect((await first.locator('.look-name').textContent())?.trim().length).toBeGreaterThan(0);
    expect((await first.locator('.look-description').textContent())?.trim().length).toBeGreaterThan(0);
    await shootPanel(page, path.join(screenshots, 'looks-list.png'));
  });

  test('a .cube imports as a camera of its own, marked imported, and is selected', async () => {
    const before = await page.locator('[data-look]').count();
    await page.getByTestId('import-lut-file').setInputFiles(path.join(inputs.path, 'twist.cube'));
    await page.getByTestId('import-lut-name').fill('Twist test');
    await page.getByTestId('import-lut-base').selectOption('harbor-400');
    await page.getByTestId('import-lut-confirm').click();

    const selected = page.locator('[data-look][aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('data-look'), { timeout: 20_000 }).toMatch(/^user-twist-test-/);
    expect(await page.locator('[data-look]').count()).toBe(before + 1);
    expect(await selected.locator('.look-name').textContent()).toContain('Twist test');
    expect(await selected.getAttribute('data-imported')).toBe('true');
    expect(await selected.locator('.look-description').textContent()).toContain('Harbor 400');
    // No sample picture for an imported camera: a colour chart through its own LUT stands in, and the
    // twist shows (the chart's red corner comes out green-dominant).
    const topLeft = () =>
      selected.getByTestId('lut-swatch').evaluate((canvas: HTMLCanvasElement) => [...canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data]);
    await expect.poll(async () => (await topLeft())[3], { timeout: 10_000 }).toBe(255);
    const [red, green] = await topLeft();
    expect(green).toBeGreaterThan(red! + 60);
    await shootPanel(page, path.join(screenshots, 'looks-imported.png'));
  });

  test('a broken .cube is refused with the file, the line and the fault', async () => {
    await page.getByTestId('import-lut-file').setInputFiles(path.join(inputs.path, 'broken.cube'));
    await page.getByTestId('import-lut-confirm').click();
    const error = page.getByTestId('import-lut-error');
    await error.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('Could not import broken.cube');
    expect(text).toMatch(/broken\.cube:4: expected 3 numbers per entry, found 2/);
    // The temporary copy main read the bytes from means nothing to the person: only their file name shows.
    expect(text).not.toMatch(/darkslide-import-/);
    await shootPanel(page, path.join(screenshots, 'looks-import-error.png'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('import-lut-error').count()).toBe(0);
  });

  test('photos are developed into the album with progress, and a bad file is named in the summary', async () => {
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await page.getByTestId('develop-photos').click();
    const dialog = page.getByTestId('develop-dialog');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByTestId('develop-look').selectOption('harbor-400');
    await dialog
      .getByTestId('develop-files')
      .setInputFiles(['harbour-morning.jpg', 'broken-photo.jpg', 'garden-noon.jpg'].map((name) => path.join(inputs.path, name)));
    await expect.poll(() => dialog.getByTestId('develop-file-count').textContent()).toContain('3 photos');
    // The camera is previewed on the first chosen photo (the page sends a small copy), not on the 480 px stock sample.
    const ownSample = dialog.getByTestId('develop-sample').locator('img');
    await expect.poll(() => ownSample.evaluate((img: HTMLImageElement) => (img.complete ? Math.max(img.naturalWidth, img.naturalHeight) : 0)).catch(() => 0), { timeout: 30_000 }).toBe(720);
    await page.screenshot({ path: path.join(screenshots, 'develop-dialog.png') });

    // Every progress text the dialog shows is recorded, however quickly it passes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const progress = document.querySelector('[data-testid="develop-progress"]');
        const text = progress?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await dialog.getByTestId('develop-start').click();
    await page.getByTestId('develop-progress').waitFor({ state: 'visible', timeout: 20_000 }).catch(() => undefined);
    await page.screenshot({ path: path.join(screenshots, 'develop-progress.png') });

    const summary = page.getByTestId('develop-summary');
    await summary.waitFor({ state: 'visible', timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((text) => text.includes('of 3') && text.includes('harbour-morning.jpg'))).toBe(true);
    expect(seen.some((text) => text.includes('garden-noon.jpg'))).toBe(true);

    expect(await summary.getByTestId('develop-developed').textContent()).toBe('2 developed');
    expect(await summary.textContent()).toContain('1 failed');
    const failures = summary.getByTestId('develop-failure');
    expect(await failures.count()).toBe(1);
    expect(await failures.first().locator('.ds-failure-file').textContent()).toBe('broken-photo.jpg');
    expect(((await failures.first().locator('.ds-failure-message').textContent()) ?? '').length).toBeGreaterThan(10);
    await page.screenshot({ path: path.join(screenshots, 'develop-summary.png') });

    // Esc closes the dialog and nothing behind it: the album stays (Esc alone would go back to the camera).
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('develop-dialog').count()).toBe(0);
    expect(await page.getByTestId('album').count()).toBe(1);
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 20_000 }).toBe(2);
    const { items } = await host.darkslide.library.list({});
    expect(items.map((item) => item.lookId)).toEqual(['harbor-400', 'harbor-400']);
    expect(items.every((item) => item.hasOriginal)).toBe(true);
  });

  test('a developed photo shows before and after, and develops again through another camera', async () => {
    await page.getByTestId('album-tile').first().dblclick();
    const view = page.getByTestId('photo-view');
    await view.waitFor({ state: 'visible' });
    const firstId = await view.getAttribute('data-id');
    // It opens as developed, whole, not split; S shows the original beside it.
    await page.waitForFunction(() => ((document.querySelector('[data-testid="photo-image"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0, undefined, { timeout: 20_000 });
    expect(await page.getByTestId('photo-image').getAttribute('src')).toContain('original');
    expect(await page.getByTestId('before-after').count()).toBe(0);
    expect(await page.getByTestId('toggle-split').getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('s');
    await page.getByTestId('before-after').waitFor({ state: 'visible' });
    await page.waitForFunction(
      () =>
        ['before-image', 'after-image'].every((id) => {
          const image = document.querySelector(`[data-testid="${id}"]`) as HTMLImageElement | null;
          return !!image && image.complete && image.naturalWidth > 0;
        }),
      undefined,
      { timeout: 20_000 },
    );
    // Dragging the divider moves the split.
    const box = (await page.getByTestId('before-after').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.up();
    expect(Number(await page.getByRole('slider').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(28);
    expect(Number(await page.getByRole('slider').getAttribute('aria-valuenow'))).toBeLessThanOrEqual(32);
    await page.screenshot({ path: path.join(screenshots, 'before-after.png') });

    // S turns the split off and on.
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('before-after').count()).toBe(0);
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('before-after').count()).toBe(1);

    await page.keyboard.press('d');
    const dialog = page.getByTestId('redevelop-dialog');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByTestId('develop-look').selectOption('silverline-100');
    // The preview follows the choice: the item's own colour photo, now through a black-and-white camera.
    const greyness = () =>
      dialog
        .getByTestId('develop-sample')
        .locator('img')
        .evaluate((img: HTMLImageElement) => {
          if (!img.complete || Math.max(img.naturalWidth, img.naturalHeight) !== 720) return null;
          const canvas = document.createElement('canvas');
          [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let spread = 0;
          for (let i = 0; i < data.length; i += 4) spread += Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!);
          return spread / (data.length / 4);
        })
        .catch(() => null);
    await expect.poll(async () => ((await greyness()) ?? 99) < 6, { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'redevelop-dialog.png') });
    await dialog.getByTestId('redevelop-start').click();

    await expect.poll(() => view.getAttribute('data-id'), { timeout: 60_000 }).not.toBe(firstId);
    const newId = (await view.getAttribute('data-id'))!;
    const item = await host.darkslide.library.get(newId);
    expect(item?.lookId).toBe('silverline-100');
    expect(item?.hasOriginal).toBe(true);
    expect((await host.darkslide.library.list({})).items).toHaveLength(3);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 20_000 }).toBe(3);
    expect(problems).toEqual([]);
  });

  test('photos dropped on the album open the dialog with them, and Cancel stops after the current photo', async () => {
    const before = (await host.darkslide.library.list({})).items.length;
    const jpeg = readFileSync(path.join(inputs.path, 'harbour-large.jpg')).toString('base64');
    await page.getByTestId('album').evaluate((album, base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      for (let n = 1; n <= 4; n++) transfer.items.add(new File([bytes], `dropped-${n}.jpg`, { type: 'image/jpeg' }));
      transfer.items.add(new File(['not a photo'], 'notes.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) album.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, jpeg);
    const dialog = page.getByTestId('develop-dialog');
    await dialog.waitFor({ state: 'visible' });
    // Only the photos are taken from what was dropped.
    expect(await dialog.getByTestId('develop-file-count').textContent()).toMatch(/^4 photos: dropped-1\.jpg/);

    await dialog.getByTestId('develop-start').click();
    await page.getByTestId('develop-progress').waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByTestId('develop-cancel').click();
    const summary = page.getByTestId('develop-summary');
    await summary.waitFor({ state: 'visible', timeout: 120_000 });
    const developed = Number(/^(\d+) developed$/.exec((await summary.getByTestId('develop-developed').textContent()) ?? '')?.[1]);
    // The photo under way when Cancel was pressed is finished; the ones after it are not started.
    expect(developed).toBeGreaterThanOrEqual(1);
    expect(developed).toBeLessThan(4);
    expect(await summary.textContent()).toContain(`${4 - developed} not started (cancelled)`);
    expect((await host.darkslide.library.list({})).items).toHaveLength(before + developed);
    await page.getByTestId('develop-done').click();
    await expect.poll(() => page.getByTestId('develop-dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 20_000 }).toBe(before + developed);
  });
});
