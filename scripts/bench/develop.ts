/**
 * Develop benchmark (npm run bench:develop): a batch as a person runs it, against the floor of the same work.
 *   - 16 photo-like JPEGs (8 at 11 MP, 8 at 24 MP, detail at every scale, camera EXIF), made once and kept in
 *     out/bench-develop/ (delete it to make them again).
 *   - Darkslide: ONE `darkslide develop <16 files> --look harbor-400 --out DIR` process (bin/darkslide.js, as
 *     `npx darkslide` starts it), the full look, JPEG quality 90 (the issue's setting; the CLI's own default
 *     is 92, so it is passed explicitly and the floor uses the same).
 *   - Floor: scripts/bench/develop-floor.ts, also a process of its own: sharp decoding and encoding the same
 *     files in one streaming pipeline each, two at a time, with the output develop writes (upright, sRGB, no
 *     ICC profile, quality 90, 4:4:4, EXIF kept).
 * The two alternate, and each keeps its best of --rounds (default 3): the machine is shared, and the best run
 * is the one least disturbed. Timed runs are not watched (see run). Printed: both times and the ratio (target
 * <= 1.5); from a watched run of their own, the peak memory (PSS) of Darkslide's whole process tree (exiftool
 * included; target < 1.5 GB) and the longest event-loop block in the develop process (target < 50 ms); items
 * per minute for 12 MP photos (a batch of 8 x 12 MP through the same CLI); and the load.
 * With /usr/bin/time (GNU time) each run's CPU time (user + sys of the whole tree) and its ratio are printed too.
 * Last, develop-stages.ts breaks one 24 MP photo's develop into stages on one thread (decode, encode, the
 * look's colour, radial gain and grain), against the floor's streaming decode + encode of the same file.
 * Options: --rounds N, --look ID, --skip-12mp, --keep (leave the outputs in out/bench-develop/last-*)
 */
import sharp from 'sharp';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sampleSceneSvg } from '../../main/looks/tools/make-samples.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(root, 'out', 'bench-develop');
/** Bumped when the generated photos change, so an old cache is not measured by mistake. */
const PHOTOS_VERSION = 1;
const LOOK = option('--look', 'harbor-400');
const QUALITY = 90;
const ROUNDS = Math.max(1, Number(option('--rounds', '3')));

/** mulberry32: a seeded stream (an LCG's rows came out correlated at these widths). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A noise field with a photograph's falloff (octaves from coarse to fine), 8-bit, one band per channel. */
async function texture(width: number, height: number, seed: number, channels: 1 | 3): Promise<Buffer> {
  const next = random(seed);
  const octave = async (scale: number, sigma: number) => {
    const w = Math.max(8, Math.round(width / scale));
    const h = Math.max(8, Math.round(height / scale));
    const cells = Buffer.alloc(w * h * channels);
    for (let i = 0; i < cells.length; i++) cells[i] = Math.max(0, Math.min(255, Math.round(128 + (next() + next() + next() - 1.5) * 2 * sigma)));
    return sharp(cells, { raw: { width: w, height: h, channels } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
  };
  const layers = await Promise.all([octave(64, 40), octave(16, 28), octave(4, 18), octave(1, 10)]);
  const out = Buffer.alloc(width * height * channels);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, layers[0]![i]! + layers[1]![i]! + layers[2]![i]! + layers[3]![i]! - 384));
  return out;
}

/**
 * Photograph-like frames: the sample scene (sky, sun, skin, foliage, a grey ramp) under texture at every scale,
 * so every area carries detail and decode and encode cost what a photo's do; each frame its own texture, hue
 * and exposure, and the EXIF a camera writes.
 */
