// Runs pixel work off the main thread: the Electron main process must never stall on a 24 MP frame.
import { parentPort } from 'node:worker_threads';
import { fillColourTable, fillGrainPlate, runKernel, type KernelParams } from './kernel.ts';
import { AFTER_TABLES, ensureMemory, placeTable } from './wasm-kernel.ts';
import type { GrainSpec, ParametricColour } from '../schema.ts';
import { compileParametric } from '../colour/compile.ts';
import type { Lut3D } from '../lut/lut.ts';
import { finishLightMap, highlightSums, type GridRequest, type HighlightSums, type LightPlan } from '../effects/light.ts';

type KernelJob = { id: number; task: 'kernel'; params: KernelParams; src: SharedArrayBuffer; dst: SharedArrayBuffer; y0: number; y1: number };
type TableJob = { id: number; task: 'table'; lut: Lut3D; table: SharedArrayBuffer; from: number; to: number };
type HighlightJob = { id: number; task: 'highlight'; src: SharedArrayBuffer; width: number; height: number; luma: GridRequest | null; rgb: GridRequest | null; y0: number; y1: number };
type FinishJob = { id: number; task: 'lightFinish'; plan: LightPlan; sums: HighlightSums };
type LutJob = { id: number; task: 'compileLut'; colour: ParametricColour };
type HoldTableJob = { id: number; task: 'holdTable'; table: SharedArrayBuffer; key: string };
type GrainJob = { id: number; task: 'grainPlate'; width: number; height: number; seed: number; spec: GrainSpec; plate: SharedArrayBuffer; y0: number; y1: number };

parentPort!.on('message', (job: KernelJob | TableJob | HighlightJob | FinishJob | GrainJob | LutJob | HoldTableJob) => {
  try {
    if (job.task === 'kernel') {
      runKernel(job.params, new Uint8Array(job.src), new Uint8Array(job.dst), job.y0, job.y1);
      parentPort!.postMessage({ id: job.id });
    } else if (job.task === 'holdTable') {
      ensureMemory(AFTER_TABLES);
      placeTable(new Uint8Array(job.table), job.key);
      parentPort!.postMessage({ id: job.id });
    } else if (job.task === 'grainPlate') {
      fillGrainPlate(job.width, job.height, job.seed, job.spec, new Float32Array(job.plate), job.y0, job.y1);
      parentPort!.postMessage({ id: job.id });
    } else if (job.task === 'highlight') {
      const sums = highlightSums(new Uint8Array(job.src), job.width, job.height, job.luma, job.rgb, job.y0, job.y1);
      const transfer = [sums.luma, sums.rgb].filter((a): a is Float32Array => a !== null).map((a) => a.buffer as ArrayBuffer);
      parentPort!.postMessage({ id: job.id, sums }, transfer);
    } else if (job.task === 'compileLut') {
      const lut = compileParametric(job.colour);
      parentPort!.postMessage({ id: job.id, lut }, [lut.data.buffer as ArrayBuffer]);
    } else if (job.task === 'lightFinish') {
      const light = finishLightMap(job.plan, job.sums);
      parentPort!.postMessage({ id: job.id, light }, [light.data.buffer as ArrayBuffer]);
    } else {
      fillColourTable(job.lut, new Uint8Array(job.table), job.from, job.to);
      parentPort!.postMessage({ id: job.id });
    }
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) });
  }
});
