import { randomBytes } from 'node:crypto';
import { constants as fsConstants, existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LibraryError } from './errors.ts';
import { exists, fsyncDir, fsyncFile, placeWithoutOverwrite, removeIfPresent, writeDurable } from './fsutil.ts';
import { migrate } from './migrations/index.ts';
import { FILE_NAME_PATTERN, isSafeRelPath, localTime, ORIGINALS_DIR, TEMP_PREFIX, toAbsolute, TRASH_DIR } from './paths.ts';
import { makeThumbnail, probeMedia } from './media.ts';

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
  cameraId: string;
  cameraName: string;
  /** The look recipe to re-develop from, as JSON. */
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
  cameraId: string;
  cameraName: string;
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
  onChange(listener: (event: ChangeEvent) => void): () => void;
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
  camera_id: string;
  camera_name: string;
  recipe: string;
  trashed_at: string | null;
  recovered: number;
  bytes: number;
  state: 'pending' | 'done' | 'deleting';
  temp_rel_path: string | null;
  source_path: string | null;
  location: 'home' | 'trash';
  original_rel_path: string | null;
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
    cameraId: row.camera_id,
    cameraName: row.camera_name,
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
  if (typeof input.cameraId !== 'string' || input.cameraId === '') invalid(`${where}.cameraId`, 'must be a non-empty string');
  if (typeof input.cameraName !== 'string') invalid(`${where}.cameraName`, 'must be a string');
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

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

/** One writer per library: recovery deletes unfinished temp files, which must not belong to a live process. */
function acquireLock(lockFile: string): void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
    throw new LibraryError(
      'LIBRARY_IN_USE',
      `The library catalog is already open in process ${holder} (lock ${lockFile}). Close the other Darkslide window or command first.`,
    );
  }
  // The holder died without closing (crash, kill): take the lock over.
  writeFileSync(lockFile, String(process.pid));
}

export async function openLibrary(options: { root: string; dataDir: string }): Promise<Library> {
  if (!options || typeof options.root !== 'string' || options.root === '') invalid('openLibrary options.root', 'must be a folder path');
  if (typeof options.dataDir !== 'string' || options.dataDir === '') invalid('openLibrary options.dataDir', 'must be a folder path');
  const root = path.resolve(options.root);
  const dataDir = path.resolve(options.dataDir);
  ensureWritableFolder(root, 'ROOT_NOT_WRITABLE', 'library folder', 'DARKSLIDE_LIBRARY');
  ensureWritableFolder(dataDir, 'DATA_DIR_NOT_WRITABLE', 'Darkslide data folder', 'DARKSLIDE_DATA');
  const thumbsDir = path.join(dataDir, 'thumbs');
  mkdirSync(thumbsDir, { recursive: true });
  const lockFile = path.join(dataDir, 'catalog.lock');
  acquireLock(lockFile);

  const catalogFile = path.join(dataDir, 'catalog.sqlite');
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(catalogFile);
    db.exec('PRAGMA journal_mode = WAL');
    // FULL, not NORMAL: a pending row must reach the disk before its file does, also across a power cut.
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA busy_timeout = 5000');
    migrate(db, undefined, catalogFile);
  } catch (error) {
    unlinkSync(lockFile);
    if (error instanceof LibraryError) throw error;
    throw new LibraryError(
      'CATALOG_UNREADABLE',
      `Cannot open the catalog ${catalogFile}: ${(error as Error).message}. Move the file aside to start a fresh catalog (photos in ${root} are kept and re-added).`,
      { cause: error },
    );
  }

  const library = new CatalogLibrary(root, dataDir, thumbsDir, lockFile, db);
  try {
    await library.recover();
  } catch (error) {
    library.close();
    throw error;
  }
  return library;
}

class CatalogLibrary implements Library {
  readonly root: string;
  readonly dataDir: string;
  recovery: RecoveryReport = { completed: 0, rolledBack: 0, deleted: 0, moved: 0, strayTempFiles: 0, adopted: 0 };
  readonly #thumbsDir: string;
  readonly #lockFile: string;
  readonly #db: DatabaseSync;
  readonly #listeners = new Set<(event: ChangeEvent) => void>();
  readonly #thumbJobs = new Map<string, Promise<string>>();
  #closed = false;
  #realRoot: string | null = null;

