/**
 * Develop benchmark (npm run bench:develop). Everything is generated and measured in this run, so the
 * ratios hold on a noisy shared machine; floor and develop runs alternate per image.
 *   1. full-look develop time / sharp decode+encode floor, 12 MP and 24 MP JPEGs (target <= 1.5)
 *   2. ImageMagick -hald-clut time / Darkslide time with the same HaldCLUT (target >= 8)
 *   3. peak RSS of a 50-image 24 MP developFiles batch, in a child process (target < 1.5 GB)
 *   4. longest event-loop block while developing (target < 50 ms)
 * Options: --images N (default 20: half 12 MP, half 24 MP), --batch N (default 50), --skip-batch, --skip-magick
 */
import sharp from 'sharp';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { developFiles, developStill, importLut, setUserLooksDir, stopKernelWorkers } from '../../main/looks/index.ts';
import { lookLut } from '../../main/looks/registry.ts';
import { sampleTetrahedral } from '../../main/looks/lut/lut.ts';
import { identityHaldPixels } from '../../main/looks/lut/hald.ts';
import { sampleSceneSvg } from '../../main/looks/tools/make-samples.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const CAMERA = 'harbor-400';

/** A seeded noise field with a photograph's falloff (octaves from coarse to fine), 8-bit grey. */
async function texture(width: number, height: number): Promise<Buffer> {
  let state = 20261130;
  // mulberry32 (an LCG's rows came out correlated at these widths)
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const octave = async (scale: number, sigma: number) => {
    const w = Math.max(8, Math.round(width / scale));
    const h = Math.max(8, Math.round(height / scale));
    const cells = Buffer.alloc(w * h);
    for (let i = 0; i < cells.length; i++) cells[i] = Math.max(0, Math.min(255, Math.round(128 + (random() + random() + random() - 1.5) * 2 * sigma)));
    // extractChannel: a 1-band raw input comes back from resize as 3-band sRGB otherwise.
    return sharp(cells, { raw: { width: w, height: h, channels: 1 } }).resize(width, height, { kernel: 'cubic' }).extractChannel(0).raw().toBuffer();
  };
  const layers = await Promise.all([octave(64, 40), octave(16, 28), octave(4, 18), octave(1, 10)]);
  const out = Buffer.alloc(width * height);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, layers[0]![i]! + layers[1]![i]! + layers[2]![i]! + layers[3]![i]! - 384));
  return out;
}

async function makeJpegs(dir: string, count: number, width: number, height: number, tag: string): Promise<string[]> {
  // Photograph-like frames: the sample scene with texture at every scale (sky, skin, grass, tarmac all
  // carry detail), so decode and encode cost what a photo's do. (removeAlpha: composite adds an alpha band.)
  const scene = await sharp(Buffer.from(sampleSceneSvg(1200, 800))).resize(width, height).removeAlpha().raw().toBuffer();
  const detail = await sharp(await texture(width, height), { raw: { width, height, channels: 1 } }).toColourspace('srgb').raw().toBuffer();
  const base = await sharp(scene, { raw: { width, height, channels: 3 } })
    .composite([{ input: detail, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
    .removeAlpha()
    .raw()
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `${tag}-${i}.jpg`);
    await sharp(base, { raw: { width, height, channels: 3 } }).modulate({ hue: i * 17, brightness: 0.9 + (i % 3) * 0.08 }).jpeg({ quality: 90 }).toFile(file);
    files.push(file);
  }
  return files;
}

type Timing = { wall: number; cpu: number };

/** Wall time and CPU time of the whole process (libvips threads and kernel workers included). */
async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  await work();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t, cpu: (c.user + c.system) / 1000 };
}

function floorTime(file: string): Promise<Timing> {
  return timed(async () => {
    const { data, info } = await sharp(file).rotate().raw().toBuffer({ resolveWithObject: true });
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
  });
}

