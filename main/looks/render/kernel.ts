/**
 * The per-pixel pass: colour LUT (tetrahedral), additive light (halation/bloom, when given), vignette,
 * grain, rounded to nearest. Pure and band-addressable so it can run in a worker on row bands.
 */
import type { Lut3D } from '../lut/lut.ts';
import { GRAIN_CODES_AT_FULL, GrainSampler, grainLumaWeight } from '../effects/grain.ts';
import { radialGainTable, type RadialGain } from '../effects/vignette.ts';
import type { LightMap } from '../effects/light.ts';
import type { GrainSpec } from '../schema.ts';

export type KernelParams = {
  width: number;
  height: number;
  lut: Lut3D;
  /** Vignette and on-camera flash, both radial. */
  radial: RadialGain | null;
  /** amount already scaled by the user's grain strength. */
  grain: GrainSpec | null;
  seed: number;
  /** Halation, bloom and leaks on a coarse grid, upsampled bilinearly per row and screen-blended. */
  light?: LightMap | null;
  /**
   * The LUT already evaluated for all 2^24 8-bit colours by this kernel (rounded, index (r<<16|g<<8|b)*3):
   * one lookup instead of a tetrahedron per pixel. Colour-only output is identical; effects then start from
   * the rounded colour (at most half a code apart).
   */
  table?: Uint8Array | null;
};

const VIG_ENTRIES = 4096;

export function runKernel(p: KernelParams, src: Uint8Array, dst: Uint8Array, y0 = 0, y1 = p.height): void {
  const { width, height, lut } = p;
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
  const sr = 3;
  const sg = 3 * n;
  const sb = 3 * n * n;
  const vig = p.radial ? radialGainTable(p.radial, VIG_ENTRIES) : null;
  const halfW = width / 2;
  const halfH = height / 2;
  const invDiag2 = 1 / (halfW * halfW + halfH * halfH);
  const dx2 = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const dx = x + 0.5 - halfW;
    dx2[x] = dx * dx * invDiag2;
  }
  const grain = p.grain && p.grain.amount > 0 ? new GrainSampler(width, height, p.seed, p.grain) : null;
  const grainAmp = p.grain ? p.grain.amount * GRAIN_CODES_AT_FULL : 0;
  const light = p.light ?? null;
  const lightRows = light ? new LightRows(light, width, height) : null;

  // One row at a time through small single-purpose loops: each stays monomorphic and optimises well.
  const row = new Float32Array(width * 3);
  // Stays all ones without a vignette, so the grain pass needs no second variant.
  const gain = new Float32Array(width).fill(1);
  const grainScale = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    grainScale[v] = grainAmp * grainLumaWeight(c);
  }
  const colourTable = p.table ?? null;
  const tetra: Tetra = { table, i0, fr, sr, sg, sb };
  const fused = grain?.horizontal ?? null;
  for (let y = y0; y < y1; y++) {
    const o = y * width * 3;
    if (grain && fused) {
      // One pass per pixel: colour, light, gain and grain's horizontal lerp, with Math.fround wherever the
      // staged version stored to a Float32Array, so every output code is the same.
      if (vig) gainRow(vig, dx2, width, y + 0.5 - halfH, invDiag2, gain);
      const v = grain.verticalRows(y);
      const vr = v[0]!;
      const vg = v.length === 1 ? vr : v[1]!;
      const vb = v.length === 1 ? vr : v[2]!;
      if (colourTable && !light) {
        finishTableGrainRow(src, colourTable, gain, vr, vg, vb, fused.index, fused.frac, grainScale, dst, o, width);
        continue;
      }
      if (colourTable) tableRow(src, o, width, row, colourTable);
      else tetraRow(src, o, width, row, tetra);
      if (lightRows) screenLightRow(row, lightRows, y, width * 3);
      finishLatticeGrainRow(row, gain, vr, vg, vb, fused.index, fused.frac, grainScale, dst, o, width);
      continue;
    }
    if (colourTable && !light && !vig && !grain) {
      // Rounding a table byte gives the byte back.
      copyTableRow(src, o, width, colourTable, dst);
      continue;
    }
    if (colourTable) tableRow(src, o, width, row, colourTable);
    else tetraRow(src, o, width, row, tetra);
    if (lightRows) screenLightRow(row, lightRows, y, width * 3);
    if (vig) gainRow(vig, dx2, width, y + 0.5 - halfH, invDiag2, gain);
    if (grain) {
      const rows = grain.row(y);
      const gr = rows[0]!;
      finishGrainRow(row, gain, gr, rows.length === 1 ? gr : rows[1]!, rows.length === 1 ? gr : rows[2]!, grainScale, dst, o, width);
    } else if (vig) finishGainRow(row, gain, dst, o, width);
    else finishRow(row, dst, o, width);
  }
}

// Each stage is its own small function: V8 keeps one optimised version per stage whatever mix of effects a
// camera uses (one big loop body went polymorphic and ran ~2x slower after switching cameras).

