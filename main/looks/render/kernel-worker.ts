// Runs kernel bands off the main thread: the Electron main process must never stall on pixel work.
import { parentPort } from 'node:worker_threads';
import { runKernel, type KernelParams } from './kernel.ts';

type Job = { id: number; params: KernelParams; src: SharedArrayBuffer; dst: SharedArrayBuffer; y0: number; y1: number };

parentPort!.on('message', (job: Job) => {
  try {
    runKernel(job.params, new Uint8Array(job.src), new Uint8Array(job.dst), job.y0, job.y1);
    parentPort!.postMessage({ id: job.id });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) });
  }
});
