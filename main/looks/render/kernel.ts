/**
 * The per-pixel pass: colour LUT (tetrahedral), additive light (halation/bloom, when given), vignette,
 * grain, rounded to nearest. Pure and band-addressable so it can run in a worker on row bands. The colour
 * comes from JavaScript (tetrahedral) or the colour table; every effect after it runs in the WebAssembly
 * SIMD pass of wasm/kernel.as.ts, whose f32 arithmetic is written out there.
 */
import type { Lut3D } from '../lut/lut.ts';
import { GRAIN_CODES_AT_FULL, GrainSampler } from '../effects/grain.ts';
import { radialGainTable, type RadialGain } from '../effects/vignette.ts';
import type { LightMap } from '../effects/light.ts';
import type { GrainSpec } from '../schema.ts';
import { AFTER_TABLES, ensureMemory, kernelExports, Layout, placeTable } from './wasm-kernel.ts';

export type KernelParams = {
  width: number;
  height: number;
  /** May be null only when `table` is given. */
  lut: Lut3D | null;
  /** Vignette and on-camera flash, both radial. */
  radial: RadialGain | null;
  /** radialGainTable(radial, VIG_ENTRIES), when the caller already made it. */
  radialTable?: Float32Array | null;
  /** amount already scaled by the user's grain strength. */
  grain: GrainSpec | null;
  seed: number;
  /** Halation, bloom and leaks on a coarse grid, upsampled bilinearly per row and screen-blended. */
  light?: LightMap | null;
  /**
   * The LUT already evaluated for all 2^24 8-bit colours by this kernel (rounded, in the Morton order of MORTON):
   * one lookup instead of a tetrahedron per pixel. Colour-only output is identical; effects then start from
   * the rounded colour (at most half a code apart).
   */
  table?: Uint8Array | null;
  /** Names the table's contents, so a worker that already holds it skips the 48 MiB copy. */
  tableKey?: string | null;
  /**
   * This picture's grain finer than a pixel, drawn ahead of time by fillGrainPlate for this size, seed and
   * grain (rgb floats per pixel, rows one after another): the kernel reads its rows instead of sampling them.
   */
  grainPlate?: SharedArrayBuffer | null;
};

export const VIG_ENTRIES = 4096;
/** Rows per trip through WebAssembly memory: about a megabyte of pixels each way. */
const CHUNK_BYTES = 1 << 20;

