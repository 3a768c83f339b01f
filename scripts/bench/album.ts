/**
 * Album at library scale (npm run bench:album). Generates catalogs of 1,000 and 100,000 items (rows written
 * straight into SQLite, as a big library would have them), then measures, in this run:
 *   1. an album page (library.range, 100 items) at random positions of the 100k view: median and p95 (target < 5 ms)
 *   2. the layout of the 100k view (total, day/month sections, anchors), cold and cached
 *   3. import cost per file: the same 20 photos imported (a real import job: hash, develop, file) into the 1k
 *      and the 100k catalog; the ratio should be ~1 (flat as the library grows)
 * Options: --items N (default 100000), --photos N (default 20)
 * The page over such a catalog (first tiles painted, fast scrolling, thumbnails) is bench:album-page.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { jobKinds } from '../../main/app/jobs/index.ts';
import { createJobEngine } from '../../main/jobs/index.ts';
import { openLibrary, type Library } from '../../main/library/index.ts';
import { generateCatalog } from './generated-catalog.ts';
import { stopKernelWorkers } from '../../main/looks/index.ts';
import { closeMetadata } from '../../main/metadata/index.ts';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ITEMS = num('--items', 100_000);
const PHOTOS = num('--photos', 20);

async function generate(dir: string, count: number): Promise<{ root: string; dataDir: string }> {
  const library = { root: path.join(dir, 'root'), dataDir: path.join(dir, 'data') };
  await generateCatalog(library, count, { size: { width: 4000, height: 3000 } });
  return library;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]!, max: sorted[sorted.length - 1]! };
}

async function importCost(library: Library, photos: string[]): Promise<number> {
  const jobs = createJobEngine({ library, kinds: jobKinds });
  const t = performance.now();
  const { jobId } = await jobs.start('import', { lookId: 'harbor-400' }, photos);
  const end = await jobs.settled(jobId);
  const ms = performance.now() - t;
  await jobs.close();
  if (end.failed || end.done - end.skipped !== photos.length) throw new Error(`import: ${JSON.stringify(end)}`);
  return ms / photos.length;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-album-'));
  try {
    let t = performance.now();
    const big = await generate(path.join(work, 'big'), ITEMS);
    const small = await generate(path.join(work, 'small'), 1000);
    console.log(`generated catalogs of ${ITEMS} and 1000 items in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const library = await openLibrary(big);
    console.log(`open (recovery, purge) of the ${ITEMS}-item catalog: ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    const layout = await library.album.layout();
    const cold = performance.now() - t;
    t = performance.now();
    await library.album.layout();
    console.log(`layout: ${layout.total} items, ${layout.days.length} days, ${layout.months.length} months; cold ${cold.toFixed(1)} ms, cached ${(performance.now() - t).toFixed(2)} ms`);

    const pages: number[] = [];
    for (let i = 0; i < 300; i++) {
      const offset = Math.floor(Math.random() * (layout.total - 100));
      const t0 = performance.now();
      const items = await library.album.range({}, offset, 100);
      pages.push(performance.now() - t0);
      if (items.length !== 100) throw new Error(`range at ${offset} gave ${items.length}`);
    }
    const page = stats(pages);
    console.log(`page of 100 at random positions of ${layout.total}: median ${page.median.toFixed(2)} ms, p95 ${page.p95.toFixed(2)} ms, max ${page.max.toFixed(2)} ms (target < 5 ms)`);
    const filtered: number[] = [];
    await library.album.layout({ kind: 'video', sort: 'added' });
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await library.album.range({ kind: 'video', sort: 'added' }, Math.floor(Math.random() * 9000), 100);
      filtered.push(performance.now() - t0);
    }
    console.log(`page of 100 videos by date added: median ${stats(filtered).median.toFixed(2)} ms, p95 ${stats(filtered).p95.toFixed(2)} ms`);

    const photosDir = path.join(work, 'photos');
    mkdirSync(photosDir);
    const photos: string[] = [];
    for (let i = 0; i < PHOTOS; i++) {
      const file = path.join(photosDir, `IMG_${i}.jpg`);
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: (i * 37) % 255, g: 120, b: 90 }, noise: { type: 'gaussian', mean: 110, sigma: 25 } } }).jpeg({ quality: 90 }).toFile(file);
      photos.push(file);
    }
    const smallLibrary = await openLibrary(small);
    // Warm-up (workers, exiftool), then the two catalogs alternately.
    await importCost(smallLibrary, photos.slice(0, 1));
    const costSmall = await importCost(smallLibrary, photos.slice(1));
    const costBig = await importCost(library, photos.slice(1));
    console.log(`import cost per photo (1600x1200, ${PHOTOS - 1} photos): ${costSmall.toFixed(0)} ms at 1k items, ${costBig.toFixed(0)} ms at ${ITEMS} items; ratio ${(costBig / costSmall).toFixed(2)} (flat = ~1)`);
    await smallLibrary.close();
    await library.close();
  } finally {
    await Promise.all([closeMetadata(), stopKernelWorkers()]);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
