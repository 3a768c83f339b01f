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
  const lightRow = light ? new Float32Array(width * 3) : null;
  const lx0 = light ? new Int32Array(width) : null;
  const lfx = light ? new Float32Array(width) : null;
  if (light && lx0 && lfx) {
    for (let x = 0; x < width; x++) {
      const gx = Math.min(Math.max(((x + 0.5) * light.width) / width - 0.5, 0), light.width - 1);
      const i = Math.min(Math.floor(gx), Math.max(light.width - 2, 0));
      lx0[x] = i;
      lfx[x] = light.width > 1 ? gx - i : 0;
    }
  }

  for (let y = y0; y < y1; y++) {
    const dy = y + 0.5 - halfH;
    const dy2 = dy * dy * invDiag2;
    const rows = grain ? grain.row(y) : null;
    const gR = rows ? rows[0]! : null;
    const gG = rows ? (rows[1] ?? rows[0]!) : null;
    const gB = rows ? (rows[2] ?? rows[0]!) : null;
    if (light && lightRow && lx0 && lfx) {
      const gy = Math.min(Math.max(((y + 0.5) * light.height) / height - 0.5, 0), light.height - 1);
      const iy = Math.min(Math.floor(gy), Math.max(light.height - 2, 0));
      const fy = light.height > 1 ? gy - iy : 0;
      const r0 = iy * light.width * 3;
      const r1 = Math.min(iy + 1, light.height - 1) * light.width * 3;
      const ld = light.data;
      const step = light.width > 1 ? 3 : 0;
      for (let x = 0; x < width; x++) {
        const a = r0 + lx0[x]! * 3;
        const b = r1 + lx0[x]! * 3;
        const fx = lfx[x]!;
        for (let c = 0; c < 3; c++) {
          const top = ld[a + c]! + (ld[a + step + c]! - ld[a + c]!) * fx;
          const bot = ld[b + c]! + (ld[b + step + c]! - ld[b + c]!) * fx;
          lightRow[x * 3 + c] = top + (bot - top) * fy;
        }
      }
    }
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
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
      let r = w0 * table[c000]! + w1 * table[ca]! + w2 * table[cb]! + w3 * table[c111]!;
      let g = w0 * table[c000 + 1]! + w1 * table[ca + 1]! + w2 * table[cb + 1]! + w3 * table[c111 + 1]!;
      let b = w0 * table[c000 + 2]! + w1 * table[ca + 2]! + w2 * table[cb + 2]! + w3 * table[c111 + 2]!;
      if (lightRow) {
        // Screen blend: light adds up but never clips harder than the print would.
        const li = x * 3;
        r += lightRow[li]! * (1 - r / 255);
        g += lightRow[li + 1]! * (1 - g / 255);
        b += lightRow[li + 2]! * (1 - b / 255);
      }
      if (vig) {
        const t = (dx2[x]! + dy2) * VIG_ENTRIES;
        const ti = t >= VIG_ENTRIES ? VIG_ENTRIES - 1 : t | 0;
        const tf = t >= VIG_ENTRIES ? 1 : t - ti;
        const f = vig[ti]! + (vig[ti + 1]! - vig[ti]!) * tf;
        r *= f; g *= f; b *= f;
      }
      if (gR) {
        // Each dye layer's grain follows its own density (and ffmpeg can reproduce a per-plane weight).
        const lr = r < 0 ? 0 : r > 255 ? 1 : r / 255;
        const lg = g < 0 ? 0 : g > 255 ? 1 : g / 255;
        const lb = b < 0 ? 0 : b > 255 ? 1 : b / 255;
        r += gR[x]! * grainAmp * grainLumaWeight(lr);
        g += gG![x]! * grainAmp * grainLumaWeight(lg);
        b += gB![x]! * grainAmp * grainLumaWeight(lb);
      }
      r = Math.round(r); g = Math.round(g); b = Math.round(b);
      dst[o] = r < 0 ? 0 : r > 255 ? 255 : r;
      dst[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
      dst[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
    }
  }
}
