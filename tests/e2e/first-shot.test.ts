// The foundation's promise, end to end: the built renderer in a real Chromium,
// the real services behind the loopback transport, the demo camera through
// ffmpeg, a shot developed with sharp, EXIF written with exiftool, a row in
// SQLite, and the album showing it.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { grainPlatesWaiting, preparationsSettled } from '../../main/looks/develop.ts';
import { openApp, screenshots } from '../support/app.ts';
import { processAlive, tempDir } from '../support/temp.ts';


/** Frames the viewfinder paints after its grain plate is built: it goes on painting, not one last frame. */
const PAINTED_FRAMES = 5;

describe('first shot: camera to album', () => {
  const library = tempDir('e2e');
  const clips = tempDir('e2e-clips');
  let host: WebHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The desktop app's default window size (main/electron/window-state.ts).
    ({ host, browser, page } = await openApp(library.path));
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    clips.remove();
  });

  test('the demo camera previews at 1280x720 and keeps painting with the look applied', async () => {
    await page.getByTestId('device-select').selectOption('demo');
    const canvas = page.getByTestId('viewfinder');
    await expect.poll(() => canvas.getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    // The preview stream is 1280x720; the viewfinder develops it at the size it is shown, never larger.
    expect(await canvas.getAttribute('data-frame-size')).toBe('1280x720');
    const [drawnWidth, drawnHeight] = await canvas.evaluate((element: HTMLCanvasElement) => [element.width, element.height]);
    expect(drawnWidth).toBeLessThanOrEqual(1280);
    expect(drawnWidth! / drawnHeight!).toBeCloseTo(16 / 9, 1);
    expect(processAlive(host.darkslide.capturePid())).toBe(true);

    // A warm consumer negative: LUT, halation, vignette and grain, the full look.
    const paintedBeforeLook = Number(await canvas.getAttribute('data-painted'));
    const lookChosen = Date.now();
    await page.locator('[data-look="harbor-400"]').click();
    // Painting goes on once the look's grain plate is built: a strip a frame on a GPU, drawn by main on a
    // software one (this machine's), where the strips took 12-20 s of frames at about 5 fps.
    await expect.poll(() => canvas.getAttribute('data-grain-pending'), { timeout: 60_000, interval: 50 }).toBe('false');
    console.log(`grain plate ready ${Date.now() - lookChosen} ms after the camera was chosen (${Number(await canvas.getAttribute('data-painted')) - paintedBeforeLook} frames painted meanwhile)`);
    // And main gets the first shot ready at once (its grain drawn ahead), not at the first press.
    await expect.poll(() => grainPlatesWaiting(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    // It keeps painting: more frames come after the plate is built. Waited for frame by frame, not for a fixed
    // 6 s (the figure below then comes from however long those frames took).
    const before = Number(await canvas.getAttribute('data-painted'));
    const started = Date.now();
    await expect.poll(async () => Number(await canvas.getAttribute('data-painted')) - before, { timeout: 30_000 }).toBeGreaterThanOrEqual(PAINTED_FRAMES);
    const painted = Number(await canvas.getAttribute('data-painted')) - before;
    const seconds = (Date.now() - started) / 1000;
    const drawn = await canvas.evaluate((element: HTMLCanvasElement) => `${element.width}x${element.height}`);
    // The rate is a figure, not a pass mark: on a shared 2-core machine it says more about the neighbours than
    // about the viewfinder. npm run bench:preview measures it against a passthrough shader in the same run.
    console.log(`viewfinder: ${(painted / seconds).toFixed(1)} fps (${painted} frames painted in ${seconds.toFixed(1)} s; 1280x720 frames, developed at ${drawn} on screen)`);

    await page.screenshot({ path: path.join(screenshots, 'camera.png') });
  });

  test('Space shoots a developed JPEG with EXIF into the album', async () => {
    const lookName = (await page.locator('[data-look][aria-selected="true"] .look-name').textContent()) ?? '';
    // Pressed once main has the shot ready (grain and colour table made ahead, about a second of CPU after a
    // camera is chosen), as a person who looks through the viewfinder before shooting finds it.
    await preparationsSettled();
    // When main has filed the shot (its change feed, in this process): splits the figure into main's part and
    // the page's (the page's software WebGL viewfinder keeps about a core of this 2-core machine busy).
    let filed = 0;
    const stopListening = host.darkslide.library.onChange((event) => {
      if (event.reason === 'added' && !filed) filed = Date.now();
    });
    // The viewfinder holds still from the press until the shot is back in the page (the shot gets the machine;
    // this page draws the viewfinder in software), and then until its thumbnail loads or 600 ms pass: every
    // paint and the three moments, seen in the page. Only the first part is certain on a loaded machine.
    await page.evaluate(() => {
      const seen = { paints: [] as number[], pressedAt: 0, shownAt: 0, thumbnailAt: 0 };
      (window as unknown as { shotTimeline: typeof seen }).shotTimeline = seen;
      const viewfinder = document.querySelector('[data-testid="viewfinder"]')!;
      new MutationObserver(() => seen.paints.push(performance.now())).observe(viewfinder, { attributeFilter: ['data-painted'] });
      new MutationObserver(() => void (document.querySelector('[data-testid="last-shot"]') && (seen.shownAt ||= performance.now()))).observe(document.body, { childList: true, subtree: true });
      window.addEventListener('keydown', () => (seen.pressedAt = performance.now()), { capture: true, once: true });
      document.addEventListener('load', (event) => void ((event.target as HTMLElement).dataset?.testid === 'last-shot' && (seen.thumbnailAt ||= performance.now())), true);
    });
    const started = Date.now();
    await page.keyboard.press('Space');
    await page.getByTestId('last-shot').waitFor({ state: 'visible', timeout: 30_000 });
    const answered = Date.now() - started;
    // Until the thumbnail is on screen (decoded), not only its element: what the person sees.
    await page.waitForFunction(() => ((document.querySelector('[data-testid="last-shot"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0, undefined, { timeout: 30_000 });
    stopListening();
    console.log(`shutter to album thumbnail: ${Date.now() - started} ms (filed by main after ${filed - started} ms, the shot's item in the page after ${answered} ms)`);

    const timeline = await page.evaluate(() => (window as unknown as { shotTimeline: { paints: number[]; pressedAt: number; shownAt: number; thumbnailAt: number } }).shotTimeline);
    expect(timeline.pressedAt).toBeGreaterThan(0);
    expect(timeline.shownAt).toBeGreaterThan(timeline.pressedAt);
    expect(timeline.paints.filter((at) => at > timeline.pressedAt && at < timeline.shownAt)).toEqual([]);
    const resumed = timeline.paints.find((at) => at > timeline.pressedAt);
    // In the page's own clock, from the key event to the thumbnail loaded: what a person sees, without the test
    // driver's round trips (its key press and its polling) that the figure above includes.
    console.log(`in the page: Space to thumbnail loaded ${Math.round(timeline.thumbnailAt - timeline.pressedAt)} ms (item shown ${Math.round(timeline.shownAt - timeline.pressedAt)} ms); viewfinder held ${resumed === undefined ? 'past the thumbnail' : `${Math.round(resumed - timeline.pressedAt)} ms`}`);
    // And it goes on once the thumbnail is there.
    const paintedThen = Number(await page.getByTestId('viewfinder').getAttribute('data-painted'));
    await expect.poll(async () => Number(await page.getByTestId('viewfinder').getAttribute('data-painted')), { timeout: 30_000 }).toBeGreaterThan(paintedThen);

    const { items } = await host.darkslide.library.list({});
    expect(items).toHaveLength(1);
    const item = items[0]!;
    const file = path.join(library.path, item.relPath);
    expect(statSync(file).size).toBeGreaterThan(50_000);
    expect(item.relPath).toMatch(/^\d{4}\/\d{4}-\d{2}-\d{2}\/DS_\d{8}_\d{6}/);

    // Debian's exiftool is the independent reader of what exiftool-vendored wrote.
    const tags = JSON.parse(execFileSync('exiftool', ['-json', '-Make', '-Model', '-Software', '-DateTimeOriginal', '-OffsetTimeOriginal', '-ImageWidth', '-ImageHeight', file], { encoding: 'utf8' }))[0];
    expect(tags.Make).toBe('Darkslide');
    expect(tags.Model).toBe(lookName);
    expect(tags.Software).toMatch(/^Darkslide /);
    expect(tags.DateTimeOriginal).toMatch(/^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(tags.OffsetTimeOriginal).toMatch(/^[+-]\d{2}:\d{2}$/);
    expect([tags.ImageWidth, tags.ImageHeight]).toEqual([item.width, item.height]);
  });

  test('the album shows the shot, and the camera is off while it is on screen', async () => {
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => host.darkslide.capturePid(), { timeout: 10_000 }).toBeUndefined();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="album-tile"] img')].every((img) => (img as HTMLImageElement).naturalWidth > 0));
    await page.screenshot({ path: path.join(screenshots, 'album.png') });

    // A click selects (as in a file manager); a double click opens.
    await page.getByTestId('album-tile').first().dblclick();
    await page.getByTestId('photo-view').waitFor({ state: 'visible' });
    await page.waitForFunction(() => (document.querySelector('[data-testid="photo-view"] img') as HTMLImageElement | null)?.naturalWidth ?? 0 > 0);
    await page.screenshot({ path: path.join(screenshots, 'photo.png') });
  });

  test('delete goes to a trash you can restore from', async () => {
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('photo-view').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(0);
    const [trashed] = (await host.darkslide.library.list({ trashed: true })).items;
    expect(trashed?.trashedAt).not.toBeNull();

    await page.getByRole('button', { name: 'Trash' }).click();
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('album-tile').dblclick();
    await page.getByTestId('restore').click();
    await page.getByRole('button', { name: 'Album' }).click();
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(1);
    const restored = await host.darkslide.library.get(trashed!.id);
    expect(restored?.trashedAt).toBeNull();
    expect(existsSync(path.join(library.path, restored!.relPath))).toBe(true);
  });

  test('coming back to the camera restarts the capture', async () => {
    await page.keyboard.press('c');
    await expect.poll(() => processAlive(host.darkslide.capturePid()), { timeout: 20_000 }).toBe(true);
  });

  test('a hidden page turns the camera off, and showing it turns it back on', async () => {
    const pid = host.darkslide.capturePid();
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    // The OS process is gone, not just a flag.
    await expect.poll(() => processAlive(pid), { timeout: 10_000 }).toBe(false);
    expect(host.darkslide.capturePid()).toBeUndefined();
    await setHidden(false);
    await expect.poll(() => processAlive(host.darkslide.capturePid()), { timeout: 20_000 }).toBe(true);
  });

  test('a video file chosen in the camera list becomes the camera, named as the file', async () => {
    const clip = path.join(clips.path, 'harbour-walk.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15:duration=4', '-pix_fmt', 'yuv420p', '-y', clip]);
    const before = host.darkslide.capturePid();
    await page.getByTestId('device-select').selectOption('__choose-video-file__');
    // The browser host has no picker of its own: the page's file input, uploaded.
    await page.getByTestId('video-file-input').setInputFiles(clip);
    await expect.poll(() => page.getByTestId('device-select').inputValue(), { timeout: 30_000 }).toMatch(/^file:.+\.mp4$/);
    expect(await page.getByTestId('device-select').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('harbour-walk.mp4');
    await expect.poll(() => processAlive(host.darkslide.capturePid()) && host.darkslide.capturePid() !== before, { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'camera-video-file.png') });
  });
});
