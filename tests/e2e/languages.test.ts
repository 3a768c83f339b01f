// The UI in its two languages, end to end: the built renderer in Chromium, the real services behind it.
//
// 1. Every word on screen comes from the message catalogue. The page runs in a hidden pseudo-locale where
//    each catalogue message is wrapped in ⟦ ⟧ (renderer/src/i18n.tsx); the test walks the main screens and
//    fails on any visible text, title, aria-label, alt or placeholder with letters outside the markers.
//    Data that is not a UI string is allowed only where the page says so (`data-user-data` on the element
//    that shows a camera's name, a file name, a device name) or when it has no letters at all (numbers,
//    sizes like 1280×720, percentages, times).
// 2. The language follows the system (Chromium's locale) and the choice in Settings, which is kept.
// 3. Screenshots of the main screens in both languages at the window's smallest and largest sizes
//    (out/screenshots/i18n/), for people to look at; the test checks that no button's label is cut off.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { introSeen, openApp, screenshots } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';

const PSEUDO_LOCALE_KEY = 'darkslide.pseudo-locale';
const SIZES = [
  { width: 720, height: 520 },
  { width: 1280, height: 860 },
  { width: 1920, height: 1080 },
] as const;
/**
 * The walk's screenshots: the window's smallest and largest sizes, where labels are cut or lines run long. The
 * sizes between are the camera's own test's (camera-sizes.test.ts); a third walk here cost 70 s of npm test.
 */
const SHOT_SIZES = [SIZES[0], SIZES[2]] as const;

/**
 * Runs in the page: every piece of UI text outside ⟦ ⟧. Text nodes are checked where they are rendered
 * (and options of a rendered select); the attributes people read are checked on every element.
 */
function untranslatedInPage(): string[] {
  const letters = /\p{L}/u;
  const problems: string[] = [];
  const where = (element: Element) => {
    const id = element.closest('[data-testid]')?.getAttribute('data-testid');
    return `<${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? ` class="${element.className}"` : ''}>${id ? ` in [data-testid=${id}]` : ''}`;
  };
  /** What is left of a text once every balanced ⟦…⟧ (nested or not) is taken out. */
  const outside = (text: string) => {
    let depth = 0;
    let rest = '';
    for (const char of text) {
      if (char === '⟦') depth += 1;
      else if (char === '⟧') depth = Math.max(0, depth - 1);
      else if (depth === 0) rest += char;
    }
    return depth === 0 ? rest : `${rest} (unbalanced ⟦)`;
  };
  const isData = (element: Element, attribute?: string) => {
    const marked = element.closest('[data-user-data]');
    if (!marked) return false;
    const listed = marked.getAttribute('data-user-data') ?? '';
    // data-user-data (React writes "true") marks the element's text and attributes as data; a list such as
    // data-user-data="title" names the element's data attributes only.
    return listed === '' || listed === 'true' ? true : marked === element && attribute !== undefined && listed.split(/\s+/).includes(attribute);
  };
  const rendered = (element: Element) => {
    const select = element.closest('select');
    const box = select ?? element;
    return box.getClientRects().length > 0 && getComputedStyle(box).visibility !== 'hidden';
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style') || !rendered(parent) || isData(parent)) continue;
    let rest = outside(node.textContent ?? '');
    // A message whose values are elements (<Coordinates> keeps each coordinate on one line) has its markers in
    // text nodes around them: judge it whole, in the element that holds it.
    if (rest.endsWith('(unbalanced ⟦)')) rest = outside(parent.textContent ?? '');
    if (letters.test(rest)) problems.push(`text "${(node.textContent ?? '').trim()}" ${where(parent)}`);
  }
  for (const element of document.querySelectorAll('[title], [aria-label], [aria-description], [alt], [placeholder], optgroup[label]')) {
    for (const attribute of ['title', 'aria-label', 'aria-description', 'alt', 'placeholder', 'label']) {
      const value = element.getAttribute(attribute);
      if (value === null || (attribute === 'label' && element.tagName !== 'OPTGROUP') || isData(element, attribute)) continue;
      if (letters.test(outside(value))) problems.push(`${attribute}="${value}" ${where(element)}`);
    }
  }
  if (letters.test(outside(document.title))) problems.push(`<title> "${document.title}"`);
  return problems;
}

