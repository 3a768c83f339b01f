/**
 * Film grain as seeded value noise on a lattice fixed in image-normalised coordinates (unit = the short
 * side): the same seed gives the same grain structure at any output size. Each output pixel averages k x k
 * samples of the field over its footprint, so a small preview shows the grain a downscale of the full
 * image would show (one sample per pixel made preview grain 1.5-2.5x too strong).
 */
import type { GrainSpec } from '../schema.ts';

/** Grain standard deviation, in 8-bit code values at mid-grey, for amount = 1. */
export const GRAIN_CODES_AT_FULL = 14;
/** Bilinear value noise of unit lattice variance has std 2/3 at a random position: normalise to ~1. */
const BILINEAR_STD = 2 / 3;

export function hash32(x: number, y: number, seed: number): number {
  let h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A standard normal value owned by one lattice node. */
function nodeGaussian(ix: number, iy: number, seed: number): number {
  const u1 = (hash32(ix, iy, seed) + 1) / 4294967297;
  const u2 = hash32(ix, iy, seed ^ 0x5bd1e995) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Density weighting: grain is strongest in the midtones, weaker in deep shadows and highlights. */
export function grainLumaWeight(l: number): number {
  return 0.25 + 3 * l * (1 - l);
}

export function grainCellNorm(spec: GrainSpec): number {
  return spec.size / 1000;
}

/**
 * Supersampling per axis so each pixel integrates the field over its own footprint. A power of two, so the
 * sample positions of a render at half size are exactly those of a 2x2 box over the full-size render.
 */
export function grainSamplesPerAxis(shortSide: number, cellNorm: number): number {
  const ratio = 1 / shortSide / cellNorm;
  return ratio <= 1 ? 1 : Math.min(8, 2 ** Math.ceil(Math.log2(ratio - 1e-9)));
}

type Octave = { cell: number; weight: number; seed: number };

/** Per-row sampler of one grain channel. Lattice rows are made on demand so memory stays O(width). */
export class GrainChannel {
  private readonly octaves: Octave[];
  private readonly norm: number;
  private readonly width: number;
  private readonly shortSide: number;
  private readonly k: number;
  private readonly rowCache = new Map<string, Float32Array>();
  private readonly xIndex: Int32Array[] = [];
  private readonly xFrac: Float32Array[] = [];

  constructor(width: number, height: number, seed: number, spec: GrainSpec, channelSalt: number) {
    this.width = width;
    this.shortSide = Math.min(width, height);
    const cell = grainCellNorm(spec);
    this.k = grainSamplesPerAxis(this.shortSide, cell / (spec.roughness > 0 ? 2 : 1));
    const fine = spec.roughness * 0.75;
    this.octaves = [{ cell, weight: 1, seed: hash32(seed, channelSalt, 1) }];
    if (fine > 0) this.octaves.push({ cell: cell / 2, weight: fine, seed: hash32(seed, channelSalt, 2) });
    this.norm = 1 / (BILINEAR_STD * Math.sqrt(this.octaves.reduce((s, o) => s + o.weight * o.weight, 0)));
    for (const o of this.octaves) {
      const idx = new Int32Array(width * this.k);
      const frac = new Float32Array(width * this.k);
      for (let x = 0; x < width; x++)
        for (let s = 0; s < this.k; s++) {
          const g = (x + (s + 0.5) / this.k) / this.shortSide / o.cell;
          const i = Math.floor(g);
          idx[x * this.k + s] = i;
          frac[x * this.k + s] = g - i;
        }
      this.xIndex.push(idx);
      this.xFrac.push(frac);
    }
  }

  private latticeRow(octave: number, iy: number): Float32Array {
    const key = `${octave}:${iy}`;
    let row = this.rowCache.get(key);
    if (row) return row;
    const o = this.octaves[octave]!;
    const n = Math.ceil(this.width / this.shortSide / o.cell) + 2;
    row = new Float32Array(n);
    for (let ix = 0; ix < n; ix++) row[ix] = nodeGaussian(ix, iy, o.seed);
    if (this.rowCache.size > 16) this.rowCache.delete(this.rowCache.keys().next().value!);
    this.rowCache.set(key, row);
    return row;
  }

  /** Fills `out` with the grain of pixel row y: zero mean, unit std before footprint averaging. */
  fillRow(y: number, out: Float32Array): void {
    out.fill(0);
    const k = this.k;
    const inv = this.norm / (k * k);
    for (let oi = 0; oi < this.octaves.length; oi++) {
      const o = this.octaves[oi]!;
      const idx = this.xIndex[oi]!;
      const frac = this.xFrac[oi]!;
      const w = o.weight * inv;
      for (let sy = 0; sy < k; sy++) {
        const gy = (y + (sy + 0.5) / k) / this.shortSide / o.cell;
        const iy = Math.floor(gy);
        const fy = gy - iy;
        const r0 = this.latticeRow(oi, iy);
        const r1 = this.latticeRow(oi, iy + 1);
        for (let x = 0, j = 0; x < this.width; x++) {
          let acc = 0;
          for (let s = 0; s < k; s++, j++) {
            const i = idx[j]!;
            const fx = frac[j]!;
            const top = r0[i]! + (r0[i + 1]! - r0[i]!) * fx;
            const bot = r1[i]! + (r1[i + 1]! - r1[i]!) * fx;
            acc += top + (bot - top) * fy;
          }
          out[x] = out[x]! + acc * w;
        }
      }
    }
  }
}

/** Three channels (or one, for monochrome stock) whose mix gives colour grain with a shared luminance part. */
export class GrainSampler {
  readonly monochrome: boolean;
  private readonly channels: GrainChannel[];
  private readonly rows: Float32Array[];
  constructor(width: number, height: number, seed: number, spec: GrainSpec) {
    this.monochrome = spec.monochrome;
    const n = spec.monochrome ? 1 : 3;
    this.channels = Array.from({ length: n }, (_, c) => new GrainChannel(width, height, seed, spec, c + 1));
    this.rows = Array.from({ length: n }, () => new Float32Array(width));
  }
  /** Returns per-channel rows (length 1 for monochrome) for pixel row y. */
  row(y: number): Float32Array[] {
    for (let c = 0; c < this.channels.length; c++) this.channels[c]!.fillRow(y, this.rows[c]!);
    if (!this.monochrome) {
      // Dye clouds of the three layers overlap: half shared, half per layer.
      const [r, g, b] = this.rows as [Float32Array, Float32Array, Float32Array];
      for (let x = 0; x < r.length; x++) {
        const m = (r[x]! + g[x]! + b[x]!) / 3;
        r[x] = 0.5 * r[x]! + 0.6 * m;
        g[x] = 0.5 * g[x]! + 0.6 * m;
        b[x] = 0.5 * b[x]! + 0.6 * m;
      }
    }
    return this.rows;
  }
}
