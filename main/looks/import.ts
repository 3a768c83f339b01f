/**
 * Bringing outside looks in: a .cube, .3dl or HaldCLUT becomes a camera definition in the user's looks
 * folder (definition JSON + a normalised .cube beside it), optionally borrowing the grain and character of
 * a built-in camera.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LookError } from './errors.ts';
import { parseCube, formatCube } from './lut/cube.ts';
import { parse3dl } from './lut/threedl.ts';
import { readHald } from './lut/hald.ts';
import type { Lut3D } from './lut/lut.ts';
import { lookLut, getLook, getUserLooksDir, invalidateLooks, listLooks, parseLookDefinition, type LookSummary } from './registry.ts';
import type { LookDefinition } from './schema.ts';

export type ImportOptions = { baseLookId?: string; name?: string; looksDir?: string };

function atomicWrite(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Reads any supported LUT file into a 0..1-domain 3D table. */
export async function readLutFile(file: string): Promise<{ lut: Lut3D; title: string | null }> {
  const ext = extname(file).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new LookError('lut-unreadable', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (ext === '.cube') {
    const parsed = parseCube(bytes.toString('utf8'), file);
    return { lut: parsed.lut, title: parsed.title };
  }
  if (ext === '.3dl') return { lut: parse3dl(bytes.toString('utf8'), file), title: null };
  if (['.png', '.tif', '.tiff'].includes(ext)) return { lut: await readHald(bytes, file), title: null };
  throw new LookError('invalid-lut', `${file}: unsupported LUT type "${ext || '(none)'}": use .cube, .3dl or a HaldCLUT .png/.tif`);
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'look';
}

export async function importLut(file: string, options: ImportOptions = {}): Promise<LookSummary> {
  const dir = options.looksDir ?? getUserLooksDir();
  if (!dir) throw new LookError('no-looks-dir', 'No user looks folder set: call setUserLooksDir(dir) or pass { looksDir }');
  const base = options.baseLookId ? getLook(options.baseLookId) : null;
  const { lut, title } = await readLutFile(file);
  const name = (options.name ?? title ?? basename(file, extname(file))).trim().slice(0, 60) || 'Imported look';
  const digest = createHash('sha256').update(Buffer.from(lut.data.buffer, lut.data.byteOffset, lut.data.byteLength)).digest('hex').slice(0, 8);
  const id = `user-${slug(name).slice(0, 40)}-${digest}`;
  mkdirSync(dir, { recursive: true });
  const definition: Record<string, unknown> = {
    id,
    version: 1,
    name,
    description: `Imported from ${basename(file)}${base ? `, with the grain and character of ${base.name}` : ''}.`,
    kind: base?.kind ?? 'photo',
    aspect: base?.aspect ?? null,
    colour: { source: 'lut', file: `${id}.cube` },
  };
  if (base) {
    for (const key of ['grain', 'halation', 'bloom', 'vignette', 'leaks', 'flash', 'digital', 'dateStamp', 'frame', 'video'] as const)
      definition[key] = base[key];
  }
  const validated: LookDefinition = parseLookDefinition(definition, join(dir, `${id}.json`));
  // LUT first, definition last: a definition never points at a missing table.
  atomicWrite(join(dir, `${id}.cube`), formatCube(lut, name));
  atomicWrite(join(dir, `${id}.json`), JSON.stringify(validated, null, 2) + '\n');
  if (dir === getUserLooksDir()) invalidateLooks();
  const summary = listLooks().find((c) => c.id === id);
  return summary ?? { id, version: 1, name, description: validated.description, kind: validated.kind, aspect: validated.aspect };
}

/** Writes the camera's colour as a 33-point (or the LUT's own size) .cube, atomically. */
export function exportCube(lookId: string, file: string): void {
  const look = getLook(lookId);
  if (existsSync(file) && !file.toLowerCase().endsWith('.cube')) throw new LookError('invalid-option', `${file}: refusing to overwrite a non-.cube file`);
  atomicWrite(file, formatCube(lookLut(lookId), look.name));
}
