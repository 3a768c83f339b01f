// Where the library is, chosen and moved from Settings → Library. A chosen or moved library is one folder:
// the photos in it and its catalog, thumbnails and imported looks in `.darkslide/` (the layout the CLI's
// --library uses). The app's own files (settings, privacy, logs) stay in its data folder.
//
// A move is copy, verify, switch, then remove the old one. Its journal (<app data>/library-move.json) is written
// before the first byte is copied; the switch is the settings file naming the new folder (written with fsync).
// On the next start, settleInterruptedMove reads the journal: not switched yet = the copy is removed and the old
// library, never touched, stays in use; switched = what is left of the old one is removed.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, realpathSync, rmSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DarkslideError } from '../shared/errors/index.ts';
import { fileError } from '../shared/errors/file-system.ts';
import { libraryAt, LIBRARY_DATA_DIR, type LibraryPaths } from '../library/index.ts';

export const MOVE_JOURNAL = 'library-move.json';
const STAGING_PREFIX = '.darkslide-moving-';
const CATALOG = 'catalog.sqlite';
/**
 * What a library's data folder holds that moves with it: geotag runs too, so Undo still works after a move. A CLI's
 * logs there do not move; they go with the old folder once nothing else is left in it (removeIfOnlyLocks).
 */
const LIBRARY_DATA_PARTS = ['thumbs', 'looks', 'geotag-runs'] as const;
/** Files the system puts in any folder: a folder holding only these counts as empty. */
const SYSTEM_FILES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.directory']);

type Journal = {
  id: string;
  from: LibraryPaths;
  to: string;
  staging: string;
  /** The destination folder did not exist before the move. */
  createdTo: boolean;
  /** Names placed from the staging folder into the destination (written before placing them). */
  placed: string[] | null;
  /** Top-level names of the old library's photo folder that were copied: what is removed after the switch. */
  media: string[];
};

