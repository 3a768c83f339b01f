// HEIC/HEIF through libheif compiled to WebAssembly (sharp's prebuilt libvips has no HEVC decoder), in a worker
// thread of its own (heif-worker.ts): the decoder is synchronous and would block the main thread for seconds.
import { Worker } from 'node:worker_threads';
import type * as looks from '../../looks/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { HeifJob, HeifReply } from './heif-worker.ts';

/** An idle decoder is stopped after this long: its WebAssembly memory (hundreds of MB after a large photo) never shrinks. */
const IDLE_MS = 15_000;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (reply: HeifReply) => void; reject: (error: Error) => void }>();

/** Where the worker's script is: beside this file in the sources; the Electron build rewrites it to its bundle. */
function workerUrl(): URL {
  return new URL('./heif-worker.ts', import.meta.url);
}

function failAll(error: Error): void {
  for (const [id, p] of pending) {
    pending.delete(id);
    p.reject(error);
  }
}

function start(): Worker {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (worker) return worker;
  const started = new Worker(workerUrl());
  started.on('message', (reply: HeifReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    p.resolve(reply);
    settle();
  });
  started.on('error', (error) => {
    if (worker === started) worker = null;
    failAll(error);
  });
  started.on('exit', (code) => {
    if (worker === started) worker = null;
    failAll(new Error(`the HEIF decoder's worker thread stopped (exit code ${code})`));
  });
  worker = started;
  return started;
}

/** Holds the process only while a decode is waiting; stops the worker once it has been idle a while. */
function settle(): void {
  if (!worker) return;
  if (pending.size > 0) {
    worker.ref();
    return;
  }
  worker.unref();
  const idle = worker;
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker === idle && pending.size === 0) {
      worker = null;
      void idle.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

/** Stops the decoder's worker now (tests, app shutdown); a later decode starts a new one. */
export async function stopHeifDecoder(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}

/** Decodes a HEIC/HEIF file's bytes to RGB pixels (its primary image, oriented); `name` is for the error. */
export async function decodeHeif(bytes: Uint8Array, name: string): Promise<looks.RawImage> {
  const id = nextId++;
  let reply: HeifReply;
  try {
    reply = await new Promise<HeifReply>((resolve, reject) => {
      const decoder = start();
      pending.set(id, { resolve, reject });
      settle();
      // A copy of the file's bytes (a few MB): the caller keeps its own to file as the original.
      decoder.postMessage({ id, bytes } satisfies HeifJob);
    });
  } catch (error) {
    // The decoder itself went down (out of memory on a huge picture, say): the file may be fine.
    throw new DarkslideError('develop.decoder-crashed', { file: name }, { cause: error });
  }
  if ('error' in reply) throw new DarkslideError('develop.not-a-photo', { file: name }, { cause: new Error(reply.error) });
  return { raw: Buffer.from(reply.rgb), width: reply.width, height: reply.height, channels: 3 };
}
