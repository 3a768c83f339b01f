// The import job: files and folders (walked recursively) into the album. Each photo's file is kept untouched as
// its original, and a developed version is made through the chosen camera with its recipe stored, so it can be
// developed again later and the original exported. Videos are copied as they are. The same content is never
// imported twice (items.source_hash), and a rescan skips files unchanged since they were last looked at (path, size
// and modification time) without reading them.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import * as capture from '../../capture/index.ts';
import type { ItemContext, JobKind } from '../../jobs/index.ts';
import * as looks from '../../looks/index.ts';
import { captureDate } from '../../metadata/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { developError } from '../develop.ts';
import { fileDevelopedShot } from '../shoot.ts';
import { developKey } from './develop.ts';
import { decodeHeif } from './heif.ts';

export const ImportParams = z
  .object({
    lookId: z.string().min(1),
    strength: z.number().min(0).max(1).optional(),
    grain: z.number().min(0).max(1).optional(),
    /** Folders never walked into: the library itself, its data folder. */
    exclude: z.array(z.string()).optional(),
  })
  .strict();
export type ImportParams = z.output<typeof ImportParams>;

/** A file found by the scan: checked again when its turn comes. */
export type ImportInput = { file: string; name: string };

export const PHOTO_TYPES = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'webp', 'avif', 'heic', 'heif', 'gif'] as const;
export const VIDEO_TYPES = ['mp4', 'mov', 'm4v'] as const;
const PHOTO = new Set<string>(PHOTO_TYPES);
const VIDEO = new Set<string>(VIDEO_TYPES);
const JPEG_QUALITY = 92;
/** Videos are kept as they are: no look, so the album's camera filter shows them as originals. */
export const ORIGINAL_LOOK = { id: 'original', name: 'Original' };

function extension(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

export function isImportable(file: string): boolean {
  const ext = extension(file);
  return PHOTO.has(ext) || VIDEO.has(ext);
}

function parseParams(raw: unknown): ImportParams {
  const parsed = ImportParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DarkslideError('job.invalid-settings', { field: issue?.path.join('.') || 'params', problem: issue?.message ?? 'bad value' });
  }
  looks.getLook(parsed.data.lookId);
  return { ...parsed.data, exclude: parsed.data.exclude?.map((folder) => path.resolve(folder)) };
}

