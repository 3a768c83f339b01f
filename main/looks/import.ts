/**
 * Bringing outside looks in: a .cube, .3dl or HaldCLUT becomes a camera definition in the user's looks
 * folder (definition JSON + a normalised .cube beside it), optionally borrowing the grain and character of
 * a built-in camera; or, for one run of the CLI, a look held in memory only.
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
import { addSessionLook, getLook, getUserLooksDir, invalidateLooks, listLooks, lookLut, parseLookDefinition, type LookSummary } from './registry.ts';
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

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'look';
}

/** The camera definition for a LUT: its own id (from name and table), colour only or with a base camera's character. */
function lookForLut(lut: Lut3D, fileName: string, title: string | null, options: ImportOptions, source: string): LookDefinition {
  const base = options.baseLookId ? getLook(options.baseLookId) : null;
  const name = (options.name ?? title ?? basename(fileName, extname(fileName))).replace(/[\r\n\t]/g, ' ').trim().slice(0, 60) || 'Imported look';
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

/** Writes the camera's colour as a 33-point (or the LUT's own size) .cube, atomically. */
export function exportCube(lookId: string, file: string): void {
  const look = getLook(lookId);
  if (existsSync(file) && !file.toLowerCase().endsWith('.cube')) throw new DarkslideError('lut.export-not-cube', { file });
  writeCubeFile(file, lookLut(lookId), look.name);
}
