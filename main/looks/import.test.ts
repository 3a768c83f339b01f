import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { exportCube, getLook, importLut, listLooks, setUserLooksDir, readLutFile } from './index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { formatCube, parseCube } from './lut/cube.ts';
import { format3dl } from './lut/threedl.ts';
import { identityHaldPixels } from './lut/hald.ts';
import { lutFromFunction, sampleTetrahedral, type Lut3D } from './lut/lut.ts';

/** A smooth look with crosstalk, so each format's ordering mistakes would show. */
const twist = (r: number, g: number, b: number): [number, number, number] => [
  Math.min(1, 0.9 * r + 0.1 * g),
  Math.min(1, 0.15 * r + 0.8 * g + 0.05 * b) ** 1.1,
  Math.min(1, 0.2 * g + 0.8 * b * b + 0.05),
];

function maxDiff(a: Lut3D, b: Lut3D): number {
  // Compare as functions on a probe grid, since sizes may differ.
  let m = 0;
  const pa = new Float32Array(3), pb = new Float32Array(3);
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) for (let k = 0; k < 9; k++) {
    sampleTetrahedral(a, i / 8, j / 8, k / 8, pa);
    sampleTetrahedral(b, i / 8, j / 8, k / 8, pb);
    for (let c = 0; c < 3; c++) m = Math.max(m, Math.abs(pa[c]! - pb[c]!));
  }
  return m;
}

async function expectLutError(file: string, pattern: RegExp): Promise<DarkslideError> {
  const err = await readLutFile(file).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DarkslideError);
  expect((err as DarkslideError).code).toMatch(/^lut\./);
  expect((err as DarkslideError).message).toContain(file);
  expect((err as DarkslideError).message).toMatch(pattern);
  return err as DarkslideError;
}

let dir: string;
let looks: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lut-import-'));
  looks = join(dir, 'looks');
  setUserLooksDir(looks);
});
afterAll(() => setUserLooksDir(null));

describe('.cube', () => {
  it('reads sizes 2..256 and honours DOMAIN lines wherever they stand', async () => {
    const ref = lutFromFunction(17, twist);
    for (const size of [2, 17, 65]) {
      const lut = lutFromFunction(size, twist);
      const parsed = parseCube(formatCube(lut, 'x'), 'x.cube');
      expect(parsed.size).toBe(size);
      expect(maxDiff(parsed.lut, lut)).toBeLessThan(1e-5);
    }
    // 256 is accepted (the failure is about the data, not the size).
    expect(() => parseCube('LUT_3D_SIZE 256\n0 0 0\n', 'big.cube')).toThrow(/needs 16777216/);
    // Domain 0..2 written after the data: input x maps to node x/2.
    const body = formatCube(ref, 't').split('\n').filter((l) => !l.startsWith('DOMAIN'));
    const wide = parseCube([...body, 'DOMAIN_MAX 2 2 2', 'DOMAIN_MIN 0 0 0'].join('\n'), 'wide.cube');
    const out = sampleTetrahedral(wide.lut, 0.5, 0.5, 0.5);
    const direct = sampleTetrahedral(ref, 0.25, 0.25, 0.25);
    for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(direct[c]!, 4);
  });

  it('reads a 1D .cube as a per-channel tone curve', () => {
    const text = ['LUT_1D_SIZE 3', '0 0 0', '0.25 0.5 0.75', '1 1 1'].join('\n');
    const parsed = parseCube(text, 'curve.cube');
    expect(parsed.kind).toBe('1d');
    const out = sampleTetrahedral(parsed.lut, 0.5, 0.5, 0.5);
    expect(out[0]).toBeCloseTo(0.25, 3);
    expect(out[1]).toBeCloseTo(0.5, 3);
    expect(out[2]).toBeCloseTo(0.75, 3);
  });

  it('refuses bad files naming file, line and fault', async () => {
    const write = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };
    const count = await expectLutError(write('count.cube', 'LUT_3D_SIZE 2\n0 0 0\n1 1 1\n'), /wrong entry count: 2 entries.*needs 8/);
    expect(count.message).toMatch(/count\.cube:2:/);
    const nonNum = await expectLutError(write('text.cube', 'LUT_3D_SIZE 2\n0 0 0\n0 zero 0\n'), /text\.cube:3: "zero" is not a finite number/);
    expect(nonNum).toBeTruthy();
    await expectLutError(write('nan.cube', 'LUT_3D_SIZE 2\n0 0 0\n0 NaN 0\n'), /nan\.cube:3: "NaN" is not a finite number/);
    await expectLutError(write('size.cube', 'TITLE "x"\nLUT_3D_SIZE 257\n'), /size\.cube:2: LUT_3D_SIZE 257 out of range/);
    // Was accepted as a double, then became Infinity in the float32 table and "Infinity" in an export.
    await expectLutError(write('huge.cube', 'LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1e39 1\n'), /huge\.cube:9: 1e39 is too large for a colour value/);
    // Was refused without a line.
    await expectLutError(write('domain.cube', 'LUT_3D_SIZE 2\nDOMAIN_MIN 1 1 1\nDOMAIN_MAX 0 0 0\n'), /domain\.cube:3: DOMAIN_MAX must exceed DOMAIN_MIN/);
    await expectLutError(write('one.cube', 'LUT_3D_SIZE 1\n0 0 0\n'), /LUT_3D_SIZE 1 out of range/);
    await expectLutError(write('cols.cube', 'LUT_3D_SIZE 2\n0 0\n'), /cols\.cube:2: expected 3 numbers/);
    await expectLutError(write('none.cube', '0 0 0\n'), /no LUT_3D_SIZE/);
  });
});

