// The album end to end: the built renderer in Chromium, the real services behind the loopback transport, an
// album of real items filed through the library. Date headers, tiles filling the width at the window sizes the
// app allows, every item reachable by scrolling, selection by mouse and keyboard, the trash with its undo
// notice and its 30 days, filters, and the album's keys (Esc and Space never reach the camera).
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { WebHost } from '../../main/app/web-host.ts';
import { introSeen, openApp, screenshots, startHost } from '../support/app.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';
import { seedAlbum, type Seeded } from '../support/seed.ts';
import { tempDir } from '../support/temp.ts';

const COUNT = 150;
const PER_DAY = 7;

/** A page that answers within a frame on an idle machine can take seconds on a shared one: wait up to 10 s. */
const eventually = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe('the album', () => {
  const library = tempDir('e2e-album');
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  let seeded: Seeded[];
  const problems: string[] = [];
  /** What the stand-in for the desktop's file manager was asked to show. */
  const revealed: string[] = [];

  const tile = (offset: number) => page.locator(`[data-testid="album-tile"][data-offset="${offset}"]`);
  /** Items in the view on screen: the grid's count, 0 when the view says it is empty. */
  const count = () =>
    page.evaluate(() => {
      const grid = document.querySelector('[data-testid="album"]');
      if (grid) return Number(grid.getAttribute('data-items'));
      return document.querySelector('[data-testid="album-empty"]') ? 0 : -1;
    });
  const selected = async () => {
    if ((await page.getByTestId('selection-bar').count()) === 0) return 0;
    return Number(((await page.getByTestId('selection-count').textContent()) ?? '').match(/\d[\d,]*/)?.[0]?.replace(/,/g, '') ?? NaN);
  };
  const focusedOffset = () => page.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset.offset ?? -1));
  const visible = (locator: Locator) =>
    locator.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const viewport = document.querySelector('[data-testid="album"]')!.getBoundingClientRect();
      return rect.bottom > viewport.top && rect.top < viewport.bottom && rect.height > 0;
    });

  beforeAll(async () => {
    ({ host, browser, page } = await openApp(library.path, { width: 1024, height: 700 }, { reveal: (target) => revealed.push(target) }));
    seeded = await seedAlbum(host.darkslide.library, COUNT, { perDay: PER_DAY });
    page.on('pageerror', (error) => problems.push(error.message));
    // Straight to the album: the camera (and its ffmpeg) is not what this file is about.
    await page.addInitScript(() => localStorage.setItem('darkslide.ui', JSON.stringify({ state: { view: 'album' }, version: 0 })));
    await page.goto(host.url);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="album"]')?.getAttribute('data-items') === String(expected), COUNT, { timeout: 20_000 });
  });

  /** The offsets of the tiles inside the grid's window (a scrolled-away keyboard tile waits far outside it). */
  const onScreen = () =>
    page.evaluate(() => {
      const viewport = document.querySelector('[data-testid="album"]')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('[data-testid="album-tile"]')]
        .filter((element) => {
          const rect = element.getBoundingClientRect();
          return rect.top >= viewport.top && rect.bottom <= viewport.bottom;
        })
        .map((element) => Number(element.dataset.offset))
        .sort((a, b) => a - b);
    });

  // Each test starts at the top of the album with nothing selected.
  beforeEach(async () => {
    const shown = await onScreen();
    if (shown.length === 0) return;
    await tile(shown[0]!).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Escape');
    // Home shows the first tile with its day and month above it: the album's very top.
    await eventually(() => page.evaluate(() => document.querySelector('.ds-grid-content')!.getBoundingClientRect().top - document.querySelector('[data-testid="album"]')!.getBoundingClientRect().top)).toBe(0);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    library.remove();
    expect(problems).toEqual([]);
  });

  test.each([
    [720, 520],
    [1024, 700],
    [1920, 1080],
  ])('at %ix%i: month and day headers, tiles that fill the width, every header control usable', async (width, height) => {
    await page.setViewportSize({ width, height });
    // The grid has taken the new width: its rows end beside the scrollbar.
    await page.waitForFunction(() => {
      const row = document.querySelector('.ds-grid-content .ds-grid-row');
      return !!row && Math.abs(row.getBoundingClientRect().right - (window.innerWidth - 34)) < 1;
    });
    await page.locator('[data-testid="album-tile"] img').first().waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="album-tile"] img')].every((img) => (img as HTMLImageElement).complete));

    // The newest day first, under its month: the seed's newest shot is Friday 20 November 2026.
    expect(await page.locator('.ds-month-title').first().textContent()).toBe('November 2026');
    expect(await page.locator('.ds-day-title').first().textContent()).toBe('Friday, November 20');

    // Every row of tiles is laid out in as many columns as fill the grid's width to the pixel: the row's
    // first tile starts at its left edge, and that many tiles and gaps end at its right edge. Tiles are square.
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('.ds-grid-content .ds-grid-row')].map((row) => {
        const box = row.getBoundingClientRect();
        const style = getComputedStyle(row);
        const tiles = [...row.children].map((child) => child.getBoundingClientRect());
        return {
          left: box.left,
          right: box.right,
          columns: style.gridTemplateColumns.split(' ').length,
          gap: parseFloat(style.columnGap),
          tiles: tiles.map((t) => ({ left: t.left, width: t.width, height: t.height })),
        };
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const first = row.tiles[0]!;
      expect(row.columns).toBeGreaterThanOrEqual(width < 800 ? 3 : 5);
      expect(Math.abs(first.left - row.left)).toBeLessThan(1);
      expect(Math.abs(first.left + row.columns * first.width + (row.columns - 1) * row.gap - row.right)).toBeLessThan(1);
      for (const box of row.tiles) expect(Math.abs(box.width - box.height)).toBeLessThan(1.5);
    }
    // The grid ends beside its scrollbar, not under it, and not short of it.
    const gridRight = rows[0]!.right;
    // Enough columns that a wide window shows a wide grid, not a column of big tiles.
    expect(rows[0]!.columns).toBe(Math.max(2, Math.round((gridRight - rows[0]!.left + 4) / 194)));
    const scrubber = await page.getByTestId('album-scrubber').boundingBox();
    expect(scrubber!.x).toBeGreaterThanOrEqual(gridRight - 0.5);
    expect(scrubber!.x - gridRight).toBeLessThan(24);

    // Every control in the header is on screen and is what a click at its centre reaches.
    const controls = page.locator('.ds-album-header button, .ds-album-header select');
    for (let i = 0; i < (await controls.count()); i++) {
      const control = controls.nth(i);
      const reachable = await control.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        return rect.right <= window.innerWidth && rect.bottom <= window.innerHeight && !!hit && element.contains(hit);
      });
      expect(reachable, `${await control.textContent()} at ${width}x${height}`).toBe(true);
    }
    await page.screenshot({ path: path.join(screenshots, `album-${width}x${height}.png`) });
  });

  test('the wheel reaches the last item, the scrollbar the middle one, End the last', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await tile(0).waitFor();
    await page.mouse.move(500, 400);
    for (let i = 0; i < 200 && !(await tile(COUNT - 1).count()); i++) await page.mouse.wheel(0, 900);
    await eventually(() => visible(tile(COUNT - 1))).toBe(true);
    // The last item is a real tile with its picture: the oldest seeded shot.
    await eventually(() => tile(COUNT - 1).getAttribute('data-id')).toBe(seeded[COUNT - 1]!.id);

    // Dragging the scrollbar's thumb to the middle of its track shows the middle of the album.
    const track = (await page.getByTestId('album-scrubber').boundingBox())!;
    const thumb = (await page.getByTestId('album-scrubber-thumb').boundingBox())!;
    await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + thumb.height / 2);
    await page.mouse.down();
    await page.mouse.move(thumb.x + thumb.width / 2, track.y + track.height / 2, { steps: 8 });
    await page.mouse.up();
    const middle = Math.floor(COUNT / 2);
    await eventually(async () => {
        const offsets = await onScreen();
        return offsets.some((offset) => Math.abs(offset - middle) <= 14);
    }).toBe(true);

    await tile((await onScreen())[0]!).click();
    await page.keyboard.press('Home');
    await eventually(focusedOffset).toBe(0);
    await eventually(() => visible(tile(0))).toBe(true);
    await page.keyboard.press('End');
    await eventually(focusedOffset).toBe(COUNT - 1);
    await eventually(() => visible(tile(COUNT - 1))).toBe(true);
  });

  test('Show in folder asks the file manager for the first selected file; a browser page says it cannot', async () => {
    await tile(3).click();
    await page.getByTestId('bulk-reveal').click();
    const id = (await tile(3).getAttribute('data-id'))!;
    await eventually(() => revealed.length).toBe(1);
    expect(revealed[0]).toBe(await host.darkslide.library.mediaPath(id, 'original'));
    expect(await page.getByTestId('reveal-unavailable').count()).toBe(0);
    await page.keyboard.press('Escape');

    // A plain browser host (an album of its own): no file manager to ask.
    const elsewhere = tempDir('e2e-album-plain');
    await agreeToPrivacyNotice(path.join(elsewhere.path, '.darkslide'));
    const plain = await startHost(elsewhere.path);
    await seedAlbum(plain.darkslide.library, 1);
    const other = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    try {
      await introSeen(other);
      await other.goto(plain.url);
      await other.getByRole('button', { name: 'Album', exact: true }).click();
      await other.locator('[data-testid="album-tile"]').first().click();
      await other.getByTestId('bulk-reveal').click();
      expect(await other.getByTestId('reveal-unavailable').textContent()).toBe('Only the Darkslide app window can open your file manager.');
    } finally {
      await other.close();
      await plain.close();
      elsewhere.remove();
    }
  });

  test('click, Ctrl-click, Shift-click, Ctrl+A and Esc select as a file manager does', async () => {
    await tile(2).click();
    expect(await selected()).toBe(1);
    await tile(5).click({ modifiers: ['Control'] });
    expect(await selected()).toBe(2);
    // From the last Ctrl-click (5) to 9, instead of what was picked.
    await tile(9).click({ modifiers: ['Shift'] });
    await eventually(selected).toBe(5);
    expect(await page.locator('[data-testid="album-tile"][aria-selected="true"]').evaluateAll((tiles) => tiles.map((t) => Number((t as HTMLElement).dataset.offset)))).toEqual([5, 6, 7, 8, 9]);
    await page.screenshot({ path: path.join(screenshots, 'album-selection-1024x700.png') });
    await page.keyboard.press('Control+a');
    await eventually(selected).toBe(COUNT);
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('selection-bar').count()).toBe(0);
    // Esc cleared the selection and stayed in the album.
    expect(await page.locator('.ds-album').count()).toBe(1);
  });

  test('arrow keys move over the grid, Shift extends, Space picks', async () => {
    await tile(0).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    await eventually(focusedOffset).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await eventually(focusedOffset).toBe(0);
    // Down and up keep the column: the tile straight below (or above), across a day header when the day
    // ends; the last tile of a shorter row when none is straight below.
    const neighbour = async (from: number, direction: 1 | -1) =>
      page.evaluate(
        ([offset, way]) => {
          const tiles = [...document.querySelectorAll<HTMLElement>('.ds-grid-content [data-testid="album-tile"]')].map((t) => ({ t, r: t.getBoundingClientRect() }));
          const start = tiles.find(({ t }) => Number(t.dataset.offset) === offset)!.r;
          const beyond = tiles.filter(({ r }) => (way > 0 ? r.top > start.top + 5 : r.top < start.top - 5));
          const rowTop = way > 0 ? Math.min(...beyond.map(({ r }) => r.top)) : Math.max(...beyond.map(({ r }) => r.top));
          const row = beyond.filter(({ r }) => Math.abs(r.top - rowTop) < 2).sort((a, b) => a.r.left - b.r.left);
          const same = row.find(({ r }) => Math.abs(r.left - start.left) < 2) ?? row[row.length - 1]!;
          return Number(same.t.dataset.offset);
        },
        [from, direction] as const,
      );
    for (const start of [1, 3, 6]) {
      await tile(start).click();
      const down = await neighbour(start, 1);
      await page.keyboard.press('ArrowDown');
      await eventually(focusedOffset).toBe(down);
      const up = await neighbour(down, -1);
      await page.keyboard.press('ArrowUp');
      await eventually(focusedOffset).toBe(up);
    }
    // A shorter row: 3 (fourth column) goes down to the day's last tile, and up again to the column above it.
    expect(await neighbour(3, 1)).toBe(6);
    expect(await neighbour(6, -1)).toBe(1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Escape');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await eventually(selected).toBe(4);
    await page.keyboard.press(' ');
    await eventually(selected).toBe(3);
    await page.keyboard.press('Escape');
    await eventually(selected).toBe(0);
    // Keys faster than the page draws: Home and three Shift+Right in one task, before any render moves the
    // element's focus. Each starts where the one before ended (from the tile that had the focus, they went 3 -> 4
    // three times and selected 0 to 4).
    await page.evaluate(() => {
      const target = document.activeElement!;
      const key = (name: string, shiftKey: boolean) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true, cancelable: true }));
      key('Home', false);
      for (let i = 0; i < 3; i++) key('ArrowRight', true);
    });
    await eventually(selected).toBe(4);
    await eventually(focusedOffset).toBe(3);
    await page.keyboard.press('Escape');
  });

  test('Delete moves the selection to the trash with an undo notice; Undo and the trash bring it back', async () => {
    await tile(1).click();
    await tile(2).click({ modifiers: ['Control'] });
    const ids = [seeded[1]!.id, seeded[2]!.id];
    await page.keyboard.press('Delete');
    const notice = page.getByTestId('undo-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('2 shots moved to the trash');
    await eventually(count).toBe(COUNT - 2);
    await page.screenshot({ path: path.join(screenshots, 'album-undo-1024x700.png') });
    await page.getByTestId('undo').click();
    await eventually(count).toBe(COUNT);
    await eventually(() => tile(1).getAttribute('data-id')).toBe(ids[0]);

    // Again, then from the Trash: the days left and the 30-day rule are shown, and Restore brings them back.
    await tile(1).click();
    await tile(2).click({ modifiers: ['Control'] });
    await page.getByTestId('bulk-trash').click();
    await eventually(count).toBe(COUNT - 2);
    await page.getByRole('button', { name: 'Trash', exact: true }).click();
    await eventually(count).toBe(2);
    expect(await page.locator('.ds-trash-note').textContent()).toContain('30 days');
    expect(await page.locator('.ds-badge.days').first().textContent()).toBe('30 days left');
    await page.screenshot({ path: path.join(screenshots, 'album-trash-1024x700.png') });
    await tile(0).click();
    await page.keyboard.press('Control+a');
    await page.getByTestId('bulk-restore').click();
    await eventually(count).toBe(0);
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await eventually(count).toBe(COUNT);

    // Empty trash asks first, in the app's words, then deletes for good.
    await tile(4).click();
    const doomed = await tile(4).getAttribute('data-id');
    await page.keyboard.press('Delete');
    await eventually(count).toBe(COUNT - 1);
    await page.getByRole('button', { name: 'Trash', exact: true }).click();
    await eventually(count).toBe(1);
    await page.getByTestId('empty-trash').click();
    await page.getByTestId('empty-trash-dialog').waitFor();
    await page.getByTestId('empty-trash-confirm').click();
    await page.getByTestId('album-empty').waitFor();
    expect(await host.darkslide.library.get(doomed!)).toBeNull();
    seeded.splice(4, 1);
    await page.getByRole('button', { name: 'Album', exact: true }).click();
    await eventually(count).toBe(COUNT - 1);
  });

  test('filters: a camera, photos or videos; nothing matching says so and offers to clear', async () => {
    const glacier = seeded.filter((item) => item.index % 3 === 0).length;
    await page.getByTestId('album-camera').selectOption('glacier-50');
    await eventually(count).toBe(glacier);
    await page.getByTestId('album-kind-video').click();
    await page.getByTestId('album-empty').waitFor();
    expect(await page.getByTestId('album-empty').textContent()).toContain('Nothing matches these filters.');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(count).toBe(seeded.length);
    expect(await page.getByTestId('album-camera').inputValue()).toBe('');
  });

  test('F marks favourites (a star on the tile), the Favourites filter shows them, F again takes them out', async () => {
    await tile(3).click();
    await tile(5).click({ modifiers: ['Control'] });
    await page.keyboard.press('f');
    await eventually(() => page.locator('[data-testid="album-tile"] .ds-badge.favourite').count()).toBe(2);
    expect(await tile(3).locator('.ds-badge.favourite').count()).toBe(1);
    expect(await page.getByTestId('bulk-favourite').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: path.join(screenshots, 'album-favourites-1024x700.png') });
    await page.getByTestId('album-favourites').click();
    await eventually(count).toBe(2);
    // Both still selected: F takes them out of the favourites, and the filtered view empties.
    await page.keyboard.press('Control+a');
    await page.getByTestId('bulk-favourite').click();
    await page.getByTestId('album-empty').waitFor();
    await page.getByTestId('album-favourites').click();
    await eventually(count).toBe(seeded.length);
    expect((await host.darkslide.library.album.range({}, 0, 500)).filter((item) => item.favourite)).toEqual([]);
  });

  test('sorted by date added, the last photo filed comes first', async () => {
    await page.getByTestId('album-sort').selectOption('added');
    await eventually(() => tile(0).getAttribute('data-id')).toBe(seeded[seeded.length - 1]!.id);
    await page.getByTestId('album-sort').selectOption('taken');
    await eventually(() => tile(0).getAttribute('data-id')).toBe(seeded[0]!.id);
  });

  test('in the album, Esc and Space never reach the camera, and ? shows the album keys', async () => {
    await tile(0).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press(' ');
    await page.keyboard.press(' ');
    await page.waitForTimeout(800);
    expect(await page.locator('.ds-album').count()).toBe(1);
    expect(await page.locator('.camera').count()).toBe(0);
    expect((await host.darkslide.library.list({ limit: 500 })).items.length).toBe(seeded.length);
    await page.keyboard.press('?');
    const help = page.getByTestId('key-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Move between shots');
    await page.screenshot({ path: path.join(screenshots, 'album-keys-1024x700.png') });
    await page.keyboard.press('Escape');
    await eventually(() => help.count()).toBe(0);
    expect(await page.locator('.ds-album').count()).toBe(1);
  });
});
