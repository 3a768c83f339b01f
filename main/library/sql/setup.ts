// Opening the catalog and writing to it: the folders, the SQLite connection and its pragmas, the schema
// migrations, and the one way every write happens (a BEGIN IMMEDIATE transaction).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DarkslideError } from '../../shared/errors/index.ts';
import { migrate } from '../migrations/index.ts';
import { TEMP_PREFIX } from '../paths.ts';
import { isProcessAlive, LEGACY_LOCK, register, unregister } from '../sessions.ts';
import type { ChangeEvent } from '../types.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Writers of other processes hold the write lock for milliseconds; waiting up to 5 s beats failing. */
export const BUSY_TIMEOUT_MS = 5000;
const SQLITE_BUSY = 5;

/** One open catalog: what every function in sql/ works on. */
export type Catalog = {
  readonly db: DatabaseSync;
  readonly root: string;
  readonly dataDir: string;
  readonly thumbsDir: string;
  /** Names this instance's entries in the change log, so it does not announce its own changes twice. */
  readonly origin: string;
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  /** Tells this instance's listeners about a change it made (the change feed sets it). */
  emit: (event: ChangeEvent) => void;
  /** How long what is trashed is kept before purgeTrash deletes it: the person's retention, set by the opener. */
  trashKeepMs: number;
};

export function invalid(field: string, problem: string): never {
  throw new DarkslideError('library.invalid-input', { field, problem }, { field });
}

function ensureWritableFolder(folder: string, which: 'library' | 'data', envName: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `${TEMP_PREFIX}probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DarkslideError('library.folder-not-writable', { folder, which, detail, env: envName }, { cause: error });
  }
}

/**
 * Darkslide up to catalog version 3 opened a library in one process at a time, holding catalog.lock. Such a
 * process would take every unsettled row without an owner for its own, and its recovery would delete temp files of
 * live writers: while one is still running, refuse. A lock left by a dead one is removed.
 */
function checkLegacyLock(lockFile: string): void {
  let holder: number;
  try {
    holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder)) {
    throw new DarkslideError('library.in-use-by-old-version', { pid: holder, file: lockFile });
  }
  try {
    unlinkSync(lockFile);
  } catch {
    // Removed by another opener meanwhile.
  }
}

/**
 * Makes the folders, registers this process as an opener and opens the catalog at the latest schema. Any number of
 * processes may do this on the same library at once.
 */
export function openCatalog(options: { root: string; dataDir: string; ffmpegPath: string; ffprobePath: string; trashKeepDays: number }): Catalog {
  const root = path.resolve(options.root);
  const dataDir = path.resolve(options.dataDir);
  ensureWritableFolder(root, 'library', 'DARKSLIDE_LIBRARY');
  ensureWritableFolder(dataDir, 'data', 'DARKSLIDE_DATA');
  const thumbsDir = path.join(dataDir, 'thumbs');
  mkdirSync(thumbsDir, { recursive: true });
  checkLegacyLock(path.join(dataDir, LEGACY_LOCK));
  // Registered before anything is written, so no other opener ever sees this process's work without its lock file.
  register(dataDir);

  const catalogFile = path.join(dataDir, 'catalog.sqlite');
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(catalogFile, { timeout: BUSY_TIMEOUT_MS });
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    // FULL, not NORMAL: a pending row must reach the disk before its file does, also across a power cut.
    db.exec('PRAGMA synchronous = FULL');
    migrate(db, undefined, catalogFile);
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Closing a half-opened connection can fail; the error that matters is the one below.
    }
    unregister(dataDir);
    if (error instanceof DarkslideError) throw error;
    throw new DarkslideError('library.catalog-unreadable', { file: catalogFile, detail: (error as Error).message, folder: root }, { cause: error });
  }
  return {
    db,
    root,
    dataDir,
    thumbsDir,
    origin: randomBytes(8).toString('hex'),
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
    emit: () => undefined,
    trashKeepMs: options.trashKeepDays * DAY_MS,
  };
}

/** Closes the connection and unregisters this opener. */
export function closeCatalog(catalog: Catalog): void {
  catalog.db.close();
  unregister(catalog.dataDir);
}

/** BEGIN IMMEDIATE takes the write lock up front (waiting up to BUSY_TIMEOUT_MS for another process). */
export function transaction<T>(catalog: Catalog, body: () => T): T {
  const { db } = catalog;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) {
      throw new DarkslideError('library.catalog-busy', { folder: catalog.dataDir, seconds: BUSY_TIMEOUT_MS / 1000 }, { cause: error });
    }
    throw error;
  }
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

export function newId(): string {
  return randomBytes(8).toString('hex');
}
