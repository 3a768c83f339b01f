import { writeFileSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { developStill, getLook, listLooks, previewLook } from './index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { applyLut, identityLut, lutFromFunction, sampleTetrahedral } from './lut/lut.ts';
import { GrainSampler } from './effects/grain.ts';
import { fillColourTable, runKernel } from './render/kernel.ts';
import { lookLut } from './registry.ts';

const grey = (w: number, h: number, v = 128) => ({ raw: Buffer.alloc(w * h * 3, v), width: w, height: h, channels: 3 as const });

describe('cameras', () => {
  it('lists the built-in cameras with their summary', () => {
    const cams = listLooks();
    expect(cams.length).toBeGreaterThanOrEqual(3);
    for (const c of cams) {
      expect(c.id).toMatch(/^[a-z0-9-]+$/);
      expect(getLook(c.id).version).toBe(c.version);
    }
    expect(cams.map((c) => c.id)).toContain('silverline-100');
  });

  it('refuses an unknown camera, naming it', async () => {
    expect(() => getLook('no-such-cam')).toThrow(/no-such-cam/);
    const err = await developStill(grey(8, 8), { lookId: 'no-such-cam' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DarkslideError);
    expect((err as DarkslideError).code).toBe('look.unknown');
    expect((err as DarkslideError).message).toBe('There is no camera called "no-such-cam". Run `darkslide looks` to see the cameras, or choose one from the list.');
  });

  it('gives the preview a 16-bit LUT of size^3 RGB entries and the effect parameters', () => {
    const p = previewLook('harbor-400');
    expect(p.lut.length).toBe(p.size ** 3 * 3);
    expect(p.params.radial?.vignette).toBeGreaterThan(0);
    expect(p.params.grain?.cellNorm).toBeGreaterThan(0);
  });
});

describe('LUT interpolation', () => {
  it('round-trips every 8-bit value exactly through identity LUTs of several sizes', () => {
    const src = new Uint8Array(256 * 256 * 3);
    for (let i = 0; i < 256 * 256; i++) {
      src[i * 3] = i & 255;
      src[i * 3 + 1] = i >> 8;
      src[i * 3 + 2] = (i * 7) & 255;
    }
    for (const size of [2, 17, 33, 64]) expect(Buffer.from(applyLut(identityLut(size), src))).toEqual(Buffer.from(src));
  });

  it('round-trips 16-bit values exactly through an identity LUT', () => {
    const src = new Uint16Array(65536 * 3);
    for (let i = 0; i < 65536; i++) {
      src[i * 3] = i;
      src[i * 3 + 1] = 65535 - i;
      src[i * 3 + 2] = (i * 31) & 65535;
    }
    expect(applyLut(identityLut(33), src)).toEqual(src);
  });

  it('keeps greys neutral through a hue-twisting LUT whose diagonal is neutral (trilinear would not)', () => {
    // Off-diagonal nodes get a strong hue twist; diagonal nodes stay grey.
    const lut = lutFromFunction(17, (r, g, b) => (r === g && g === b ? [r, g, b] : [g, b * 0.5 + r * 0.5, r]));
    for (let v = 0; v < 256; v++) {
      const out = sampleTetrahedral(lut, v / 255, v / 255, v / 255);
      expect(Math.abs(out[0]! - out[1]!)).toBeLessThan(1e-6);
      expect(Math.abs(out[1]! - out[2]!)).toBeLessThan(1e-6);
    }
  });

  it('the precomputed colour table gives exactly the tetrahedral output, and effects on top stay within a code', () => {
    const lut = lookLut('nightreel-500t');
    const table = new Uint8Array(256 * 256 * 256 * 3);
    fillColourTable(lut, table, 0, 1 << 24);
    const w = 257, h = 64;
    const src = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      src[i * 3] = (i * 53) & 255;
      src[i * 3 + 1] = (i * 37) & 255;
      src[i * 3 + 2] = (i * 91) & 255;
    }
    const base = { width: w, height: h, lut, radial: null, grain: null, seed: 3 };
    const direct = new Uint8Array(src.length);
    const viaTable = new Uint8Array(src.length);
    runKernel(base, src, direct);
    runKernel({ ...base, table }, src, viaTable);
    expect(Buffer.from(viaTable).equals(Buffer.from(direct))).toBe(true);
    const fx = { ...base, radial: { vignette: 0.3, falloff: 2, flash: 0, flashReach: 0.7 }, grain: { amount: 0.5, size: 1, roughness: 0.5, monochrome: false } };
    runKernel(fx, src, direct);
    runKernel({ ...fx, table }, src, viaTable);
    let worst = 0;
    for (let i = 0; i < src.length; i++) worst = Math.max(worst, Math.abs(direct[i]! - viaTable[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('rounds to nearest instead of truncating', () => {
    // A LUT that maps everything to 100.6/255 must give 101, not 100.
    const lut = lutFromFunction(2, () => [100.6 / 255, 100.4 / 255, 100.5 / 255]);
    const out = applyLut(lut, new Uint8Array([0, 128, 255]));
    expect([...out]).toEqual([101, 100, 101]);
  });
});

describe('grain', () => {
  const std = (a: ArrayLike<number>) => {
    let s = 0, s2 = 0;
    for (let i = 0; i < a.length; i++) { s += a[i]!; s2 += a[i]! * a[i]!; }
    const m = s / a.length;
    return Math.sqrt(s2 / a.length - m * m);
  };

  it('is deterministic for a seed and different for another', async () => {
    const a = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 42, format: 'png' });
    const b = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 42, format: 'png' });
    const c = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 43, format: 'png' });
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.data.equals(c.data)).toBe(false);
    expect(a.recipe).toMatchObject({ lookId: 'harbor-400', seed: 42, strength: 1, grain: 1, effects: true });
  });

  it('has the same structure at any resolution: a 2x render box-downscaled matches the 1x render', () => {
    const spec = { amount: 1, size: 1, roughness: 0.5, monochrome: true };
    const w = 600, h = 400;
    const small = new GrainSampler(w, h, 7, spec);
    const big = new GrainSampler(w * 2, h * 2, 7, spec);
    const smallField = new Float32Array(w * h);
    const bigDown = new Float32Array(w * h);
    const row = new Float32Array(w);
    const rowA = new Float32Array(w * 2);
    const rowB = new Float32Array(w * 2);
    for (let y = 0; y < h; y++) {
      row.set(small.row(y)[0]!);
      smallField.set(row, y * w);
      rowA.set(big.row(2 * y)[0]!);
      rowB.set(big.row(2 * y + 1)[0]!);
      for (let x = 0; x < w; x++) bigDown[y * w + x] = (rowA[2 * x]! + rowA[2 * x + 1]! + rowB[2 * x]! + rowB[2 * x + 1]!) / 4;
    }
    let cov = 0, maxDiff = 0;
    for (let i = 0; i < w * h; i++) {
      cov += smallField[i]! * bigDown[i]!;
      maxDiff = Math.max(maxDiff, Math.abs(smallField[i]! - bigDown[i]!));
    }
    const corr = cov / (w * h) / (std(smallField) * std(bigDown));
    expect(corr).toBeGreaterThan(0.999);
    expect(Math.abs(std(smallField) / std(bigDown) - 1)).toBeLessThan(0.01);
    // And a different seed is uncorrelated.
    const other = new GrainSampler(w, h, 8, spec);
    let cov2 = 0;
    const oField = new Float32Array(w * h);
    for (let y = 0; y < h; y++) { row.set(other.row(y)[0]!); oField.set(row, y * w); }
    for (let i = 0; i < w * h; i++) cov2 += smallField[i]! * oField[i]!;
    expect(Math.abs(cov2 / (w * h) / (std(smallField) * std(oField)))).toBeLessThan(0.05);
  });

  it('developed grain of a grey frame keeps its statistics across output sizes', async () => {
    const lumaStd = async (w: number, h: number) => {
      const r = await developStill(grey(w, h), { lookId: 'silverline-100', seed: 5, format: 'png' });
      // Undo the size difference by comparing at the smaller size, centre crop (vignette is flat there).
      const { data } = await sharp(r.data).resize(300, 200, { kernel: 'linear' }).extract({ left: 100, top: 60, width: 100, height: 80 }).greyscale().raw().toBuffer({ resolveWithObject: true });
      return std(data);
    };
    const a = await lumaStd(300, 200);
    const b = await lumaStd(1200, 800);
    expect(a).toBeGreaterThan(0.5);
    expect(b / a).toBeGreaterThan(0.6);
    expect(b / a).toBeLessThan(1.4);
  });
});

