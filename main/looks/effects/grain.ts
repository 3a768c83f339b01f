/**
 * Film grain as seeded value noise on a lattice fixed in image-normalised coordinates (unit = the short
 * side): the same seed gives the same grain structure at any output size. Each output pixel averages k x k
 * samples of the field over its footprint, so a small preview shows the grain a downscale of the full
 * image would show (one sample per pixel made preview grain 1.5-2.5x too strong).
 */
import type { GrainSpec } from '../schema.ts';
import { BILINEAR_STD, GRAIN_CODES_AT_FULL, grainSamplesPerAxis, hash32 } from '../../shared/looks/math.ts';

export { GRAIN_CODES_AT_FULL, grainSamplesPerAxis, hash32 };

/**
 * A near-normal value owned by one lattice node: the sum of the four bytes of one hash (Irwin-Hall, n=4),
 * scaled to unit variance. One hash and no transcendental per node: millions of nodes per 24 MP frame.
 */
function nodeGaussian(ix: number, iy: number, seed: number): number {
  const h = hash32(ix, iy, seed);
  const sum = (h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24);
  // Mean of the sum is 4 * 127.5, variance 4 * (256^2 - 1) / 12.
  return (sum - 510) * 0.0067659;
}

/** Density weighting: grain is strongest in the midtones, weaker in deep shadows and highlights. */
export function grainLumaWeight(l: number): number {
  return 0.25 + 3 * l * (1 - l);
}

export function grainCellNorm(spec: GrainSpec): number {
  return spec.size / 1000;
}

/**
 * Grain of one frame: one field (monochrome stock) or three dye-layer fields. The coarse octave is folded
 * into the fine lattice (bilinear at the fine nodes reproduces it exactly, since coarse nodes are every
 * other fine node), and the colour mix is applied to lattice values (interpolation is linear): each pixel
 * then costs one horizontal lerp per channel on a row pre-interpolated vertically.
 */
export class GrainSampler {
  readonly monochrome: boolean;
  private readonly channels: number;
  private readonly width: number;
  private readonly shortSide: number;
  private readonly k: number;
  /** Spacing of the effective (fine) lattice, image-normalised. */
  private readonly step: number;
  private readonly coarseWeight: number;
  private readonly fineWeight: number;
  private readonly nodes: number;
  private readonly coarseSeeds: number[];
  private readonly fineSeeds: number[];
  private readonly rowCache = new Map<number, Float32Array[]>();
  private readonly xIndex: Int32Array;
  private readonly xFrac: Float32Array;
  private readonly vRows: Float32Array[];
  private readonly rows: Float32Array[];
  private readonly norm: number;

  constructor(width: number, height: number, seed: number, spec: GrainSpec) {
    this.monochrome = spec.monochrome;
    this.channels = spec.monochrome ? 1 : 3;
    this.width = width;
    this.shortSide = Math.min(width, height);
    const cell = grainCellNorm(spec);
    const fine = spec.roughness * 0.75;
    this.step = fine > 0 ? cell / 2 : cell;
    this.coarseWeight = 1;
    this.fineWeight = fine;
    this.norm = 1 / (BILINEAR_STD * Math.sqrt(1 + fine * fine));
    this.k = grainSamplesPerAxis(this.shortSide, this.step);
    this.nodes = Math.ceil(width / this.shortSide / this.step) + 3;
    this.coarseSeeds = Array.from({ length: this.channels }, (_, c) => hash32(seed, c + 1, 1));
    this.fineSeeds = Array.from({ length: this.channels }, (_, c) => hash32(seed, c + 1, 2));
    const k = this.k;
    this.xIndex = new Int32Array(width * k);
    this.xFrac = new Float32Array(width * k);
    for (let x = 0; x < width; x++)
      for (let s = 0; s < k; s++) {
        const g = (x + (s + 0.5) / k) / this.shortSide / this.step;
        const i = Math.floor(g);
        this.xIndex[x * k + s] = i;
        this.xFrac[x * k + s] = g - i;
      }
    this.vRows = Array.from({ length: this.channels }, () => new Float32Array(this.nodes));
    this.rows = Array.from({ length: this.channels }, () => new Float32Array(width));
  }

  private readonly coarseCache = new Map<number, Float32Array[]>();

