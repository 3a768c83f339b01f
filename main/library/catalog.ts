import { randomBytes } from 'node:crypto';
import { constants as fsConstants, existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LibraryError } from './errors.ts';
import { exists, fsyncDir, fsyncFile, placeWithoutOverwrite, removeIfPresent, writeDurable } from './fsutil.ts';
import { migrate } from './migrations/index.ts';
import { FILE_NAME_PATTERN, isSafeRelPath, localTime, ORIGINALS_DIR, TEMP_PREFIX, toAbsolute, TRASH_DIR } from './paths.ts';
import { DEFAULT_FFMPEG, DEFAULT_FFPROBE, makeThumbnail, probeMedia } from './media.ts';
import { isOwnerAlive, isProcessAlive, LEGACY_LOCK, type Owner, ownerTag, register, removeDeadLocks, self, tempFileOwner, unregister } from './sessions.ts';

export type LibraryItem = {
  id: string;
  kind: 'photo' | 'video';
  fileName: string;
  /** Inside root, posix separators. Where the file lives when not trashed. */
  relPath: string;
  width: number;
  height: number;
  durationSec: number | null;
  /** ISO 8601 with the machine's UTC offset at the time of the shot. */
  takenAt: string;
  lookId: string;
  lookName: string;
  /** The look recipe to re-develop from, as JSON (main/app reads it as the shared Recipe). */
  recipe: unknown;
  trashedAt: string | null;
  recovered: boolean;
  bytes: number;
  /** True when an undeveloped original is kept (mediaPath(id, 'undeveloped')). */
  hasOriginal: boolean;
};

type ShotMeta = {
  width: number;
  height: number;
  takenAt: Date;
  lookId: string;
  lookName: string;
  recipe: unknown;
};

export type AddShotInput = ShotMeta & {
  kind: 'photo';
  /** The encoded, developed JPEG. */
  data: Buffer;
  ext: 'jpg';
  /** The undeveloped original, kept under <root>/.originals/ for re-developing. */
  original?: Buffer;
  /** Runs on the complete temp file before it gets its final name, e.g. to write EXIF into it. */
  beforeCommit?: (tempFile: string) => Promise<void>;
};

export type AddFileInput = ShotMeta & {
  kind: 'photo' | 'video';
  /** Moved into the library (copied then removed when on another drive). */
  sourceFile: string;
  durationSec?: number | null;
  /** Marks an item salvaged after a crash (e.g. a recording whose process died). */
  recovered?: boolean;
};

export type ChangeReason = 'added' | 'trashed' | 'restored' | 'deleted' | 'recovered';
export type ChangeEvent = { ids: string[]; reason: ChangeReason };
export type MediaVariant = 'original' | 'thumb' | 'undeveloped';

export type ListQuery = { limit?: number; before?: string; trashed?: boolean };

/** What the recovery pass on open found and fixed. */
export type RecoveryReport = {
  /** Pending adds whose final file existed: finished. */
  completed: number;
  /** Pending adds that never got their final file: row and temp files removed. */
  rolledBack: number;
  /** Deletions (emptyTrash) that were interrupted: finished. */
  deleted: number;
  /** Files moved to/from .trash to match their trashed state. */
  moved: number;
  /** Temp files without a pending add, removed. */
  strayTempFiles: number;
  /** Library-named files on disk without a row, added back as recovered items. */
  adopted: number;
};

export type Library = {
  root: string;
  dataDir: string;
  recovery: RecoveryReport;
  addShot(input: AddShotInput): Promise<LibraryItem>;
  addFile(input: AddFileInput): Promise<LibraryItem>;
  list(query?: ListQuery): { items: LibraryItem[]; nextCursor: string | null };
  get(id: string): LibraryItem | null;
  trash(ids: string[]): void;
  restore(ids: string[]): void;
  emptyTrash(): Promise<number>;
  mediaPath(id: string, variant: MediaVariant): Promise<string>;
  /**
   * Hears every change: this instance's at once, those of other processes (or other instances on the same folder)
   * within about a second, polled only while at least one listener is subscribed. Returns the unsubscribe function.
   */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Adds and emptyTrash calls already under way still finish; then the catalog and this opener's lock are released. */
  close(): void;
};

type Row = {
  id: string;
  kind: 'photo' | 'video';
  file_name: string;
  rel_path: string;
  width: number;
  height: number;
  duration_sec: number | null;
  taken_at: string;
  taken_at_ms: number;
  look_id: string;
  look_name: string;
  recipe: string;
  trashed_at: string | null;
  recovered: number;
  bytes: number;
  state: 'pending' | 'done' | 'deleting';
  temp_rel_path: string | null;
  source_path: string | null;
  location: 'home' | 'trash';
  original_rel_path: string | null;
  owner_pid: number | null;
  owner_nonce: string | null;
};

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const PHOTO_EXTENSIONS = new Set(['jpg', 'jpeg']);
const VIDEO_EXTENSIONS = new Set(['mp4', 'mov', 'm4v', 'mkv', 'webm']);

function toItem(row: Row): LibraryItem {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    relPath: row.rel_path,
    width: row.width,
    height: row.height,
    durationSec: row.duration_sec,
    takenAt: row.taken_at,
    lookId: row.look_id,
    lookName: row.look_name,
    recipe: JSON.parse(row.recipe) as unknown,
    trashedAt: row.trashed_at,
    recovered: row.recovered === 1,
    bytes: row.bytes,
    hasOriginal: row.original_rel_path !== null,
  };
}

function newId(): string {
  return randomBytes(8).toString('hex');
}