export function runKernel(p: KernelParams, src: Uint8Array, dst: Uint8Array, y0 = 0, y1 = p.height): void {
  const { width, height } = p;
  if (y1 <= y0) return;
  const w3 = width * 3;
  const wasm = kernelExports();
  const colourTable = p.table ?? null;
  const plate = p.grain && p.grain.amount > 0 && p.grainPlate ? new Float32Array(p.grainPlate) : null;
  const grain = p.grain && p.grain.amount > 0 && !plate ? new GrainSampler(width, height, p.seed, p.grain) : null;
  const lattice = grain?.horizontal ?? null;
  const lightRows = p.light ? new LightRows(p.light, width, height) : null;
  const chunkRows = Math.max(1, Math.min(y1 - y0, Math.floor(CHUNK_BYTES / w3)));

  // Always after the table slots, so small pictures developed in between leave the tables in place (pages
  // of a slot never filled are never touched, so they cost address space, not memory).
  const layout = new Layout(AFTER_TABLES);
  const fine = grain && !lattice ? new FineGrain(grain, layout) : null;
  const at = {
    src: colourTable ? layout.take(chunkRows * w3) : 0,
    morton: colourTable ? layout.take(MORTON.byteLength) : 0,
    colour: layout.take(w3 * 4),
    dst: layout.take(chunkRows * w3),
    gain: p.radial ? layout.take(width * 4) : 0,
    vig: p.radial ? layout.take((VIG_ENTRIES + 1) * 4) : 0,
    dx2: p.radial ? layout.take(width * 4) : 0,
    grain0: grain || plate ? layout.take(w3 * 4) : 0,
    grain1: grain && lattice ? layout.take(w3 * 4) : 0,
    index: lattice ? layout.take(width * 4) : 0,
    frac: lattice ? layout.take(width * 4) : 0,
    nodes: lattice ? layout.take(align4(grain!.lattice.nodes) * 4 * 3) : 0,
    coarse0: lattice ? layout.take(align4(grain!.lattice.coarseLength) * 4 * 3) : 0,
    coarse1: lattice ? layout.take(align4(grain!.lattice.coarseLength) * 4 * 3) : 0,
    seeds: lattice ? layout.take(6 * 4) : 0,
    light0: lightRows ? layout.take(w3 * 4) : 0,
    light1: lightRows ? layout.take(w3 * 4) : 0,
  };
  const memory = ensureMemory(layout.end);
  fine?.bind(memory);
  const tableAt = colourTable ? placeTable(colourTable, p.tableKey) : 0;
  if (colourTable) new Uint32Array(memory, at.morton, MORTON.length).set(MORTON);
  const bytes = new Uint8Array(memory);
  const f32 = (offset: number, length: number) => new Float32Array(memory, offset, length);

  if (!colourTable && !p.lut) throw new Error('runKernel needs a LUT or a colour table');
  const tetra = colourTable ? null : tetraFor(p.lut!);
  const colourRow = tetra ? f32(at.colour, w3) : null;

  let dy2Scale = 0;
  const halfH = height / 2;
  if (p.radial) {
    f32(at.vig, VIG_ENTRIES + 1).set(p.radialTable ?? radialGainTable(p.radial, VIG_ENTRIES));
    const halfW = width / 2;
    dy2Scale = 1 / (halfW * halfW + halfH * halfH);
    const dx2 = f32(at.dx2, width);
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - halfW;
      dx2[x] = dx * dx * dy2Scale;
    }
  }

  const grainAmp = p.grain ? p.grain.amount * GRAIN_CODES_AT_FULL : 0;
  // Grain rows for the pixel row being developed: the lattice rows above and below it, lerped across.
  let grainTop = at.grain0;
  let grainBottom = at.grain1 || at.grain0;
  let grainRows: (y: number) => number = () => 0;
  if (grain && lattice) {
    new Int32Array(memory, at.index, width).set(lattice.index);
    f32(at.frac, width).set(lattice.frac);
    const spec = grain.lattice;
    const { channels, nodes: n, coarseLength } = spec;
    // Channel rows a whole number of SIMD steps apart: a step past the end stays in its own row.
    const stride = align4(n);
    const cstride = align4(coarseLength);
    new Uint32Array(memory, at.seeds, 6).set([...spec.coarseSeeds, ...spec.fineSeeds]);
    const slots = [at.grain0, at.grain1];
    const coarse = [at.coarse0, at.coarse1];
    let coarseHeld = Number.NaN;
    let held = Number.NaN;
    // Lattice row jy drawn and lerped across the picture into a slot (each lattice row once per band).
    const spread = (jy: number, slot: number) => {
      drawLatticeRow(spec, jy, stride, cstride, at.seeds, at.nodes, (cy) => {
        if (cy !== coarseHeld) {
          if (cy === coarseHeld + 1) coarse.reverse();
          else wasm.coarseRow(cy, coarseLength, cstride, at.seeds, channels, coarse[0]!);
          wasm.coarseRow(cy + 1, coarseLength, cstride, at.seeds, channels, coarse[1]!);
          coarseHeld = cy;
        }
        return [coarse[0]!, coarse[1]!];
      });
      const [r, g, b] = channels === 3 ? [at.nodes, at.nodes + stride * 4, at.nodes + stride * 8] : [at.nodes, at.nodes, at.nodes];
      wasm.grainRow(r, g, b, at.index, at.frac, width, grain.scale, slot);
    };
    grainRows = (y) => {
      const { jy, fy } = grain.span(y);
      if (jy !== held) {
        if (jy === held + 1) slots.reverse();
        else spread(jy, slots[0]!);
        spread(jy + 1, slots[1]!);
        held = jy;
        grainTop = slots[0]!;
        grainBottom = slots[1]!;
      }
      return fy;
    };
  } else if (plate) {
    const out = f32(at.grain0, w3);
    grainRows = (y) => {
      out.set(plate.subarray(y * w3, y * w3 + w3));
      return 0;
    };
  } else if (fine) {
    // Grain finer than a pixel: k x k samples per pixel, summed by the kernel; no lerp left to do.
    grainRows = (y) => {
      fine.row(y, at.grain0);
      return 0;
    };
  }

  // The grid row above the pixel row whose lerped rows are in WebAssembly memory (the one below follows from it).
  let lightRow = -1;
  for (let c0 = y0; c0 < y1; c0 += chunkRows) {
    const c1 = Math.min(y1, c0 + chunkRows);
    if (colourTable) bytes.set(src.subarray(c0 * w3, c1 * w3), at.src);
    for (let y = c0; y < c1; y++) {
      const r = (y - c0) * w3;
      if (tetra) tetraRow(src, y * w3, width, colourRow!, tetra);
      else wasm.tableRow(at.src + r, tableAt, at.morton, width, at.colour);
      let lightFy = 0;
      if (lightRows) {
        const span = lightRows.at(y);
        if (span.iy !== lightRow) {
          f32(at.light0, w3).set(span.top);
          f32(at.light1, w3).set(span.bottom);
          lightRow = span.iy;
        }
        lightFy = span.fy;
      }
      if (p.radial) {
        const dy = y + 0.5 - halfH;
        wasm.gainRow(at.vig, VIG_ENTRIES, at.dx2, width, dy * dy * dy2Scale, at.gain);
      }
      const grainFy = grainRows(y);
      wasm.developRow(at.colour, at.dst + r, width, at.light0, at.light1, lightFy, at.gain, grainTop, grainBottom, grainFy, grainAmp);
    }
    dst.set(bytes.subarray(at.dst, at.dst + (c1 - c0) * w3), c0 * w3);
  }
}