  /** Coarse-octave nodes of row cy, per channel (each node drawn once, shared by the fine rows around it). */
  private coarseRow(cy: number): Float32Array[] {
    let rows = this.coarseCache.get(cy);
    if (rows) return rows;
    rows = this.newRows((this.nodes >> 1) + 2);
    this.fillCoarseRow(cy, rows);
    if (this.coarseCache.size > 4) this.coarseCache.delete(this.coarseCache.keys().next().value!);
    this.coarseCache.set(cy, rows);
    return rows;
  }

  private newRows(length: number): Float32Array[] {
    return Array.from({ length: this.channels }, () => new Float32Array(length));
  }

  private fillCoarseRow(cy: number, rows: Float32Array[]): void {
    for (let c = 0; c < this.channels; c++) {
      const row = rows[c]!;
      const cs = this.coarseSeeds[c]!;
      for (let cx = 0; cx < row.length; cx++) row[cx] = nodeGaussian(cx, cy, cs);
    }
  }

  /** Effective lattice row jy (fine spacing), per channel, colour mix applied. */
  private latticeRow(jy: number): Float32Array[] {
    let rows = this.rowCache.get(jy);
    if (rows) return rows;
    rows = this.newRows(this.nodes);
    const folded = this.fineWeight > 0;
    const top = folded ? this.coarseRow(jy >> 1) : null;
    const bottom = folded && (jy & 1) === 1 ? this.coarseRow((jy >> 1) + 1) : top;
    this.fillLatticeRow(jy, rows, top, bottom);
    if (this.rowCache.size > 8) this.rowCache.delete(this.rowCache.keys().next().value!);
    this.rowCache.set(jy, rows);
    return rows;
  }

  /** Writes lattice row jy into `rows`; top/bottom are coarse rows jy >> 1 and the next (folded octaves only). */
  private fillLatticeRow(jy: number, rows: Float32Array[], topRows: Float32Array[] | null, bottomRows: Float32Array[] | null): void {
    const n = this.nodes;
    const folded = this.fineWeight > 0;
    for (let c = 0; c < this.channels; c++) {
      const row = rows[c]!;
      const cs = this.coarseSeeds[c]!;
      if (folded && topRows && bottomRows) {
        const fs = this.fineSeeds[c]!;
        const oddY = (jy & 1) === 1;
        const top = topRows[c]!;
        const bottom = oddY ? bottomRows[c]! : top;
        const cw = this.coarseWeight;
        const fw = this.fineWeight;
        for (let jx = 0; jx < n; jx++) {
          const cx0 = jx >> 1;
          let coarse: number;
          if ((jx & 1) === 0) coarse = oddY ? (top[cx0]! + bottom[cx0]!) / 2 : top[cx0]!;
          else coarse = oddY ? (top[cx0]! + top[cx0 + 1]! + bottom[cx0]! + bottom[cx0 + 1]!) / 4 : (top[cx0]! + top[cx0 + 1]!) / 2;
          row[jx] = cw * coarse + fw * nodeGaussian(jx, jy, fs);
        }
      } else {
        for (let jx = 0; jx < n; jx++) row[jx] = nodeGaussian(jx, jy, cs);
      }
    }
    if (this.channels === 3) {
      // Dye clouds of the three layers overlap: half shared, half per layer.
      const [r, g, b] = rows as [Float32Array, Float32Array, Float32Array];
      for (let i = 0; i < n; i++) {
        const m = (r[i]! + g[i]! + b[i]!) / 3;
        r[i] = 0.5 * r[i]! + 0.6 * m;
        g[i] = 0.5 * g[i]! + 0.6 * m;
        b[i] = 0.5 * b[i]! + 0.6 * m;
      }
    }
  }

  /**
   * With one sample per pixel (k = 1), a kernel can do the bilinear lerp itself: these are the lattice
   * index and fraction of each pixel column (see `span` and `latticeRows`). Null when k > 1 (then use `row`).
   */
  get horizontal(): { index: Int32Array; frac: Float32Array } | null {
    return this.k === 1 ? { index: this.xIndex, frac: this.xFrac } : null;
  }

