/**
 * HaldCLUT images (PNG or TIFF, 8- or 16-bit): level L gives a cube side of L^2 stored as an L^3 x L^3 image,
 * pixels in raster order with red fastest.
 */
import sharp, { type Metadata } from 'sharp';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { Lut3D } from './lut.ts';

export async function readHald(file: string | Buffer, name: string): Promise<Lut3D> {
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch (error) {
    throw new DarkslideError('lut.hald-unreadable', { file: name }, { cause: error });
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const level = Math.round(Math.cbrt(w));
  if (w !== h || level ** 3 !== w || level < 2 || level > 16)
    throw new DarkslideError('lut.hald-shape', { file: name, width: w, height: h });
  const sixteen = meta.depth === 'ushort';
  const img = sharp(file).removeAlpha().toColourspace(sixteen ? 'rgb16' : 'srgb');
  let decoded;
  try {
    decoded = await img.raw({ depth: sixteen ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new DarkslideError('lut.hald-unreadable', { file: name }, { cause: error });
  }
  const { data, info } = decoded;
  const samples = sixteen ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : data;
  const max = sixteen ? 65535 : 255;
  const n = level * level;
  const out = new Float32Array(n ** 3 * 3);
  const ch = info.channels;
  for (let i = 0; i < n ** 3; i++) {
    out[i * 3] = samples[i * ch]! / max;
    out[i * 3 + 1] = samples[i * ch + 1]! / max;
    out[i * 3 + 2] = samples[i * ch + 2]! / max;
  }
  return { size: n, data: out };
}

/** Identity HaldCLUT of a level, 16-bit RGB, for tests and for sampling external tools' looks. */
export function identityHaldPixels(level: number): { data: Uint16Array; side: number } {
  const n = level * level;
  const side = level ** 3;
  const data = new Uint16Array(side * side * 3);
  for (let i = 0; i < n ** 3; i++) {
    data[i * 3] = Math.round(((i % n) / (n - 1)) * 65535);
    data[i * 3 + 1] = Math.round(((Math.floor(i / n) % n) / (n - 1)) * 65535);
    data[i * 3 + 2] = Math.round((Math.floor(i / (n * n)) / (n - 1)) * 65535);
  }
  return { data, side };
}