/**
 * Grain finer than a pixel is the costly part of developing a webcam-sized still (k x k samples per pixel).
 * Drawn ahead of a shot into `plate` (rows y0..y1 of width x 3 floats), it costs the shutter nothing: these
 * are the very values the kernel would draw itself (runKernel reads them row by row).
 * Returns false when this grain is not finer than a pixel: the kernel draws that kind fast itself.
 */
export function fillGrainPlate(width: number, height: number, seed: number, spec: GrainSpec, plate: Float32Array, y0 = 0, y1 = height): boolean {
  const sampler = new GrainSampler(width, height, seed, spec);
  if (sampler.horizontal) return false;
  const w3 = width * 3;
  const layout = new Layout(AFTER_TABLES);
  const row = layout.take(w3 * 4);
  const fine = new FineGrain(sampler, layout);
  const memory = ensureMemory(layout.end);
  fine.bind(memory);
  const drawn = new Float32Array(memory, row, w3);
  for (let y = y0; y < y1; y++) {
    fine.row(y, row);
    plate.set(drawn, y * w3);
  }
  return true;
}

/**
 * Grain finer than a pixel drawn in WebAssembly (fineGrainRow, the lattice by latticeRow): GrainSampler.row's
 * k x k samples per pixel, bit for bit, as interleaved RGB floats in kernel memory. It was the costly part of a
 * webcam still: about 0.5 s of JavaScript for a 1080p frame, drawn again for every shot and every camera chosen.
 * Lattice rows are kept in a few slots by row number, since the k sample rows of neighbouring pixel rows share them.
 */
class FineGrain {
  private readonly sampler: GrainSampler;
  private readonly spec: GrainSampler['lattice'];
  private readonly samples: NonNullable<GrainSampler['fine']>;
  private readonly width: number;
  private readonly stride: number;
  private readonly cstride: number;
  private readonly at: { index: number; frac: number; seeds: number; v: number };
  private readonly lattice: RowSlots;
  private readonly coarse: RowSlots;
  private memory: ArrayBuffer | null = null;

  constructor(sampler: GrainSampler, layout: Layout) {
    this.sampler = sampler;
    this.spec = sampler.lattice;
    this.samples = sampler.fine!;
    this.width = this.samples.index.length / this.samples.k;
    const { channels, nodes, coarseLength } = this.spec;
    this.stride = align4(nodes);
    this.cstride = align4(coarseLength);
    this.at = {
      index: layout.take(this.samples.index.length * 4),
      frac: layout.take(this.samples.frac.length * 4),
      seeds: layout.take(6 * 4),
      v: layout.take(this.stride * 4 * channels),
    };
    // A sample row reads lattice rows jy and jy + 1, each drawn from coarse rows jy >> 1 and the next.
    this.lattice = new RowSlots(layout, 4, this.stride * 4 * channels);
    this.coarse = new RowSlots(layout, 3, this.cstride * 4 * channels);
  }