/** A photo with structure in it, so developing it is a real decode and encode. */
async function writeTestJpeg(file: string, width: number, height: number): Promise<void> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((x / width) * 230);
      raw[i + 1] = Math.round((y / height) * 200) + 30;
      raw[i + 2] = ((x >> 5) + (y >> 5)) % 2 === 0 ? 180 : 90;
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(file);
}

const TWIST_CUBE = ['TITLE "Twist"', 'LUT_3D_SIZE 2', '0 0 0', '0.2 0.9 0.1', '0.1 0.2 0.9', '0.3 1 0.8', '0.9 0.1 0.2', '1 0.8 0.3', '0.8 0.3 1', '1 1 1', ''].join('\n');

describe('two UI languages', () => {
  const library = tempDir('e2e-languages');
  const inputs = tempDir('e2e-languages-inputs');
  const shots = path.join(screenshots, 'i18n');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  /** Screen name → what it showed outside the catalogue. */
  const found = new Map<string, string[]>();

  const check = async (screen: string) => {
    const problems = await page.evaluate(untranslatedInPage);
    if (problems.length) found.set(screen, problems);
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await writeTestJpeg(path.join(inputs.path, 'harbour-morning.jpg'), 1800, 1200);
    writeFileSync(path.join(inputs.path, 'broken-photo.jpg'), 'this is not a photo, only some text with a .jpg name\n');
    writeFileSync(path.join(inputs.path, 'twist.cube'), TWIST_CUBE);
    ({ host, browser, page } = await openApp(library.path));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    inputs.remove();
  });

  test('the check finds text that is not from the catalogue (it can fail)', async () => {
    await page.addInitScript((key) => localStorage.setItem(key, '1'), PSEUDO_LOCALE_KEY);
    await page.goto(host.url);
    await page.getByTestId('viewfinder').waitFor({ state: 'visible' });
    // The pseudo-locale is on: the title is the catalogue's app name in markers.
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('⟦Darkslide⟧');
    const planted = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'probe';
      probe.innerHTML = '<p>Not from the catalogue</p><button title="Shoot now">⟦ok⟧</button><img alt="A picture"><span data-user-data>Harbor 400</span><span>1280×720 · 100%</span><p>⟦<span>⟦38.70750° N⟧</span>, <span>⟦9.13640° W⟧</span>⟧</p><p>⟦<span>unclosed</span></p>';
      document.body.append(probe);
      return null;
    });
    expect(planted).toBeNull();
    const problems = await page.evaluate(untranslatedInPage);
    await page.evaluate(() => document.getElementById('probe')?.remove());
    expect(problems).toEqual(['text "Not from the catalogue" <p>', 'text "⟦" <p>', 'text "unclosed" <span>', 'title="Shoot now" <button>', 'alt="A picture" <img>']);
  });

  test('the camera, its controls, key help and device settings', async () => {
    await page.getByTestId('device-select').selectOption('demo');
    const canvas = page.getByTestId('viewfinder');
    await expect.poll(() => canvas.getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
    await expect.poll(() => page.getByTestId('photo-size').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('[data-look] img').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await check('camera');

    // Timer, burst, flash and mirror on: their chips over the viewfinder.
    for (const key of ['t', 'b', 'f', 'm']) await page.keyboard.press(key);
    await expect.poll(() => page.locator('.viewfinder-chips .chip').count(), { timeout: 15_000 }).toBe(4);
    await check('camera with timer, burst, flash and mirror');
    for (const key of ['t', 't', 'b', 'f', 'm']) await page.keyboard.press(key);
    await expect.poll(() => page.locator('.viewfinder-chips .chip').count(), { timeout: 15_000 }).toBe(0);

    await page.keyboard.press('?');
    await page.getByTestId('key-help').waitFor({ state: 'visible' });
    await check('key help');
    await page.keyboard.press('?');

    await page.getByTestId('device-settings-button').click();
    await page.getByTestId('device-settings').waitFor({ state: 'visible' });
    await page.getByTestId('setting-mirror').click();
    await page.getByTestId('save-as-seen').waitFor({ state: 'visible', timeout: 10_000 });
    await check('device settings, mirrored');
    await page.getByTestId('setting-mirror').click();
    await page.getByTestId('save-as-seen').waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Escape');

    await page.keyboard.press('v');
    await page.getByTestId('record').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('video-size').isVisible(), { timeout: 30_000 }).toBe(true);
    await check('camera in video mode');
    await page.keyboard.press('v');
    await page.getByTestId('shutter').waitFor({ state: 'visible' });
  });

  test('a camera that stopped, with its error in words', async () => {
    host.darkslide.emit('viewfinder.state', { state: 'error', deviceId: 'demo', code: 'capture.viewfinder-off', message: 'The camera is off.' });
    await page.getByTestId('viewfinder-status').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('try-again').isVisible(), { timeout: 15_000 }).toBe(true);
    await check('camera error');
    await page.getByTestId('try-again').click();
    await page.getByTestId('viewfinder-status').waitFor({ state: 'detached', timeout: 60_000 });
  });

  test('importing a LUT as a camera', async () => {
    await page.getByTestId('import-lut-file').setInputFiles(path.join(inputs.path, 'twist.cube'));
    await page.getByTestId('import-lut-name').waitFor({ state: 'visible' });
    await check('LUT import form');
    await page.getByTestId('import-lut-name').fill('Twist test');
    await page.getByTestId('import-lut-confirm').click();
    await expect.poll(() => page.locator('[data-look][data-imported]').count(), { timeout: 30_000 }).toBe(1);
    await check('camera list with an imported camera');
  });

  test('shots in the album, the full view and the trash', async () => {
    // Through a built-in camera (the import above picked the imported one), for album pictures that look like photos.
    await page.locator('[data-look="harbor-400"]').click();
    for (let shot = 1; shot <= 3; shot++) {
      await expect.poll(() => page.getByTestId('shutter').isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.keyboard.press('Space');
      // A shot is developed in main before it is in the album; on a busy 2-core machine that can take a while.
      await expect.poll(async () => (await host.darkslide.library.list({})).items.length, { timeout: 90_000 }).toBe(shot);
    }
    await page.getByTestId('last-shot').waitFor({ state: 'visible' });
    await check('camera after shooting');

    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(3);
    await check('album');

    await page.getByTestId('album-tile').first().dblclick();
    await page.getByTestId('photo-view').waitFor({ state: 'visible' });
    await check('full view');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(2);
    await page.keyboard.press('Escape');
  }, 300_000);

  test('developing photos, a file that fails, before/after and developing again', async () => {
    await page.keyboard.press('d');
    const dialog = page.getByTestId('develop-dialog');
    await dialog.waitFor({ state: 'visible' });
    await check('develop dialog');
    await dialog.getByTestId('develop-files').setInputFiles(['harbour-morning.jpg', 'broken-photo.jpg'].map((name) => path.join(inputs.path, name)));
    await expect.poll(() => dialog.getByTestId('develop-start').isEnabled(), { timeout: 15_000 }).toBe(true);
    await check('develop dialog with photos chosen');
    await dialog.getByTestId('develop-start').click();
    await dialog.getByTestId('develop-summary').waitFor({ state: 'visible', timeout: 120_000 });
    await expect.poll(() => dialog.getByTestId('develop-failure').count(), { timeout: 15_000 }).toBe(1);
    await check('develop summary with a failed file');

    await dialog.getByRole('button', { name: '⟦Show the first one⟧' }).click();
    await page.getByTestId('photo-view').waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('s');
    await page.getByTestId('before-after').waitFor({ state: 'visible', timeout: 20_000 });
    await check('full view, before and after');
    await page.keyboard.press('d');
    await page.getByTestId('redevelop-dialog').waitFor({ state: 'visible' });
    await check('develop again');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('photo-view').count(), { timeout: 15_000 }).toBe(0);
  }, 300_000);

  test('the trash, emptied after a question in the catalogue', async () => {
    await page.getByRole('button', { name: '⟦Trash⟧' }).click();
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(1);
    await check('trash');
    await page.getByTestId('album-tile').first().dblclick();
    await page.getByTestId('restore').waitFor({ state: 'visible' });
    await check('full view in the trash');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '⟦Empty trash⟧' }).click();
    const question = page.getByTestId('empty-trash-dialog');
    await question.waitFor({ state: 'visible' });
    expect(await question.textContent()).toContain('⟦Delete every shot in the trash for good?⟧');
    await check('empty trash question');
    await question.getByTestId('empty-trash-confirm').click();
    await expect.poll(() => page.getByTestId('album-tile').count(), { timeout: 10_000 }).toBe(0);
    await check('empty trash');
  });

  test('settings', async () => {
    await page.keyboard.press(',');
    await page.getByTestId('settings').waitFor({ state: 'visible' });
    await check('settings');
  });

  test('nothing on any of those screens was outside the catalogue', () => {
    expect(Object.fromEntries(found)).toEqual({});
  });

  test('the language is the system\'s until one is chosen in Settings, and the choice is kept', async () => {
    // The smallest window: nothing here depends on its size, and the camera view it opens on paints its live
    // viewfinder in software GL, which at the default size made every step of this test wait (7-10 s in all).
    const zh = await browser.newPage({ viewport: SIZES[0], locale: 'zh-CN' });
    await introSeen(zh);
    try {
      await zh.goto(host.url);
      await expect.poll(() => zh.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe('zh-CN');
      await expect.poll(() => zh.locator('nav.tabs').textContent(), { timeout: 15_000 }).toBe('相机相册回收站');
      expect(await zh.title()).toBe('Darkslide');

      await zh.keyboard.press(',');
      await zh.getByTestId('language-system').waitFor({ state: 'visible' });
      expect(await zh.getByTestId('settings-language').textContent()).toContain('跟随系统（简体中文）');
      await zh.getByTestId('language-en').check();
      await expect.poll(() => zh.locator('nav.tabs').textContent(), { timeout: 15_000 }).toBe('CameraAlbumTrash');
      expect(await zh.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await zh.getByTestId('settings-language').textContent()).toContain('As the system (简体中文)');

      await zh.reload();
      await expect.poll(() => zh.locator('nav.tabs').textContent(), { timeout: 15_000 }).toBe('CameraAlbumTrash');
      await zh.keyboard.press(',');
      await zh.getByTestId('language-system').check();
      await expect.poll(() => zh.locator('nav.tabs').textContent(), { timeout: 15_000 }).toBe('相机相册回收站');
    } finally {
      await zh.close();
    }
  });

  test.each(['en', 'zh-CN'] as const)('screenshots in %s at 720x520 and 1920x1080, no button label cut off, no dialog button out of reach', async (locale) => {
    const shown = await browser.newPage({ viewport: SIZES[0], locale });
    await introSeen(shown);
    const cut: string[] = [];
    /** Buttons a dialog must always show (Close, its main action) that are off screen or under something. */
    const hidden: string[] = [];
    try {
      await shown.goto(host.url);
      await shown.getByTestId('device-select').selectOption('demo');
      await expect.poll(() => shown.getByTestId('viewfinder').getAttribute('data-painted'), { timeout: 30_000 }).not.toBeNull();
      for (const size of SHOT_SIZES) {
        await shown.setViewportSize(size);
        const name = (screen: string) => path.join(shots, `${locale}-${size.width}x${size.height}-${screen}.png`);
        /** Once `shows` is on screen and the page has settled (see `settled`), not after a fixed pause. */
        const capture = async (screen: string, shows: string) => {
          await shown.getByTestId(shows).waitFor({ state: 'visible' });
          await shown.waitForFunction(settled);
          await shown.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          cut.push(...(await shown.evaluate(cutOffLabels)).map((label) => `${screen} at ${size.width}x${size.height}: ${label}`));
          await shown.screenshot({ path: name(screen) });
        };

        await shown.keyboard.press('c');
        await expect.poll(() => shown.getByTestId('photo-size').isVisible(), { timeout: 30_000 }).toBe(true);
        await capture('camera', 'photo-size');
        await shown.keyboard.press('?');
        await capture('keys', 'key-help');
        hidden.push(...(await shown.evaluate(coveredButtons, '[data-testid="key-help"] .key-help-actions')).map((label) => `keys at ${size.width}x${size.height}: ${label}`));
        await shown.keyboard.press('?');
        await shown.getByTestId('key-help').waitFor({ state: 'detached' });
        await shown.getByTestId('device-settings-button').click();
        await capture('device-settings', 'device-settings');
        await shown.keyboard.press('Escape');

        await shown.keyboard.press('a');
        await expect.poll(() => shown.getByTestId('album-tile').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await shown.waitForFunction(() => [...document.querySelectorAll('[data-testid="album-tile"] img')].every((img) => (img as HTMLImageElement).naturalWidth > 0));
        await capture('album', 'album');
        // The developed photo (it has an original): the full view, opened with S to its before/after split.
        await shown.locator('[data-testid="album-tile"]').first().dblclick();
        await shown.getByTestId('photo-view').waitFor();
        await shown.keyboard.press('s');
        await capture('photo', 'before-after');
        await shown.keyboard.press('Escape');

        await shown.keyboard.press('d');
        const develop = shown.getByTestId('develop-dialog');
        await develop.getByTestId('develop-files').setInputFiles(path.join(inputs.path, 'harbour-morning.jpg'));
        await expect.poll(() => develop.getByTestId('develop-start').isEnabled(), { timeout: 15_000 }).toBe(true);
        // The preview of the person's own photo, not the words shown while it develops.
        await develop.locator('[data-testid="develop-sample"] img').waitFor({ timeout: 30_000 });
        await capture('develop', 'develop-dialog');
        hidden.push(...(await shown.evaluate(coveredButtons, '[data-testid="develop-dialog"] .ds-dialog-actions')).map((label) => `develop at ${size.width}x${size.height}: ${label}`));
        await shown.keyboard.press('Escape');

        await shown.keyboard.press(',');
        await capture('settings', 'settings');
        await shown.keyboard.press('c');
      }
    } finally {
      await shown.close();
    }
    expect(cut).toEqual([]);
    expect(hidden).toEqual([]);
  }, 400_000);
});

