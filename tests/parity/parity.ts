/**
 * Shared by the preview parity test: the still side (developStill on a clone of each camera without the
 * parts the live preview does not draw: frame, date stamp, light leaks, digital-camera character) and
 * the statistics the two sides are compared by.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { developStill, getLook, previewLook } from '../../main/looks/index.ts';

/** The camera as the still renderer sees it minus what the viewfinder leaves to other layers. */
export function writeStillClone(dir: string, lookId: string, suffix: string, change: (def: Record<string, unknown>) => void = () => {}): string {
  const def = structuredClone(getLook(lookId)) as unknown as Record<string, unknown>;
  const id = `${lookId}-${suffix}`;
  Object.assign(def, { id, frame: 'none', dateStamp: null, leaks: null, digital: null, aspect: previewLook(lookId).params.aspect });
  change(def);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(def));
  return id;
}

/** The input size that is already at the camera's aspect, so the still crops nothing. */
export function sizeForAspect(aspect: string | null, height: number): { width: number; height: number } {
  if (!aspect) return { width: Math.round((height * 16) / 9), height };
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  return { width: Math.round((height * a) / b), height };
}

/** Like sizeForAspect, with the height moved to the nearest multiple of the ratio so it stays exact at any multiple. */
export function exactSizeForAspect(aspect: string | null, height: number): { width: number; height: number } {
  const [a, b] = (aspect ?? '16:9').split(':').map(Number) as [number, number];
  if (!Number.isInteger(a) || !Number.isInteger(b)) return sizeForAspect(aspect, height);
  const h = Math.max(1, Math.round(height / b)) * b;
  return { width: (h / b) * a, height: h };
}

export async function developRaw(rgb: Buffer, width: number, height: number, lookId: string, seed: number): Promise<Uint8Array> {
  const result = await developStill({ raw: rgb, width, height, channels: 3 }, { lookId, seed, format: 'png', dateStamp: null });
  if (result.width !== width || result.height !== height) throw new Error(`${lookId}: still is ${result.width}x${result.height}, expected ${width}x${height}`);
  const { data } = await sharp(result.data).raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Box average of an RGB image by an integer factor (what a downscale of the full still would show). */
export function boxDownscale(rgb: Float32Array | Uint8Array, width: number, height: number, factor: number): Float32Array {
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h * factor; y++)
    for (let x = 0; x < w * factor; x++) {
      const o = (Math.floor(y / factor) * w + Math.floor(x / factor)) * 3;
      const i = (y * width + x) * 3;
      out[o] = out[o]! + rgb[i]!;
      out[o + 1] = out[o + 1]! + rgb[i + 1]!;
      out[o + 2] = out[o + 2]! + rgb[i + 2]!;
    }
  const n = factor * factor;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return out;
}

export const BANDS = 5;

/**
 * RMS of (with grain - without grain) over all channels, per band of the grain-free picture's Rec.709 luma
 * (BANDS equal bands over 0..255). NaN where a band has too few pixels to say.
 */
export function grainRmsByBand(withGrain: ArrayLike<number>, without: ArrayLike<number>): { rms: number[]; count: number[] } {
  const sum = new Float64Array(BANDS);
  const count = new Float64Array(BANDS);
  for (let i = 0; i < without.length; i += 3) {
    const l = 0.2126 * without[i]! + 0.7152 * without[i + 1]! + 0.0722 * without[i + 2]!;
    const band = Math.min(BANDS - 1, Math.floor((l / 256) * BANDS));
    for (let c = 0; c < 3; c++) {
      const d = withGrain[i + c]! - without[i + c]!;
      sum[band] = sum[band]! + d * d;
    }
    count[band] = count[band]! + 3;
  }
  return { rms: [...sum].map((s, b) => (count[b]! >= 3000 ? Math.sqrt(s / count[b]!) : NaN)), count: [...count].map((c) => c / 3) };
}
