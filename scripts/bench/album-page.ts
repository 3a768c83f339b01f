/// <reference lib="dom" />
/**
 * The album page at library scale (npm run bench:album-page), the browser half of bench:album: a generated
 * catalog of 100,000 photos (rows written straight into SQLite, ten years of them; each row's file a hard link
 * to one of 12 real 1200x800 JPEGs, so every thumbnail is really made from a file), the real services behind the
 * loopback transport, and the built renderer in Chromium at 1280x860. Measured in this run:
 *   1. usable: from navigating to the album to its first screen of tiles painted, every picture on screen
 *      decoded (target < 1 s); cold (no thumbnail made yet) and warm (a fresh page, thumbnails made);
 *   2. fast scrolling from top to bottom, once by dragging the scrollbar's thumb down in a second and once by
 *      wheel flicks of 20,000 px: the longest main-thread task in the page (the Long Tasks API; target: none
 *      over 50 ms) and whether the last item is reached and shown (no browser page-height cap);
 *   3. thumbnails: how many the page asked for against the items in the album (only what is on screen), and
 *      how many files the thumbnail cache holds afterwards (each made once).
 * Needs the built renderer (npm run build:renderer) and /usr/bin/chromium. Options: --items N (default 100000)
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { stopKernelWorkers } from '../../main/looks/index.ts';
import { closeMetadata } from '../../main/metadata/index.ts';
import { openApp } from '../../tests/support/app.ts';
import { numberedJpeg } from '../../tests/support/seed.ts';
import { generateCatalog } from './generated-catalog.ts';

const args = process.argv.slice(2);
const itemsAt = args.indexOf('--items');
const ITEMS = itemsAt >= 0 ? Number(args[itemsAt + 1]) : 100_000;
const SOURCES = 12;
const VIEWPORT = { width: 1280, height: 860 };

/** The catalog rows and their files: photos only (a video's thumbnail would need a real video per row). */
async function generate(root: string): Promise<void> {
  const dataDir = path.join(root, '.darkslide');
  const sources: string[] = [];
  mkdirSync(path.join(root, 'sources'), { recursive: true });
  for (let s = 0; s < SOURCES; s++) {
    const file = path.join(root, 'sources', `source-${s}.jpg`);
    writeFileSync(file, await numberedJpeg(s, 1200, 800));
    sources.push(file);
  }
  mkdirSync(path.join(root, 'gen'), { recursive: true });
  await generateCatalog({ root, dataDir }, ITEMS, { videos: false, size: { width: 1200, height: 800 }, file: (i, relPath) => linkSync(sources[i % SOURCES]!, path.join(root, relPath)) });
}

/** Collects the page's long tasks from its first script on; `take` returns and forgets those seen so far. */
const WATCH_LONG_TASKS = () => {
  const seen: number[] = [];
  // When the first tile is in the document (its picture may still be on its way).
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="album-tile"]')) return;
    (window as unknown as { firstTileAt: number }).firstTileAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  (window as unknown as { longTasks: number[] }).longTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
};
const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const seen = (window as unknown as { longTasks: number[] }).longTasks;
    return seen.splice(0, seen.length);
  });