  /** Writes the sample positions and seeds into kernel memory (after it has grown to the run's layout). */
  bind(memory: ArrayBuffer): void {
    this.memory = memory;
    new Int32Array(memory, this.at.index, this.samples.index.length).set(this.samples.index);
    new Float32Array(memory, this.at.frac, this.samples.frac.length).set(this.samples.frac);
    new Uint32Array(memory, this.at.seeds, 6).set([...this.spec.coarseSeeds, ...this.spec.fineSeeds]);
  }

  /** Pixel row y's grain into `out` (width x 3 floats in kernel memory). */
  row(y: number, out: number): void {
    const wasm = kernelExports();
    const { k, scale } = this.samples;
    const { channels, nodes } = this.spec;
    new Float32Array(this.memory!, out, this.width * 3).fill(0);
    for (let sy = 0; sy < k; sy++) {
      const { jy, fy } = this.sampler.sampleSpan(y, sy);
      const a = this.latticeRow(jy, Number.NaN);
      const b = this.latticeRow(jy + 1, jy);
      wasm.fineGrainRow(a, b, this.stride, nodes, channels, fy, scale, this.at.v, this.at.index, this.at.frac, k, this.width, out);
    }
  }

  private latticeRow(jy: number, keep: number): number {
    return this.lattice.get(jy, keep, (out) => drawLatticeRow(this.spec, jy, this.stride, this.cstride, this.at.seeds, out, (cy) => [this.coarseRow(cy, Number.NaN), this.coarseRow(cy + 1, cy)]));
  }

  private coarseRow(cy: number, keep: number): number {
    return this.coarse.get(cy, keep, (out) => kernelExports().coarseRow(cy, this.spec.coarseLength, this.cstride, this.at.seeds, this.spec.channels, out));
  }
}

/**
 * Lattice row jy into `out` (kernel memory), for the coarse-grain spread and for fine grain alike. A grain with a
 * fine part mixes in coarse rows cy = jy >> 1 and cy + 1, which `coarseRows` gives (each path keeps its own).
 */
function drawLatticeRow(spec: GrainSampler['lattice'], jy: number, stride: number, cstride: number, seeds: number, out: number, coarseRows: (cy: number) => [number, number]): void {
  const wasm = kernelExports();
  const { channels, nodes, fineWeight } = spec;
  if (fineWeight > 0) {
    const [top, bottom] = coarseRows(jy >> 1);
    wasm.latticeRow(jy, nodes, stride, top, bottom, cstride, seeds + channels * 4, fineWeight, channels, out);
  } else wasm.latticeRow(jy, nodes, stride, 0, 0, 0, seeds, 0, channels, out);
}

/** A few buffers in kernel memory holding drawn rows by row number; rows are asked for in increasing order. */
class RowSlots {
  private readonly at: number[];
  private readonly held: number[];

  constructor(layout: Layout, count: number, bytes: number) {
    this.at = Array.from({ length: count }, () => layout.take(bytes));
    this.held = this.at.map(() => Number.NaN);
  }

  /** Where row `row` is, drawn by `draw` into an empty slot or the one with the lowest row (never `keep`'s). */
  get(row: number, keep: number, draw: (out: number) => void): number {
    const held = this.held.indexOf(row);
    if (held >= 0) return this.at[held]!;
    let slot = this.held.findIndex(Number.isNaN);
    if (slot < 0) for (let i = 0; i < this.held.length; i++) if (this.held[i] !== keep && (slot < 0 || this.held[i]! < this.held[slot]!)) slot = i;
    this.held[slot] = row;
    draw(this.at[slot]!);
    return this.at[slot]!;
  }
}