  /**
   * Grain finer than a pixel (k > 1): what a kernel needs to take `row`'s k x k samples itself, the lattice
   * index and fraction of each sample column (k per pixel) and the scale each sample carries. Null when k = 1.
   */
  get fine(): { k: number; index: Int32Array; frac: Float32Array; scale: number } | null {
    return this.k > 1 ? { k: this.k, index: this.xIndex, frac: this.xFrac, scale: this.norm / (this.k * this.k) } : null;
  }

  /** Where sample row sy (of k) of pixel row y lies on the lattice: between rows jy and jy + 1, at fraction fy. */
  sampleSpan(y: number, sy: number): { jy: number; fy: number } {
    const gy = (y + (sy + 0.5) / this.k) / this.shortSide / this.step;
    const jy = Math.floor(gy);
    return { jy, fy: gy - jy };
  }

  /** What a kernel needs to draw this sampler's lattice rows itself (render/wasm/kernel.as.ts does). */
  get lattice(): { channels: number; nodes: number; coarseLength: number; coarseSeeds: number[]; fineSeeds: number[]; fineWeight: number } {
    return { channels: this.channels, nodes: this.nodes, coarseLength: (this.nodes >> 1) + 2, coarseSeeds: this.coarseSeeds, fineSeeds: this.fineSeeds, fineWeight: this.fineWeight };
  }

  /** The factor that scales lattice values to unit-variance grain. */
  get scale(): number {
    return this.norm;
  }

  /**
   * Where pixel row y lies on the lattice (k = 1): between rows jy and jy + 1, at fraction fy. Grain at
   * (x, y) is then the bilinear blend of those rows at index/frac[x] of `horizontal`, times `scale`.
   */
  span(y: number): { jy: number; fy: number } {
    const gy = (y + 0.5) / this.shortSide / this.step;
    const jy = Math.floor(gy);
    return { jy, fy: gy - jy };
  }

  /** Lattice rows jy and jy + 1 per channel, colour mix applied (as the kernel's WebAssembly draws them). */
  latticeRows(jy: number): [Float32Array[], Float32Array[]] {
    return [this.latticeRow(jy), this.latticeRow(jy + 1)];
  }

  /** Per-channel grain rows (length 1 for monochrome) for pixel row y. */
  row(y: number): Float32Array[] {
    const k = this.k;
    const w = this.width;
    const scale = this.norm / (k * k);
    const idx = this.xIndex;
    const frac = this.xFrac;
    if (k > 1) for (let c = 0; c < this.channels; c++) this.rows[c]!.fill(0);
    for (let sy = 0; sy < k; sy++) {
      const { jy, fy } = this.sampleSpan(y, sy);
      const a = this.latticeRow(jy);
      const b = this.latticeRow(jy + 1);
      for (let c = 0; c < this.channels; c++) {
        const v = this.vRows[c]!;
        const ra = a[c]!;
        const rb = b[c]!;
        for (let i = 0; i < this.nodes; i++) v[i] = (ra[i]! + (rb[i]! - ra[i]!) * fy) * scale;
      }
      if (this.channels === 3 && k === 1) {
        // The three layers share the sample positions: one pass reads them once.
        const [vr, vg, vb] = this.vRows as [Float32Array, Float32Array, Float32Array];
        const [or, og, ob] = this.rows as [Float32Array, Float32Array, Float32Array];
        for (let x = 0; x < w; x++) {
          const i = idx[x]!;
          const f = frac[x]!;
          const r0 = vr[i]!;
          const g0 = vg[i]!;
          const b0 = vb[i]!;
          or[x] = r0 + (vr[i + 1]! - r0) * f;
          og[x] = g0 + (vg[i + 1]! - g0) * f;
          ob[x] = b0 + (vb[i + 1]! - b0) * f;
        }
        continue;
      }
      for (let c = 0; c < this.channels; c++) {
        const v = this.vRows[c]!;
        const out = this.rows[c]!;
        if (k === 1) {
          for (let x = 0; x < w; x++) {
            const i = idx[x]!;
            out[x] = v[i]! + (v[i + 1]! - v[i]!) * frac[x]!;
          }
        } else {
          for (let x = 0, j = 0; x < w; x++) {
            let acc = 0;
            for (let s = 0; s < k; s++, j++) {
              const i = idx[j]!;
              acc += v[i]! + (v[i + 1]! - v[i]!) * frac[j]!;
            }
            out[x] = out[x]! + acc;
          }
        }
      }
    }
    return this.rows;
  }
}
