// Photos the user already has, developed through a camera into the album,
// with the undeveloped original kept beside it for before/after and for
// developing again later with another camera.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import * as looks from '../looks/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { fileError } from '../shared/errors/file-system.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import { captureDate, readLocation, type Location } from '../metadata/index.ts';
import { fileDevelopedShot, shotExif } from './shoot.ts';
import { keepsPair } from './items.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../resources/samples');

export async function lookSample(id: string): Promise<Uint8Array | null> {
  looks.getLook(id);
  return readFile(path.join(SAMPLES_DIR, `${path.basename(id)}.jpg`)).catch(() => null);
}

/** A LUT file the person chose (a files-domain handle resolved to its path), imported as a look. */
export async function importLookFile(input: { path: string; fileName: string; name?: string; baseLookId?: string }): Promise<looks.LookSummary> {
  // An uploaded file is read from our temp copy: errors name it as the person knows it.
  return looks.importLut(input.path, { name: input.name, baseLookId: input.baseLookId, displayName: input.fileName });
}

/** Originals are kept whole in the album; past this a photo is refused rather than read into memory. */
const MAX_ORIGINAL_BYTES = 512 * 1024 * 1024;

/** A photo the person chose (a files-domain handle resolved to its path), developed into the album. */
export async function developFileIntoLibrary(library: Library, input: { lookId: string; path: string; fileName: string; strength?: number; grain?: number }): Promise<LibraryItem> {
  const size = await stat(input.path).then(
    (info) => info.size,
    (error: unknown) => {
      throw fileError(error, input.fileName);
    },
  );
  if (size === 0) throw new DarkslideError('file.empty', { file: input.fileName });
  if (size > MAX_ORIGINAL_BYTES) throw new DarkslideError('develop.too-large', { file: input.fileName, megabytes: Math.round(size / 1024 / 1024), limit: MAX_ORIGINAL_BYTES / 1024 / 1024 });
  const original = await readFile(input.path).catch((error: unknown) => {
    throw fileError(error, input.fileName);
  });
  const takenAt = await captureDate(input.path);
  return developIntoLibrary(library, { lookId: input.lookId, original, fileName: input.fileName, takenAt, strength: input.strength, grain: input.grain });
}

export async function developIntoLibrary(
  library: Library,
  input: { lookId: string; original: Buffer; fileName: string; takenAt: Date | null; strength?: number; grain?: number; location?: Location | null; pair?: boolean },
): Promise<LibraryItem> {
  const look = looks.getLook(input.lookId);
  const when = input.takenAt ?? new Date();
  const location = input.location ?? null;
  const exif = shotExif(when, look.name, location);
  let developed;
  try {
    developed = await developKept(input.original, input.pair ?? false, { lookId: look.id, strength: input.strength, grain: input.grain, dateStamp: when, format: 'jpeg', quality: 92, exif, displayName: input.fileName });
  } catch (error) {
    throw developError(error, input.fileName);
  }
  return fileDevelopedShot(library, { developed, original: input.original, takenAt: when, look, location, exifWritten: exif !== undefined });
}

/**
 * Develops a kept original (or a person's photo). A Twin Half pair keeps its two exposures side by side in one
 * original (`pair`): a half-frame camera develops them again as the two pictures they were, any other camera
 * the whole strip as one picture, and either way the result's recipe says it still holds the pair.
 */
export async function developKept(original: Buffer, pair: boolean, options: looks.DevelopOptions): Promise<looks.DevelopResult> {
  if (!pair) return looks.developStill(original, options);
  const developed = looks.getLook(options.lookId).frame === 'half-frame' ? await developHalves(original, options) : await looks.developStill(original, options);
  return { ...developed, recipe: { ...developed.recipe, pair: true } };
}

