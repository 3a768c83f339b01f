// Photos the user already has, developed through a camera into the album,
// with the undeveloped original kept beside it for before/after and for
// developing again later with another camera.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as looks from '../looks/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import { captureDate } from '../metadata/index.ts';
import { fileDevelopedShot } from './shoot.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../resources/samples');

export async function lookSample(id: string): Promise<Uint8Array | null> {
  looks.getLook(id);
  return readFile(path.join(SAMPLES_DIR, `${path.basename(id)}.jpg`)).catch(() => null);
}

/** Writes the upload where the LUT readers can name it in their errors, imports it, cleans up. */
export async function importLookData(input: { fileName: string; data: Uint8Array; name?: string; baseLookId?: string }): Promise<looks.LookSummary> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'darkslide-import-'));
  const file = path.join(dir, path.basename(input.fileName));
  try {
    await writeFile(file, input.data);
    return await looks.importLut(file, { name: input.name, baseLookId: input.baseLookId });
  } catch (error) {
    // The user knows their file by its name, not by our scratch folder.
    if (error instanceof Error) error.message = error.message.split(file).join(path.basename(input.fileName));
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function developIntoLibrary(
  library: Library,
  input: { lookId: string; original: Buffer; fileName: string; takenAt?: Date | null; strength?: number; grain?: number },
): Promise<LibraryItem> {
  const look = looks.getLook(input.lookId);
  let takenAt = input.takenAt ?? null;
  if (takenAt === undefined || takenAt === null) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'darkslide-develop-'));
    try {
      const file = path.join(dir, path.basename(input.fileName));
      await writeFile(file, input.original);
      takenAt = await captureDate(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const when = takenAt ?? new Date();
  let developed;
  try {
    developed = await looks.developStill(input.original, { lookId: look.id, strength: input.strength, grain: input.grain, dateStamp: when, format: 'jpeg', quality: 92 });
  } catch (error) {
    const reason = (error as Error).message;
    const undecodable = /unsupported image format|cannot decode|corrupt|premature end/i.test(reason);
    if (error instanceof DarkslideError) throw error;
    throw undecodable ? new DarkslideError('develop.not-a-photo', { file: input.fileName }, { cause: error }) : new DarkslideError('develop.failed', { file: input.fileName, detail: reason }, { cause: error });
  }
  return fileDevelopedShot(library, { developed, original: input.original, takenAt: when, look });
}

/** A new album item from a kept original, through any camera; the first item stays as it was. */
export async function redevelop(library: Library, input: { id: string; lookId: string; strength?: number; grain?: number }): Promise<LibraryItem> {
  const item = await library.get(input.id);
  if (!item) throw new DarkslideError('album.item-not-found', { id: input.id });
  if (!item.hasOriginal) throw new DarkslideError('album.no-original', { file: item.fileName });
  const original = await readFile(await library.mediaPath(item.id, 'undeveloped'));
  return developIntoLibrary(library, { lookId: input.lookId, original, fileName: item.fileName, takenAt: new Date(item.takenAt), strength: input.strength, grain: input.grain });
}

/** A lossless-enough copy of a camera frame, kept as the shot's original. */
export function encodeOriginal(frame: { raw: Buffer; width: number; height: number }): Promise<Buffer> {
  return sharp(frame.raw, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .toBuffer();
}
