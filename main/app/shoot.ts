import sharp from 'sharp';
import * as looks from '../looks/index.ts';
import { aspectCropSize } from '../shared/looks/math.ts';
import { THUMBNAIL, type Library, type LibraryItem } from '../library/index.ts';
import { encoderExif, shotRecord, writeRecord, type Location, type MetadataRecord } from '../metadata/index.ts';
import { encodeOriginal } from './develop.ts';
import { APP_NAME, APP_VERSION } from './version.ts';

/** A half-frame camera's half: 18 x 24 mm, tall (main/looks/effects/frame.ts). */
const HALF_ASPECT = '3:4';

export type RawFrame = { raw: Buffer; width: number; height: number; channels: 3; at: Date };

/** The stages of a press whose time the shutter benchmark reports (each one's own duration, in ms). */
export type ShotStage = 'develop' | 'original' | 'file';

/**
 * Develops one captured frame through a look and files it in the library, with its album thumbnail made from
 * the JPEG still in memory (by the filing, while its files are written and flushed), so the album never decodes
 * the new photo again to show it. A half-frame camera's pair passes its second press as `second` (the right half);
 * without it a half-frame print holds the one half.
 */
export async function shoot(options: {
  library: Library;
  frame: RawFrame;
  second?: RawFrame;
  lookId: string;
  strength?: number;
  grain?: number;
  seed?: number;
  mirror?: boolean;
  location?: Location | null;
  onStage?: (stage: ShotStage, ms: number) => void;
}): Promise<LibraryItem> {
  const { library, lookId } = options;
  const stage = options.onStage ?? (() => undefined);
  const since = (from: number, name: ShotStage) => stage(name, performance.now() - from);
  // "Save as seen": the scene is flipped before the look, so date stamps and frames are never mirrored.
  const flip = (f: RawFrame): RawFrame => (options.mirror ? { ...f, raw: mirrorRows(f.raw, f.width, f.height) } : f);
  const frame = flip(options.frame);
  const second = options.second ? flip(options.second) : undefined;
  const raw = (f: RawFrame) => ({ raw: f.raw, width: f.width, height: f.height, channels: 3 as const });
  const look = looks.getLook(lookId);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const location = options.location ?? null;
  const exif = shotExif(frame.at, look.name, location);
  const started = performance.now();
  const [developed, original] = await Promise.all([
    looks
      .developStill(
        raw(frame),
        // The album thumbnail from the print's pixels, beside its encode (the album shows the shot at once).
        { lookId: lookId, strength: options.strength, grain: options.grain, seed, dateStamp: frame.at, format: 'jpeg', quality: 92, exif, thumbnail: THUMBNAIL, ...(second ? { second: raw(second) } : {}) },
      )
      .then((result) => {
        since(started, 'develop');
        return result;
      }),
    // Kept so the shot can be developed again, with this camera or another. A pair keeps the two halves it
    // used side by side, undeveloped: one 3:2 picture another camera can develop whole.
    (second ? encodePairOriginal(frame, second) : encodeOriginal(frame)).then((kept) => {
      since(started, 'original');
      return kept;
    }),
  ]);
  const filing = performance.now();
  const item = await fileDevelopedShot(library, { developed, original, takenAt: frame.at, look, location, exifWritten: exif !== undefined });
  since(filing, 'file');
  return item;
}

/** What a shot's file says about itself: when (with the offset of this machine's zone then), by what, where. */
export function shotMetadata(takenAt: Date, lookName: string, location: Location | null = null): MetadataRecord {
  return shotRecord({ takenAt, utcOffsetMinutes: -takenAt.getTimezoneOffset(), make: APP_NAME, model: lookName, software: `${APP_NAME} ${APP_VERSION}`, gps: location });
}

/** The shot's metadata for the encoder to write as it encodes (no exiftool round trip), when it can (no location). */
export function shotExif(takenAt: Date, lookName: string, location: Location | null = null): looks.DevelopOptions['exif'] {
  return encoderExif(shotMetadata(takenAt, lookName, location)) ?? undefined;
}

/**
 * Files a developed photo with its original. The EXIF is in the file before the catalog commit (written by
 * the encoder, or by exiftool into the temp file when the encoder could not), so a shot is either complete
 * (pixels, metadata, row) or absent.
 */
export function fileDevelopedShot(
  library: Library,
  shot: {
    developed: looks.DevelopResult;
    original: Buffer;
    takenAt: Date;
    look: { id: string; name: string };
    location?: Location | null;
    developKey?: string;
    exifWritten?: boolean;
    originalExt?: string;
    source?: { hash: string; name: string };
  },
): Promise<LibraryItem> {
  const { developed, look, takenAt } = shot;
  return library.addShot({
    kind: 'photo',
    data: developed.data,
    ext: 'jpg',
    width: developed.width,
    height: developed.height,
    takenAt,
    lookId: look.id,
    lookName: look.name,
    recipe: developed.recipe,
    original: shot.original,
    location: shot.location ? { latitude: shot.location.latitude, longitude: shot.location.longitude } : null,
    ...(shot.developKey ? { developKey: shot.developKey } : {}),
    ...(shot.originalExt ? { originalExt: shot.originalExt } : {}),
    ...(shot.source ? { source: shot.source } : {}),
    // Made from the print's pixels before any EXIF went in: the same picture whichever way the EXIF was written.
    ...(developed.thumbnail ? { thumbnail: developed.thumbnail } : {}),
    ...(shot.exifWritten ? {} : { beforeCommit: (tempFile: string) => writeRecord(tempFile, shotMetadata(takenAt, look.name, shot.location ?? null)) }),
  });
}

async function encodePairOriginal(first: RawFrame, second: RawFrame): Promise<Buffer> {
  const half = (f: RawFrame) => {
    const kept = aspectCropSize(f.width, f.height, HALF_ASPECT);
    return sharp(f.raw, { raw: { width: f.width, height: f.height, channels: 3 } }).resize({ width: kept.width, height: kept.height, fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  };
  const [a, b] = await Promise.all([half(first), half(second)]);
  const width = a.info.width;
  const height = a.info.height;
  const right = b.info.width === width && b.info.height === height ? b.data : await sharp(b.data, { raw: { width: b.info.width, height: b.info.height, channels: 3 } }).resize({ width, height, fit: 'cover' }).raw().toBuffer();
  const joined = await sharp({ create: { width: 2 * width, height, channels: 3, background: '#000' } })
    .composite([
      { input: a.data, raw: { width, height, channels: 3 }, left: 0, top: 0 },
      { input: right, raw: { width, height, channels: 3 }, left: width, top: 0 },
    ])
    .raw()
    .toBuffer();
  return encodeOriginal({ raw: joined, width: 2 * width, height });
}

/** Flips an RGB frame left to right. */
export function mirrorRows(raw: Buffer, width: number, height: number): Buffer {
  const out = Buffer.allocUnsafe(raw.length);
  const stride = width * 3;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      const from = row + x * 3;
      const to = row + (width - 1 - x) * 3;
      out[to] = raw[from]!;
      out[to + 1] = raw[from + 1]!;
      out[to + 2] = raw[from + 2]!;
    }
  }
  return out;
}
