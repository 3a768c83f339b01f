import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookSchema, type LookDefinition } from './schema.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { compileParametric } from './colour/compile.ts';
import type { Lut3D } from './lut/lut.ts';
import { parseCubeFile } from './lut/cube.ts';
import { clearColourTables, compileLutAsync } from './render/pool.ts';

export type LookSummary = { id: string; version: number; name: string; description: string; kind: 'photo' | 'video'; aspect: string | null };

/** `retired`: an imported look the user deleted, kept out of the list so shots made with it can still be developed again. */
type Entry = { definition: LookDefinition; dir: string; builtIn: boolean; retired?: boolean; lut?: Lut3D };

/** Deleted imported looks move here (inside the user's looks folder) instead of being erased. */
export const RETIRED_DIR = '.deleted';

let builtInDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/looks');
let userDir: string | null = null;
let cache: Map<string, Entry> | null = null;
const lutCache = new Map<string, Lut3D>();
const lutsCompiling = new Map<string, Promise<Lut3D>>();
/** Looks that live only in this process (a LUT file given to `darkslide develop --look`): nothing on disk. */
const sessionLooks = new Map<string, Entry>();

/** Where the shipped looks live; a packaged app passes its resources path. */
export function setBuiltInLooksDir(dir: string): void {
  builtInDir = dir;
  invalidateLooks();
}

/** Folder of the user's imported looks (one <id>.json + LUT each). */
export function setUserLooksDir(dir: string | null): void {
  userDir = dir;
  invalidateLooks();
}

export function getUserLooksDir(): string | null {
  return userDir;
}

export function invalidateLooks(): void {
  cache = null;
  lutCache.clear();
  clearColourTables();
}

export function parseLookDefinition(json: unknown, source: string): LookDefinition {
  const parsed = lookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DarkslideError('look.invalid-definition', { file: source, problem: `field "${issue.path.join('.') || '(root)'}" ${issue.message}` });
  }
  return parsed.data;
}

function loadDir(dir: string, builtIn: boolean, into: Map<string, Entry>, retired = false): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DarkslideError('look.invalid-definition', { file, problem: `not valid JSON (${(error as Error).message})` });
    }
    const definition = parseLookDefinition(json, file);
    if (`${definition.id}.json` !== name) throw new DarkslideError('look.invalid-definition', { file, problem: `id "${definition.id}" must match the file name` });
    // Built-ins win: an imported look can never shadow a shipped look.
    if (!builtIn && into.has(definition.id)) continue;
    // A delete that stopped after moving the LUT but before moving the definition: the look is deleted.
    const lutAway = !builtIn && !retired && definition.colour.source === 'lut' && !existsSync(join(dir, definition.colour.file)) && existsSync(join(dir, RETIRED_DIR, definition.colour.file));
    if (lutAway) into.set(definition.id, { definition, dir: join(dir, RETIRED_DIR), builtIn, retired: true });
    else into.set(definition.id, { definition, dir, builtIn, ...(retired ? { retired: true } : {}) });
  }
}

function entries(): Map<string, Entry> {
  if (cache) return cache;
  const map = new Map<string, Entry>();
  loadDir(builtInDir, true, map);
  if (userDir) {
    loadDir(userDir, false, map);
    loadDir(join(userDir, RETIRED_DIR), false, map, true);
  }
  for (const [id, entry] of sessionLooks) if (!map.has(id)) map.set(id, entry);
  cache = map;
  return map;
}

/** The looks to choose from: shipped and imported, not deleted ones. */
export function listLooks(): LookSummary[] {
  return [...entries().values()].filter((entry) => !entry.retired).map(({ definition: d }) => ({
    id: d.id,
    version: d.version,
    name: d.name,
    description: d.description,
    kind: d.kind,
    aspect: d.aspect,
  }));
}

export function getLook(id: string): LookDefinition {
  const entry = entries().get(id);
  if (!entry) throw new DarkslideError('look.unknown', { id: id.slice(0, 200) });
  return entry.definition;
}

/** A look kept in memory for this process only, its LUT given: `darkslide develop --look film.cube` leaves nothing behind. */
export function addSessionLook(definition: LookDefinition, lut: Lut3D): void {
  sessionLooks.set(definition.id, { definition, dir: '', builtIn: false, lut });
  invalidateLooks();
}

/** Where an imported look's files are, and whether it was deleted; null for a shipped or unknown one. */
export function userLookEntry(id: string): { dir: string; retired: boolean; definition: LookDefinition } | null {
  const entry = entries().get(id);
  if (!entry || entry.builtIn || entry.dir === '') return null;
  return { dir: entry.dir, retired: entry.retired ?? false, definition: entry.definition };
}

export function isBuiltInLook(id: string): boolean {
  return entries().get(id)?.builtIn ?? false;
}

/** The look's colour as a LUT, compiled (or read) once per look version. */
export function lookLut(id: string): Lut3D {
  const entry = entries().get(id);
  if (!entry) throw new DarkslideError('look.unknown', { id: id.slice(0, 200) });
  const key = `${id}@${entry.definition.version}`;
  let lut = lutCache.get(key);
  if (lut) return lut;
  const colour = entry.definition.colour;
  if (entry.lut) lut = entry.lut;
  else if (colour.source === 'parametric') lut = compileParametric(colour);
  else {
    const file = resolve(entry.dir, colour.file);
    const parsed = parseCubeFile(file);
    if (parsed.kind !== '3d') throw new DarkslideError('look.invalid-definition', { file, problem: 'a camera LUT must be a 3D .cube' });
    lut = parsed.lut;
  }
  lutCache.set(key, lut);
  return lut;
}

/**
 * As lookLut, with a parametric look's LUT compiled on a pixel worker: a look's first develop or shutter
 * otherwise spends ~20 ms of the main thread's CPU on it. The LUT is then in lookLut's cache.
 */
export async function lookLutAsync(id: string): Promise<Lut3D> {
  const entry = entries().get(id);
  if (!entry) throw new DarkslideError('look.unknown', { id: id.slice(0, 200) });
  const key = `${id}@${entry.definition.version}`;
  const cached = lutCache.get(key);
  if (cached) return cached;
  const colour = entry.definition.colour;
  if (entry.lut || colour.source !== 'parametric') return lookLut(id);
  let compiling = lutsCompiling.get(key);
  if (!compiling) {
    compiling = compileLutAsync(colour).finally(() => lutsCompiling.delete(key));
    lutsCompiling.set(key, compiling);
  }
  const lut = await compiling;
  if (!lutCache.has(key)) lutCache.set(key, lut);
  return lutCache.get(key)!;
}
