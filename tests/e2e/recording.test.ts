// Recording without waiting (issue 14): the real-time check runs in the background once per device, size and
// look and is kept; Space never waits for it; a "too slow" answer offers a size that is the size of the file
// made; the framing holds still when recording starts. Built renderer in Chromium, real services, demo camera.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';

type Rect = { x: number; y: number; width: number; height: number };
const shots = path.join(screenshots, 'camera');

describe('recording without waiting', () => {
  const library = tempDir('e2e-recording');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const videos = async () => (await host.darkslide.library.list({})).items.filter((item) => item.kind === 'video');
  const press = async (key: string) => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(key);
  };
  const rect = (selector: string) =>
    page.locator(selector).first().evaluate((element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });

  beforeAll(async () => {
    // A machine measured earlier as far too slow for the camera's size with the 35 mm camera: the answer is kept in
    // the settings file, as main keeps it after measuring once.
    // The demo camera at 960x540@15, not its own 1920x1080@30: what is checked (no waiting, the size offered, the
    // framing) is the same at any size, and at 1080p the recordings, the background check and the page's software
    // WebGL kept a busy CI machine's cores so full that a recording took over a minute to start.
    const dataDir = path.join(library.path, '.darkslide');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({
        version: 1,
        devices: { demo: { size: { width: 960, height: 540 }, fps: 15 } },
        recordChecks: { 'demo|960x540|nocturne-3200': { speed: 0.3, measuredAt: '2026-01-01T00:00:00.000Z' } },
      }),
    );
    mkdirSync(shots, { recursive: true });
    ({ host, browser, page } = await openApp(library.path, { width: 1280, height: 860 }));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
  });

  test('a kept "too slow" answer is offered at once, and the offered size is the size of the file', async () => {
    await page.getByTestId('device-select').selectOption('demo');
    await page.locator('[data-look="nocturne-3200"]').click();
    await expect.poll(() => page.getByTestId('viewfinder').getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    await press('v');
    await page.getByTestId('record').waitFor();
    await expect.poll(() => page.getByTestId('record').isEnabled(), { timeout: 30_000 }).toBe(true);
    // The page asks main for the answer as soon as video is chosen; Space before that answer arrives records at
    // once (it never waits), so the test lets the question finish: the "checking" sign gone. (The camera's size
    // in the question is the settings' 960x540: the viewfinder painted at that size before video was chosen.)
    await expect.poll(() => page.getByTestId('record-checking').count(), { timeout: 30_000 }).toBe(0);
    await press('Space');
    // No "checking" step: the dialog comes with what main already knew (not timed: a busy machine is slow to draw it).
    await page.getByTestId('record-check-dialog').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('record-checking').count()).toBe(0);
    const offered = /(\d+)×(\d+)/.exec((await page.getByTestId('record-suggested').textContent()) ?? '');
    expect(offered).not.toBeNull();
    const anyway = /(\d+)×(\d+)/.exec((await page.getByTestId('record-anyway').textContent()) ?? '');
    // The sizes offered are what the file will be (the 35 mm print around a 3:2 crop), not the camera's sizes.
    expect(Number(anyway![1]) / Number(anyway![2])).not.toBeCloseTo(16 / 9, 2);
    await page.screenshot({ path: path.join(shots, 'record-too-slow.png') });
    await page.getByTestId('record-suggested').click();
    await page.getByTestId('rec-time').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('rec-time').textContent(), { timeout: 60_000 }).toMatch(/^00:0[2-9]$/);
    await press('Space');
    await expect.poll(async () => (await videos()).length, { timeout: 60_000 }).toBe(1);
    const [video] = await videos();
    // Before: "Record at 640×360" made a 540×360 file.
    expect(`${video!.width}×${video!.height}`).toBe(`${offered![1]}×${offered![2]}`);
    const probed = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path.join(library.path, video!.relPath)], { encoding: 'utf8' }).trim();
    expect(probed).toBe(`${offered![1]},${offered![2]}`);
  });

  test('with no answer kept yet, Space records at once while the check runs in the background', async () => {
    let before = (await videos()).length;
    // Each camera without a kept answer starts its check when chosen. What is asserted needs Space pressed while
    // the check runs, so the page notes at the key press whether it still ran; a check that ended first (it
    // takes a second or two on an idle machine) is a race lost by the test, and the next camera is tried.
    let pressedWhileChecking = false;
    for (const look of ['harbor-400', 'meadow-200', 'glacier-50', 'velvet-160']) {
      await page.locator(`[data-look="${look}"]`).click();
      await expect.poll(() => page.getByTestId('record').isEnabled(), { timeout: 60_000 }).toBe(true);
      if (!(await page.getByTestId('record-checking').isVisible())) continue;
      await page.evaluate(() => {
        const note = window as unknown as { checkingAtSpace?: boolean };
        delete note.checkingAtSpace;
        window.addEventListener('keydown', () => (note.checkingAtSpace = document.querySelector('[data-testid="record-checking"]') !== null), { capture: true, once: true });
      });
      await press('Space');
      const dialog = page.getByTestId('record-check-dialog');
      await expect.poll(async () => (await dialog.count()) + (await page.getByTestId('rec-time').count()), { timeout: 60_000 }).toBeGreaterThan(0);
      pressedWhileChecking = await page.evaluate(() => (window as unknown as { checkingAtSpace?: boolean }).checkingAtSpace === true);
      if (pressedWhileChecking) break;
      // The check answered just before the key (too slow: the dialog; fast enough: a recording): end that and try
      // the next camera.
      if (await dialog.count()) await page.getByTestId('record-cancel').click();
      else {
        await expect.poll(() => page.getByTestId('rec-time').textContent(), { timeout: 60_000 }).toMatch(/^00:0[1-9]$/);
        await press('Space');
        await expect.poll(async () => (await videos()).length, { timeout: 60_000 }).toBe(before + 1);
        before += 1;
      }
    }
    expect(pressedWhileChecking, 'Space was pressed while a check still ran').toBe(true);
    // Pressed while the check ran: the recording started, no dialog came between.
    await page.getByTestId('rec-time').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('record-check-dialog').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'recording-started-while-checking.png') });
    await expect.poll(() => page.getByTestId('rec-time').textContent(), { timeout: 60_000 }).toMatch(/^00:0[1-9]$/);
    await press('Space');
    await expect.poll(async () => (await videos()).length, { timeout: 60_000 }).toBe(before + 1);
  });

  test('the framing holds still when recording starts (a 4:3 camera on a 16:9 webcam)', async () => {
    const before = (await videos()).length;
    await page.locator('[data-look="reel-8"]').click();
    await expect.poll(() => page.getByTestId('record').isEnabled(), { timeout: 60_000 }).toBe(true);
    // The look is known, so the dialog does not come between (this machine's answer for reel-8 is kept now or never asked).
    const box = await rect('.frame-box');
    const canvas = await rect('[data-testid="viewfinder"]');
    // What the video keeps of the 16:9 frame: the centred 4:3 crop the viewfinder marks.
    const kept: Rect = { x: canvas.x + (canvas.width - (canvas.height * 4) / 3) / 2, y: canvas.y, width: (canvas.height * 4) / 3, height: canvas.height };
    await press('Space');
    // Either recording starts, or (when this machine's answer for reel-8 is already "too slow") the dialog asks.
    const dialog = page.getByTestId('record-check-dialog');
    await expect.poll(async () => (await dialog.count()) + (await page.locator('[data-developed="true"]').count()), { timeout: 60_000 }).toBeGreaterThan(0);
    if (await dialog.count()) await page.getByTestId('record-anyway').click();
    await expect.poll(() => page.locator('[data-developed="true"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('rec-time').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    const during = await rect('[data-testid="viewfinder"]');
    expect(await rect('.frame-box')).toEqual(box);
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(during[key] - kept[key]), key).toBeLessThan(1.5);
    await page.screenshot({ path: path.join(shots, 'recording-framing.png') });
    await press('Space');
    await expect.poll(async () => (await videos()).length, { timeout: 60_000 }).toBe(before + 1);
    expect(problems).toEqual([]);
  });
});
