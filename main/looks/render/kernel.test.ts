/**
 * The WebAssembly pass against a scalar reading of its own definition (kernel.as.ts, header comment): every
 * stage in f32, one Math.fround per operation, grain lattice from GrainSampler, light and gain the way the
 * JavaScript side prepares them. Codes must match exactly, for every mix of stages, odd widths and bands.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GRAIN_CODES_AT_FULL, GrainSampler } from '../effects/grain.ts';
import { radialGainTable, type RadialGain } from '../effects/vignette.ts';
import type { LightMap } from '../effects/light.ts';
import type { GrainSpec } from '../schema.ts';
import { identityLut } from '../lut/lut.ts';
import { fillGrainPlate, runKernel, VIG_ENTRIES, type KernelParams } from './kernel.ts';
import { AFTER_TABLES, ensureMemory, kernelExports } from './wasm-kernel.ts';
import { compileKernel, GENERATED, generatedModule } from '../../../scripts/build-wasm.ts';

const f = Math.fround;
const INV255 = f(1 / 255);

/** A stand-in colour table (any bytes will do: the pass only reads it), filled by formula. */
function syntheticTable(): Uint8Array {
  const table = new Uint8Array(256 * 256 * 256 * 3 + 1);
  for (let i = 0; i < table.length; i++) table[i] = (i * 2654435761) >>> 24;
  return table;
}

function pixels(width: number, height: number, seed: number): Uint8Array {
  const src = new Uint8Array(width * height * 3);
  let s = seed >>> 0;
  for (let i = 0; i < src.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    src[i] = s >>> 24;
  }
  return src;
}

function gainRowOf(radial: RadialGain, width: number, height: number, y: number): Float32Array {
  const vig = radialGainTable(radial, VIG_ENTRIES);
  const halfW = width / 2;
  const halfH = height / 2;
  const inv = 1 / (halfW * halfW + halfH * halfH);
  const dy = y + 0.5 - halfH;
  const dy2 = f(dy * dy * inv);
  const out = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const dx = x + 0.5 - halfW;
    const t = f(f(f(dx * dx * inv) + dy2) * VIG_ENTRIES);
    const ti = Math.min(Math.trunc(t), VIG_ENTRIES - 1);
    const tf = Math.min(f(t - ti), 1);
    out[x] = f(vig[ti]! + f(f(vig[ti + 1]! - vig[ti]!) * tf));
  }
  return out;
}

/** Grain per sample (interleaved) at pixel row y, built from GrainSampler's own lattice rows. */
function grainRowOf(sampler: GrainSampler, width: number, y: number): { a: Float32Array; b: Float32Array; fy: number } {
  const lattice = sampler.horizontal;
  const spread = (rows: Float32Array[]) => {
    const out = new Float32Array(width * 3);
    for (let x = 0; x < width; x++) {
      const i = lattice!.index[x]!;
      const fr = lattice!.frac[x]!;
      for (let c = 0; c < 3; c++) {
        const v = rows[sampler.monochrome ? 0 : c]!;
        out[x * 3 + c] = f(f(sampler.scale) * f(v[i]! + f(f(v[i + 1]! - v[i]!) * fr)));
      }
    }
    return out;
  };
  if (!lattice) {
    const rows = sampler.row(y);
    const out = new Float32Array(width * 3);
    for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) out[x * 3 + c] = rows[rows.length === 1 ? 0 : c]![x]!;
    return { a: out, b: out, fy: 0 };
  }
  const { jy, fy } = sampler.span(y);
  const [top, bottom] = sampler.latticeRows(jy);
  return { a: spread(top), b: spread(bottom), fy: f(fy) };
}

/** Light rows lerped horizontally (f64, stored f32) and the vertical fraction, as LightRows prepares them. */
function lightRowOf(light: LightMap, width: number, height: number, y: number): { a: Float32Array; b: Float32Array; fy: number } {
  const row = (gr: number) => {
    const out = new Float32Array(width * 3);
    const step = light.width > 1 ? 3 : 0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(Math.max(((x + 0.5) * light.width) / width - 0.5, 0), light.width - 1);
      const i = Math.min(Math.floor(gx), Math.max(light.width - 2, 0));
      const fx = f(light.width > 1 ? gx - i : 0);
      const a = gr * light.width * 3 + i * 3;
      for (let c = 0; c < 3; c++) out[x * 3 + c] = light.data[a + c]! + (light.data[a + step + c]! - light.data[a + c]!) * fx;
    }
    return out;
  };
  const gy = Math.min(Math.max(((y + 0.5) * light.height) / height - 0.5, 0), light.height - 1);
  const iy = Math.min(Math.floor(gy), Math.max(light.height - 2, 0));
  const fy = light.height > 1 ? gy - iy : 0;
  return { a: row(iy), b: row(Math.min(iy + 1, light.height - 1)), fy: f(fy) };
}