describe('.3dl', () => {
  it('reads 17-point 12-bit, 33-point 16-bit and 10-bit files, detecting the bit depth from the data', async () => {
    const lut17 = lutFromFunction(17, twist);
    const lut33 = lutFromFunction(33, twist);
    for (const [lut, bits, tol] of [[lut17, 12, 1 / 4095], [lut33, 16, 1 / 65535], [lut17, 10, 1 / 1023]] as const) {
      const f = join(dir, `t${lut.size}-${bits}.3dl`);
      // Force a full-scale white so the depth is recognisable, as real files have.
      const text = format3dl({ size: lut.size, data: lut.data.map((v, i) => (i >= lut.data.length - 3 ? 1 : v)) }, bits);
      writeFileSync(f, `# made by a test\n${text}`);
      const { lut: back } = await readLutFile(f);
      expect(back.size).toBe(lut.size);
      expect(Math.abs(back.data[3]! - lut.data[3]!)).toBeLessThanOrEqual(tol);
      let worst = 0;
      for (let i = 0; i < lut.data.length - 3; i++) worst = Math.max(worst, Math.abs(back.data[i]! - lut.data[i]!));
      expect(worst).toBeLessThanOrEqual(0.5 * tol + 1e-6);
    }
  });

  it('refuses a wrong entry count and a non-number', async () => {
    const f = join(dir, 'bad.3dl');
    writeFileSync(f, '0 512 1023\n0 0 0\n4095 4095 4095\n');
    await expectLutError(f, /bad\.3dl:2: wrong entry count: 2 entries, a 3-point grid needs 27/);
    writeFileSync(f, '0 1023\n0 0 0\n0 x 0\n');
    await expectLutError(f, /bad\.3dl:3: "x" is not a finite number/);
    // Negative and too-deep values name their line (they were refused without one).
    writeFileSync(f, '0 1023\n0 0 0\n0 0 0\n0 0 0\n0 -5 0\n0 0 0\n0 0 0\n0 0 0\n0 0 0\n');
    await expectLutError(f, /bad\.3dl:5: negative value -5/);
    writeFileSync(f, '0 1023\n0 0 0\n0 0 0\n0 0 0\n0 0 0\n0 0 0\n0 70000 0\n0 0 0\n0 0 0\n');
    await expectLutError(f, /bad\.3dl:7: value 70000 needs more than 16 bits/);
  });
});

