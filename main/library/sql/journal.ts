// The add journal: how a shot or a file becomes an item so that a crash at any point leaves a whole item or none.
//   1. insert the row as 'pending', owned by this process (its final name is reserved by the UNIQUE rel_path);
//   2. write the temp file, fsync; run beforeCommit (e.g. EXIF), fsync again;
//   3. give it the final name with link() (fails on an existing name), drop the temp name, fsync the folder;
//   4. mark the row 'done'.
// Recovery (recovery.ts) finishes or undoes a pending row whose owner died, using the same names.
import { constants as fsConstants, existsSync } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DarkslideError } from '../../shared/errors/index.ts';
import { fileError } from '../file-errors.ts';
import { fsyncDir, fsyncFile, placeWithoutOverwrite, removeIfPresent, writeDurable } from '../fsutil.ts';
import { isSafeRelPath, localTime, ORIGINALS_DIR, TEMP_PREFIX, toAbsolute, TRASH_DIR } from '../paths.ts';
import { ownerTag, self } from '../sessions.ts';
import type { AddFileInput, AddShotInput, ChangeReason, LibraryItem, ShotMeta } from '../types.ts';
import { logChanges } from './changes.ts';
import { findDeveloped } from './jobs.ts';
import { findImported } from './imports.ts';
import { type Row, toItem } from './items.ts';
import { saveThumbnail } from '../media.ts';
import { thumbPath } from './media-paths.ts';
import { type Catalog, invalid, newId, transaction } from './setup.ts';

export const PHOTO_EXTENSIONS = new Set(['jpg', 'jpeg']);
export const VIDEO_EXTENSIONS = new Set(['mp4', 'mov', 'm4v', 'mkv', 'webm']);