/** Files under the inputs, depth first, names sorted; hidden files and folders, and excluded folders, left out. */
async function* walk(inputs: ImportInput[], params: ImportParams, signal: AbortSignal): AsyncIterable<{ input: ImportInput; label: string }[]> {
  const excluded = new Set(params.exclude ?? []);
  let batch: { input: ImportInput; label: string }[] = [];
  const found = (file: string, name = path.basename(file)) => {
    batch.push({ input: { file, name }, label: name });
  };
  const visit = async function* (folder: string): AsyncIterable<{ input: ImportInput; label: string }[]> {
    if (excluded.has(folder)) return;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (signal.aborted) return;
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) yield* visit(full);
      else if (entry.isFile() && isImportable(entry.name)) found(full);
      if (batch.length >= 200) {
        yield batch;
        batch = [];
      }
    }
  };
  for (const input of inputs) {
    const file = path.resolve(input.file);
    const info = await stat(file).catch(() => null);
    // A path that is gone is still an item: it fails with its own error, the rest goes on.
    if (info?.isDirectory()) yield* visit(file);
    else found(file, input.name);
  }
  if (batch.length > 0) yield batch;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function readError(error: unknown, file: string): DarkslideError {
  if (error instanceof DarkslideError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DarkslideError('file.not-found', { file });
  if (code === 'EACCES' || code === 'EPERM') return new DarkslideError('file.no-permission', { file, access: 'read' });
  if (code === 'EISDIR') return new DarkslideError('file.is-folder', { file });
  return new DarkslideError('file.io', { file, access: 'read', detail: code ?? (error as Error).message });
}

async function importOne(input: ImportInput, { params, signal, library }: ItemContext<ImportParams>) {
  const { file, name } = input;
  const info = await stat(file).catch((error: unknown) => {
    throw readError(error, file);
  });
  if (!info.isFile()) throw new DarkslideError('file.is-folder', { file });
  if (info.size === 0) throw new DarkslideError('file.empty', { file });
  // Unchanged since it was last looked at: known without reading it.
  const known = await library.imports.known(file, info.size, info.mtimeMs);
  if (known) {
    const existing = await library.imports.findBySource(known);
    if (existing) return { skipped: 'unchanged', result: { itemId: existing } };
  }
  const ext = extension(file);
  const isVideo = VIDEO.has(ext);
  const bytes = isVideo ? null : await readFile(file).catch((error: unknown) => {
    throw readError(error, file);
  });
  const hash = bytes ? createHash('sha256').update(bytes).digest('hex') : await hashFile(file).catch((error: unknown) => {
    throw readError(error, file);
  });
  const duplicate = await library.imports.findBySource(hash);
  if (duplicate) {
    await library.imports.remember(file, info.size, info.mtimeMs, hash);
    return { skipped: 'duplicate', result: { itemId: duplicate } };
  }
  if (signal.aborted) throw new DarkslideError('job.cancelled');
  const takenAt = (await captureDate(file).catch(() => null)) ?? info.mtime;
  const source = { hash, name };
  let itemId: string;
  try {
    if (isVideo) {
      const probe = await capture.probeFile(file);
      if (!probe.hasVideo || !probe.width || !probe.height) throw new DarkslideError('develop.not-a-photo', { file: name });
      const item = await library.addFile({
        kind: 'video', sourceFile: file, keepSource: true, width: probe.width, height: probe.height, durationSec: probe.durationSec ?? null,
        takenAt, lookId: ORIGINAL_LOOK.id, lookName: ORIGINAL_LOOK.name, recipe: null, source,
      });
      itemId = item.id;
    } else {
      const look = looks.getLook(params.lookId);
      const recipe = {
        lookId: look.id, lookVersion: look.version, strength: params.strength ?? 1, grain: params.grain ?? 1, effects: true,
        seed: Number.parseInt(hash.slice(0, 8), 16) & 0x7fffffff,
      };
      const picture = ext === 'heic' || ext === 'heif' ? await decodeHeif(bytes!, name) : bytes!;
      let developed;
      try {
        developed = await looks.developStill(picture, { lookId: look.id, strength: recipe.strength, grain: recipe.grain, seed: recipe.seed, dateStamp: takenAt, format: 'jpeg', quality: JPEG_QUALITY });
      } catch (error) {
        throw developError(error, name);
      }
      if (signal.aborted) throw new DarkslideError('job.cancelled');
      const item = await fileDevelopedShot(library, {
        developed, original: bytes!, originalExt: ext === 'jpeg' ? 'jpg' : ext === 'tiff' ? 'tif' : ext, takenAt, look,
        developKey: developKey(hash, recipe, JPEG_QUALITY), source,
      });
      itemId = item.id;
    }
  } catch (error) {
    // Imported meanwhile by another process (the same folder in the app and a command).
    if (error instanceof DarkslideError && (error.code === 'library.already-imported' || error.code === 'library.already-developed')) {
      return { skipped: 'duplicate', result: { itemId: error.params.id } };
    }
    throw error;
  }
  await library.imports.remember(file, info.size, info.mtimeMs, hash);
  return { result: { itemId } };
}

export const importKind: JobKind<ImportParams, string | ImportInput> = {
  kind: 'import',
  concurrency: 2,
  params: parseParams,
  // A file given with its name (a page's upload is a temp file) is listed and filed under that name.
  expand: (inputs, params, signal) => walk(inputs.map((input) => (typeof input === 'string' ? { file: input, name: path.basename(input) } : input)), params, signal),
  label: (input) => (typeof input === 'string' ? path.basename(input) : input.name),
  run: (input, context) => importOne(typeof input === 'string' ? { file: input, name: path.basename(input) } : input, context),
};