export type MoveStage = 'copying' | 'verifying' | 'switching' | 'removing';
export type MoveProgress = { stage: MoveStage; done: number; total: number; file: string | null };

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} KB`;
}

/** The real path of a folder, or of its nearest existing parent with the rest appended (symlinks resolved). */
function realFolder(folder: string): string {
  const resolved = path.resolve(folder);
  const missing: string[] = [];
  let at = resolved;
  for (;;) {
    try {
      return path.join(realpathSync(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return resolved;
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(realFolder(parent), realFolder(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function sameFolder(a: string, b: string): boolean {
  return realFolder(a) === realFolder(b);
}

/** What a folder the person picked holds. */
export function inspectFolder(folder: string): 'missing' | 'empty' | 'library' | 'other' {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) return 'other';
    names = readdirSync(folder);
  } catch (error) {
    // Missing, or under a file: it would have to be made, and making it says what is wrong.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return 'missing';
    throw fileError(error, folder);
  }
  if (existsSync(path.join(folder, LIBRARY_DATA_DIR, CATALOG))) return 'library';
  return names.every((name) => SYSTEM_FILES.has(name)) ? 'empty' : 'other';
}

/** The library's place for a chosen folder: the app's default place when it is the default folder. */
export function placeFor(folder: string | null, defaults: LibraryPaths): LibraryPaths {
  if (!folder || sameFolder(folder, defaults.root)) return defaults;
  return libraryAt(folder);
}

type Entry = { source: string; target: string; bytes: number };

/** Everything a move copies besides the catalog, with the names the copy gets under the destination. */
async function plan(place: LibraryPaths, appData: string): Promise<{ entries: Entry[]; media: string[] }> {
  const entries: Entry[] = [];
  const skip = new Set([realFolder(place.dataDir), realFolder(appData)]);
  const walk = async (folder: string, target: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const source = path.join(folder, entry.name);
      if (entry.name.startsWith('.ds-tmp-') || entry.name.startsWith(STAGING_PREFIX)) continue;
      if (entry.isDirectory()) {
        if (skip.has(realFolder(source))) continue;
        await walk(source, path.join(target, entry.name));
      } else if (entry.isFile()) {
        entries.push({ source, target: path.join(target, entry.name), bytes: (await lstat(source)).size });
      }
    }
  };
  const media: string[] = [];
  for (const entry of await readdir(place.root, { withFileTypes: true }).catch(() => [])) {
    const source = path.join(place.root, entry.name);
    if (entry.name.startsWith('.ds-tmp-') || entry.name.startsWith(STAGING_PREFIX) || skip.has(realFolder(source))) continue;
    if (entry.isDirectory()) await walk(source, entry.name);
    else if (entry.isFile()) entries.push({ source, target: entry.name, bytes: (await lstat(source)).size });
    else continue;
    media.push(entry.name);
  }
  for (const part of LIBRARY_DATA_PARTS) {
    const folder = path.join(place.dataDir, part);
    if (existsSync(folder)) await walk(folder, path.join(LIBRARY_DATA_DIR, part));
  }
  return { entries, media };
}

/** The library's size on disk: photos and videos, catalog, thumbnails, imported looks. */
export async function librarySize(place: LibraryPaths, appData: string): Promise<number> {
  const { entries } = await plan(place, appData);
  let bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  for (const suffix of ['', '-wal']) bytes += await stat(path.join(place.dataDir, CATALOG + suffix)).then((info) => info.size, () => 0);
  return bytes;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeJournal(appData: string, journal: Journal): Promise<void> {
  const file = path.join(appData, MOVE_JOURNAL);
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(journal));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

function readJournal(appData: string): Journal | null {
  try {
    return JSON.parse(readFileSync(path.join(appData, MOVE_JOURNAL), 'utf8')) as Journal;
  } catch {
    return null;
  }
}

/** Checks a move's destination; creates it when missing. Resolves to whether it was created. */
export async function checkDestination(place: LibraryPaths, to: string, needed: number): Promise<boolean> {
  if (isInside(to, place.root) || isInside(to, place.dataDir)) {
    throw new DarkslideError('library.move-inside', { folder: to, library: place.root });
  }
  const found = inspectFolder(to);
  if (found === 'library') throw new DarkslideError('library.destination-is-library', { folder: to });
  if (found === 'other') throw new DarkslideError('library.destination-not-empty', { folder: to });
  const created = found === 'missing';
  try {
    await mkdir(to, { recursive: true });
    const probe = path.join(to, `.ds-tmp-probe-${process.pid}`);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    if (created) rmSync(to, { recursive: true, force: true });
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DarkslideError('library.destination-not-writable', { folder: to, detail }, { cause: error });
  }
  const space = await statfs(to);
  const free = space.bavail * space.bsize;
  // Room for the copy, plus a margin so the move does not leave the drive full.
  const wanted = Math.ceil(needed * 1.02) + 32 * 1024 * 1024;
  if (free < wanted) {
    if (created) rmSync(to, { recursive: true, force: true });
    throw new DarkslideError('library.destination-full', { folder: to, free: formatBytes(free), needed: formatBytes(wanted) });
  }
  return created;
}

export type MoveOptions = {
  appData: string;
  signal: AbortSignal;
  onProgress(progress: MoveProgress): void;
  /** The switch: once this resolves the new folder is the library (the settings file names it). */
  commit(to: string): Promise<void>;
};

function checkCancelled(signal: AbortSignal, from: LibraryPaths): void {
  if (signal.aborted) throw new DarkslideError('library.move-cancelled', { folder: from.root });
}

/**
 * Copies the library to `to` (which must be empty or missing) and verifies every file, then places the copy
 * and commits. Failing or cancelled before the commit, it removes what it copied and the old library stays as
 * it was. After the commit, the caller opens the new library and calls removeOldLibrary.
 */
export type MovePlan = { from: LibraryPaths; to: string; entries: Entry[]; media: string[]; catalogBytes: number; total: number; createdTo: boolean };

/** Measures the library and checks the destination (refusals name the folder and what to do); nothing is copied yet. */
export async function planMove(from: LibraryPaths, appData: string, destination: string): Promise<MovePlan> {
  const to = path.resolve(destination);
  const { entries, media } = await plan(from, appData);
  const catalogBytes = await stat(path.join(from.dataDir, CATALOG)).then((info) => info.size, () => 0);
  const total = entries.reduce((sum, entry) => sum + entry.bytes, 0) + catalogBytes;
  const createdTo = await checkDestination(from, to, total);
  return { from, to, entries, media, catalogBytes, total, createdTo };
}

export async function copyLibrary(options: MoveOptions & { plan: MovePlan }): Promise<{ journal: Journal }> {
  const { appData, signal } = options;
  const { from, to, entries, media, catalogBytes, total, createdTo } = options.plan;
  const id = randomBytes(6).toString('hex');
  const staging = path.join(to, `${STAGING_PREFIX}${id}`);
  const journal: Journal = { id, from, to, staging, createdTo, placed: null, media };
  await writeJournal(appData, journal);
  try {
    await mkdir(path.join(staging, LIBRARY_DATA_DIR), { recursive: true });
    let done = 0;
    options.onProgress({ stage: 'copying', done, total, file: null });
    for (const entry of entries) {
      checkCancelled(signal, from);
      const target = path.join(staging, entry.target);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(entry.source, target).catch((error: unknown) => {
        throw fileError(error, (error as NodeJS.ErrnoException).path === entry.source ? entry.source : target, (error as NodeJS.ErrnoException).path === entry.source ? 'read' : 'write');
      });
      await syncFile(target);
      done += entry.bytes;
      options.onProgress({ stage: 'copying', done, total, file: entry.target });
    }
    checkCancelled(signal, from);
    // The catalog as one consistent snapshot, whatever its WAL holds; writes are held off meanwhile.
    const catalogCopy = path.join(staging, LIBRARY_DATA_DIR, CATALOG);
    const source = new DatabaseSync(path.join(from.dataDir, CATALOG), { timeout: 5000 });
    let items: number;
    try {
      source.prepare('VACUUM INTO ?').run(catalogCopy);
      items = Number((source.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n);
    } finally {
      source.close();
    }
    await syncFile(catalogCopy);
    options.onProgress({ stage: 'copying', done: done + catalogBytes, total, file: CATALOG });

    let verified = catalogBytes;
    options.onProgress({ stage: 'verifying', done: verified, total, file: null });
    for (const entry of entries) {
      checkCancelled(signal, from);
      const target = path.join(staging, entry.target);
      const [a, b] = await Promise.all([sha256(entry.source), sha256(target)]);
      if (a !== b) throw new DarkslideError('library.move-verify-failed', { file: entry.target, folder: to, detail: 'the contents differ' });
      verified += entry.bytes;
      options.onProgress({ stage: 'verifying', done: verified, total, file: entry.target });
    }
    const copy = new DatabaseSync(catalogCopy, { readOnly: true });
    try {
      const check = String(Object.values(copy.prepare('PRAGMA quick_check').get() ?? {})[0]);
      const copied = Number((copy.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n);
      if (check !== 'ok' || copied !== items) {
        throw new DarkslideError('library.move-verify-failed', { file: CATALOG, folder: to, detail: check !== 'ok' ? check : `${copied} of ${items} items` });
      }
    } finally {
      copy.close();
    }
    checkCancelled(signal, from);
    options.onProgress({ stage: 'switching', done: total, total, file: null });

    // Place the copy: names recorded first, so a crash while renaming leaves a list of what to take back.
    journal.placed = (await readdir(staging)).sort();
    await writeJournal(appData, journal);
    for (const name of journal.placed) await rename(path.join(staging, name), path.join(to, name));
    await rmdir(staging);
    await syncFile(to);
    await options.commit(to);
    return { journal };
  } catch (error) {
    rollBack(journal);
    unlinkSync(path.join(appData, MOVE_JOURNAL));
    throw error;
  }
}

/** Takes back a move that did not reach its commit: the copy goes, the destination is as it was. */
function rollBack(journal: Journal): void {
  rmSync(journal.staging, { recursive: true, force: true });
  for (const name of journal.placed ?? []) rmSync(path.join(journal.to, name), { recursive: true, force: true });
  if (journal.createdTo) {
    try {
      rmdirSync(journal.to);
    } catch {
      // Not empty (something else was put there) or already gone: left as it is.
    }
  }
}

/** After the switch: the old library's photos, catalog, thumbnails and looks go; the app's own files stay. */
export async function removeOldLibrary(appData: string, onProgress?: (progress: MoveProgress) => void): Promise<void> {
  const journal = readJournal(appData);
  if (!journal) return;
  const { from, media } = journal;
  let done = 0;
  const total = media.length + LIBRARY_DATA_PARTS.length + 1;
  for (const name of media) {
    await rm(path.join(from.root, name), { recursive: true, force: true });
    onProgress?.({ stage: 'removing', done: ++done, total, file: name });
  }
  for (const part of LIBRARY_DATA_PARTS) {
    await rm(path.join(from.dataDir, part), { recursive: true, force: true });
    onProgress?.({ stage: 'removing', done: ++done, total, file: part });
  }
  for (const suffix of ['', '-wal', '-shm']) await rm(path.join(from.dataDir, CATALOG + suffix), { force: true });
  onProgress?.({ stage: 'removing', done: done + 1, total, file: CATALOG });
  // Folders left empty go too; the app's data folder and anything the person keeps there stay.
  for (const folder of [from.dataDir, from.root]) {
    if (sameFolder(folder, appData)) continue;
    await removeIfOnlyLocks(folder);
  }
  await unlink(path.join(appData, MOVE_JOURNAL)).catch(() => undefined);
}

async function removeIfOnlyLocks(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => null);
  if (!names) return;
  if (!names.every((name) => SYSTEM_FILES.has(name) || /^catalog\.\d+\.[0-9a-f]{16}\.lock$/.test(name) || name === 'logs')) return;
  await rm(folder, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * At start, before the library opens: finishes what a move killed midway left. Not switched (the settings do
 * not name its destination) = its copy is removed; switched = what is left of the old library is removed.
 */
export async function settleInterruptedMove(appData: string, chosenFolder: string | null): Promise<'none' | 'rolled-back' | 'finished'> {
  const journal = readJournal(appData);
  if (!journal) return 'none';
  if (chosenFolder && sameFolder(chosenFolder, journal.to)) {
    await removeOldLibrary(appData);
    return 'finished';
  }
  rollBack(journal);
  await unlink(path.join(appData, MOVE_JOURNAL)).catch(() => undefined);
  return 'rolled-back';
}
