import sharp, { type Sharp } from 'sharp';
import { randomInt } from 'node:crypto';
import { LookError } from './errors.ts';
import { cameraLut, getCamera } from './registry.ts';
import { blendWithIdentity } from './lut/lut.ts';
import { runKernel, type KernelParams } from './render/kernel.ts';
import type { CameraDefinition } from './schema.ts';

export type OutputFormat = 'jpeg' | 'png' | 'tiff' | 'webp';
export type DevelopOptions = {
  cameraId: string;
  /** Colour strength 0..1 (default 1). */
  strength?: number;
  /** Grain and effects strength 0..1 (default 1). */
  grain?: number;
  /** false = colour only. */
  effects?: boolean;
  seed?: number;
  dateStamp?: Date | null;
  format?: OutputFormat;
  quality?: number;
  longEdge?: number;
};
export type Recipe = { cameraId: string; cameraVersion: number; strength: number; grain: number; effects: boolean; seed: number; dateStampText: string | null };
export type RawImage = { raw: Buffer; width: number; height: number; channels: 3 };
export type DevelopInput = string | Buffer | RawImage;
export type DevelopResult = { data: Buffer; width: number; height: number; format: string; recipe: Recipe };

function unitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new LookError('invalid-option', `${name} must be between 0 and 1, got ${value}`);
  return value;
}

function describeInput(input: DevelopInput): string {
  return typeof input === 'string' ? input : Buffer.isBuffer(input) ? '(image buffer)' : '(raw pixels)';
}

export function resolveRecipe(camera: CameraDefinition, options: DevelopOptions): Recipe {
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new LookError('invalid-option', `seed must be an integer, got ${seed}`);
  return {
    cameraId: camera.id,
    cameraVersion: camera.version,
    strength: unitOption('strength', options.strength, 1),
    grain: unitOption('grain', options.grain, 1),
    effects: options.effects ?? true,
    seed,
    dateStampText: null,
  };
}

/** Decodes to 8-bit sRGB, oriented, resized to longEdge if asked. */
export async function decodeInput(input: DevelopInput, longEdge?: number): Promise<{ data: Buffer; width: number; height: number }> {
  let img: Sharp;
  if (typeof input === 'string' || Buffer.isBuffer(input)) img = sharp(input, { failOn: 'error' }).rotate();
  else {
    if (input.channels !== 3 || input.raw.length !== input.width * input.height * 3)
      throw new LookError('invalid-input', `raw pixels must be ${input.width}x${input.height}x3 = ${input.width * input.height * 3} bytes, got ${input.raw.length}`);
    img = sharp(input.raw, { raw: { width: input.width, height: input.height, channels: 3 } });
  }
  if (longEdge !== undefined) {
    if (!Number.isInteger(longEdge) || longEdge < 16) throw new LookError('invalid-option', `longEdge must be an integer >= 16, got ${longEdge}`);
    img = img.resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true });
  }
  try {
    const { data, info } = await img.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw new LookError('decode-failed', `${describeInput(input)}: cannot decode image (${(error as Error).message})`, { cause: error });
  }
}

export async function encodeOutput(pixels: Uint8Array, width: number, height: number, format: OutputFormat, quality?: number): Promise<Buffer> {
  const img = sharp(pixels, { raw: { width, height, channels: 3 } }).withIccProfile('srgb');
  const q = quality ?? 92;
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new LookError('invalid-option', `quality must be an integer 1..100, got ${quality}`);
  switch (format) {
    case 'jpeg':
      // 4:4:4: film colour edges (halation, toning) suffer visibly from chroma subsampling.
      return img.jpeg({ quality: q, chromaSubsampling: '4:4:4' }).toBuffer();
    case 'png':
      return img.png({ compressionLevel: 6 }).toBuffer();
    case 'tiff':
      return img.tiff({ compression: 'lzw' }).toBuffer();
    case 'webp':
      return img.webp({ quality: q }).toBuffer();
    default:
      throw new LookError('invalid-option', `format must be jpeg, png, tiff or webp, got ${String(format)}`);
  }
}

export function kernelParamsFor(camera: CameraDefinition, recipe: Recipe, width: number, height: number): KernelParams {
  const fx = recipe.effects ? recipe.grain : 0;
  return {
    width,
    height,
    lut: blendWithIdentity(cameraLut(camera.id), recipe.strength),
    vignette: camera.vignette && fx > 0 ? { amount: camera.vignette.amount * fx, falloff: camera.vignette.falloff } : null,
    grain: camera.grain.amount > 0 && fx > 0 ? { ...camera.grain, amount: camera.grain.amount * fx } : null,
    seed: recipe.seed,
  };
}

export async function developStill(input: DevelopInput, options: DevelopOptions): Promise<DevelopResult> {
  const camera = getCamera(options.cameraId);
  const recipe = resolveRecipe(camera, options);
  const format = options.format ?? 'jpeg';
  const decoded = await decodeInput(input, options.longEdge);
  const { width, height } = decoded;
  const out = new Uint8Array(decoded.data.length);
  runKernel(kernelParamsFor(camera, recipe, width, height), decoded.data, out);
  const data = await encodeOutput(out, width, height, format, options.quality);
  return { data, width, height, format, recipe };
}
