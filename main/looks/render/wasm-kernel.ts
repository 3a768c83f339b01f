/**
 * The compiled per-pixel pass (wasm/kernel.as.ts) and its memory: one instance per thread, its linear
 * memory laid out by the caller and grown on demand. Colour tables, when used, stay at the start of memory
 * between runs, so a batch with one look copies its 48 MiB in once per thread.
 */
import { KERNEL_WASM_BASE64 } from './wasm/kernel-wasm.ts';

// Node's types leave WebAssembly out (it lives in lib.dom); these are the few parts used here.
type WasmMemory = { readonly buffer: ArrayBuffer; grow(pages: number): number };
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export type KernelExports = {
  memory: WasmMemory;
  developRow(colour: number, dst: number, width: number, light0: number, light1: number, lightFy: number, gain: number, grain0: number, grain1: number, grainFy: number, grainAmp: number): void;
  tableRow(src: number, table: number, morton: number, width: number, out: number): void;
  gainRow(vig: number, entries: number, dx2: number, width: number, dy2: number, gain: number): void;
  coarseRow(cy: number, length: number, stride: number, seeds: number, channels: number, out: number): void;
  latticeRow(jy: number, nodes: number, stride: number, top: number, bottom: number, cstride: number, seeds: number, fineWeight: number, channels: number, out: number): void;
  grainRow(vr: number, vg: number, vb: number, index: number, frac: number, width: number, norm: number, out: number): void;
  fineGrainRow(a: number, b: number, stride: number, nodes: number, channels: number, fy: number, scale: number, v: number, index: number, frac: number, k: number, width: number, out: number): void;
};

let instance: KernelExports | null = null;
const tableKeys: (string | null)[] = [null, null];
const tableUse = [0, 0];
let tableClock = 0;

/** Where the colour tables live; every run lays out its own buffers after them. */
const TABLE_OFFSET = 64;
const TABLE_BYTES = 256 * 256 * 256 * 3;

export function kernelExports(): KernelExports {
  if (!instance) {
    const module = new wasmApi.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
    instance = new wasmApi.Instance(module, {}).exports as KernelExports;
  }
  return instance;
}

/** Grows memory to at least `bytes`; every view made before this call may be detached after it. */
export function ensureMemory(bytes: number): ArrayBuffer {
  const memory = kernelExports().memory;
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory.buffer;
}

/**
 * Puts the colour table in one of two slots unless it is already in one (by key), and returns where it
 * is. Two slots, so alternating two looks (a comparison, the develop dialog's preview and a batch) does not
 * copy 48 MiB per picture.
 */
export function placeTable(table: Uint8Array, key: string | null | undefined): number {
  let slot = key ? tableKeys.indexOf(key) : -1;
  if (slot < 0) {
    slot = tableKeys[0] === null ? 0 : tableKeys[1] === null ? 1 : tableUse[0]! <= tableUse[1]! ? 0 : 1;
    new Uint8Array(kernelExports().memory.buffer, tableOffset(slot), TABLE_BYTES).set(table.subarray(0, TABLE_BYTES));
    tableKeys[slot] = key ?? null;
  }
  tableUse[slot] = ++tableClock;
  return tableOffset(slot);
}

function tableOffset(slot: number): number {
  return TABLE_OFFSET + slot * (TABLE_BYTES + 16);
}

/** Where a run with a colour table may start laying out its own buffers. */
export const AFTER_TABLES = TABLE_OFFSET + 2 * (TABLE_BYTES + 16);

/** Bump allocation of one run's buffers, 16-byte aligned and padded for the kernel's 4-pixel overreach. */
export class Layout {
  end: number;
  constructor(start: number) {
    this.end = start;
  }
  take(bytes: number): number {
    const at = (this.end + 15) & ~15;
    this.end = at + bytes + 64;
    return at;
  }
}