function invalid(field: string, what: string): never {
  throw new LibraryError('INVALID_INPUT', `${field} ${what}.`);
}

function checkMeta(input: ShotMeta, where: string): string {
  if (!Number.isInteger(input.width) || input.width <= 0) invalid(`${where}.width`, 'must be a positive whole number of pixels');
  if (!Number.isInteger(input.height) || input.height <= 0) invalid(`${where}.height`, 'must be a positive whole number of pixels');
  if (!(input.takenAt instanceof Date) || Number.isNaN(input.takenAt.getTime())) invalid(`${where}.takenAt`, 'must be a valid Date');
  if (typeof input.lookId !== 'string' || input.lookId === '') invalid(`${where}.lookId`, 'must be a non-empty string');
  if (typeof input.lookName !== 'string') invalid(`${where}.lookName`, 'must be a string');
  let recipe: string | undefined;
  try {
    recipe = JSON.stringify(input.recipe ?? null);
  } catch (error) {
    invalid(`${where}.recipe`, `must be JSON-serialisable (${(error as Error).message})`);
  }
  if (recipe === undefined) invalid(`${where}.recipe`, 'must be JSON-serialisable');
  return recipe;
}

function encodeCursor(row: Pick<Row, 'taken_at_ms' | 'id'>): string {
  return Buffer.from(`${row.taken_at_ms}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { takenAtMs: number; id: string } {
  const match = /^(-?\d+):([0-9a-f]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new LibraryError('INVALID_CURSOR', `list cursor "${cursor}" is not one returned by list(); start again without "before".`);
  return { takenAtMs: Number(match[1]), id: match[2]! };
}

function ensureWritableFolder(folder: string, code: string, what: string, envName: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `${TEMP_PREFIX}probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    throw new LibraryError(
      code,
      `Cannot write to the ${what} ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
        `Make the folder writable, or choose another one (set ${envName} or pick a folder in Settings).`,
      { cause: error },
    );
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
    throw new LibraryError(
      'LIBRARY_IN_USE',
      `An older Darkslide (process ${holder}, lock ${lockFile}) has the library open for itself alone. Quit it, then try again.`,
    );
  }
  try {
    unlinkSync(lockFile);
  } catch {
    // Removed by another opener meanwhile.
  }
}

export type OpenLibraryOptions = {
  root: string;
  dataDir: string;
  /** ffmpeg used for video posters; default $DARKSLIDE_FFMPEG or /usr/bin/ffmpeg. */
  ffmpegPath?: string;
  /** ffprobe used to size videos found without a row; default $DARKSLIDE_FFPROBE or /usr/bin/ffprobe. */
  ffprobePath?: string;
};

/** How often a library with change listeners looks for changes committed by other processes. */
const CHANGE_POLL_MS = 1000;
/** How long change-log entries are kept for listeners in other processes. */
const CHANGE_LOG_KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * Opens (creating if needed) the library. Any number of processes may have the same library open at once; each
 * sees the others' changes (see Library.onChange).
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  if (!options || typeof options.root !== 'string' || options.root === '') invalid('openLibrary options.root', 'must be a folder path');
  if (typeof options.dataDir !== 'string' || options.dataDir === '') invalid('openLibrary options.dataDir', 'must be a folder path');
  for (const key of ['ffmpegPath', 'ffprobePath'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) invalid(`openLibrary options.${key}`, 'must be the path of the executable when given');
  }
  const root = path.resolve(options.root);
  const dataDir = path.resolve(options.dataDir);
  ensureWritableFolder(root, 'ROOT_NOT_WRITABLE', 'library folder', 'DARKSLIDE_LIBRARY');
  ensureWritableFolder(dataDir, 'DATA_DIR_NOT_WRITABLE', 'Darkslide data folder', 'DARKSLIDE_DATA');
  const thumbsDir = path.join(dataDir, 'thumbs');
  mkdirSync(thumbsDir, { recursive: true });
  checkLegacyLock(path.join(dataDir, LEGACY_LOCK));
  // Registered before anything is written, so no other opener ever sees this process's work without its lock file.
  register(dataDir);

  const catalogFile = path.join(dataDir, 'catalog.sqlite');
  let db: DatabaseSync | undefined;
  try {
    // Writers of other processes hold the write lock for milliseconds; waiting up to 5 s beats failing.
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
    if (error instanceof LibraryError) throw error;
    throw new LibraryError(
      'CATALOG_UNREADABLE',
      `Cannot open the catalog ${catalogFile}: ${(error as Error).message}. Move the file aside to start a fresh catalog (photos in ${root} are kept and re-added).`,
      { cause: error },
    );
  }

  const library = new CatalogLibrary({
    root, dataDir, thumbsDir, db,
    ffmpegPath: options.ffmpegPath ?? DEFAULT_FFMPEG,
    ffprobePath: options.ffprobePath ?? DEFAULT_FFPROBE,
  });
  try {
    await library.recover();
  } catch (error) {
    library.close();
    throw error;
  }
  return library;
}

const BUSY_TIMEOUT_MS = 5000;

class CatalogLibrary implements Library {
  readonly root: string;
  readonly dataDir: string;
  recovery: RecoveryReport = { completed: 0, rolledBack: 0, deleted: 0, moved: 0, strayTempFiles: 0, adopted: 0 };
  readonly #thumbsDir: string;
  readonly #db: DatabaseSync;
  readonly #ffmpegPath: string;
  readonly #ffprobePath: string;
  /** Names this instance's entries in the change log, so it does not announce its own changes twice. */
  readonly #origin = randomBytes(8).toString('hex');
  readonly #listeners = new Set<(event: ChangeEvent) => void>();
  readonly #thumbJobs = new Map<string, Promise<string>>();
  /** Adds and deletions under way: close() keeps the catalog and the lock file until they settle. */
  readonly #inFlight = new Set<object>();
  #watchTimer: NodeJS.Timeout | null = null;
  #seenDataVersion = 0;
  #seenChangeSeq = 0;
  #closed = false;
  #released = false;
  #realRoot: string | null = null;

  constructor(args: { root: string; dataDir: string; thumbsDir: string; db: DatabaseSync; ffmpegPath: string; ffprobePath: string }) {
    this.root = args.root;
    this.dataDir = args.dataDir;
    this.#thumbsDir = args.thumbsDir;
    this.#db = args.db;
    this.#ffmpegPath = args.ffmpegPath;
    this.#ffprobePath = args.ffprobePath;
  }

  // ---- queries -------------------------------------------------------------------------------------------

  list(query: ListQuery = {}): { items: LibraryItem[]; nextCursor: string | null } {
    this.#assertOpen();
    const limit = query.limit ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) invalid('list limit', `must be a whole number from 1 to ${MAX_PAGE}`);
    // The WHERE clauses repeat the partial index conditions word for word so SQLite can use those indexes.
    const filter = query.trashed ? 'state = \'done\' AND trashed_at IS NOT NULL' : 'state = \'done\' AND trashed_at IS NULL';
    let rows: Row[];
    if (query.before) {
      const cursor = decodeCursor(query.before);
      rows = this.#db
        .prepare(`SELECT * FROM items WHERE ${filter} AND (taken_at_ms, id) < (?, ?) ORDER BY taken_at_ms DESC, id DESC LIMIT ?`)
        .all(cursor.takenAtMs, cursor.id, limit + 1) as Row[];
    } else {
      rows = this.#db.prepare(`SELECT * FROM items WHERE ${filter} ORDER BY taken_at_ms DESC, id DESC LIMIT ?`).all(limit + 1) as Row[];
    }
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    return { items: page.map(toItem), nextCursor: hasMore ? encodeCursor(page[page.length - 1]!) : null };
  }

  get(id: string): LibraryItem | null {
    this.#assertOpen();
    const row = this.#row(id);
    return row ? toItem(row) : null;
  }

  #row(id: string): Row | null {
    if (typeof id !== 'string') return null;
    return (this.#db.prepare("SELECT * FROM items WHERE id = ? AND state = 'done'").get(id) as Row | undefined) ?? null;
  }

  // ---- adding --------------------------------------------------------------------------------------------

  /**
   * Reserves a never-used name in the day folder and records the add as 'pending', owned by this process, in one
   * write transaction so two adds in the same second (in this or another process) cannot pick the same name.
   */
  #reserve(args: {
    id: string;
    kind: 'photo' | 'video';
    ext: string;
    meta: ShotMeta;
    recipe: string;
    durationSec: number | null;
    recovered: boolean;
    withTemp: boolean;
    originalExt: string | null;
    sourcePath: string | null;
  }): Row {
    const time = localTime(args.meta.takenAt);
    // The temp name carries this process's tag: other openers sweep it only once this process is gone.
    const tempRelPath = args.withTemp ? `${time.dayFolder}/${TEMP_PREFIX}${ownerTag()}-${args.id}.${args.ext}` : null;
    return this.#transaction(() => {
      const { fileName, relPath } = this.#freeName(time.dayFolder, time.stamp, args.ext);
      const originalRelPath = args.originalExt ? `${ORIGINALS_DIR}/${time.dayFolder}/${fileName.replace(/\.[a-z0-9]+$/, '')}.orig.${args.originalExt}` : null;
      this.#db
        .prepare(
          `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, look_id,
             look_name, recipe, recovered, bytes, state, temp_rel_path, source_path, created_at, original_rel_path,
             owner_pid, owner_nonce)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          args.id, args.kind, fileName, relPath, args.meta.width, args.meta.height, args.durationSec, time.iso,
          args.meta.takenAt.getTime(), args.meta.lookId, args.meta.lookName, args.recipe, args.recovered ? 1 : 0,
          tempRelPath, args.sourcePath, new Date().toISOString(), originalRelPath, self.pid, self.nonce,
        );
      return this.#db.prepare('SELECT * FROM items WHERE id = ?').get(args.id) as Row;
    });
  }

  /** The first DS_<stamp>_<n> name not used by any row (trashed ones included) nor by any file on disk. */
  #freeName(dayFolder: string, stamp: string, ext: string): { fileName: string; relPath: string } {
    const taken = this.#db.prepare('SELECT 1 FROM items WHERE rel_path = ?');
    for (let n = 1; ; n++) {
      const fileName = `DS_${stamp}_${n}.${ext}`;
      const relPath = `${dayFolder}/${fileName}`;
      if (taken.get(relPath)) continue;
      if (existsSync(toAbsolute(this.root, relPath)) || existsSync(toAbsolute(this.root, `${TRASH_DIR}/${relPath}`))) continue;
      return { fileName, relPath };
    }
  }

  /** Settles a pending add and logs it for other processes, in one transaction. */
  #markDone(id: string, bytes: number, reason: ChangeReason): LibraryItem {
    return this.#transaction(() => {
      this.#db
        .prepare("UPDATE items SET state = 'done', bytes = ?, temp_rel_path = NULL, source_path = NULL, owner_pid = NULL, owner_nonce = NULL WHERE id = ?")
        .run(bytes, id);
      this.#logChanges([id], reason);
      return toItem(this.#db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Row);
    });
  }

  #logChanges(ids: string[], reason: ChangeReason): void {
    const log = this.#db.prepare('INSERT INTO changes (item_id, reason, origin, at_ms) VALUES (?, ?, ?, ?)');
    const now = Date.now();
    for (const id of ids) log.run(id, reason, this.#origin, now);
  }

  /** Runs an add or deletion so that close() waits for it before releasing the catalog. */
  #track<T>(work: () => Promise<T>): Promise<T> {
    const token = {};
    this.#inFlight.add(token);
    // Released before the caller hears the result, so "await add; close" leaves nothing behind.
    return work().finally(() => {
      this.#inFlight.delete(token);
      if (this.#closed && this.#inFlight.size === 0) this.#release();
    });
  }

  async addShot(input: AddShotInput): Promise<LibraryItem> {
    this.#assertOpen();
    return this.#track(() => this.#addShot(input));
  }

  async #addShot(input: AddShotInput): Promise<LibraryItem> {
    if (!input || input.kind !== 'photo') invalid('addShot kind', "must be 'photo' (videos go through addFile)");
    if (input.ext !== 'jpg') invalid('addShot ext', "must be 'jpg'");
    if (!Buffer.isBuffer(input.data) || input.data.length === 0) invalid('addShot data', 'must be a non-empty Buffer with the JPEG');
    if (input.original !== undefined && (!Buffer.isBuffer(input.original) || input.original.length === 0)) {
      invalid('addShot original', 'must be a non-empty Buffer when given');
    }
    const recipe = checkMeta(input, 'addShot');
    const time = localTime(input.takenAt);
    await mkdir(toAbsolute(this.root, time.dayFolder), { recursive: true });
    if (input.original) await mkdir(toAbsolute(this.root, `${ORIGINALS_DIR}/${time.dayFolder}`), { recursive: true });

    const id = newId();
    const row = this.#reserve({
      id, kind: 'photo', ext: 'jpg', meta: input, recipe, durationSec: null, recovered: false, withTemp: true,
      originalExt: input.original ? sniffExtension(input.original) : null, sourcePath: null,
    });
    const finalFile = toAbsolute(this.root, row.rel_path);
    const tempFile = toAbsolute(this.root, row.temp_rel_path!);
    const originalFile = row.original_rel_path ? toAbsolute(this.root, row.original_rel_path) : null;
    const originalTemp = originalFile ? originalTempFile(row, originalFile) : null;
    let committed = false;
    try {
      await writeDurable(tempFile, input.data);
      if (input.beforeCommit) {
        try {
          await input.beforeCommit(tempFile);
        } catch (error) {
          throw new LibraryError('BEFORE_COMMIT_FAILED', `Preparing the shot before saving failed: ${(error as Error).message}. Nothing was saved.`, { cause: error });
        }
        await fsyncFile(tempFile);
      }
      const bytes = (await stat(tempFile)).size;
      if (originalFile && originalTemp) {
        await writeDurable(originalTemp, input.original!);
        // The original gets its name first: once the developed file exists, recovery treats the add as complete.
        await placeWithoutOverwrite(originalTemp, originalFile);
        await removeIfPresent(originalTemp);
        await fsyncDir(path.dirname(originalFile));
      }
      await placeWithoutOverwrite(tempFile, finalFile);
      committed = true;
      await removeIfPresent(tempFile);
      await fsyncDir(path.dirname(finalFile));
      const item = this.#markDone(id, bytes, 'added');
      this.#emit({ ids: [id], reason: 'added' });
      return item;
    } catch (error) {
      if (committed) {
        // The file is in place; only tidying failed. Keep the shot.
        const item = this.#markDone(id, (await stat(finalFile)).size, 'added');
        this.#emit({ ids: [id], reason: 'added' });
        return item;
      }
      await this.#undoPendingFiles(row).catch(() => undefined);
      this.#transaction(() => this.#db.prepare("DELETE FROM items WHERE id = ? AND state = 'pending'").run(id));
      if (error instanceof LibraryError) throw error;
      throw new LibraryError('ADD_FAILED', `Could not save the shot in ${path.dirname(finalFile)}: ${(error as Error).message}. Nothing was saved.`, { cause: error });
    }
  }

  async addFile(input: AddFileInput): Promise<LibraryItem> {
    this.#assertOpen();
    return this.#track(() => this.#addFile(input));
  }

  async #addFile(input: AddFileInput): Promise<LibraryItem> {
    if (!input || (input.kind !== 'photo' && input.kind !== 'video')) invalid('addFile kind', "must be 'photo' or 'video'");
    if (typeof input.sourceFile !== 'string' || input.sourceFile === '') invalid('addFile sourceFile', 'must be a file path');
    const recipe = checkMeta(input, 'addFile');
    const durationSec = input.durationSec ?? null;
    if (durationSec !== null && (!Number.isFinite(durationSec) || durationSec < 0)) invalid('addFile durationSec', 'must be a number of seconds >= 0 or null');
    const sourceFile = path.resolve(input.sourceFile);
    let ext = path.extname(sourceFile).slice(1).toLowerCase();
    if (ext === 'jpeg') ext = 'jpg';
    const allowed = input.kind === 'photo' ? PHOTO_EXTENSIONS : VIDEO_EXTENSIONS;
    if (!allowed.has(ext)) invalid('addFile sourceFile', `must end in ${[...allowed].map((e) => `.${e}`).join(', ')} for a ${input.kind} (got ${sourceFile})`);
    let sourceInfo;
    try {
      sourceInfo = await stat(sourceFile);
    } catch (error) {
      throw new LibraryError('SOURCE_MISSING', `Cannot add ${sourceFile} to the library: ${(error as NodeJS.ErrnoException).code}. Check the file still exists.`, { cause: error });
    }
    if (!sourceInfo.isFile()) invalid('addFile sourceFile', `must be a regular file (${sourceFile})`);
    const time = localTime(input.takenAt);
    await mkdir(toAbsolute(this.root, time.dayFolder), { recursive: true });

    const id = newId();
    const row = this.#reserve({
      id, kind: input.kind, ext, meta: input, recipe, durationSec, recovered: input.recovered === true, withTemp: true,
      originalExt: null, sourcePath: sourceFile,
    });
    const finalFile = toAbsolute(this.root, row.rel_path);
    const tempFile = toAbsolute(this.root, row.temp_rel_path!);
    let committed = false;
    try {
      try {
        // Same drive: the final name is linked to the source, so the file is never in neither place.
        await placeWithoutOverwrite(sourceFile, finalFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Another drive: a durable copy first, then the final name.
        await copyFile(sourceFile, tempFile, fsConstants.COPYFILE_EXCL);
        await fsyncFile(tempFile);
        await placeWithoutOverwrite(tempFile, finalFile);
      }
      committed = true;
      await removeIfPresent(tempFile);
      await fsyncDir(path.dirname(finalFile));
      const bytes = (await stat(finalFile)).size;
      if (bytes === sourceInfo.size) await removeIfPresent(sourceFile);
      const reason: ChangeReason = input.recovered ? 'recovered' : 'added';
      const item = this.#markDone(id, bytes, reason);
      this.#emit({ ids: [id], reason });
      return item;
    } catch (error) {
      const reason: ChangeReason = input.recovered ? 'recovered' : 'added';
      if (committed) {
        const item = this.#markDone(id, (await stat(finalFile)).size, reason);
        this.#emit({ ids: [id], reason });
        return item;
      }
      await removeIfPresent(tempFile).catch(() => undefined);
      this.#transaction(() => this.#db.prepare("DELETE FROM items WHERE id = ? AND state = 'pending'").run(id));
      if (error instanceof LibraryError) throw error;
      throw new LibraryError('ADD_FAILED', `Could not move ${sourceFile} into ${path.dirname(finalFile)}: ${(error as Error).message}. The file was left where it was.`, { cause: error });
    }
  }

  /** Removes everything an unfinished add may have written, except its final file. */
  async #undoPendingFiles(row: Row): Promise<number> {
    let removed = 0;
    if (row.temp_rel_path && isSafeRelPath(row.temp_rel_path)) {
      const temp = toAbsolute(this.root, row.temp_rel_path);
      if (await removeIfPresent(temp)) removed++;
      // exiftool (a typical beforeCommit) writes `<file>_exiftool_tmp` beside the file it edits.
      if (await removeIfPresent(`${temp}_exiftool_tmp`)) removed++;
    }
    if (row.original_rel_path && isSafeRelPath(row.original_rel_path)) {
      if (await removeIfPresent(originalTempFile(row, toAbsolute(this.root, row.original_rel_path)))) removed++;
    }
    return removed;
  }

  // ---- trash ---------------------------------------------------------------------------------------------

  #requireRows(ids: string[], what: string): Row[] {
    if (!Array.isArray(ids)) invalid(`${what} ids`, 'must be an array of item ids');
    return ids.map((id) => {
      const row = this.#row(id);
      if (!row) throw new LibraryError('NOT_FOUND', `${what}: no library item with id "${String(id)}". Refresh the album and try again.`);
      return row;
    });
  }

  trash(ids: string[]): void {
    this.#assertOpen();
    const rows = this.#requireRows(ids, 'trash').filter((row) => row.trashed_at === null);
    if (rows.length === 0) return;
    const now = new Date().toISOString();
    const mark = this.#db.prepare("UPDATE items SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL AND state = 'done'");
    // Another process may have trashed or emptied some of them since they were read: announce only real changes.
    const changed = this.#transaction(() => {
      const ids = rows.filter((row) => mark.run(now, row.id).changes === 1).map((row) => row.id);
      this.#logChanges(ids, 'trashed');
      return ids;
    });
    if (changed.length === 0) return;
    // Desired state is committed first; each move is then recorded. A crash in between is fixed on open.
    this.#placeFiles(changed);
    this.#emit({ ids: changed, reason: 'trashed' });
  }

  restore(ids: string[]): void {
    this.#assertOpen();
    const rows = this.#requireRows(ids, 'restore').filter((row) => row.trashed_at !== null);
    if (rows.length === 0) return;
    // Darkslide never reuses a trashed item's name, so only something outside the app can block the way back.
    for (const row of rows) {
      const home = toAbsolute(this.root, row.rel_path);
      if (row.location === 'trash' && existsSync(home)) {
        throw new LibraryError('NAME_TAKEN', `Cannot restore ${row.file_name}: another file now has its name (${home}). Move or rename that file, then restore again.`);
      }
    }
    const unmark = this.#db.prepare("UPDATE items SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL AND state = 'done'");
    const changed = this.#transaction(() => {
      const ids = rows.filter((row) => unmark.run(row.id).changes === 1).map((row) => row.id);
      this.#logChanges(ids, 'restored');
      return ids;
    });
    if (changed.length === 0) return;
    this.#placeFiles(changed);
    this.#emit({ ids: changed, reason: 'restored' });
  }

  /**
   * Moves each item's file to where its trashed state says it belongs; returns how many moved. The state is read
   * and the files moved while holding the catalog's write lock, so a trash in one process and a restore (or a
   * recovery) in another cannot move the same file in opposite directions.
   */
  #placeFiles(ids: string[]): number {
    let moved = 0;
    const read = this.#db.prepare("SELECT * FROM items WHERE id = ? AND state = 'done'");
    for (const id of ids) {
      this.#transaction(() => {
        const row = read.get(id) as Row | undefined;
        if (row && this.#moveSync(row, row.trashed_at === null ? 'home' : 'trash')) moved++;
      });
    }
    return moved;
  }

  /** Moves an item's file between its home and <root>/.trash/<relPath>, never overwriting; true if moved. */
  #moveSync(row: Row, to: 'home' | 'trash'): boolean {
    if (!isSafeRelPath(row.rel_path)) return false;
    const home = toAbsolute(this.root, row.rel_path);
    const trashed = toAbsolute(this.root, `${TRASH_DIR}/${row.rel_path}`);
    const from = to === 'trash' ? home : trashed;
    const target = to === 'trash' ? trashed : home;
    if (!existsSync(from)) {
      // Already there (an earlier move finished before its update) or gone: record what is true.
      if (existsSync(target) && row.location !== to) this.#db.prepare('UPDATE items SET location = ? WHERE id = ?').run(to, row.id);
      return false;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(from, target);
      unlinkSync(from);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && sameFile(from, target)) {
        // A process killed between link and unlink left both names: finish its move.
        unlinkSync(from);
        this.#db.prepare('UPDATE items SET location = ? WHERE id = ?').run(to, row.id);
        return true;
      }
      if (code === 'EEXIST') {
        throw new LibraryError('NAME_TAKEN', `Cannot move ${from} to ${target}: a different file already has that name. Move or rename that file, then try again.`);
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      if (existsSync(target)) throw new LibraryError('NAME_TAKEN', `Cannot move ${from} to ${target}: a file already has that name.`);
      renameSync(from, target);
    }
    this.#db.prepare('UPDATE items SET location = ? WHERE id = ?').run(to, row.id);
    return true;
  }

  async emptyTrash(): Promise<number> {
    this.#assertOpen();
    return this.#track(async () => {
      // Claimed under the write lock: an emptyTrash in another process at the same moment takes other rows or none.
      const rows = this.#transaction(
        () =>
          this.#db
            .prepare("UPDATE items SET state = 'deleting', owner_pid = ?, owner_nonce = ? WHERE state = 'done' AND trashed_at IS NOT NULL RETURNING *")
            .all(self.pid, self.nonce) as Row[],
      );
      if (rows.length === 0) return 0;
      for (const row of rows) await this.#deleteFiles(row);
      const ids = rows.map((row) => row.id);
      this.#finishDeleting(ids);
      this.#emit({ ids, reason: 'deleted' });
      return rows.length;
    });
  }

  #finishDeleting(ids: string[]): void {
    const remove = this.#db.prepare('DELETE FROM items WHERE id = ?');
    this.#transaction(() => {
      ids.forEach((id) => remove.run(id));
      this.#logChanges(ids, 'deleted');
    });
  }

  async #deleteFiles(row: Row): Promise<void> {
    for (const rel of [row.rel_path, `${TRASH_DIR}/${row.rel_path}`, row.original_rel_path]) {
      if (rel && isSafeRelPath(rel)) await removeIfPresent(toAbsolute(this.root, rel));
    }
    await removeIfPresent(path.join(this.#thumbsDir, `${row.id}.jpg`));
  }

  // ---- files ---------------------------------------------------------------------------------------------

  async mediaPath(id: string, variant: MediaVariant): Promise<string> {
    this.#assertOpen();
    const row = this.#row(id);
    if (!row) throw new LibraryError('NOT_FOUND', `No library item with id "${String(id)}".`);
    if (variant === 'original') return this.#contained(this.#currentRelPath(row), row);
    if (variant === 'undeveloped') {
      if (!row.original_rel_path) throw new LibraryError('NO_ORIGINAL', `${row.file_name} was saved without an undeveloped original.`);
      return this.#contained(row.original_rel_path, row);
    }
    if (variant !== 'thumb') invalid('mediaPath variant', "must be 'original', 'thumb' or 'undeveloped'");
    const thumb = path.join(this.#thumbsDir, `${row.id}.jpg`);
    if (await exists(thumb)) return thumb;
    let job = this.#thumbJobs.get(row.id);
    if (!job) {
      job = (async () => {
        const source = await this.#contained(this.#currentRelPath(row), row);
        await makeThumbnail(source, row.kind, thumb, this.#ffmpegPath);
        return thumb;
      })().finally(() => this.#thumbJobs.delete(row.id));
      this.#thumbJobs.set(row.id, job);
    }
    return job;
  }

  #currentRelPath(row: Row): string {
    return row.location === 'trash' ? `${TRASH_DIR}/${row.rel_path}` : row.rel_path;
  }

  /** Resolves symlinks and refuses anything that ends up outside the library root. */
  async #contained(relPath: string, row: Row): Promise<string> {
    if (!isSafeRelPath(relPath)) {
      throw new LibraryError('OUTSIDE_LIBRARY', `The catalog entry for ${row.file_name} points outside the library (${relPath}); it will not be opened.`);
    }
    this.#realRoot ??= await realpath(this.root);
    let real: string;
    try {
      real = await realpath(toAbsolute(this.root, relPath));
    } catch (error) {
      throw new LibraryError('FILE_MISSING', `${toAbsolute(this.root, relPath)} is missing from the library folder. It may have been moved or deleted outside Darkslide.`, { cause: error });
    }
    const inside = path.relative(this.#realRoot, real);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new LibraryError('OUTSIDE_LIBRARY', `${toAbsolute(this.root, relPath)} resolves to ${real}, outside the library ${this.#realRoot}; it will not be opened.`);
    }
    return real;
  }

  // ---- recovery ------------------------------------------------------------------------------------------

  /**
   * Makes catalog and disk agree after any crash: see RecoveryReport for what each step does. Only work of dead
   * processes is touched: unsettled rows and temp files of live openers (this process included) are left to them.
   */
  async recover(): Promise<void> {
    const report = this.recovery;
    const alive = this.#ownerLiveness();
    const unsettled = this.#db.prepare("SELECT * FROM items WHERE state <> 'done'").all() as Row[];
    for (const found of unsettled) {
      if (found.owner_pid !== null && alive({ pid: found.owner_pid, nonce: found.owner_nonce ?? '' })) continue;
      const row = this.#claim(found);
      // Another opener recovering at the same moment took it.
      if (!row) continue;
      if (row.state === 'deleting') {
        await this.#deleteFiles(row);
        this.#finishDeleting([row.id]);
        report.deleted++;
        continue;
      }
      const finalFile = isSafeRelPath(row.rel_path) ? toAbsolute(this.root, row.rel_path) : null;
      if (finalFile && (await exists(finalFile))) {
        // The final name is only ever given to a complete, synced file: the add had committed.
        await this.#undoPendingFiles(row);
        if (row.source_path && (await exists(row.source_path))) {
          const [source, final] = await Promise.all([stat(row.source_path), stat(finalFile)]);
          if (source.size === final.size) await removeIfPresent(row.source_path);
        }
        this.#markDone(row.id, (await stat(finalFile)).size, row.recovered === 1 ? 'recovered' : 'added');
        report.completed++;
      } else {
        await this.#undoPendingFiles(row);
        if (row.original_rel_path && isSafeRelPath(row.original_rel_path)) await removeIfPresent(toAbsolute(this.root, row.original_rel_path));
        this.#transaction(() => this.#db.prepare('DELETE FROM items WHERE id = ?').run(row.id));
        report.rolledBack++;
      }
    }
    const misplaced = this.#db
      .prepare("SELECT id FROM items WHERE (trashed_at IS NULL) <> (location = 'home') AND state = 'done'")
      .all() as { id: string }[];
    for (const { id } of misplaced) {
      try {
        report.moved += this.#placeFiles([id]);
      } catch (error) {
        // A blocked move must not stop the library from opening; it is retried on every open.
        console.error(`library recovery: could not move item ${id}:`, (error as Error).message);
      }
    }
    await this.#sweepFolders(alive);
    removeDeadLocks(this.dataDir);
    this.#transaction(() => this.#db.prepare('DELETE FROM changes WHERE at_ms < ?').run(Date.now() - CHANGE_LOG_KEEP_MS));
  }

  /** Liveness of owners, asked once per owner per recovery pass. */
  #ownerLiveness(): (owner: Owner) => boolean {
    const known = new Map<string, boolean>();
    return (owner) => {
      const key = ownerTag(owner);
      let alive = known.get(key);
      if (alive === undefined) {
        alive = isOwnerAlive(this.dataDir, owner);
        known.set(key, alive);
      }
      return alive;
    };
  }

  /** Makes an unsettled row of a dead owner this process's, unless another opener claimed it first. */
  #claim(row: Row): Row | null {
    return this.#transaction(() => {
      const result = this.#db
        .prepare('UPDATE items SET owner_pid = ?, owner_nonce = ? WHERE id = ? AND state = ? AND owner_pid IS ? AND owner_nonce IS ?')
        .run(self.pid, self.nonce, row.id, row.state, row.owner_pid, row.owner_nonce);
      return result.changes === 1 ? { ...row, owner_pid: self.pid, owner_nonce: self.nonce } : null;
    });
  }

  /** Removes temp files of dead processes (or of older versions, which name none) and adds back files without a row. */
  async #sweepFolders(alive: (owner: Owner) => boolean): Promise<void> {
    const isStray = (name: string) => {
      if (!name.startsWith(TEMP_PREFIX)) return false;
      const owner = tempFileOwner(name);
      return owner === null || !alive(owner);
    };
    const known = new Set((this.#db.prepare('SELECT rel_path FROM items').all() as { rel_path: string }[]).map((row) => row.rel_path));
    const orphans: string[] = [];
    for (const base of ['', `${ORIGINALS_DIR}/`, `${TRASH_DIR}/`]) {
      for (const year of await listDir(toAbsolute(this.root, base || '.'))) {
        if (!/^\d{4}$/.test(year)) continue;
        for (const day of await listDir(toAbsolute(this.root, `${base}${year}`))) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
          const dayRel = `${year}/${day}`;
          for (const name of await listDir(toAbsolute(this.root, `${base}${dayRel}`))) {
            if (isStray(name)) {
              if (await removeIfPresent(toAbsolute(this.root, `${base}${dayRel}/${name}`))) this.recovery.strayTempFiles++;
            } else if (base === '' && FILE_NAME_PATTERN.test(name) && !known.has(`${dayRel}/${name}`)) {
              orphans.push(`${dayRel}/${name}`);
            }
          }
        }
      }
    }
    for (const name of await listDir(this.#thumbsDir)) {
      if (isStray(name) && (await removeIfPresent(path.join(this.#thumbsDir, name)))) this.recovery.strayTempFiles++;
    }
    for (const relPath of orphans) {
      if (await this.#adopt(relPath)) this.recovery.adopted++;
    }
  }

  async #adopt(relPath: string): Promise<boolean> {
    const match = FILE_NAME_PATTERN.exec(path.posix.basename(relPath))!;
    const ext = match[8]!;
    const kind = PHOTO_EXTENSIONS.has(ext) ? 'photo' : VIDEO_EXTENSIONS.has(ext) ? 'video' : null;
    if (!kind) return false;
    const file = toAbsolute(this.root, relPath);
    const probe = await probeMedia(file, kind, this.#ffprobePath).catch(() => null);
    // A file that does not decode is not ours to catalogue; it stays on disk untouched.
    if (!probe) return false;
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    const takenAt = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    const time = localTime(takenAt);
    const id = newId();
    // Every add records its row before its file gets a final name, and every deletion removes the file before the
    // row: so a file that exists while no row names it, checked under the write lock, is no live process's work.
    const adopted = this.#transaction(() => {
      if (this.#db.prepare('SELECT 1 FROM items WHERE rel_path = ?').get(relPath) || !existsSync(file)) return false;
      this.#db
        .prepare(
          `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, look_id,
             look_name, recipe, recovered, bytes, state, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', '', 'null', 1, ?, 'done', ?)`,
        )
        .run(id, kind, path.posix.basename(relPath), relPath, probe.width, probe.height, probe.durationSec, time.iso, takenAt.getTime(), statSync(file).size, new Date().toISOString());
      this.#logChanges([id], 'recovered');
      return true;
    });
    return adopted;
  }

  // ---- plumbing ------------------------------------------------------------------------------------------

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    this.#watchOtherProcesses();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stopWatching();
    };
  }

  /**
   * While someone listens, checks every CHANGE_POLL_MS whether another connection (another process, or another
   * library instance here) committed, and announces the change-log entries it wrote. PRAGMA data_version changes
   * only on commits by other connections, so an idle check is one cheap pragma and no query.
   */
  #watchOtherProcesses(): void {
    if (this.#watchTimer || this.#closed) return;
    this.#seenDataVersion = this.#dataVersion();
    this.#seenChangeSeq = (this.#db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
    this.#watchTimer = setInterval(() => {
      try {
        this.#announceOtherProcessesChanges();
      } catch (error) {
        console.error('library: could not read changes made by other processes:', error);
      }
    }, CHANGE_POLL_MS);
    // Listening must not keep a CLI process alive.
    this.#watchTimer.unref();
  }

  #stopWatching(): void {
    if (this.#watchTimer) clearInterval(this.#watchTimer);
    this.#watchTimer = null;
  }

  #dataVersion(): number {
    return (this.#db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  }

  #announceOtherProcessesChanges(): void {
    if (this.#closed) return;
    const version = this.#dataVersion();
    if (version === this.#seenDataVersion) return;
    this.#seenDataVersion = version;
    const entries = this.#db
      .prepare('SELECT seq, item_id, reason, origin FROM changes WHERE seq > ? ORDER BY seq')
      .all(this.#seenChangeSeq) as { seq: number; item_id: string; reason: ChangeReason; origin: string }[];
    if (entries.length === 0) return;
    this.#seenChangeSeq = entries[entries.length - 1]!.seq;
    // Runs of the same reason become one event, in the order they were committed.
    let event: ChangeEvent | null = null;
    for (const entry of entries) {
      if (entry.origin === this.#origin) continue;
      if (event && event.reason === entry.reason) {
        event.ids.push(entry.item_id);
        continue;
      }
      if (event) this.#emit(event);
      event = { ids: [entry.item_id], reason: entry.reason };
    }
    if (event) this.#emit(event);
  }

  #emit(event: ChangeEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not stop the others nor undo a saved shot.
        console.error('library change listener failed:', error);
      }
    }
  }

  /** BEGIN IMMEDIATE takes the write lock up front (waiting up to BUSY_TIMEOUT_MS for another process). */
  #transaction<T>(body: () => T): T {
    try {
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if ((error as { errcode?: number }).errcode === SQLITE_BUSY) {
        throw new LibraryError(
          'CATALOG_BUSY',
          `The catalog in ${this.dataDir} stayed locked by another Darkslide process for ${BUSY_TIMEOUT_MS / 1000} s. Try again; if it persists, quit the other Darkslide window or command.`,
          { cause: error },
        );
      }
      throw error;
    }
    try {
      const result = body();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new LibraryError('LIBRARY_CLOSED', 'The library was closed; open it again with openLibrary().');
  }

  /** Adds and deletions already under way finish first; then the catalog is closed and this opener unregistered. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopWatching();
    this.#listeners.clear();
    if (this.#inFlight.size === 0) this.#release();
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#db.close();
    unregister(this.dataDir);
  }
}

const SQLITE_BUSY = 5;

function sameFile(a: string, b: string): boolean {
  try {
    const [first, second] = [statSync(a), statSync(b)];
    return first.ino === second.ino && first.dev === second.dev;
  } catch {
    return false;
  }
}

/** The original's temp file sits beside the original and is named like the developed shot's temp, ending .orig. */
function originalTempFile(row: Row, originalFile: string): string {
  const tempName = row.temp_rel_path ? path.posix.basename(row.temp_rel_path).replace(/\.[a-z0-9]+$/, '') : `${TEMP_PREFIX}${row.id}`;
  return path.join(path.dirname(originalFile), `${tempName}.orig`);
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

function sniffExtension(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'bin';
}