  constructor(root: string, dataDir: string, thumbsDir: string, lockFile: string, db: DatabaseSync) {
    this.root = root;
    this.dataDir = dataDir;
    this.#thumbsDir = thumbsDir;
    this.#lockFile = lockFile;
    this.#db = db;
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
   * Reserves a never-used name in the day folder and records the add as 'pending', in one synchronous step so
   * two adds in the same second (same process) cannot pick the same name.
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
    const { fileName, relPath } = this.#freeName(time.dayFolder, time.stamp, args.ext);
    const tempRelPath = args.withTemp ? `${time.dayFolder}/${TEMP_PREFIX}${args.id}.${args.ext}` : null;
    const originalRelPath = args.originalExt ? `${ORIGINALS_DIR}/${time.dayFolder}/${fileName.replace(/\.[a-z0-9]+$/, '')}.orig.${args.originalExt}` : null;
    this.#db
      .prepare(
        `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, camera_id,
           camera_name, recipe, recovered, bytes, state, temp_rel_path, source_path, created_at, original_rel_path)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?, ?, ?)`,
      )
      .run(
        args.id, args.kind, fileName, relPath, args.meta.width, args.meta.height, args.durationSec, time.iso,
        args.meta.takenAt.getTime(), args.meta.cameraId, args.meta.cameraName, args.recipe, args.recovered ? 1 : 0,
        tempRelPath, args.sourcePath, new Date().toISOString(), originalRelPath,
      );
    return this.#db.prepare('SELECT * FROM items WHERE id = ?').get(args.id) as Row;
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

  #markDone(id: string, bytes: number): LibraryItem {
    this.#db.prepare("UPDATE items SET state = 'done', bytes = ?, temp_rel_path = NULL, source_path = NULL WHERE id = ?").run(bytes, id);
    return toItem(this.#db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Row);
  }

  async addShot(input: AddShotInput): Promise<LibraryItem> {
    this.#assertOpen();
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
    const originalTemp = originalFile ? `${path.dirname(originalFile)}/${TEMP_PREFIX}${id}.orig` : null;
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
      const item = this.#markDone(id, bytes);
      this.#emit({ ids: [id], reason: 'added' });
      return item;
    } catch (error) {
      if (committed) {
        // The file is in place; only tidying failed. Keep the shot.
        const item = this.#markDone(id, (await stat(finalFile)).size);
        this.#emit({ ids: [id], reason: 'added' });
        return item;
      }
      await this.#undoPendingFiles(row).catch(() => undefined);
      if (!this.#closed) this.#db.prepare("DELETE FROM items WHERE id = ? AND state = 'pending'").run(id);
      if (error instanceof LibraryError) throw error;
      throw new LibraryError('ADD_FAILED', `Could not save the shot in ${path.dirname(finalFile)}: ${(error as Error).message}. Nothing was saved.`, { cause: error });
    }
  }

  async addFile(input: AddFileInput): Promise<LibraryItem> {
    this.#assertOpen();
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
      const item = this.#markDone(id, bytes);
      const reason: ChangeReason = input.recovered ? 'recovered' : 'added';
      this.#emit({ ids: [id], reason });
      return item;
    } catch (error) {
      if (committed) {
        const item = this.#markDone(id, (await stat(finalFile)).size);
        this.#emit({ ids: [id], reason: input.recovered ? 'recovered' : 'added' });
        return item;
      }
      await removeIfPresent(tempFile).catch(() => undefined);
      if (!this.#closed) this.#db.prepare("DELETE FROM items WHERE id = ? AND state = 'pending'").run(id);
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
      const original = toAbsolute(this.root, row.original_rel_path);
      if (await removeIfPresent(`${path.dirname(original)}/${TEMP_PREFIX}${row.id}.orig`)) removed++;
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
    const mark = this.#db.prepare('UPDATE items SET trashed_at = ? WHERE id = ?');
    this.#transaction(() => rows.forEach((row) => mark.run(now, row.id)));
    // Desired state is committed first; each move is then recorded. A crash in between is fixed on open.
    for (const row of rows) this.#moveSync(row, 'trash');
    this.#emit({ ids: rows.map((row) => row.id), reason: 'trashed' });
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
    const unmark = this.#db.prepare('UPDATE items SET trashed_at = NULL WHERE id = ?');
    this.#transaction(() => rows.forEach((row) => unmark.run(row.id)));
    for (const row of rows) this.#moveSync(row, 'home');
    this.#emit({ ids: rows.map((row) => row.id), reason: 'restored' });
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
      if (existsSync(target)) this.#db.prepare('UPDATE items SET location = ? WHERE id = ?').run(to, row.id);
      return false;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(from, target);
      unlinkSync(from);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
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
    const rows = this.#db.prepare("SELECT * FROM items WHERE state = 'done' AND trashed_at IS NOT NULL").all() as Row[];
    if (rows.length === 0) return 0;
    const mark = this.#db.prepare("UPDATE items SET state = 'deleting' WHERE id = ?");
    this.#transaction(() => rows.forEach((row) => mark.run(row.id)));
    for (const row of rows) await this.#deleteFiles(row);
    const remove = this.#db.prepare('DELETE FROM items WHERE id = ?');
    this.#transaction(() => rows.forEach((row) => remove.run(row.id)));
    this.#emit({ ids: rows.map((row) => row.id), reason: 'deleted' });
    return rows.length;
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
        await makeThumbnail(source, row.kind, thumb);
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

  /** Makes catalog and disk agree after any crash: see RecoveryReport for what each step does. */
  async recover(): Promise<void> {
    const report = this.recovery;
    const unsettled = this.#db.prepare("SELECT * FROM items WHERE state <> 'done'").all() as Row[];
    for (const row of unsettled) {
      if (row.state === 'deleting') {
        await this.#deleteFiles(row);
        this.#db.prepare('DELETE FROM items WHERE id = ?').run(row.id);
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
        this.#markDone(row.id, (await stat(finalFile)).size);
        report.completed++;
      } else {
        await this.#undoPendingFiles(row);
        if (row.original_rel_path && isSafeRelPath(row.original_rel_path)) await removeIfPresent(toAbsolute(this.root, row.original_rel_path));
        this.#db.prepare('DELETE FROM items WHERE id = ?').run(row.id);
        report.rolledBack++;
      }
    }
    const misplaced = this.#db
      .prepare("SELECT * FROM items WHERE (trashed_at IS NULL) <> (location = 'home') AND state = 'done'")
      .all() as Row[];
    for (const row of misplaced) {
      try {
        if (this.#moveSync(row, row.trashed_at === null ? 'home' : 'trash')) report.moved++;
      } catch (error) {
        // A blocked move must not stop the library from opening; it is retried on every open.
        console.error(`library recovery: could not move ${row.rel_path}:`, (error as Error).message);
      }
    }
    await this.#sweepFolders();
  }

  /** Removes stray temp files and adds back library-named files that have no row. */
  async #sweepFolders(): Promise<void> {
    const known = new Set((this.#db.prepare('SELECT rel_path FROM items').all() as { rel_path: string }[]).map((row) => row.rel_path));
    const orphans: string[] = [];
    for (const base of ['', `${ORIGINALS_DIR}/`, `${TRASH_DIR}/`]) {
      for (const year of await listDir(toAbsolute(this.root, base || '.'))) {
        if (!/^\d{4}$/.test(year)) continue;
        for (const day of await listDir(toAbsolute(this.root, `${base}${year}`))) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
          const dayRel = `${year}/${day}`;
          for (const name of await listDir(toAbsolute(this.root, `${base}${dayRel}`))) {
            if (name.startsWith(TEMP_PREFIX)) {
              await removeIfPresent(toAbsolute(this.root, `${base}${dayRel}/${name}`));
              this.recovery.strayTempFiles++;
            } else if (base === '' && FILE_NAME_PATTERN.test(name) && !known.has(`${dayRel}/${name}`)) {
              orphans.push(`${dayRel}/${name}`);
            }
          }
        }
      }
    }
    for (const name of await listDir(this.#thumbsDir)) {
      if (name.startsWith(TEMP_PREFIX)) {
        await removeIfPresent(path.join(this.#thumbsDir, name));
        this.recovery.strayTempFiles++;
      }
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
    const probe = await probeMedia(file, kind).catch(() => null);
    // A file that does not decode is not ours to catalogue; it stays on disk untouched.
    if (!probe) return false;
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    const takenAt = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    const time = localTime(takenAt);
    this.#db
      .prepare(
        `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, camera_id,
           camera_name, recipe, recovered, bytes, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', '', 'null', 1, ?, 'done', ?)`,
      )
      .run(newId(), kind, path.posix.basename(relPath), relPath, probe.width, probe.height, probe.durationSec, time.iso, takenAt.getTime(), (await stat(file)).size, new Date().toISOString());
    return true;
  }

  // ---- plumbing ------------------------------------------------------------------------------------------

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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

  #transaction(body: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      body();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new LibraryError('LIBRARY_CLOSED', 'The library was closed; open it again with openLibrary().');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    this.#db.close();
    try {
      if (readFileSync(this.#lockFile, 'utf8') === String(process.pid)) unlinkSync(this.#lockFile);
    } catch {
      // Lock already gone: nothing to release.
    }
  }
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