/**
 * Runs in the page: true once what the screen shows is in place, fonts loaded, every picture in it decoded and
 * no transition or one-off animation still running (the endless ones, a recording's pulse, never end).
 */
function settled(): boolean {
  if (document.fonts.status !== 'loaded') return false;
  const inView = (image: HTMLImageElement) => {
    const box = image.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  };
  if ([...document.images].some((image) => inView(image) && !image.complete)) return false;
  return document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity);
}

/** Runs in the page: buttons, tabs and chips whose label is wider than the box that shows it. */
function cutOffLabels(): string[] {
  const cut: string[] = [];
  for (const element of document.querySelectorAll<HTMLElement>('button, .chip, .ds-tag, label > span')) {
    if (element.getClientRects().length === 0) continue;
    const style = getComputedStyle(element);
    if (style.textOverflow === 'ellipsis') continue; // shortened on purpose, the full text is in its title
    if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
      cut.push(`"${element.textContent?.trim()}" (${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight})`);
    }
  }
  return cut;
}

/**
 * Runs in the page: the buttons in `selector` that a click at their centre would not reach (outside the window,
 * or under another element), by their label. A dialog taller than a short window must still show these.
 */
function coveredButtons(selector: string): string[] {
  const row = document.querySelector(selector);
  if (!row) return [`nothing matches ${selector}`];
  return [...row.querySelectorAll<HTMLElement>('button')]
    .filter((button) => {
      const box = button.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true;
      const hit = document.elementFromPoint(x, y);
      return !hit || !(hit === button || button.contains(hit));
    })
    .map((button) => `"${button.textContent?.trim()}"`);
}