type Tetra = { table: Float32Array; i0: Int32Array; fr: Float32Array; sr: number; sg: number; sb: number };

function tableRow(src: Uint8Array, o: number, width: number, row: Float32Array, colourTable: Uint8Array): void {
  for (let i = 0; i < width * 3; i += 3, o += 3) {
    const t = ((src[o]! << 16) | (src[o + 1]! << 8) | src[o + 2]!) * 3;
    row[i] = colourTable[t]!;
    row[i + 1] = colourTable[t + 1]!;
    row[i + 2] = colourTable[t + 2]!;
  }
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
 * The light grid upsampled bilinearly, horizontal lerp first: a grid row's horizontal lerps serve every
 * pixel row between it and the next, so they are kept (as the doubles the per-pixel version computed) and
 * each pixel only lerps vertically.
 */
class LightRows {
  private readonly light: LightMap;
  private readonly height: number;
  private readonly width: number;
  private readonly lx0: Int32Array;
  private readonly lfx: Float32Array;
  private readonly keys = [-1, -1, -1];
  private readonly rows: Float64Array[];

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
    this.rows = this.keys.map(() => new Float64Array(width * 3));
  }

  /** Grid row gr lerped horizontally to the picture's width; `keep` is a row the caller still holds. */
  private gridRow(gr: number, keep: number): Float64Array {
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
  at(y: number): { top: Float64Array; bottom: Float64Array; fy: number } {
    const light = this.light;
    const gy = Math.min(Math.max(((y + 0.5) * light.height) / this.height - 0.5, 0), light.height - 1);
    const iy = Math.min(Math.floor(gy), Math.max(light.height - 2, 0));
    const fy = light.height > 1 ? gy - iy : 0;
    const iy1 = Math.min(iy + 1, light.height - 1);
    const top = this.gridRow(iy, iy1);
    const bottom = iy1 === iy ? top : this.gridRow(iy1, iy);
    return { top, bottom, fy };
  }
}

/** Screen blend: light adds up but never clips harder than the print would. */
function screenLightRow(row: Float32Array, lightRows: LightRows, y: number, n: number): void {
  const { top, bottom, fy } = lightRows.at(y);
  for (let i = 0; i < n; i++) {
    const t = top[i]!;
    const l = Math.fround(t + (bottom[i]! - t) * fy);
    const v = row[i]!;
    row[i] = v + l * (1 - v / 255);
  }
}

function gainRow(vig: Float32Array, dx2: Float32Array, width: number, dy: number, invDiag2: number, gain: Float32Array): void {
  const dy2 = dy * dy * invDiag2;
  // Symmetric about the centre column (dx2 of x and width - 1 - x are the same float): half the lookups.
  for (let x = 0, m = width - 1; x <= m; x++, m--) {
    const t = (dx2[x]! + dy2) * VIG_ENTRIES;
    const ti = t >= VIG_ENTRIES ? VIG_ENTRIES - 1 : t | 0;
    const tf = t >= VIG_ENTRIES ? 1 : t - ti;
    const g = vig[ti]! + (vig[ti + 1]! - vig[ti]!) * tf;
    gain[x] = g;
    gain[m] = g;
  }
}

/**
 * Radial gain, grain and rounding in one pass. Each dye layer's grain follows its own density (and ffmpeg
 * can reproduce a per-plane weight); the weight is read per 8-bit code. Rounds half up, as Math.round.
 */
function finishGrainRow(row: Float32Array, gain: Float32Array, gr: Float32Array, gg: Float32Array, gb: Float32Array, grainScale: Float32Array, dst: Uint8Array, out: number, width: number): void {
  for (let x = 0, i = 0; x < width; x++, i += 3) {
    const f = gain[x]!;
    const r = row[i]! * f;
    const g = row[i + 1]! * f;
    const b = row[i + 2]! * f;
    const r2 = r + gr[x]! * grainScale[r <= 0 ? 0 : r >= 255 ? 255 : r | 0]!;
    const g2 = g + gg[x]! * grainScale[g <= 0 ? 0 : g >= 255 ? 255 : g | 0]!;
    const b2 = b + gb[x]! * grainScale[b <= 0 ? 0 : b >= 255 ? 255 : b | 0]!;
    dst[out + i] = r2 <= 0 ? 0 : r2 >= 254.5 ? 255 : (r2 + 0.5) | 0;
    dst[out + i + 1] = g2 <= 0 ? 0 : g2 >= 254.5 ? 255 : (g2 + 0.5) | 0;
    dst[out + i + 2] = b2 <= 0 ? 0 : b2 >= 254.5 ? 255 : (b2 + 0.5) | 0;
  }
}

function finishTableGrainRow(src: Uint8Array, colourTable: Uint8Array, gain: Float32Array, vr: Float32Array, vg: Float32Array, vb: Float32Array, index: Int32Array, frac: Float32Array, grainScale: Float32Array, dst: Uint8Array, o: number, width: number): void {
  for (let x = 0, i = o; x < width; x++, i += 3) {
    const t = ((src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!) * 3;
    const f = gain[x]!;
    const n = index[x]!;
    const h = frac[x]!;
    const r0 = vr[n]!;
    const g0 = vg[n]!;
    const b0 = vb[n]!;
    const r = colourTable[t]! * f;
    const g = colourTable[t + 1]! * f;
    const b = colourTable[t + 2]! * f;
    const r2 = r + Math.fround(r0 + (vr[n + 1]! - r0) * h) * grainScale[r <= 0 ? 0 : r >= 255 ? 255 : r | 0]!;
    const g2 = g + Math.fround(g0 + (vg[n + 1]! - g0) * h) * grainScale[g <= 0 ? 0 : g >= 255 ? 255 : g | 0]!;
    const b2 = b + Math.fround(b0 + (vb[n + 1]! - b0) * h) * grainScale[b <= 0 ? 0 : b >= 255 ? 255 : b | 0]!;
    dst[i] = r2 <= 0 ? 0 : r2 >= 254.5 ? 255 : (r2 + 0.5) | 0;
    dst[i + 1] = g2 <= 0 ? 0 : g2 >= 254.5 ? 255 : (g2 + 0.5) | 0;
    dst[i + 2] = b2 <= 0 ? 0 : b2 >= 254.5 ? 255 : (b2 + 0.5) | 0;
  }
}

function finishLatticeGrainRow(row: Float32Array, gain: Float32Array, vr: Float32Array, vg: Float32Array, vb: Float32Array, index: Int32Array, frac: Float32Array, grainScale: Float32Array, dst: Uint8Array, out: number, width: number): void {
  for (let x = 0, i = 0; x < width; x++, i += 3) {
    const f = gain[x]!;
    const n = index[x]!;
    const h = frac[x]!;
    const r0 = vr[n]!;
    const g0 = vg[n]!;
    const b0 = vb[n]!;
    const r = row[i]! * f;
    const g = row[i + 1]! * f;
    const b = row[i + 2]! * f;
    const r2 = r + Math.fround(r0 + (vr[n + 1]! - r0) * h) * grainScale[r <= 0 ? 0 : r >= 255 ? 255 : r | 0]!;
    const g2 = g + Math.fround(g0 + (vg[n + 1]! - g0) * h) * grainScale[g <= 0 ? 0 : g >= 255 ? 255 : g | 0]!;
    const b2 = b + Math.fround(b0 + (vb[n + 1]! - b0) * h) * grainScale[b <= 0 ? 0 : b >= 255 ? 255 : b | 0]!;
    dst[out + i] = r2 <= 0 ? 0 : r2 >= 254.5 ? 255 : (r2 + 0.5) | 0;
    dst[out + i + 1] = g2 <= 0 ? 0 : g2 >= 254.5 ? 255 : (g2 + 0.5) | 0;
    dst[out + i + 2] = b2 <= 0 ? 0 : b2 >= 254.5 ? 255 : (b2 + 0.5) | 0;
  }
}

function copyTableRow(src: Uint8Array, o: number, width: number, colourTable: Uint8Array, dst: Uint8Array): void {
  for (let i = o, end = o + width * 3; i < end; i += 3) {
    const t = ((src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!) * 3;
    dst[i] = colourTable[t]!;
    dst[i + 1] = colourTable[t + 1]!;
    dst[i + 2] = colourTable[t + 2]!;
  }
}

function finishGainRow(row: Float32Array, gain: Float32Array, dst: Uint8Array, out: number, width: number): void {
  for (let x = 0, i = 0; x < width; x++, i += 3) {
    const f = gain[x]!;
    for (let c = i; c < i + 3; c++) {
      const v = row[c]! * f;
      dst[out + c] = v <= 0 ? 0 : v >= 254.5 ? 255 : (v + 0.5) | 0;
    }
  }
}

function finishRow(row: Float32Array, dst: Uint8Array, out: number, width: number): void {
  for (let i = 0; i < width * 3; i++) {
    const v = row[i]!;
    dst[out + i] = v <= 0 ? 0 : v >= 254.5 ? 255 : (v + 0.5) | 0;
  }
}

/** Fills the colour table rows for red values [r0, r1) by running this kernel on every (g, b) pair. */
export function fillColourTable(lut: Lut3D, table: Uint8Array, r0: number, r1: number): void {
  const src = new Uint8Array(65536 * 3);
  for (let i = 0; i < 65536; i++) {
    src[i * 3 + 1] = i >> 8;
    src[i * 3 + 2] = i & 255;
  }
  const params: KernelParams = { width: 65536, height: 1, lut, radial: null, grain: null, seed: 0 };
  for (let r = r0; r < r1; r++) {
    for (let i = 0; i < 65536; i++) src[i * 3] = r;
    runKernel(params, src, table.subarray(r * 65536 * 3, (r + 1) * 65536 * 3), 0, 1);
  }
}