function developTime(file: string, lookId: string, effects = true): Promise<Timing> {
  return timed(() => developStill(file, { lookId, seed: 7, effects, dateStamp: null }));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function batchChild(): Promise<void> {
  const [, , , dir, out, count] = process.argv;
  const files = Array.from({ length: Number(count) }, (_, i) => join(dir!, `24mp-${i % 10}.jpg`));
  await developFiles(files, { lookId: CAMERA, outDir: out!, seed: 1, keepExif: false });
  await stopKernelWorkers();
  process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-develop-'));
  const images = num('--images', 20);
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, sharp threads ${sharp.concurrency()}`);
  let t = performance.now();
  const mp12 = await makeJpegs(dir, Math.ceil(images / 2), 4240, 2832, '12mp');
  const mp24 = await makeJpegs(dir, Math.floor(images / 2), 6000, 4000, '24mp');
  const { statSync } = await import('node:fs');
  const mb = (files: string[]) => (files.reduce((sum, f) => sum + statSync(f).size, 0) / files.length / 1e6).toFixed(1);
  console.log(`generated ${images} JPEGs in ${((performance.now() - t) / 1000).toFixed(1)} s (12 MP ${mb(mp12)} MB, 24 MP ${mb(mp24)} MB each)`);

  // Warm-up: JIT, workers, the compiled LUT.
  await developTime(mp12[0]!, CAMERA);
  await floorTime(mp12[0]!);

  // Event-loop blocking: a timer every 5 ms; a gap only counts as a block for the main thread's own CPU time
  // spent in it (on a shared machine the OS also deschedules the process, which is not our stall).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let maxGap = 0;
  let maxBlock = 0;
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage(lastCpu);
    const gap = now - last;
    maxGap = Math.max(maxGap, gap - 5);
    maxBlock = Math.max(maxBlock, Math.min(gap, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.threadCpuUsage();
  }, 5);
  loop.enable();
  const total = (a: Timing[], k: keyof Timing) => a.reduce((s, v) => s + v[k], 0);
  for (const [label, files] of [['12 MP', mp12], ['24 MP', mp24]] as const) {
    const floor: Timing[] = [];
    const full: Timing[] = [];
    const colour: Timing[] = [];
    const halation: Timing[] = [];
    for (const file of files) {
      floor.push(await floorTime(file));
      full.push(await developTime(file, CAMERA));
      colour.push(await developTime(file, CAMERA, false));
      halation.push(await developTime(file, 'nightreel-500t'));
    }
    const ratio = (a: Timing[], k: keyof Timing) => (total(a, k) / total(floor, k)).toFixed(2);
    console.log(
      `${label}: floor median ${median(floor.map((t) => t.wall)).toFixed(0)} ms, full look median ${median(full.map((t) => t.wall)).toFixed(0)} ms\n` +
        `  wall ratio: full look ${ratio(full, 'wall')} (target <= 1.5), colour only ${ratio(colour, 'wall')}, halation camera ${ratio(halation, 'wall')}\n` +
        `  CPU ratio:  full look ${ratio(full, 'cpu')}, colour only ${ratio(colour, 'cpu')}, halation camera ${ratio(halation, 'cpu')}`,
    );
  }
  loop.disable();
  clearInterval(ticker);
  console.log(
    `event loop: longest block ${maxBlock.toFixed(1)} ms of main-thread CPU (target < 50); longest timer gap ${maxGap.toFixed(1)} ms, ` +
      `histogram max ${(loop.max / 1e6).toFixed(1)} ms (both include OS descheduling on a busy machine)`,
  );
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(`1-minute load average at the end: ${load.toFixed(2)} on ${(await import('node:os')).availableParallelism()} cores`);

  if (!flag('--skip-magick')) {
    // The same colour as a level-8 HaldCLUT, through ImageMagick and through Darkslide (colour only).
    const lut = lookLut(CAMERA);
    const { data, side } = identityHaldPixels(8);
    const tmp = new Float32Array(3);
    for (let i = 0; i < data.length; i += 3) {
      sampleTetrahedral(lut, data[i]! / 65535, data[i + 1]! / 65535, data[i + 2]! / 65535, tmp);
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(Math.min(1, Math.max(0, tmp[c]!)) * 65535);
    }
    const hald = join(dir, 'look-hald.png');
    await sharp(data, { raw: { width: side, height: side, channels: 3 } }).toColourspace('rgb16').png().toFile(hald);
    setUserLooksDir(join(dir, 'looks'));
    const cam = await importLut(hald, { name: 'Bench Hald' });
    const files = mp12.slice(0, 3);
    // The first develop with a look fills its 2^24 colour table (kept for the session); time it apart.
    const cold = await developTime(files[0]!, cam.id, false);
    console.log(`first develop with the HaldCLUT look (fills its colour table): ${cold.wall.toFixed(0)} ms`);
    let magick = 0;
    let ours = 0;
    for (const file of files) {
      t = performance.now();
      execFileSync('convert', [file, hald, '-hald-clut', '-quality', '92', join(dir, 'magick.jpg')]);
      magick += performance.now() - t;
      ours += (await developTime(file, cam.id, false)).wall;
    }
    console.log(`ImageMagick -hald-clut: ${(magick / files.length).toFixed(0)} ms/image vs Darkslide ${(ours / files.length).toFixed(0)} ms: ImageMagick is ${(magick / ours).toFixed(1)}x slower (target >= 8)`);
  }

  if (!flag('--skip-batch') && mp24.length > 0) {
    const count = num('--batch', 50);
    const out = join(dir, 'batch-out');
    t = performance.now();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--batch-child', dir, out, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`batch child exited ${code}`)))));
    const { maxRssKiB } = JSON.parse(text) as { maxRssKiB: number };
    console.log(`batch of ${count} x 24 MP: ${((performance.now() - t) / 1000).toFixed(1)} s, peak RSS ${(maxRssKiB / 1024).toFixed(0)} MiB (target < 1536)`);
  }
  await stopKernelWorkers();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--batch-child') await batchChild();
else await main();
