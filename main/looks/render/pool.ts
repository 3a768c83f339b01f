/**
 * A small pool of pixel workers. Pixels travel in SharedArrayBuffers; the kernel runs on row bands, the
 * light map (halation, bloom, leaks) as one job. If workers cannot start (e.g. a bundle without the worker
 * file), the work runs inline instead of failing.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fillColourTable, fillGrainPlate, grainNeedsPlate, runKernel, VIG_ENTRIES, type KernelParams } from './kernel.ts';
import type { GrainSpec, ParametricColour } from '../schema.ts';
import { compileParametric } from '../colour/compile.ts';
import { radialGainTable } from '../effects/vignette.ts';
import type { Lut3D } from '../lut/lut.ts';
import { computeLightMap, finishLightMap, planLight, type HighlightSums, type LightMap, type LightPlan } from '../effects/light.ts';
import type { LookDefinition } from '../schema.ts';

type Reply = { id: number; error?: string; light?: LightMap | null; sums?: HighlightSums; lut?: Lut3D };
type Pending = { resolve: (reply: Reply) => void; reject: (e: Error) => void };
type PoolWorker = { worker: Worker; busy: number; developing: boolean };

let workers: PoolWorker[] | null = null;
let workersFailed = false;
let nextId = 1;
let roundRobin = 0;
const pending = new Map<number, Pending>();

/** Below this many pixels the work runs inline: the hand-off costs more than it saves. */
const INLINE_PIXELS = 250_000;

function startWorkers(): PoolWorker[] | null {
  if (workers || workersFailed) return workers;
  try {
    const count = Math.max(1, Math.min(4, availableParallelism()));
    workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (msg: Reply) => {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg);
      });
      worker.on('error', (error) => {
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(error);
        }
        workers = null;
        workersFailed = true;
      });
      return { worker, busy: 0, developing: false };
    });
  } catch {
    workersFailed = true;
    workers = null;
  }
  return workers;
}

/** Releases the workers (tests, app shutdown). */
export async function stopKernelWorkers(): Promise<void> {
  const ws = workers;
  workers = null;
  if (ws) await Promise.all(ws.map((w) => w.worker.terminate()));
}

function post(w: PoolWorker, message: { id: number; [key: string]: unknown }): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    pending.set(message.id, { resolve, reject });
    w.busy++;
    w.worker.ref();
    w.worker.postMessage(message);
  }).finally(() => {
    w.busy--;
    if (w.busy === 0) w.worker.unref();
  });
}

/**
 * Shared pixel buffers are reused: a worker keeps its view of a SharedArrayBuffer until its own (rarely run)
 * GC, so a fresh 72 MB buffer per 24 MP develop piles up in RSS over a batch.
 */
const freeShared: SharedArrayBuffer[] = [];
const FREE_SHARED_MAX = 4;

export function acquireShared(bytes: number): Uint8Array {
  let best = -1;
  for (let i = 0; i < freeShared.length; i++) {
    const size = freeShared[i]!.byteLength;
    if (size >= bytes && size <= bytes * 1.5 + 65536 && (best < 0 || size < freeShared[best]!.byteLength)) best = i;
  }
  const buffer = best >= 0 ? freeShared.splice(best, 1)[0]! : new SharedArrayBuffer(bytes);
  return new Uint8Array(buffer, 0, bytes);
}

/** Hands a buffer from acquireShared back; the caller must hold no view of it any more. */
export function releaseShared(view: Uint8Array): void {
  if (!(view.buffer instanceof SharedArrayBuffer) || freeShared.includes(view.buffer)) return;
  freeShared.push(view.buffer);
  while (freeShared.length > FREE_SHARED_MAX) freeShared.shift();
}

/** Pixels in shared memory, so bands and jobs read them without copies. */
export function toShared(src: Uint8Array): Uint8Array {
  if (src.buffer instanceof SharedArrayBuffer) return src;
  const shared = acquireShared(src.length);
  shared.set(src);
  return shared;
}

/** As toShared, copying in slices with a yield between, so a 72 MB copy never blocks the event loop. */
export async function toSharedAsync(src: Uint8Array): Promise<Uint8Array> {
  if (src.buffer instanceof SharedArrayBuffer || src.length <= COPY_SLICE) return toShared(src);
  const shared = acquireShared(src.length);
  await copyInSlices(shared, src, 0);
  return shared;
}

