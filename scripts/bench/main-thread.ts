/**
 * Longest main-thread block while the catalog works in this thread (npm run bench:main-thread): the part of issue
 * 9's scripted session that is the library's (trash and restore 5,000 items with their files, open an album of
 * 100,000 items and page through it). Blocks are measured two ways: perf_hooks' monitorEventLoopDelay, and a 2 ms
 * timer whose gaps count only the main thread's own CPU time (a shared machine also deschedules the process).
 * Target: under 50 ms. This is the figure that decides whether the catalog must move to a worker thread.
 * Options: --items N (default 100000), --trash N (default 5000)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { openLibrary } from '../../main/library/index.ts';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ITEMS = num('--items', 100_000);
const TRASH = num('--trash', 5000);

function watchBlocks() {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  let maxBlock = 0;
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage(lastCpu);
    maxBlock = Math.max(maxBlock, Math.min(now - last, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.threadCpuUsage();
  }, 2);
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      return { maxBlockMs: maxBlock, loopDelayMaxMs: histogram.max / 1e6, loopDelayP99Ms: histogram.percentile(99) / 1e6 };
    },
  };
}

async function phase(name: string, work: () => Promise<unknown>): Promise<number> {
  const watch = watchBlocks();
  const t = performance.now();
  await work();
  // Let the timer see the end of the last block.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const result = watch.stop();
  console.log(`${name}: ${(performance.now() - t).toFixed(0)} ms; longest block ${result.maxBlockMs.toFixed(1)} ms (event-loop delay max ${result.loopDelayMaxMs.toFixed(1)} ms, p99 ${result.loopDelayP99Ms.toFixed(1)} ms)`);
  return result.maxBlockMs;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-main-thread-'));
  try {
    const options = { root: path.join(work, 'root'), dataDir: path.join(work, 'data') };
    await (await openLibrary(options)).close();
    const db = new DatabaseSync(path.join(options.dataDir, 'catalog.sqlite'));
    const insert = db.prepare(
      `INSERT INTO items (id, kind, file_name, rel_path, width, height, taken_at, taken_at_ms, look_id, look_name, recipe, bytes, state, created_at, added_at_ms)
       VALUES (?, 'photo', ?, ?, 4000, 3000, ?, ?, 'harbor-400', 'Harbor 400', '{}', 1, 'done', ?, ?)`,
    );
    mkdirSync(path.join(options.root, '2026', '2026-01-01'), { recursive: true });
    db.exec('BEGIN');
    const start = Date.UTC(2016, 0, 1);
    for (let i = 0; i < ITEMS; i++) {
      const ms = start + Math.floor((i / ITEMS) * 3650) * 86_400_000 + (i % 86_400) * 1000;
      const iso = new Date(ms).toISOString().replace('Z', '+00:00');
      const name = `DS_20260101_000000_${i + 1}.jpg`;
      const rel = `2026/2026-01-01/${name}`;
      // The newest TRASH items have real files, so trash and restore move files as they would.
      if (i >= ITEMS - TRASH) writeFileSync(path.join(options.root, rel), 'x');
      insert.run(i.toString(16).padStart(16, '0'), name, rel, iso, ms, iso, ms);
    }
    db.exec('COMMIT');
    db.close();

    let worst = 0;
    let library!: Awaited<ReturnType<typeof openLibrary>>;
    worst = Math.max(worst, await phase(`open the library (${ITEMS} items: recovery, purge)`, async () => (library = await openLibrary(options))));
    worst = Math.max(worst, await phase('open the album (layout of every item)', () => library.album.layout()));
    worst = Math.max(worst, await phase('scroll the album (200 pages of 100 at random positions)', async () => {
      for (let i = 0; i < 200; i++) await library.album.range({}, Math.floor(Math.random() * (ITEMS - 100)), 100);
    }));
    const newest: string[] = [];
    for (let offset = 0; offset < TRASH; offset += 500) newest.push(...(await library.album.range({}, offset, 500)).map((item) => item.id));
    worst = Math.max(worst, await phase(`trash ${newest.length} items (files moved)`, () => library.trash(newest)));
    worst = Math.max(worst, await phase(`restore ${newest.length} items`, () => library.restore(newest)));
    console.log(`longest main-thread block with the catalog in this thread: ${worst.toFixed(1)} ms (target < 50 ms)`);
    await library.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