/** The pair's two exposures, cut apart at the middle of the kept original, on one half-frame print. */
async function developHalves(original: Buffer, options: looks.DevelopOptions): Promise<looks.DevelopResult> {
  const { width = 0, height = 0 } = await sharp(original).metadata();
  const half = Math.floor(width / 2);
  const take = async (left: number): Promise<looks.RawImage> => {
    const { data, info } = await sharp(original).extract({ left, top: 0, width: half, height }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { raw: data, width: info.width, height: info.height, channels: 3 };
  };
  const [left, right] = await Promise.all([take(0), take(width - half)]);
  return looks.developStill(left, { ...options, second: right });
}

/** A develop failure in words: a file that is not a photo says so; anything else carries the engine's reason. */
export function developError(error: unknown, fileName: string): DarkslideError {
  // The engine, given bytes, cannot name the file: the person's name goes in here.
  if (error instanceof DarkslideError && error.code === 'develop.undecodable') return new DarkslideError('develop.not-a-photo', { file: fileName }, { cause: error });
  if (error instanceof DarkslideError && error.params.file === 'the picture') return new DarkslideError(error.code, { ...error.params, file: fileName }, { cause: error });
  if (error instanceof DarkslideError) return error;
  const reason = (error as Error).message;
  const undecodable = /unsupported image format|cannot decode|corrupt|premature end|bad seek|not a known file format|input buffer/i.test(reason);
  return undecodable ? new DarkslideError('develop.not-a-photo', { file: fileName }, { cause: error }) : new DarkslideError('develop.failed', { file: fileName, detail: reason }, { cause: error });
}

/** Long edge of a develop sample: enough for a dialog's preview, fast enough to follow the sliders. */
export const SAMPLE_LONG_EDGE = 720;

/**
 * The camera on the person's own photo, through the same engine as the develop itself, at a dialog's size.
 * Nothing is written: the album and the file stay as they were.
 */
export async function developSample(input: { lookId: string; strength?: number; grain?: number; picture: string | Buffer; fileName: string }) {
  try {
    const { data, width, height } = await looks.developStill(input.picture, {
      lookId: input.lookId,
      strength: input.strength,
      grain: input.grain,
      longEdge: SAMPLE_LONG_EDGE,
      quality: 85,
      displayName: input.fileName,
    });
    return { jpeg: data, width, height };
  } catch (error) {
    throw developError(error, input.fileName);
  }
}

/** The picture an album item's samples start from: its kept original where there is one, else the photo itself. */
export async function samplePictureOf(library: Library, id: string): Promise<{ path: string; fileName: string }> {
  const item = await library.get(id);
  if (!item) throw new DarkslideError('album.item-not-found', { id });
  if (item.kind !== 'photo') throw new DarkslideError('develop.not-a-photo', { file: item.fileName });
  return { path: await library.mediaPath(item.id, item.hasOriginal ? 'undeveloped' : 'original'), fileName: item.fileName };
}

/** A new album item from a kept original, through any camera; the first item stays as it was. */
export async function redevelop(library: Library, input: { id: string; lookId: string; strength?: number; grain?: number }): Promise<LibraryItem> {
  const item = await library.get(input.id);
  if (!item) throw new DarkslideError('album.item-not-found', { id: input.id });
  if (!item.hasOriginal) throw new DarkslideError('album.no-original', { file: item.fileName });
  const original = await readFile(await library.mediaPath(item.id, 'undeveloped'));
  // The place goes with the shot: a geotagged photo developed again is still where it was taken.
  const location = item.location ? await readLocation(await library.mediaPath(item.id, 'original')) : null;
  return developIntoLibrary(library, { lookId: input.lookId, original, fileName: item.fileName, takenAt: new Date(item.takenAt), strength: input.strength, grain: input.grain, location, pair: keepsPair(item) });
}

/**
 * A lossless-enough copy of a camera frame, kept as the shot's original. Encoded beside the shot's develop,
 * on the shutter's path: without per-picture Huffman tables (same pixels, ~5% larger) it takes a third of the time.
 */
export function encodeOriginal(frame: { raw: Buffer; width: number; height: number }): Promise<Buffer> {
  return sharp(frame.raw, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4', optimiseCoding: false })
    .toBuffer();
}