/**
 * dst.set(src, offset), a slice at a time with a turn of the event loop between: copying into memory not yet
 * touched costs about 1.2 ms a MB (page faults included), so a decoded 24 MP part in one piece held the main
 * thread for 30-90 ms.
 */
export async function copyInSlices(dst: Uint8Array, src: Uint8Array, offset: number): Promise<void> {
  for (let o = 0; o < src.length; o += COPY_SLICE) {
    if (o > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    dst.set(src.subarray(o, Math.min(src.length, o + COPY_SLICE)), offset + o);
  }
}

/** About 5 ms of copying on a loaded machine. */
const COPY_SLICE = 4 << 20;

/**
 * Workers for a picture this size, or none (inline). Grain finer than a pixel (k x k samples a pixel) costs the
 * same on a small picture as on a large one: 1.5-5 s of a 640x360 webcam shot blocked the main thread, long
 * enough for the capture watchdog to call the camera frozen. That work always goes to the workers.
 */
function usePool(width: number, height: number, fineGrain = false): PoolWorker[] | null {
  return fineGrain || width * height >= INLINE_PIXELS ? startWorkers() : null;
}

/** Whether developing `params` without a grain plate samples grain finer than a pixel. */
function samplesFineGrain(params: KernelParams): boolean {
  return !!params.grain && params.grain.amount > 0 && !params.grainPlate && grainNeedsPlate(params.width, params.height, params.seed, params.grain);
}

/**
 * A parametric look's LUT, compiled on a pixel worker (here when there are none): the same floats as
 * compileParametric on this thread, which spends ~20 ms of CPU on it (several times that on a loaded machine).
 */
export async function compileLutAsync(colour: ParametricColour): Promise<Lut3D> {
  const pool = startWorkers();
  if (!pool) return compileParametric(colour);
  const reply = await post(pool[roundRobin++ % pool.length]!, { id: nextId++, task: 'compileLut', colour });
  return reply.lut!;
}

/** Light map with the full-resolution highlight pass split into bands over the workers. */
export async function computeLightMapAsync(look: LookDefinition, src: Uint8Array, width: number, height: number, seed: number, fx: number): Promise<LightMap | null> {
  const pool = usePool(width, height);
  if (!pool || src.length === 0) return computeLightMap(look, src, width, height, seed, fx);
  const plan = planLight(look, width, height, seed, fx);
  if (!plan) return null;
  if (!plan.lumaRequest && !plan.rgbRequest) return finishLightMap(plan, { luma: null, rgb: null });
  const bands = lightBands(width, height)!;
  const sums = await highlightBandsAsync(plan, toShared(src), Array.from({ length: bands.count }, (_, b) => b));
  return finishLightAsync(plan, sums);
}

/**
 * The row bands of the highlight pass, fixed by the picture's size: summed in floats, the light map is only
 * the same to the last bit when the same bands are added in the same order, whoever computes them when.
 * Band b covers rows [b * rows, min(height, (b + 1) * rows)). Null when the pass runs inline.
 */
export function lightBands(width: number, height: number): { rows: number; count: number } | null {
  const pool = usePool(width, height);
  if (!pool) return null;
  const rows = Math.ceil(height / (pool.length * 2));
  return { rows, count: Math.ceil(height / rows) };
}

/** Highlight sums of the given bands (see lightBands), in the order given. */
export async function highlightBandsAsync(plan: LightPlan, src: Uint8Array, bands: number[]): Promise<HighlightSums[]> {
  const { width, height } = plan;
  const { rows } = lightBands(width, height)!;
  const pool = startWorkers()!;
  const jobs = bands.map((b) =>
    post(pool[b % pool.length]!, { id: nextId++, task: 'highlight', src: src.buffer, width, height, luma: plan.lumaRequest, rgb: plan.rgbRequest, y0: b * rows, y1: Math.min(height, (b + 1) * rows) }),
  );
  return (await Promise.all(jobs)).map((r) => r.sums!);
}

/** Adds the bands' sums in band order and finishes the light map (blurs on the grids) on a worker. */
export async function finishLightAsync(plan: LightPlan, parts: HighlightSums[]): Promise<LightMap> {
  const add = (key: 'luma' | 'rgb'): Float32Array | null => {
    const first = parts[0]![key];
    if (!first) return null;
    for (let p = 1; p < parts.length; p++) {
      const other = parts[p]![key]!;
      for (let i = 0; i < first.length; i++) first[i] = first[i]! + other[i]!;
    }
    return first;
  };
  const sums = { luma: add('luma'), rgb: add('rgb') };
  const pool = startWorkers();
  if (!pool) return finishLightMap(plan, sums);
  const reply = await post(pool[roundRobin++ % pool.length]!, { id: nextId++, task: 'lightFinish', plan, sums });
  return reply.light!;
}

/** Runs the kernel over the whole image and returns the developed pixels. */
export async function runKernelAsync(params: KernelParams, src: Uint8Array): Promise<Uint8Array> {
  const pool = usePool(params.width, params.height, samplesFineGrain(params));
  if (!pool) {
    const dst = new Uint8Array(src.length);
    runKernel(params, src, dst);
    return dst;
  }
  const dst = acquireShared(src.length);
  await runKernelRowsAsync(params, toShared(src), dst, 0, params.height);
  return dst;
}

/**
 * Runs the kernel on rows [y0, y1) of shared buffers, in bands over the workers (inline without them), so
 * part of a picture can be developed while the rest is still being decoded. Bands wait in one queue and a
 * worker takes the next when it is free: the parts of a picture share the workers as they arrive.
 */
export async function runKernelRowsAsync(params: KernelParams, src: Uint8Array, dst: Uint8Array, y0: number, y1: number): Promise<void> {
  const pool = usePool(params.width, y1 - y0, samplesFineGrain(params));
  if (!pool) {
    runKernel(params, src, dst, y0, y1);
    return;
  }
  // The table replaces the LUT (no need to copy it to every band), and the radial gain table is made once.
  const shared: KernelParams = { ...params, lut: params.table ? null : params.lut, radialTable: params.radial ? radialGainTable(params.radial, VIG_ENTRIES) : null };
  const rowsPerBand = Math.max(MIN_BAND_ROWS, Math.ceil((y1 - y0) / (pool.length * 4)));
  const jobs: Promise<unknown>[] = [];
  for (let from = y0; from < y1; from += rowsPerBand) {
    const message = { id: nextId++, task: 'kernel', params: shared, src: src.buffer, dst: dst.buffer, y0: from, y1: Math.min(y1, from + rowsPerBand) };
    jobs.push(new Promise<void>((resolve, reject) => bandQueue.push({ message, resolve, reject })));
  }
  pumpBands();
  // Every band is waited for, even after a failure: workers must be done with the buffers before reuse.
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const MIN_BAND_ROWS = 32;
type Band = { message: { id: number; [key: string]: unknown }; resolve: () => void; reject: (e: Error) => void; signal?: AbortSignal };
const bandQueue: Band[] = [];
/**
 * Bands of work ahead of time (grain plates for the next shot): a worker takes one only when no develop band
 * waits, so a press during a burst is never queued behind the shot after it.
 */
const aheadQueue: Band[] = [];
function nextBand(): Band | undefined {
  for (;;) {
    const band = bandQueue.shift() ?? aheadQueue.shift();
    if (!band?.signal?.aborted) return band;
    band.reject(band.signal.reason instanceof Error ? band.signal.reason : new Error('aborted'));
  }
}
function pumpBands(): void {
  const pool = workers;
  if (!pool) {
    for (const band of [...bandQueue.splice(0), ...aheadQueue.splice(0)]) band.reject(new Error('the pixel workers stopped'));
    return;
  }
  for (const w of pool) {
    if (bandQueue.length === 0 && aheadQueue.length === 0) return;
    if (w.developing) continue;
    const band = nextBand();
    if (!band) return;
    w.developing = true;
    post(w, band.message)
      .then(() => band.resolve(), band.reject)
      .finally(() => {
        w.developing = false;
        pumpBands();
      });
  }
}

/**
 * Draws a picture's sub-pixel grain ahead of time (see fillGrainPlate), in row bands over the workers, in the
 * background: its bands run only when no develop band waits. Null when this grain needs no plate. Aborting the
 * signal drops the bands not yet started (the promise then rejects): a plate nobody will use stops costing.
 */
export async function grainPlateAsync(width: number, height: number, seed: number, spec: GrainSpec, signal?: AbortSignal): Promise<SharedArrayBuffer | null> {
  if (!grainNeedsPlate(width, height, seed, spec)) return null;
  const plate = new SharedArrayBuffer(width * height * 3 * 4);
  const pool = usePool(width, height, true);
  if (!pool) {
    fillGrainPlate(width, height, seed, spec, new Float32Array(plate));
    return plate;
  }
  // Several bands a worker: a press waits at most one band's time for a worker drawing ahead.
  const rows = Math.max(MIN_BAND_ROWS, Math.ceil(height / (pool.length * 4)));
  const jobs: Promise<unknown>[] = [];
  for (let y0 = 0; y0 < height; y0 += rows) {
    const message = { id: nextId++, task: 'grainPlate', width, height, seed, spec, plate, y0, y1: Math.min(height, y0 + rows) };
    jobs.push(new Promise<void>((resolve, reject) => aheadQueue.push({ message, resolve, reject, ...(signal ? { signal } : {}) })));
  }
  pumpBands();
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return plate;
}

/**
 * Pictures at least this large use a colour table. Filling it costs about one 10 MP tetrahedral pass (0.3 s of
 * CPU, once per look and strength); a lookup costs a quarter of a tetrahedron. From 1080p: a shot's table is
 * filled ahead by prepareStill, and a 1080p press spends 35 ms of CPU on its look instead of 90 (bench:shoot).
 */
export const TABLE_MIN_PIXELS = 1_500_000;
const TABLE_CACHE = 2;
const tables = new Map<string, Promise<Uint8Array>>();
/** A name per filled table, never reused: workers keep a copy of the last table they were given under it. */
const tableNames = new WeakMap<Uint8Array, string>();
let tableSerial = 0;

export function colourTableName(table: Uint8Array): string | null {
  return tableNames.get(table) ?? null;
}

/**
 * Copies a filled colour table into every worker's WebAssembly memory now, so the first picture developed
 * with it does not wait for 48 MiB per worker to be copied (about 70 ms of a first 1080p shot).
 */
export async function holdColourTable(table: Uint8Array): Promise<void> {
  const pool = startWorkers();
  const key = colourTableName(table);
  if (!pool || !key) return;
  await Promise.all(pool.map((w) => post(w, { id: nextId++, task: 'holdTable', table: table.buffer, key })));
}

/** How many colour tables this process has filled (tests: which develops fill one, and when). */
export function colourTablesFilled(): number {
  return tableSerial;
}

/** Forgets every colour table (looks reloaded). */
export function clearColourTables(): void {
  tables.clear();
}

/**
 * The 2^24-entry colour table of a LUT (48 MiB, shared memory), filled by the workers in slices and
 * kept for the last two looks, so a batch or a session with one look fills it once.
 */
export function colourTable(key: string, lut: Lut3D): Promise<Uint8Array> {
  const cached = tables.get(key);
  if (cached) {
    tables.delete(key);
    tables.set(key, cached);
    return cached;
  }
  const filling = (async () => {
    const table = new Uint8Array(new SharedArrayBuffer(256 * 256 * 256 * 3));
    tableNames.set(table, `${key}#${++tableSerial}`);
    const pool = startWorkers();
    if (!pool) {
      fillColourTable(lut, table, 0, 1 << 24);
      return table;
    }
    // Slices of whole Morton octants (contiguous entry ranges), four per worker.
    const slices = pool.length * 4;
    const per = Math.ceil((1 << 24) / slices / 65536) * 65536;
    const jobs: Promise<Reply>[] = [];
    for (let from = 0; from < 1 << 24; from += per) {
      jobs.push(post(pool[(from / per) % pool.length]!, { id: nextId++, task: 'table', lut, table: table.buffer, from, to: Math.min(1 << 24, from + per) }));
    }
    await Promise.all(jobs);
    return table;
  })();
  tables.set(key, filling);
  filling.catch(() => tables.delete(key));
  while (tables.size > TABLE_CACHE) tables.delete(tables.keys().next().value!);
  return filling;
}