describe('developStill', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'looks-'));
  });

  it('develops a real JPEG file into a JPEG of the same size with the look applied', async () => {
    const file = join(dir, 'scene.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', '-q:v', '2', '-y', file]);
    const r = await developStill(file, { lookId: 'silverline-100', seed: 1 });
    expect(r.format).toBe('jpeg');
    const meta = await sharp(r.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 360]);
    // Black-and-white camera: the output carries (almost) no chroma.
    const { data } = await sharp(r.data).raw().toBuffer({ resolveWithObject: true });
    let maxChroma = 0;
    for (let i = 0; i < data.length; i += 3) maxChroma = Math.max(maxChroma, Math.abs(data[i]! - data[i + 1]!), Math.abs(data[i + 1]! - data[i + 2]!));
    expect(maxChroma).toBeLessThan(12);
    const colour = await developStill(file, { lookId: 'harbor-400', seed: 1, longEdge: 320, format: 'webp' });
    expect([colour.width, colour.height, colour.format]).toEqual([320, 180, 'webp']);
  });

  it('with strength 0 and effects off returns the input pixels', async () => {
    const src = Buffer.alloc(64 * 48 * 3);
    for (let i = 0; i < src.length; i++) src[i] = (i * 37) & 255;
    const r = await developStill({ raw: src, width: 64, height: 48, channels: 3 }, { lookId: 'glacier-50', strength: 0, effects: false, format: 'png' });
    const { data } = await sharp(r.data).raw().toBuffer({ resolveWithObject: true });
    expect(data.equals(src)).toBe(true);
  });

  it('strength blends colour towards the input; grain scales grain and effects separately', async () => {
    const src = Buffer.alloc(64 * 48 * 3);
    for (let i = 0; i < src.length; i++) src[i] = (i * 53) & 255;
    const input = { raw: src, width: 64, height: 48, channels: 3 as const };
    const at = async (strength: number) => sharp((await developStill(input, { lookId: 'glacier-50', strength, effects: false, format: 'png' })).data).raw().toBuffer();
    const [none, half, full] = await Promise.all([at(0), at(0.5), at(1)]);
    let worst = 0;
    for (let i = 0; i < src.length; i++) worst = Math.max(worst, Math.abs(half[i]! - (none[i]! + full[i]!) / 2));
    expect(worst).toBeLessThanOrEqual(1);
    const fullEffects = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 4, grain: 1, format: 'png' });
    const halfEffects = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 4, grain: 0.5, format: 'png' });
    const noEffects = await developStill(grey(200, 150), { lookId: 'harbor-400', seed: 4, grain: 0, format: 'png' });
    const corner = async (d: Buffer) => (await sharp(d).raw().toBuffer())[0]!;
    // Vignette darkens the corner in proportion: full < half < none.
    const [cf, ch, cn] = await Promise.all([corner(fullEffects.data), corner(halfEffects.data), corner(noEffects.data)]);
    expect(cf).toBeLessThan(ch);
    expect(ch).toBeLessThan(cn);
    await expect(developStill(grey(8, 8), { lookId: 'harbor-400', strength: 1.5 })).rejects.toThrow(/strength/);
  });

  it('large pictures go through the worker-filled colour table with the same colour as the tetrahedral path', async () => {
    const w = 3000, h = 2000;
    const src = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      src[i * 3] = (i * 7) & 255;
      src[i * 3 + 1] = (i >> 3) & 255;
      src[i * 3 + 2] = (i * 13) >> 5 & 255;
    }
    const r = await developStill({ raw: src, width: w, height: h, channels: 3 }, { lookId: 'meadow-200', effects: false, format: 'png' });
    const out = await sharp(r.data).raw().toBuffer();
    const expected = applyLut(lookLut('meadow-200'), new Uint8Array(src.buffer, src.byteOffset, 300_000));
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(out[i]! - expected[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('refuses a missing file, an empty one and one that is not an image, naming each', async () => {
    const missing = await developStill(join(dir, 'missing.jpg'), { lookId: 'harbor-400' }).catch((e: unknown) => e);
    expect((missing as DarkslideError).code).toBe('file.not-found');
    expect((missing as DarkslideError).message).toContain('missing.jpg" does not exist');
    const empty = join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    // Was "unsupported image format": the file is empty, and that is what to fix.
    const zero = await developStill(empty, { lookId: 'harbor-400' }).catch((e: unknown) => e);
    expect((zero as DarkslideError).message).toBe(`"${empty}" is empty (0 bytes). The copy may have failed: copy the file again from where it came from.`);
    const text = join(dir, 'text.jpg');
    writeFileSync(text, 'not a picture at all');
    const notImage = await developStill(text, { lookId: 'harbor-400', displayName: 'holiday.jpg' }).catch((e: unknown) => e);
    expect((notImage as DarkslideError).code).toBe('develop.undecodable');
    expect((notImage as DarkslideError).message).toMatch(/^"holiday\.jpg" could not be read as a picture \(.{5,160}\)\. The file may be damaged/);
    expect((notImage as DarkslideError).message).not.toContain('\n');
  });
});