/** Bits of r, g and b interleaved (r highest): the colour table's entry order. */
function mortonIndex(r: number, g: number, b: number): number {
  let index = 0;
  for (let bit = 7; bit >= 0; bit--) index = index * 8 + ((r >> bit) & 1) * 4 + ((g >> bit) & 1) * 2 + ((b >> bit) & 1);
  return index;
}

function oracle(p: KernelParams & { table: Uint8Array }, src: Uint8Array, y0: number, y1: number): Uint8Array {
  const { width, height } = p;
  const out = new Uint8Array(src.length);
  const sampler = p.grain ? new GrainSampler(width, height, p.seed, p.grain) : null;
  const amp = f(p.grain ? p.grain.amount * GRAIN_CODES_AT_FULL : 0);
  for (let y = y0; y < y1; y++) {
    const gain = p.radial ? gainRowOf(p.radial, width, height, y) : null;
    const grain = sampler ? grainRowOf(sampler, width, y) : null;
    const light = p.light ? lightRowOf(p.light, width, height, y) : null;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const t = mortonIndex(src[o]!, src[o + 1]!, src[o + 2]!) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const i = x * 3 + ch;
        let c = p.table[t + ch]!;
        if (light) {
          const l = f(light.a[i]! + f(f(light.b[i]! - light.a[i]!) * light.fy));
          c = f(c + f(l * f(1 - f(c * INV255))));
        }
        if (gain) c = f(c * gain[x]!);
        if (grain) {
          const n = f(grain.a[i]! + f(f(grain.b[i]! - grain.a[i]!) * grain.fy));
          const q = f(Math.floor(Math.min(Math.max(c, 0), 255)) * INV255);
          const weight = f(0.25 + f(f(3 * q) * f(1 - q)));
          c = f(c + f(n * f(amp * weight)));
        }
        const r = Math.trunc(f(c + 0.5));
        out[o + ch] = r < 0 ? 0 : r > 255 ? 255 : r;
      }
    }
  }
  return out;
}

function firstDifference(a: Uint8Array, b: Uint8Array): string {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `sample ${i} (pixel ${Math.floor(i / 3)}): ${a[i]} vs ${b[i]}`;
  return 'none';
}

