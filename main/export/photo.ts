// Photo pixels for an export: decoded, turned upright, resized, converted to sRGB and encoded with no metadata
// at all (sharp keeps none unless asked), so the output's tags can be written from the policy's record alone.
// Colour: sharp converts a source with an embedded profile (Display P3, Adobe RGB, CMYK) to sRGB. JPEG, PNG
// and WebP are sRGB when untagged, and AVIF without a colour box is sRGB by its specification, so they carry
// no profile; TIFF has no such default and gets an sRGB profile: libvips' own, with its creation date zeroed,
// so not even the profile says when anything was made.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export type PhotoFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'avif';
export const PHOTO_FORMATS: readonly PhotoFormat[] = ['jpeg', 'png', 'tiff', 'webp', 'avif'];
export const EXTENSIONS: Record<PhotoFormat | 'mp4', string> = { jpeg: '.jpg', png: '.png', tiff: '.tif', webp: '.webp', avif: '.avif', mp4: '.mp4' };
/** Formats whose quality setting means something (PNG and TIFF are written losslessly). */
export const LOSSY: ReadonlySet<PhotoFormat> = new Set(['jpeg', 'webp', 'avif']);

export type PhotoOptions = { format: PhotoFormat; quality: number; longEdge: number | null };

let profilePath: string | null = null;

/** libvips' sRGB profile (CC0) with its date and the checksum over it zeroed, as a file sharp can attach. */
export async function datelessSrgbProfile(): Promise<string> {
  if (profilePath && existsSync(profilePath)) return profilePath;
  const tagged = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).withIccProfile('srgb').png().toBuffer();
  const icc = Buffer.from((await sharp(tagged).metadata()).icc!);
  // ICC header: bytes 24-35 the creation date and time, 84-99 the profile ID (an MD5 that covers the date;
  // all zeros means "not computed").
  icc.fill(0, 24, 36);
  icc.fill(0, 84, 100);
  const file = path.join(os.tmpdir(), `darkslide-srgb-${createHash('sha256').update(icc).digest('hex').slice(0, 12)}.icc`);
  if (!existsSync(file)) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, icc);
    await rename(temp, file);
  }
  profilePath = file;
  return file;
}

/** The encoder settings for a format: the export and its benchmark baseline use exactly these. */
export function encoderOptions(format: PhotoFormat, quality: number): Record<string, unknown> {
  switch (format) {
    case 'jpeg':
      return { quality };
    case 'webp':
      return { quality };
    case 'avif':
      return { quality };
    case 'png':
      return { compressionLevel: 6 };
    case 'tiff':
      // Lossless: what people export TIFF for (sharp's default would be JPEG inside the TIFF).
      return { compression: 'deflate', predictor: 'horizontal' };
  }
}

/** Decodes `input` and encodes it per `options`, with no metadata; `signal` is checked between the stages. */
export async function encodePhoto(input: string, options: PhotoOptions): Promise<Buffer> {
  let pipeline = sharp(input, { failOn: 'error' }).rotate();
  if (options.longEdge) pipeline = pipeline.resize({ width: options.longEdge, height: options.longEdge, fit: 'inside', withoutEnlargement: true });
  if (options.format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
  if (options.format === 'tiff') pipeline = pipeline.withIccProfile(await datelessSrgbProfile());
  return pipeline.toFormat(options.format, encoderOptions(options.format, options.quality)).toBuffer();
}
