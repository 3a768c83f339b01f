/**
 * Darkslide's colour against the reference tools, measured in CIEDE2000 on a real test pattern: the same
 * .cube through ffmpeg's lut3d (tetrahedral, 16-bit path), the same HaldCLUT through ImageMagick.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { developStill, importLut, setUserLooksDir } from './index.ts';
import { formatCube } from './lut/cube.ts';
import { identityHaldPixels } from './lut/hald.ts';
import { lutFromFunction } from './lut/lut.ts';
import { compareImages } from './color/deltaE2000.ts';

// A look with real hue twists and crosstalk, so interpolation and channel-order errors would show.
const look = (r: number, g: number, b: number): [number, number, number] => {
  const y = 0.3 * r + 0.6 * g + 0.1 * b;
  return [
    Math.min(1, Math.max(0, y + (r - y) * 1.3 + 0.05 * Math.sin(6 * b))),
    Math.min(1, Math.max(0, (y + (g - y) * 0.8) ** 1.15)),
    Math.min(1, Math.max(0, 0.06 + 0.85 * (y + (b - y) * 1.2) + 0.04 * Math.cos(5 * r))),
  ];
};

let dir: string;
let scene: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'looks-compare-'));
  setUserLooksDir(join(dir, 'looks'));
  scene = join(dir, 'scene.png');
  // testsrc2 (colour bars, gradients, moving shapes) plus a smooth hue sweep: both saturated and subtle colours.
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=480x270', '-frames:v', '1', '-pix_fmt', 'rgb24', '-y', scene]);
});
afterAll(() => setUserLooksDir(null));

async function rgb16(file: string): Promise<Uint16Array> {
  const { data } = await sharp(file).removeAlpha().toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  return new Uint16Array(data.buffer, data.byteOffset, data.length / 2);
}

describe('colour parity with reference tools', () => {
  it('.cube: Darkslide vs ffmpeg lut3d (tetrahedral, rgb48le) mean dE00 < 0.35', async () => {
    const cube = join(dir, 'twist.cube');
    writeFileSync(cube, formatCube(lutFromFunction(33, look), 'Twist'));
    const cam = await importLut(cube);
    const ours = await developStill(scene, { lookId: cam.id, effects: false, format: 'png' });
    const oursRaw = await sharp(ours.data).raw().toBuffer();
    const theirs = join(dir, 'ffmpeg.png');
    execFileSync('ffmpeg', ['-v', 'error', '-i', scene, '-vf', `format=rgb48le,lut3d=file=${cube}:interp=tetrahedral`, '-frames:v', '1', '-pix_fmt', 'rgb48be', '-y', theirs]);
    const stats = compareImages(new Uint8Array(oursRaw), await rgb16(theirs));
    console.log(`cube vs ffmpeg lut3d: mean ${stats.mean.toFixed(4)} p95 ${stats.p95.toFixed(4)} max ${stats.max.toFixed(4)} dE00`);
    expect(stats.mean).toBeLessThan(0.35);
    // Sanity: the look itself is far from the input, so the comparison can fail.
    const input = await sharp(scene).raw().toBuffer();
    expect(compareImages(new Uint8Array(input), await rgb16(theirs)).mean).toBeGreaterThan(2);
  });

  it('HaldCLUT: Darkslide vs ImageMagick -hald-clut mean dE00 < 0.5', async () => {
    const level = 8;
    const { data, side } = identityHaldPixels(level);
    const lut = lutFromFunction(level * level, look);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(lut.data[i]! * 65535);
    const hald = join(dir, 'twist-hald.png');
    await sharp(data, { raw: { width: side, height: side, channels: 3 } }).toColourspace('rgb16').png().toFile(hald);
    const cam = await importLut(hald, { name: 'Twist Hald' });
    const ours = await developStill(scene, { lookId: cam.id, effects: false, format: 'png' });
    const oursRaw = await sharp(ours.data).raw().toBuffer();
    const theirs = join(dir, 'magick.png');
    execFileSync('convert', [scene, hald, '-hald-clut', '-depth', '16', theirs]);
    const stats = compareImages(new Uint8Array(oursRaw), await rgb16(theirs));
    console.log(`HaldCLUT vs ImageMagick: mean ${stats.mean.toFixed(4)} p95 ${stats.p95.toFixed(4)} max ${stats.max.toFixed(4)} dE00`);
    expect(stats.mean).toBeLessThan(0.5);
  });
});