/** Whether grain of this spec is finer than a pixel at this size (the kind fillGrainPlate draws). */
export function grainNeedsPlate(width: number, height: number, seed: number, spec: GrainSpec): boolean {
  return new GrainSampler(width, height, seed, spec).horizontal === null;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

type Tetra = { table: Float32Array; i0: Int32Array; fr: Float32Array; sr: number; sg: number; sb: number };

/** Per LUT: a colour table is filled 256 kernel runs at a time, and each used to scale the whole LUT again. */
const tetras = new WeakMap<Lut3D, Tetra>();

function tetraFor(lut: Lut3D): Tetra {
  let tetra = tetras.get(lut);
  if (!tetra) tetras.set(lut, (tetra = scaleTetra(lut)));
  return tetra;
}

function scaleTetra(lut: Lut3D): Tetra {
  const n = lut.size;
  const max = n - 1;
  // LUT pre-scaled to output codes so the inner loop does no multiply per channel.
  const table = new Float32Array(lut.data.length);
  for (let i = 0; i < table.length; i++) table[i] = lut.data[i]! * 255;
  const i0 = new Int32Array(256);
  const fr = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    const x = (v / 255) * max;
    const i = Math.min(Math.floor(x), max - 1);
    i0[v] = i;
    fr[v] = x - i;
  }
  return { table, i0, fr, sr: 3, sg: 3 * n, sb: 3 * n * n };
}

function tetraRow(src: Uint8Array, o: number, width: number, row: Float32Array, t: Tetra): void {
  const { table, i0, fr, sr, sg, sb } = t;
  for (let x = 0, i = 0; x < width; x++, i += 3, o += 3) {
    const rv = src[o]!;
    const gv = src[o + 1]!;
    const bv = src[o + 2]!;
    const fR = fr[rv]!;
    const fG = fr[gv]!;
    const fB = fr[bv]!;
    const c000 = i0[rv]! * sr + i0[gv]! * sg + i0[bv]! * sb;
    const c111 = c000 + sr + sg + sb;
    let w0: number, w1: number, w2: number, w3: number, ca: number, cb: number;
    if (fR >= fG) {
      if (fG >= fB) { w0 = 1 - fR; w1 = fR - fG; w2 = fG - fB; w3 = fB; ca = c000 + sr; cb = c000 + sr + sg; }
      else if (fR >= fB) { w0 = 1 - fR; w1 = fR - fB; w2 = fB - fG; w3 = fG; ca = c000 + sr; cb = c000 + sr + sb; }
      else { w0 = 1 - fB; w1 = fB - fR; w2 = fR - fG; w3 = fG; ca = c000 + sb; cb = c000 + sr + sb; }
    } else if (fB >= fG) { w0 = 1 - fB; w1 = fB - fG; w2 = fG - fR; w3 = fR; ca = c000 + sb; cb = c000 + sg + sb; }
    else if (fB >= fR) { w0 = 1 - fG; w1 = fG - fB; w2 = fB - fR; w3 = fR; ca = c000 + sg; cb = c000 + sg + sb; }
    else { w0 = 1 - fG; w1 = fG - fR; w2 = fR - fB; w3 = fB; ca = c000 + sg; cb = c000 + sr + sg; }
    row[i] = w0 * table[c000]! + w1 * table[ca]! + w2 * table[cb]! + w3 * table[c111]!;
    row[i + 1] = w0 * table[c000 + 1]! + w1 * table[ca + 1]! + w2 * table[cb + 1]! + w3 * table[c111 + 1]!;
    row[i + 2] = w0 * table[c000 + 2]! + w1 * table[ca + 2]! + w2 * table[cb + 2]! + w3 * table[c111 + 2]!;
  }
}

/**
 * The light grid upsampled bilinearly, horizontal lerp first: a grid row's horizontal lerps (f32) serve
 * every pixel row between it and the next, so each pixel only lerps vertically.
 */
class LightRows {
  private readonly light: LightMap;
  private readonly height: number;
  private readonly width: number;
  private readonly lx0: Int32Array;
  private readonly lfx: Float32Array;
  private readonly keys = [-1, -1, -1];
  private readonly rows: Float32Array[];

  constructor(light: LightMap, width: number, height: number) {
    this.light = light;
    this.width = width;
    this.height = height;
    this.lx0 = new Int32Array(width);
    this.lfx = new Float32Array(width);
    for (let x = 0; x < width; x++) {
      const gx = Math.min(Math.max(((x + 0.5) * light.width) / width - 0.5, 0), light.width - 1);
      const i = Math.min(Math.floor(gx), Math.max(light.width - 2, 0));
      this.lx0[x] = i;
      this.lfx[x] = light.width > 1 ? gx - i : 0;
    }
    this.rows = this.keys.map(() => new Float32Array(width * 3));
  }

