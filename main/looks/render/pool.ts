/**
 * A small pool of kernel workers. Pixels travel in SharedArrayBuffers; each worker renders row bands.
 * If workers cannot start (e.g. a bundle without the worker file), the kernel runs inline instead of failing.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { runKernel, type KernelParams } from './kernel.ts';

type Pending = { resolve: () => void; reject: (e: Error) => void };
type PoolWorker = { worker: Worker; busy: number };

let workers: PoolWorker[] | null = null;
let workersFailed = false;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Rows below this run inline: the hand-off costs more than the work. */
const INLINE_PIXELS = 250_000;

function startWorkers(): PoolWorker[] | null {
  if (workers || workersFailed) return workers;
  try {
    const count = Math.max(1, Math.min(4, availableParallelism()));
    workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url));
      worker.unref();
      worker.on('message', (msg: { id: number; error?: string }) => {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve();
      });
      worker.on('error', (error) => {
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(error);
        }
        workers = null;
        workersFailed = true;
      });
      return { worker, busy: 0 };
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

function post(w: PoolWorker, message: { id: number; [key: string]: unknown }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    pending.set(message.id, { resolve, reject });
    w.busy++;
    w.worker.ref();
    w.worker.postMessage(message);
  }).finally(() => {
    w.busy--;
    if (w.busy === 0) w.worker.unref();
  });
}

/** Runs the kernel over the whole image and returns the developed pixels. */
export async function runKernelAsync(params: KernelParams, src: Uint8Array): Promise<Uint8Array> {
  const pool = params.width * params.height >= INLINE_PIXELS ? startWorkers() : null;
  if (!pool) {
    const dst = new Uint8Array(src.length);
    runKernel(params, src, dst);
    return dst;
  }
  const srcShared = new SharedArrayBuffer(src.length);
  new Uint8Array(srcShared).set(src);
  const dstShared = new SharedArrayBuffer(src.length);
  const bands = pool.length * 2;
  const rowsPerBand = Math.ceil(params.height / bands);
  const jobs: Promise<void>[] = [];
  for (let b = 0; b < bands; b++) {
    const y0 = b * rowsPerBand;
    const y1 = Math.min(params.height, y0 + rowsPerBand);
    if (y0 >= y1) break;
    jobs.push(post(pool[b % pool.length]!, { id: nextId++, params, src: srcShared, dst: dstShared, y0, y1 }));
  }
  await Promise.all(jobs);
  return new Uint8Array(dstShared);
}