describe('HaldCLUT', () => {
  const haldOf = async (level: number, file: string, depth: 8 | 16) => {
    const { data, side } = identityHaldPixels(level);
    const lut = lutFromFunction(level * level, twist);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(lut.data[i]! * 65535);
    let img = sharp(data, { raw: { width: side, height: side, channels: 3 } }).toColourspace('rgb16');
    if (file.endsWith('.png')) img = depth === 16 ? img.png() : sharp(Buffer.from(Uint8Array.from(data, (v) => Math.round(v / 257))), { raw: { width: side, height: side, channels: 3 } }).png();
    else img = img.tiff({ compression: 'lzw' });
    await img.toFile(file);
    return lut;
  };

  it('reads any level at 8 and 16 bits, PNG and TIFF', async () => {
    for (const [level, ext, depth] of [[4, 'png', 16], [8, 'png', 8], [6, 'tif', 16], [2, 'png', 16]] as const) {
      const f = join(dir, `hald${level}-${depth}.${ext}`);
      const ref = await haldOf(level, f, depth);
      const { lut } = await readLutFile(f);
      expect(lut.size).toBe(level * level);
      expect(maxDiff(lut, ref)).toBeLessThan(depth === 8 ? 0.5 / 255 + 1e-6 : 1e-4);
    }
  });

  it('refuses a PNG that is not a HaldCLUT', async () => {
    const f = join(dir, 'photo.png');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080' } }).png().toFile(f);
    await expectLutError(f, /300x200 image is not a HaldCLUT/);
    const sq = join(dir, 'square.png');
    await sharp({ create: { width: 500, height: 500, channels: 3, background: '#808080' } }).png().toFile(sq);
    await expectLutError(sq, /not a HaldCLUT/);
  });
});

describe('importLut / exportCube', () => {
  it('stores an imported look as a camera that develops, inherits a base camera, and exports back', async () => {
    const f = join(dir, 'Teal Dream.cube');
    writeFileSync(f, formatCube(lutFromFunction(9, twist), 'Teal Dream'));
    const cam = await importLut(f, { baseLookId: 'harbor-400' });
    expect(cam.name).toBe('Teal Dream');
    expect(listLooks().map((c) => c.id)).toContain(cam.id);
    const def = getLook(cam.id);
    expect(def.grain).toEqual(getLook('harbor-400').grain);
    expect(readdirSync(looks).sort()).toEqual([`${cam.id}.cube`, `${cam.id}.json`]);
    const renamed = await importLut(join(dir, 'hald8-8.png'), { name: 'From Hald' });
    expect(renamed.name).toBe('From Hald');
    expect(getLook(renamed.id).grain.amount).toBe(0);
    const out = join(dir, 'export.cube');
    exportCube(cam.id, out);
    expect(maxDiff(parseCube(readFileSync(out, 'utf8'), out).lut, lutFromFunction(9, twist))).toBeLessThan(1e-5);
    exportCube('glacier-50', out);
    expect(parseCube(readFileSync(out, 'utf8'), out).size).toBe(33);
  });

  it('develops a photo with an imported look', async () => {
    const f = join(dir, 'scene.jpg');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', '-y', f]);
    const cube = join(dir, 'invert.cube');
    writeFileSync(cube, formatCube(lutFromFunction(2, (r, g, b) => [1 - r, 1 - g, 1 - b]), 'Invert'));
    const cam = await importLut(cube);
    const { developStill } = await import('./index.ts');
    const r = await developStill(f, { lookId: cam.id, format: 'png' });
    const a = await sharp(f).raw().toBuffer();
    const b = await sharp(r.data).raw().toBuffer();
    for (let i = 0; i < a.length; i += 997) expect(Math.abs(a[i]! + b[i]! - 255)).toBeLessThanOrEqual(1);
  });
});