  /** Grid row gr lerped horizontally to the picture's width; `keep` is a row the caller still holds. */
  private gridRow(gr: number, keep: number): Float32Array {
    const k = this.keys.indexOf(gr);
    if (k >= 0) return this.rows[k]!;
    let slot = 0;
    while (this.keys[slot] === keep) slot++;
    this.keys[slot] = gr;
    const out = this.rows[slot]!;
    const ld = this.light.data;
    const step = this.light.width > 1 ? 3 : 0;
    const r = gr * this.light.width * 3;
    for (let x = 0; x < this.width; x++) {
      const a = r + this.lx0[x]! * 3;
      const fx = this.lfx[x]!;
      for (let c = 0; c < 3; c++) out[x * 3 + c] = ld[a + c]! + (ld[a + step + c]! - ld[a + c]!) * fx;
    }
    return out;
  }

  /** The two lerped grid rows around pixel row y and the vertical fraction between them. */
  at(y: number): { iy: number; top: Float32Array; bottom: Float32Array; fy: number } {
    const light = this.light;
    const gy = Math.min(Math.max(((y + 0.5) * light.height) / this.height - 0.5, 0), light.height - 1);
    const iy = Math.min(Math.floor(gy), Math.max(light.height - 2, 0));
    const fy = light.height > 1 ? gy - iy : 0;
    const iy1 = Math.min(iy + 1, light.height - 1);
    const top = this.gridRow(iy, iy1);
    const bottom = iy1 === iy ? top : this.gridRow(iy1, iy);
    return { iy, top, bottom, fy };
  }
}

/**
 * Colour tables are in Morton (Z) order: the bits of r, g and b interleaved, so similar colours sit close
 * together in memory. A photograph's neighbouring pixels then mostly hit cached lines; in row-major order
 * (r << 16 | g << 8 | b) every step in red or green was a cache miss, about a fifth of the whole pass.
 * MORTON holds each channel's share of an entry's byte offset: r at [0, 256), g at [256, 512), b at [512, 768).
 */
export const MORTON = (() => {
  const spread3 = (v: number) => {
    let x = 0;
    for (let i = 0; i < 8; i++) x |= ((v >> i) & 1) << (3 * i);
    return x;
  };
  const t = new Uint32Array(768);
  for (let v = 0; v < 256; v++) {
    t[v] = 3 * (spread3(v) << 2);
    t[256 + v] = 3 * (spread3(v) << 1);
    t[512 + v] = 3 * spread3(v);
  }
  return t;
})();

/** Every third bit of a Morton index, from bit 0: one channel back. */
function compact3(x: number): number {
  let v = 0;
  for (let i = 0; i < 8; i++) v |= ((x >> (3 * i)) & 1) << i;
  return v;
}

/**
 * compact3 of the low 16 bits of an index shifted by 0, 1 and 2 (blue, green, red), one table each: bits
 * gather independently, so an entry's channel is its low part's OR its high part's, and filling a table
 * does three lookups an entry instead of 72 bit steps.
 */
let compactLow: Uint8Array | null = null;
function compactLowTable(): Uint8Array {
  // Made on the first table fill, not when the module loads: every process and pixel worker loads this file.
  if (!compactLow) {
    compactLow = new Uint8Array(3 * 65536);
    for (let shift = 0; shift < 3; shift++) for (let i = 0; i < 65536; i++) compactLow[shift * 65536 + i] = compact3(i >> shift);
  }
  return compactLow;
}

/** Fills colour table entries [from, to) (multiples of 65536) by running this kernel on their colours. */
export function fillColourTable(lut: Lut3D, table: Uint8Array, from: number, to: number): void {
  const n = 65536;
  const src = new Uint8Array(n * 3);
  const params: KernelParams = { width: n, height: 1, lut, radial: null, grain: null, seed: 0 };
  const low = compactLowTable();
  for (let start = from; start < to; start += n) {
    // start is a multiple of 65536: its bits and i's never meet.
    const highR = compact3(start >> 2);
    const highG = compact3(start >> 1);
    const highB = compact3(start);
    for (let i = 0; i < n; i++) {
      src[i * 3] = highR | low[2 * 65536 + i]!;
      src[i * 3 + 1] = highG | low[65536 + i]!;
      src[i * 3 + 2] = highB | low[i]!;
    }
    runKernel(params, src, table.subarray(start * 3, (start + n) * 3), 0, 1);
  }
}
