// The develop job: photos (album items with a kept original, or files) through a camera into the album, each
// item keyed by its source content, its recipe and the renderer's version, so developing the same batch again
// (or redoing an item a crash interrupted after it was filed) makes nothing twice.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ItemContext, JobKind } from '../../jobs/index.ts';
import * as looks from '../../looks/index.ts';
import { captureDate, readLocation, type Location } from '../../metadata/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { fileDevelopedShot, shotExif } from '../shoot.ts';
import { developError, developKept } from '../develop.ts';
import { keepsPair } from '../items.ts';

export const DevelopParams = z
  .object({
    lookId: z.string().min(1),
    strength: z.number().min(0).max(1).optional(),
    grain: z.number().min(0).max(1).optional(),
  })
  .strict();
export type DevelopParams = z.output<typeof DevelopParams>;

/** An album item (developed again from its kept original) or a photo file (its bytes are kept as the original). */
export type DevelopInput = { itemId: string; name?: string } | { file: string };

const JPEG_QUALITY = 92;

function parseParams(raw: unknown): DevelopParams {
  const parsed = DevelopParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DarkslideError('job.invalid-settings', { field: issue?.path.join('.') || 'params', problem: issue?.message ?? 'bad value' });
  }
  looks.getLook(parsed.data.lookId);
  return parsed.data;
}

function aborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DarkslideError('job.cancelled');
}

/** The same source, recipe and renderer always give the same key (and, with the seed taken from it, the same picture). */
export function developKey(sourceHash: string, recipe: { lookId: string; lookVersion: number; strength: number; grain: number; effects: boolean; seed: number }, quality: number): string {
  return createHash('sha256')
    .update(JSON.stringify({ renderer: looks.RENDERER_VERSION, source: sourceHash, ...recipe, quality }))
    .digest('hex');
}

async function developOne(input: DevelopInput, { params, signal, library }: ItemContext<DevelopParams>) {
  let original: Buffer;
  let name: string;
  let takenAt: Date | null;
  let pair = false;
  let location: Location | null = null;
  if ('itemId' in input) {
    const item = await library.get(input.itemId);
    if (!item) throw new DarkslideError('album.item-not-found', { id: input.itemId });
    if (!item.hasOriginal) throw new DarkslideError('album.no-original', { file: item.fileName });
    original = await readFile(await library.mediaPath(item.id, 'undeveloped'));
    pair = keepsPair(item);
    // The place goes with the shot, as when one photo is developed again (main/app/develop.ts).
    if (item.location) location = await readLocation(await library.mediaPath(item.id, 'original'));
    name = item.fileName;
    takenAt = new Date(item.takenAt);
  } else {
    name = path.basename(input.file);
    original = await readFile(input.file).catch((error: unknown) => {
      throw new DarkslideError((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file.not-found' : 'develop.not-a-photo', { file: input.file }, { cause: error });
    });
    takenAt = (await captureDate(input.file).catch(() => null)) ?? (await stat(input.file)).mtime;
  }
  aborted(signal);
  const sourceHash = createHash('sha256').update(original).digest('hex');
  const look = looks.getLook(params.lookId);
  const recipe = {
    lookId: look.id,
    lookVersion: look.version,
    strength: params.strength ?? 1,
    grain: params.grain ?? 1,
    effects: true,
    // From the source, so the same photo through the same camera always gets the same grain.
    seed: Number.parseInt(sourceHash.slice(0, 8), 16) & 0x7fffffff,
  };
  const key = developKey(sourceHash, recipe, JPEG_QUALITY);
  const existing = await library.jobs.findDeveloped(key);
  if (existing) return { skipped: 'already-developed', result: { itemId: existing } };
  const when = takenAt ?? new Date();
  // Written by the encoder (a shot's tags): the filing then need not rewrite the file through exiftool.
  const exif = shotExif(when, look.name, location);
  let developed;
  try {
    // Two photos in flight (concurrency below): each decodes in one piece.
    developed = await developKept(original, pair, { lookId: look.id, strength: recipe.strength, grain: recipe.grain, seed: recipe.seed, dateStamp: takenAt, format: 'jpeg', quality: JPEG_QUALITY, exif, decodeInParts: false });
  } catch (error) {
    throw developError(error, name);
  }
  aborted(signal);
  try {
    const item = await fileDevelopedShot(library, { developed, original, takenAt: when, look, location, developKey: key, exifWritten: exif !== undefined });
    return { result: { itemId: item.id } };
  } catch (error) {
    // Filed meanwhile by another process doing the same batch.
    if (error instanceof DarkslideError && error.code === 'library.already-developed') return { skipped: 'already-developed', result: { itemId: error.params.id } };
    throw error;
  }
}

export const developKind: JobKind<DevelopParams, DevelopInput> = {
  kind: 'develop',
  // Two photos at a time: one decodes and encodes while the other's pixels are in the look kernel.
  concurrency: 2,
  params: parseParams,
  label: (input) => ('itemId' in input ? (input.name ?? input.itemId) : path.basename(input.file)),
  run: developOne,
};