describe('WebAssembly kernel', () => {
  const table = syntheticTable();
  const lut = identityLut(2);
  const radial: RadialGain = { vignette: 0.35, falloff: 2.2, flash: 0.6, flashReach: 0.7 };
  // On these small test pictures a lattice step of size / 2000 (size / 1000 without roughness) of the short
  // side must reach a pixel for the per-row lattice path (k = 1); fineGrain takes the supersampled path.
  const colourGrain: GrainSpec = { amount: 0.6, size: 9, roughness: 0.5, monochrome: false };
  const smoothGrain: GrainSpec = { amount: 0.4, size: 6, roughness: 0, monochrome: false };
  const monoGrain: GrainSpec = { amount: 0.8, size: 8, roughness: 0.3, monochrome: true };
  const fineGrain: GrainSpec = { amount: 0.5, size: 0.3, roughness: 0.4, monochrome: false };
  const light: LightMap = { width: 7, height: 5, data: Float32Array.from({ length: 7 * 5 * 3 }, (_, i) => ((i * 37) % 90) + 0.25) };

  const cases: [string, Partial<KernelParams>][] = [
    ['colour only', {}],
    ['vignette and flash', { radial }],
    ['colour grain', { grain: colourGrain }],
    ['single-octave grain', { grain: smoothGrain }],
    ['monochrome grain and vignette', { grain: monoGrain, radial }],
    ['grain finer than a pixel (k > 1)', { grain: fineGrain }],
    ['light, vignette and grain', { light, radial, grain: colourGrain }],
  ];
  it('the test grains take the paths they are meant to', () => {
    for (const spec of [colourGrain, smoothGrain, monoGrain]) expect(new GrainSampler(301, 260, 1, spec).horizontal).not.toBeNull();
    expect(new GrainSampler(301, 260, 1, fineGrain).horizontal).toBeNull();
  });

  for (const [width, height] of [[301, 260], [260, 303]] as const) {
    const src = pixels(width, height, width);
    for (const [name, extra] of cases) {
      it(`${name}, ${width}x${height}: the same codes as the scalar definition`, () => {
        const params = { width, height, lut, radial: null, grain: null, seed: 11, table, ...extra } as KernelParams & { table: Uint8Array };
        const dst = new Uint8Array(src.length);
        runKernel(params, src, dst);
        const expected = oracle(params, src, 0, height);
        expect(firstDifference(dst, expected)).toBe('none');
      });
    }
  }

  it('draws the grain lattice bit for bit as GrainSampler does', () => {
    const wasm = kernelExports();
    for (const spec of [colourGrain, smoothGrain, monoGrain]) {
      const sampler = new GrainSampler(1001, 700, 12345, spec);
      const { channels, nodes, coarseLength, coarseSeeds, fineSeeds, fineWeight } = sampler.lattice;
      const stride = (nodes + 3) & ~3;
      const cstride = (coarseLength + 3) & ~3;
      const base = AFTER_TABLES;
      const seeds = base;
      const coarse = [base + 64, base + 64 + cstride * 12 + 64];
      const out = coarse[1]! + cstride * 12 + 64;
      const memory = ensureMemory(out + stride * 12 + 64);
      new Uint32Array(memory, seeds, 6).set([...coarseSeeds, ...fineSeeds]);
      for (const jy of [0, 1, 2, 7, 40]) {
        const cy = jy >> 1;
        wasm.coarseRow(cy, coarseLength, cstride, seeds, channels, coarse[0]!);
        wasm.coarseRow(cy + 1, coarseLength, cstride, seeds, channels, coarse[1]!);
        if (fineWeight > 0) wasm.latticeRow(jy, nodes, stride, coarse[0]!, coarse[1]!, cstride, seeds + channels * 4, fineWeight, channels, out);
        else wasm.latticeRow(jy, nodes, stride, 0, 0, 0, seeds, 0, channels, out);
        const [expected] = sampler.latticeRows(jy);
        for (let c = 0; c < channels; c++) {
          const got = new Float32Array(kernelExports().memory.buffer, out + c * stride * 4, nodes);
          expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(expected[c]!.buffer, expected[c]!.byteOffset, expected[c]!.byteLength))).toBe(true);
        }
      }
    }
  });

  it('draws grain finer than a pixel bit for bit as GrainSampler.row does, as plates and for bands', () => {
    const monoFine: GrainSpec = { amount: 0.5, size: 0.25, roughness: 0, monochrome: true };
    const monoSingle: GrainSpec = { amount: 0.5, size: 3, roughness: 0, monochrome: true };
    const twoOctaves = (size: number): GrainSpec => ({ amount: 0.5, size, roughness: 0.7, monochrome: false });
    const cases = [
      [fineGrain, 260, 303, 8],
      [monoFine, 240, 135, 8],
      [monoSingle, 320, 200, 2],
      [twoOctaves(4), 640, 360, 2],
      [twoOctaves(2), 640, 360, 4],
      [twoOctaves(0.9), 97, 61, 8],
    ] as const;
    for (const [spec, width, height, k] of cases) {
      const sampler = new GrainSampler(width, height, 77, spec);
      expect(sampler.fine?.k).toBe(k);
      // A band from the middle, as the workers draw plates: rows before y0 are never drawn.
      const y0 = Math.floor(height / 3);
      const plate = new Float32Array(width * height * 3).fill(Number.NaN);
      expect(fillGrainPlate(width, height, 77, spec, plate, y0, height)).toBe(true);
      const expected = new Float32Array(width * height * 3).fill(Number.NaN);
      for (let y = y0; y < height; y++) {
        const rows = sampler.row(y);
        for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) expected[(y * width + x) * 3 + c] = rows[rows.length === 1 ? 0 : c]![x]!;
      }
      expect(Buffer.from(plate.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    }
    expect(fillGrainPlate(301, 260, 1, colourGrain, new Float32Array(301 * 260 * 3))).toBe(false);
  });

  it('a band develops exactly the rows the whole picture gives them, and writes nothing outside', () => {
    const width = 303;
    const height = 270;
    const src = pixels(width, height, 5);
    const params = { width, height, lut, radial, grain: colourGrain, seed: 4, table, light } as KernelParams;
    const whole = new Uint8Array(src.length);
    runKernel(params, src, whole);
    const banded = new Uint8Array(src.length).fill(7);
    runKernel(params, src, banded, 131, 258);
    expect(firstDifference(banded.subarray(131 * width * 3, 258 * width * 3), whole.subarray(131 * width * 3, 258 * width * 3))).toBe('none');
    expect(banded.subarray(0, 131 * width * 3).every((v) => v === 7)).toBe(true);
    expect(banded.subarray(258 * width * 3).every((v) => v === 7)).toBe(true);
  });

  it('clamps to 0..255 and rounds half up', () => {
    const width = 5;
    const height = 1;
    // The table maps everything to 255 and the flash lifts it further: every code must stay 255.
    const bright = new Uint8Array(256 * 256 * 256 * 3 + 1).fill(255);
    const dst = new Uint8Array(width * 3);
    runKernel({ width, height, lut, radial: { vignette: 0, falloff: 2, flash: 1, flashReach: 2 }, grain: null, seed: 1, table: bright }, new Uint8Array(width * 3), dst);
    expect([...dst].every((v) => v === 255)).toBe(true);
  });

  it('the committed binary is what kernel.as.ts compiles to', { timeout: 60_000 }, async () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(generatedModule(await compileKernel()));
  });
});