function checkSource(input: ShotMeta, where: string): void {
  if (input.source === undefined) return;
  if (!input.source || !/^[0-9a-f]{64}$/.test(input.source.hash)) invalid(`${where} source.hash`, 'must be a SHA-256 hex digest');
  if (typeof input.source.name !== 'string' || input.source.name === '') invalid(`${where} source.name`, 'must be the file name');
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

type Reservation = {
  id: string;
  kind: 'photo' | 'video';
  ext: string;
  meta: ShotMeta;
  recipe: string;
  durationSec: number | null;
  recovered: boolean;
  originalExt: string | null;
  sourcePath: string | null;
  developKey?: string | null;
};

/**
 * Reserves a never-used name in the day folder and records the add as 'pending', owned by this process, in one
 * write transaction so two adds in the same second (in this or another process) cannot pick the same name.
 */
export function reserve(catalog: Catalog, args: Reservation): Row {
  const time = localTime(args.meta.takenAt);
  // The temp name carries this process's tag: other openers sweep it only once this process is gone.
  const tempRelPath = `${time.dayFolder}/${TEMP_PREFIX}${ownerTag()}-${args.id}.${args.ext}`;
  return transaction(catalog, () => {
    if (args.developKey) {
      // Checked under the write lock: two processes developing the same batch cannot both file the same result.
      const existing = findDeveloped(catalog, args.developKey);
      if (existing) throw new DarkslideError('library.already-developed', { id: existing });
    }
    if (args.meta.source) {
      const existing = findImported(catalog, args.meta.source.hash);
      if (existing) throw new DarkslideError('library.already-imported', { id: existing, file: args.meta.source.name });
    }
    const { fileName, relPath } = freeName(catalog, time.dayFolder, time.stamp, args.ext);
    const originalRelPath = args.originalExt ? `${ORIGINALS_DIR}/${time.dayFolder}/${fileName.replace(/\.[a-z0-9]+$/, '')}.orig.${args.originalExt}` : null;
    catalog.db
      .prepare(
        `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, look_id,
           look_name, recipe, recovered, bytes, state, temp_rel_path, source_path, created_at, original_rel_path,
           owner_pid, owner_nonce, latitude, longitude, develop_key, source_hash, source_name, added_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        args.id, args.kind, fileName, relPath, args.meta.width, args.meta.height, args.durationSec, time.iso,
        args.meta.takenAt.getTime(), args.meta.lookId, args.meta.lookName, args.recipe, args.recovered ? 1 : 0,
        tempRelPath, args.sourcePath, new Date().toISOString(), originalRelPath, self.pid, self.nonce,
        args.meta.location?.latitude ?? null, args.meta.location?.longitude ?? null, args.developKey ?? null,
        args.meta.source?.hash ?? null, args.meta.source?.name ?? null, Date.now(),
      );
    return catalog.db.prepare('SELECT * FROM items WHERE id = ?').get(args.id) as Row;
  });
}

/** The first DS_<stamp>_<n> name not used by any row (trashed ones included) nor by any file on disk. */
function freeName(catalog: Catalog, dayFolder: string, stamp: string, ext: string): { fileName: string; relPath: string } {
  const taken = catalog.db.prepare('SELECT 1 FROM items WHERE rel_path = ?');
  for (let n = 1; ; n++) {
    const fileName = `DS_${stamp}_${n}.${ext}`;
    const relPath = `${dayFolder}/${fileName}`;
    if (taken.get(relPath)) continue;
    if (existsSync(toAbsolute(catalog.root, relPath)) || existsSync(toAbsolute(catalog.root, `${TRASH_DIR}/${relPath}`))) continue;
    return { fileName, relPath };
  }
}

/** Settles a pending add and logs it for other processes, in one transaction. */
export function markDone(catalog: Catalog, id: string, bytes: number, reason: ChangeReason): LibraryItem {
  return transaction(catalog, () => {
    catalog.db
      .prepare("UPDATE items SET state = 'done', bytes = ?, temp_rel_path = NULL, source_path = NULL, owner_pid = NULL, owner_nonce = NULL WHERE id = ?")
      .run(bytes, id);
    logChanges(catalog, [id], reason);
    return toItem(catalog.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Row, catalog.trashKeepMs);
  });
}

function dropPending(catalog: Catalog, id: string): void {
  transaction(catalog, () => catalog.db.prepare("DELETE FROM items WHERE id = ? AND state = 'pending'").run(id));
}

/** The original's temp file sits beside the original and is named like the developed shot's temp, ending .orig. */
export function originalTempFile(row: Row, originalFile: string): string {
  const tempName = row.temp_rel_path ? path.posix.basename(row.temp_rel_path).replace(/\.[a-z0-9]+$/, '') : `${TEMP_PREFIX}${row.id}`;
  return path.join(path.dirname(originalFile), `${tempName}.orig`);
}

/** Removes everything an unfinished add may have written, except its final file. */
export async function undoPendingFiles(catalog: Catalog, row: Row): Promise<number> {
  let removed = 0;
  if (row.temp_rel_path && isSafeRelPath(row.temp_rel_path)) {
    const temp = toAbsolute(catalog.root, row.temp_rel_path);
    if (await removeIfPresent(temp)) removed++;
    // exiftool (a typical beforeCommit) writes `<file>_exiftool_tmp` beside the file it edits.
    if (await removeIfPresent(`${temp}_exiftool_tmp`)) removed++;
  }
  if (row.original_rel_path && isSafeRelPath(row.original_rel_path)) {
    if (await removeIfPresent(originalTempFile(row, toAbsolute(catalog.root, row.original_rel_path)))) removed++;
  }
  return removed;
}

/** Waits for all, then throws the first failure. */
async function settleAll(jobs: (Promise<unknown> | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function sniffExtension(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'bin';
}

export async function addShot(catalog: Catalog, input: AddShotInput): Promise<LibraryItem> {
  if (!input || input.kind !== 'photo') invalid('addShot kind', "must be 'photo' (videos go through addFile)");
  if (input.ext !== 'jpg') invalid('addShot ext', "must be 'jpg'");
  if (!Buffer.isBuffer(input.data) || input.data.length === 0) invalid('addShot data', 'must be a non-empty Buffer with the JPEG');
  if (input.original !== undefined && (!Buffer.isBuffer(input.original) || input.original.length === 0)) {
    invalid('addShot original', 'must be a non-empty Buffer when given');
  }
  if (input.thumbnail !== undefined && !(Buffer.isBuffer(input.thumbnail) && input.thumbnail.length > 3 && input.thumbnail[0] === 0xff && input.thumbnail[1] === 0xd8)) {
    invalid('addShot thumbnail', 'must be a Buffer with a JPEG when given');
  }
  const recipe = checkMeta(input, 'addShot');
  const time = localTime(input.takenAt);
  const dayDir = toAbsolute(catalog.root, time.dayFolder);
  try {
    await mkdir(dayDir, { recursive: true });
    if (input.original) await mkdir(toAbsolute(catalog.root, `${ORIGINALS_DIR}/${time.dayFolder}`), { recursive: true });
  } catch (error) {
    throw fileError(error, dayDir, 'write');
  }

  if (input.originalExt !== undefined && !/^[a-z0-9]{1,5}$/.test(input.originalExt)) invalid('addShot originalExt', 'must be a short lower-case extension without the dot');
  checkSource(input, 'addShot');
  if (input.developKey !== undefined && (typeof input.developKey !== 'string' || !/^[0-9a-f]{16,128}$/.test(input.developKey))) {
    invalid('addShot developKey', 'must be a hex digest when given');
  }
  const id = newId();
  const row = reserve(catalog, {
    id, kind: 'photo', ext: 'jpg', meta: input, recipe, durationSec: null, recovered: false,
    originalExt: input.original ? (input.originalExt ?? sniffExtension(input.original)) : null, sourcePath: null, developKey: input.developKey ?? null,
  });
  const finalFile = toAbsolute(catalog.root, row.rel_path);
  const tempFile = toAbsolute(catalog.root, row.temp_rel_path!);
  const originalFile = row.original_rel_path ? toAbsolute(catalog.root, row.original_rel_path) : null;
  const originalTemp = originalFile ? originalTempFile(row, originalFile) : null;
  let committed = false;
  try {
    const developedWritten = (async () => {
      await writeDurable(tempFile, input.data);
      if (input.beforeCommit) {
        try {
          await input.beforeCommit(tempFile);
        } catch (error) {
          throw new DarkslideError('library.prepare-failed', { detail: (error as Error).message }, { cause: error });
        }
        await fsyncFile(tempFile);
      }
    })();
    // Both temp files are written and flushed at once (one fsync's wait instead of two). Both are waited for even
    // after a failure, so the undo below never runs while the other is still being written.
    await settleAll([developedWritten, originalTemp ? writeDurable(originalTemp, input.original!) : undefined]);
    const bytes = (await stat(tempFile)).size;
    if (originalFile && originalTemp) {
      // The original gets its name first: once the developed file exists, recovery treats the add as complete.
      await placeWithoutOverwrite(originalTemp, originalFile);
      await removeIfPresent(originalTemp);
      await fsyncDir(path.dirname(originalFile));
    }
    await placeWithoutOverwrite(tempFile, finalFile);
    committed = true;
    // A cache: if it cannot be saved, the album's first request makes it from the file as for any item.
    const thumbnailSaved = input.thumbnail ? saveThumbnail(input.thumbnail, thumbPath(catalog, id)).catch(() => undefined) : null;
    await removeIfPresent(tempFile);
    await fsyncDir(path.dirname(finalFile));
    await thumbnailSaved;
    const item = markDone(catalog, id, bytes, 'added');
    catalog.emit({ ids: [id], reason: 'added' });
    return item;
  } catch (error) {
    if (committed) {
      // The file is in place; only tidying failed. Keep the shot.
      const item = markDone(catalog, id, (await stat(finalFile)).size, 'added');
      catalog.emit({ ids: [id], reason: 'added' });
      return item;
    }
    await undoPendingFiles(catalog, row).catch(() => undefined);
    dropPending(catalog, id);
    if (error instanceof DarkslideError) throw error;
    throw fileError(error, finalFile, 'write');
  }
}

export async function addFile(catalog: Catalog, input: AddFileInput): Promise<LibraryItem> {
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
    throw fileError(error, sourceFile, 'read');
  }
  if (!sourceInfo.isFile()) throw new DarkslideError('file.is-folder', { file: sourceFile });
  const time = localTime(input.takenAt);
  const dayDir = toAbsolute(catalog.root, time.dayFolder);
  try {
    await mkdir(dayDir, { recursive: true });
  } catch (error) {
    throw fileError(error, dayDir, 'write');
  }

  checkSource(input, 'addFile');
  const keep = input.keepSource === true;
  const id = newId();
  // A kept source is never named in the row: recovery removes a named source once the add has committed.
  const row = reserve(catalog, {
    id, kind: input.kind, ext, meta: input, recipe, durationSec, recovered: input.recovered === true,
    originalExt: null, sourcePath: keep ? null : sourceFile,
  });
  const finalFile = toAbsolute(catalog.root, row.rel_path);
  const tempFile = toAbsolute(catalog.root, row.temp_rel_path!);
  const reason: ChangeReason = input.recovered ? 'recovered' : 'added';
  let committed = false;
  try {
    const copy = async () => {
      // A durable copy first, then the final name (a reflink where the file system can: instant, no space).
      await copyFile(sourceFile, tempFile, fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE);
      await fsyncFile(tempFile);
      await placeWithoutOverwrite(tempFile, finalFile);
    };
    if (keep) {
      // Never a hard link: the user's file and the album's copy must not change together.
      await copy();
    } else {
      try {
        // Same drive: the final name is linked to the source, so the file is never in neither place.
        await placeWithoutOverwrite(sourceFile, finalFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copy();
      }
    }
    committed = true;
    await removeIfPresent(tempFile);
    await fsyncDir(path.dirname(finalFile));
    const bytes = (await stat(finalFile)).size;
    if (!keep && bytes === sourceInfo.size) await removeIfPresent(sourceFile);
    const item = markDone(catalog, id, bytes, reason);
    catalog.emit({ ids: [id], reason });
    return item;
  } catch (error) {
    if (committed) {
      const item = markDone(catalog, id, (await stat(finalFile)).size, reason);
      catalog.emit({ ids: [id], reason });
      return item;
    }
    await removeIfPresent(tempFile).catch(() => undefined);
    dropPending(catalog, id);
    if (error instanceof DarkslideError) throw error;
    throw fileError(error, finalFile, 'write');
  }
}