/** The page's clock when the tiles on screen all show their decoded pictures (polled every frame). */
type Painted = { at: number; tiles: number; domReady: number; firstTile: number };
function firstScreenPainted(page: Page): Promise<Painted> {
  return page
    .waitForFunction(
      () => {
        const grid = document.querySelector('[data-testid="album"]');
        if (!grid) return false;
        const box = grid.getBoundingClientRect();
        const onScreen = [...document.querySelectorAll<HTMLElement>('[data-testid="album-tile"]')].filter((tile) => {
          const r = tile.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom && r.height > 0;
        });
        if (onScreen.length === 0) return false;
        const painted = onScreen.every((tile) => {
          const img = tile.querySelector('img');
          return img !== null && img.complete && img.naturalWidth > 0;
        });
        if (!painted) return false;
        const navigation = (performance.getEntriesByType as (type: string) => PerformanceEntry[])('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { at: performance.now(), tiles: onScreen.length, domReady: navigation?.domContentLoadedEventEnd ?? 0, firstTile: (window as unknown as { firstTileAt?: number }).firstTileAt ?? 0 };
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<Painted>);
}

const lastTileShown = (page: Page) =>
  page.evaluate((last) => {
    const tile = document.querySelector<HTMLElement>(`[data-testid="album-tile"][data-offset="${last}"]`);
    const img = tile?.querySelector('img');
    const grid = document.querySelector('[data-testid="album"]')!.getBoundingClientRect();
    const r = tile?.getBoundingClientRect();
    return !!r && r.bottom > grid.top && r.top < grid.bottom && !!img && img.complete && img.naturalWidth > 0;
  }, ITEMS - 1);

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const worst = (tasks: number[]) => (tasks.length ? `${Math.max(...tasks).toFixed(0)} ms` : 'none');
const over50 = (tasks: number[]) => tasks.filter((d) => d > 50).length;

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('bench:album-page needs /usr/bin/chromium');
  const work = mkdtempSync(path.join(tmpdir(), 'bench-album-page-'));
  const root = path.join(work, 'library');
  try {
    let t = performance.now();
    await generate(root);
    console.log(`generated a catalog of ${ITEMS} photos (files hard-linked to ${SOURCES} JPEGs) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const { host, browser, page } = await openApp(root, VIEWPORT);
    console.log(`services started (catalog opened: recovery, purge) in ${(performance.now() - t).toFixed(0)} ms`);
    try {
      let thumbnailsAsked = 0;
      const countThumbnails = (p: Page) => p.on('request', (request) => void (/\/media\/[^/]+\/thumb/.test(request.url()) && thumbnailsAsked++));
      countThumbnails(page);
      const openAlbum = async (p: Page) => {
        // Straight into the album, as the app opens on the view it was left on.
        await p.addInitScript(() => localStorage.setItem('darkslide.ui', JSON.stringify({ state: { view: 'album' }, version: 0 })));
        await p.addInitScript(WATCH_LONG_TASKS);
        await p.goto(host.url);
        return firstScreenPainted(p);
      };

      const cold = await openAlbum(page);
      const items = Number(await page.getByTestId('album').getAttribute('data-items'));
      const loadTasks = await takeLongTasks(page);
      const steps = (p: Painted) => `page's code run ${p.domReady.toFixed(0)} ms, first tile in the document ${p.firstTile.toFixed(0)} ms`;
      console.log(`usable, cold (no thumbnail made yet): first screen of ${cold.tiles} tiles painted ${cold.at.toFixed(0)} ms after navigating (target < 1000; ${steps(cold)}); the album says ${items} items; longest task while loading ${worst(loadTasks)}`);

      // 1. The scrollbar's thumb dragged from top to bottom in about a second.
      const track = (await page.getByTestId('album-scrubber').boundingBox())!;
      const thumb = (await page.getByTestId('album-scrubber-thumb').boundingBox())!;
      await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + thumb.height / 2);
      await page.mouse.down();
      const dragStarted = performance.now();
      await page.mouse.move(thumb.x + thumb.width / 2, track.y + track.height + 20, { steps: 60 });
      await page.mouse.up();
      const dragMs = performance.now() - dragStarted;
      const dragReached = await waitFor(() => lastTileShown(page), 20_000);
      const dragTasks = await takeLongTasks(page);
      console.log(`scrollbar dragged top to bottom in ${dragMs.toFixed(0)} ms: last item ${dragReached ? 'shown' : 'NOT reached'}; longest task ${worst(dragTasks)}, ${over50(dragTasks)} over 50 ms`);

      // 2. Back to the top (the thumb dragged up), then wheel flicks of 20,000 px as fast as the page takes them.
      const low = (await page.getByTestId('album-scrubber-thumb').boundingBox())!;
      await page.mouse.move(low.x + low.width / 2, low.y + low.height / 2);
      await page.mouse.down();
      await page.mouse.move(low.x + low.width / 2, track.y - 20, { steps: 10 });
      await page.mouse.up();
      await waitFor(() => page.evaluate(() => !!document.querySelector('[data-testid="album-tile"][data-offset="0"]')), 10_000);
      await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
      await takeLongTasks(page);
      const wheelStarted = performance.now();
      let flicks = 0;
      while (flicks < 2000 && !(await lastTileShown(page))) {
        await page.mouse.wheel(0, 20_000);
        flicks++;
      }
      const wheelMs = performance.now() - wheelStarted;
      const wheelReached = await waitFor(() => lastTileShown(page), 20_000);
      const wheelTasks = await takeLongTasks(page);
      console.log(`wheel: ${flicks} flicks of 20,000 px top to bottom in ${(wheelMs / 1000).toFixed(1)} s: last item ${wheelReached ? 'shown' : 'NOT reached'}; longest task ${worst(wheelTasks)}, ${over50(wheelTasks)} over 50 ms`);

      // 3. What was asked for and made, then a fresh page with the thumbnails made.
      const thumbsDir = path.join(root, '.darkslide', 'thumbs');
      const made = existsSync(thumbsDir) ? readdirSync(thumbsDir).filter((name) => name.endsWith('.jpg')).length : 0;
      console.log(`thumbnails: the page asked for ${thumbnailsAsked} of ${items} items' (${((100 * thumbnailsAsked) / items).toFixed(2)}%); ${made} made and kept in the cache`);
      const warmPage = await browser.newPage({ viewport: VIEWPORT });
      const warm = await openAlbum(warmPage);
      const madeAfter = existsSync(thumbsDir) ? readdirSync(thumbsDir).filter((name) => name.endsWith('.jpg')).length : 0;
      console.log(`usable, warm (a fresh page; the top's thumbnails made): first screen of ${warm.tiles} tiles painted ${warm.at.toFixed(0)} ms after navigating (${steps(warm)}); thumbnails in the cache ${made} -> ${madeAfter} (made once, not again)`);
      await warmPage.close();
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    await stopKernelWorkers();
    await closeMetadata();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