async function makePhotos(count: number, width: number, height: number, tag: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(CACHE, `${tag}-${i}.jpg`);
    files.push(file);
    if (existsSync(file)) continue;
    const scene = await sharp(Buffer.from(sampleSceneSvg(1200, 800))).resize(width, height).removeAlpha().raw().toBuffer();
    const detail = await texture(width, height, 20261130 + i * 7919 + width, 3);
    const base = await sharp(scene, { raw: { width, height, channels: 3 } })
      .composite([{ input: detail, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
      .removeAlpha()
      .raw()
      .toBuffer();
    const taken = `2026:0${1 + (i % 9)}:1${i % 10} 1${i % 10}:2${i % 10}:33`;
    await sharp(base, { raw: { width, height, channels: 3 } })
      .modulate({ hue: i * 23, brightness: 0.9 + (i % 3) * 0.08 })
      .withExif({
        IFD0: { Make: 'Bench', Model: `Camera ${width}x${height}`, Software: 'darkslide bench', DateTime: taken, Artist: 'Darkslide' },
        IFD2: { DateTimeOriginal: taken, ExposureTime: '1/125', FNumber: '28/10', ISOSpeedRatings: '400', FocalLength: '35/1' },
      })
      .jpeg({ quality: 92 })
      .toFile(`${file}.part`);
    renameSync(`${file}.part`, file);
  }
  return files;
}

type Run = { wall: number; cpu: number | null; peakTreeKiB: number; loop: { maxBlockMs: number; startupBlockMs: number; maxGapMs: number; histogramMaxMs: number; maxRssKiB: number } | null; outputs: number };

/** Every process's parent, from /proc (Linux). */
function parents(): Map<number, number> {
  const table = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      table.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  return table;
}

/**
 * The memory of pid and all its descendants right now: the sum of their proportional set sizes, so pages
 * two processes share count once (a child just forked from a 1 GB process shows all of it as resident).
 */
function treeMemoryKiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const [p, ppid] of parents()) children.set(ppid, [...(children.get(ppid) ?? []), p]);
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone meanwhile */
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/**
 * GNU time, where there is one: it reports the CPU (user + sys) of the whole process tree, every thread and
 * every child it waited for (exiftool included). On a shared machine CPU time is the steadier comparison:
 * wall time counts the moments other people's work held the cores.
 */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a command to its end: wall and CPU time, its outputs and, when asked, the peak memory of its process
 * tree (sampled every 50 ms). Timed runs sample nothing: reading every process's /proc files 20 times a second
 * takes CPU from the run and made the floor about a third slower than timed from outside (farm-bench), Darkslide
 * a tenth, which flattered the ratio.
 */
async function run(command: string[], outDir: string, env: NodeJS.ProcessEnv = {}, loopFile?: string, sampleMemory = false): Promise<Run> {
  rmSync(outDir, { recursive: true, force: true });
  const cpuFile = GNU_TIME ? `${outDir}.cpu` : null;
  if (cpuFile) command = [GNU_TIME!, '-f', '%U %S', '-o', cpuFile, ...command];
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak = 0;
  const sampler = sampleMemory
    ? setInterval(() => {
        if (child.pid) peak = Math.max(peak, treeMemoryKiB(child.pid));
      }, 50)
    : undefined;
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  const wall = performance.now() - started;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${command.join(' ')} exited ${code}:\n${stderr}`);
  const loop = loopFile ? (JSON.parse(readFileSync(loopFile, 'utf8')) as Run['loop']) : null;
  // The sampler can miss a short peak; the process's own kernel-counted peak is a floor for the tree's.
  if (loop) peak = Math.max(peak, loop.maxRssKiB);
  const outputs = readdirSync(outDir).filter((n) => n.endsWith('.jpg')).length;
  let cpu: number | null = null;
  if (cpuFile) {
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    cpu = user! + sys!;
    rmSync(cpuFile, { force: true });
  }
  return { wall, cpu, peakTreeKiB: peak, loop, outputs };
}

const node = process.execPath;
const cli = join(root, 'bin', 'darkslide.js');
const monitor = join(root, 'scripts', 'bench', 'loop-monitor.ts');
const floorScript = join(root, 'scripts', 'bench', 'develop-floor.ts');

/** A timed develop, as `npx darkslide develop` runs it. */
function darkslide(files: string[], outDir: string): Promise<Run> {
  return run([node, cli, 'develop', ...files, '--look', LOOK, '--quality', String(QUALITY), '--out', outDir], outDir);
}

/** The same develop watched: its event loop (loop-monitor.ts, loaded into it) and its tree's memory. */
function darkslideWatched(files: string[], outDir: string, loopFile: string): Promise<Run> {
  return run([node, '--import', monitor, cli, 'develop', ...files, '--look', LOOK, '--quality', String(QUALITY), '--out', outDir], outDir, { DARKSLIDE_BENCH_LOOP: loopFile }, loopFile, true);
}

function floor(files: string[], outDir: string, sampleMemory = false): Promise<Run> {
  return run([node, floorScript, outDir, String(QUALITY), ...files], outDir, {}, undefined, sampleMemory);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`;

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const stamp = join(CACHE, `photos-v${PHOTOS_VERSION}`);
  if (!existsSync(stamp)) for (const name of readdirSync(CACHE)) rmSync(join(CACHE, name), { recursive: true, force: true });
  const t = performance.now();
  const mp11 = await makePhotos(8, 4064, 2704, '11mp');
  const mp24 = await makePhotos(8, 6000, 4000, '24mp');
  const mp12 = flag('--skip-12mp') ? [] : await makePhotos(8, 4000, 3000, '12mp');
  if (!existsSync(stamp)) (await import('node:fs')).writeFileSync(stamp, '');
  const mb = (files: string[]) => (files.reduce((sum, f) => sum + statSync(f).size, 0) / files.length / 1e6).toFixed(1);
  console.log(`photos in ${CACHE} (${((performance.now() - t) / 1000).toFixed(1)} s): 8 x 11 MP (${mb(mp11)} MB each), 8 x 24 MP (${mb(mp24)} MB each)${mp12.length ? `, 8 x 12 MP (${mb(mp12)} MB each)` : ''}`);
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}; look ${LOOK}; JPEG q${QUALITY} 4:4:4; best of ${ROUNDS}, alternating`);

  const work = mkdtempSync(join(tmpdir(), 'bench-develop-'));
  const batch = [...mp11, ...mp24];
  const loopFile = join(work, 'loop.json');
  const best = (runs: Run[]) => runs.reduce((a, b) => (b.wall < a.wall ? b : a));
  try {
    // Warm-up of both (disk cache, Node's compile cache), not counted.
    await floor(batch.slice(0, 2), join(work, 'warm-floor'));
    await darkslide(batch.slice(0, 2), join(work, 'warm-ds'));
    const floors: Run[] = [];
    const ours: Run[] = [];
    const loads: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so a drift in the machine's load favours neither.
      const pair: [Run[], () => Promise<Run>][] = [
        [floors, () => floor(batch, join(work, 'floor'))],
        [ours, () => darkslide(batch, join(work, 'ds'))],
      ];
      if (r % 2 === 1) pair.reverse();
      for (const [runs, go] of pair) {
        const result = await go();
        runs.push(result);
        if (result.outputs !== batch.length) throw new Error(`expected ${batch.length} outputs, found ${result.outputs}`);
      }
      loads.push(loadavg()[0]!.toFixed(2));
      const cpus = floors.at(-1)!.cpu !== null ? `; CPU floor ${floors.at(-1)!.cpu!.toFixed(2)} s, darkslide ${ours.at(-1)!.cpu!.toFixed(2)} s (ratio ${(ours.at(-1)!.cpu! / floors.at(-1)!.cpu!).toFixed(2)})` : '';
      console.log(`  round ${r + 1}: floor ${seconds(floors.at(-1)!.wall)}, darkslide ${seconds(ours.at(-1)!.wall)} (ratio ${(ours.at(-1)!.wall / floors.at(-1)!.wall).toFixed(2)})${cpus}, 1-min load ${loads.at(-1)}`);
    }
    const f = best(floors);
    const d = best(ours);
    // Memory and the event loop from runs of their own, after the timed ones.
    const watched = await darkslideWatched(batch, join(work, 'ds-watched'), loopFile);
    const floorWatched = await floor(batch, join(work, 'floor-watched'), true);
    const peak = watched.peakTreeKiB;
    const block = watched.loop!.maxBlockMs;
    const gap = watched.loop!.maxGapMs;
    console.log(`16 photos (8 x 11 MP, 8 x 24 MP), one process each, best of ${ROUNDS}:`);
    console.log(`  floor (sharp decode + encode, streaming, 2 at a time): ${seconds(f.wall)}`);
    console.log(`  darkslide develop --look ${LOOK}:                      ${seconds(d.wall)}`);
    const paired = ours.map((o, i) => o.wall / floors[i]!.wall).sort((a, b) => a - b);
    console.log(`  ratio ${(d.wall / f.wall).toFixed(2)} (target <= 1.5); median of the rounds' paired ratios ${paired[Math.floor(paired.length / 2)]!.toFixed(2)} (steadier when the load swings between rounds)`);
    if (f.cpu !== null) {
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const floorCpu = median(floors.map((o) => o.cpu!));
      const ourCpu = median(ours.map((o) => o.cpu!));
      console.log(`  CPU time (user + sys, whole process tree), median of ${ROUNDS}: floor ${floorCpu.toFixed(2)} s, darkslide ${ourCpu.toFixed(2)} s, ratio ${(ourCpu / floorCpu).toFixed(2)} (what the wall ratio tends to when both use every core)`);
    }
    const startup = watched.loop!.startupBlockMs;
    console.log(`  peak memory of darkslide's process tree (PSS, exiftool included; a run of its own): ${mib(peak)} (target < 1536 MiB; the floor's: ${mib(floorWatched.peakTreeKiB)})`);
    console.log(`  longest event-loop block while developing: ${block.toFixed(1)} ms of main-thread CPU (target < 50); longest timer gap ${gap.toFixed(1)} ms (includes the OS descheduling it)`);
    console.log(`  start-up (evaluating the code before the first pixel worker): ${startup.toFixed(0)} ms of main-thread CPU in one block`);

    if (mp12.length) {
      const runs12: Run[] = [];
      for (let r = 0; r < ROUNDS; r++) runs12.push(await darkslide(mp12, join(work, 'ds12')));
      const b = best(runs12);
      const cpu12 = b.cpu !== null ? `; ${(b.cpu / mp12.length).toFixed(2)} s of CPU per photo` : '';
      console.log(`  12 MP (4000x3000): ${((mp12.length / b.wall) * 60_000).toFixed(0)} items per minute (8 in one darkslide develop call, ${seconds(b.wall)}, best of ${ROUNDS}${cpu12})`);
    }
    console.log(`  ${load()} (1-min load after each round: ${loads.join(', ')})`);
    // Where the time goes, stage by stage, on one thread: a process of its own, like the timed runs.
    const stages = spawn(node, [join(root, 'scripts', 'bench', 'develop-stages.ts'), mp24[0]!, LOOK, String(QUALITY)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    await new Promise((done) => stages.on('exit', done));
    if (flag('--keep')) {
      for (const name of ['floor', 'ds']) {
        rmSync(join(CACHE, `last-${name}`), { recursive: true, force: true });
        cpSync(join(work, name), join(CACHE, `last-${name}`), { recursive: true });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
