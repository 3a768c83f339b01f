/**
 * Bringing outside looks in: a .cube, .3dl or HaldCLUT becomes a look definition in the user's looks
 * folder (definition JSON + a normalised .cube beside it), optionally borrowing the grain and character of
 * a built-in look; or, for one run of the CLI, a look held in memory only.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DarkslideError } from '../shared/errors/index.ts';
import { fileError } from '../shared/errors/file-system.ts';
import { parseCubeFile, writeCubeFile } from './lut/cube.ts';
import { parse3dlFile } from './lut/threedl.ts';
import { readHald } from './lut/hald.ts';
import type { Lut3D } from './lut/lut.ts';
import { addSessionLook, getLook, getUserLooksDir, invalidateLooks, listLooks, lookLut, parseLookDefinition, RETIRED_DIR, userLookEntry, type LookSummary } from './registry.ts';
import type { LookDefinition } from './schema.ts';

export type ImportOptions = {
  baseLookId?: string;
  name?: string;
  looksDir?: string;
  /** What messages call the file (an uploaded copy's own name); default: its path. */
  displayName?: string;
};

function atomicWrite(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw fileError(error, file, 'write');
  }
}

/** Reads any supported LUT file into a 0..1-domain 3D table; errors call it `name`. */
export async function readLutFile(file: string, name = file): Promise<{ lut: Lut3D; title: string | null }> {
  const ext = extname(name).toLowerCase() || extname(file).toLowerCase();
  let size: number;
  try {
    const info = statSync(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw fileError(error, name);
  }
  if (size === 0) throw new DarkslideError('file.empty', { file: name });
  if (ext === '.cube') {
    const parsed = parseCubeFile(file, name);
    return { lut: parsed.lut, title: parsed.title };
  }
  if (ext === '.3dl') return { lut: parse3dlFile(file, name), title: null };
  if (['.png', '.tif', '.tiff'].includes(ext)) return { lut: await readHald(file, name), title: null };
  throw new DarkslideError('lut.unsupported-type', { file: name, ext: ext || '(none)' });
}

/** A look name as it is kept: one line, at most 60 characters. */
function cleanName(text: string): string {
  return text.replace(/[\r\n\t]/g, ' ').trim().slice(0, 60);
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'look';
}

/** The look definition for a LUT: its own id (from name and table), colour only or with a base look's character. */
function lookForLut(lut: Lut3D, fileName: string, title: string | null, options: ImportOptions, source: string): LookDefinition {
  const base = options.baseLookId ? getLook(options.baseLookId) : null;
  const name = cleanName(options.name ?? title ?? basename(fileName, extname(fileName))) || 'Imported look';
  const digest = createHash('sha256').update(Buffer.from(lut.data.buffer, lut.data.byteOffset, lut.data.byteLength)).digest('hex').slice(0, 8);
  const id = `user-${slug(name).slice(0, 40)}-${digest}`;
  const definition: Record<string, unknown> = {
    id,
    version: 1,
    name,
    description: `Imported from ${basename(fileName)}${base ? `, with the grain and character of ${base.name}` : ''}.`,
    kind: base?.kind ?? 'photo',
    aspect: base?.aspect ?? null,
    colour: { source: 'lut', file: `${id}.cube` },
  };
  if (base) {
    for (const key of ['grain', 'halation', 'bloom', 'vignette', 'leaks', 'flash', 'digital', 'dateStamp', 'frame', 'video'] as const) definition[key] = base[key];
  }
  return parseLookDefinition(definition, source);
}

export async function importLut(file: string, options: ImportOptions = {}): Promise<LookSummary> {
  const dir = options.looksDir ?? getUserLooksDir();
  if (!dir) throw new DarkslideError('api.internal', { detail: 'no user looks folder set: call setUserLooksDir(dir) or pass { looksDir }' });
  const shownAs = options.displayName ?? file;
  const { lut, title } = await readLutFile(file, shownAs);
  const validated = lookForLut(lut, shownAs, title, options, join(dir, 'new look'));
  const { id, name } = validated;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fileError(error, dir, 'write');
  }
  // LUT first, definition last: a definition never points at a missing table.
  writeCubeFile(join(dir, `${id}.cube`), lut, name);
  atomicWrite(join(dir, `${id}.json`), JSON.stringify(validated, null, 2) + '\n');
  if (dir === getUserLooksDir()) invalidateLooks();
  const summary = listLooks().find((c) => c.id === id);
  return summary ?? { id, version: 1, name, description: validated.description, kind: validated.kind, aspect: validated.aspect };
}

/** A LUT file as a look for this process only: nothing written anywhere, gone when the process ends. */
export async function useLutFile(file: string, options: Omit<ImportOptions, 'looksDir'> = {}): Promise<LookSummary> {
  const shownAs = options.displayName ?? file;
  const { lut, title } = await readLutFile(file, shownAs);
  const definition = lookForLut(lut, shownAs, title, options, shownAs);
  addSessionLook(definition, lut);
  return { id: definition.id, version: definition.version, name: definition.name, description: definition.description, kind: definition.kind, aspect: definition.aspect };
}

/** Writes the look's colour as a 33-point (or the LUT's own size) .cube, atomically. */
export function exportCube(lookId: string, file: string): void {
  const look = getLook(lookId);
  if (existsSync(file) && !file.toLowerCase().endsWith('.cube')) throw new DarkslideError('lut.export-not-cube', { file });
  writeCubeFile(file, lookLut(lookId), look.name);
}

/** An imported look the user may change: shipped looks, deleted and unknown ids are refused by name. */
function ownLook(id: string, action: 'rename' | 'delete') {
  const look = getLook(id);
  const entry = userLookEntry(id);
  if (!entry) throw new DarkslideError('look.not-imported', { name: look.name, action });
  if (entry.retired) throw new DarkslideError('look.unknown', { id: id.slice(0, 200) });
  return entry;
}

/**
 * Gives an imported look a new name. Its id (what shots, recipes and jobs refer to) and version stay, so
 * nothing developed with it changes and developing again gives the same picture.
 */
export function renameLook(id: string, newName: string): LookSummary {
  const entry = ownLook(id, 'rename');
  const name = cleanName(newName);
  if (!name) throw new DarkslideError('look.invalid-name', { name: newName.slice(0, 80) });
  const file = join(entry.dir, `${id}.json`);
  const definition = parseLookDefinition({ ...entry.definition, name }, file);
  atomicWrite(file, JSON.stringify(definition, null, 2) + '\n');
  invalidateLooks();
  return listLooks().find((look) => look.id === id)!;
}

/**
 * Takes an imported look off the list. Its files move to the looks folder's .deleted/ (LUT first, definition
 * last, so a delete cut short is finished on the next read): shots made with it keep their recipe and can be
 * developed again with it; importing the same LUT again brings it back under the same id.
 */
export function deleteLook(id: string): void {
  const entry = ownLook(id, 'delete');
  const retired = join(entry.dir, RETIRED_DIR);
  try {
    mkdirSync(retired, { recursive: true });
    if (entry.definition.colour.source === 'lut') {
      const lut = join(entry.dir, entry.definition.colour.file);
      if (existsSync(lut)) renameSync(lut, join(retired, entry.definition.colour.file));
    }
    renameSync(join(entry.dir, `${id}.json`), join(retired, `${id}.json`));
  } catch (error) {
    throw fileError(error, join(entry.dir, `${id}.json`), 'write');
  } finally {
    invalidateLooks();
  }
}
