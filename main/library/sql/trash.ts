// Trash moves. Trashing and restoring commit the desired state first (trashed_at), then move each file between
// its home and <root>/.trash/<relPath>, recording where it now is (location). A crash in between is put right on
// the next open (recovery.ts); emptying claims rows as 'deleting' before removing any file.
import { existsSync, linkSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { DarkslideError } from '../../shared/errors/index.ts';
import { removeIfPresent } from '../fsutil.ts';
import { isSafeRelPath, toAbsolute, TRASH_DIR } from '../paths.ts';
import { self } from '../sessions.ts';
import { logChanges } from './changes.ts';
import { requireRows, type Row } from './items.ts';
import { type Catalog, transaction } from './setup.ts';

/** Marks items trashed and moves their files to .trash; returns the ids that changed. */
export function trashItems(catalog: Catalog, ids: string[]): string[] {
  const rows = requireRows(catalog, ids, 'trash').filter((row) => row.trashed_at === null);
  if (rows.length === 0) return [];
  const now = new Date().toISOString();
  const mark = catalog.db.prepare("UPDATE items SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL AND state = 'done'");
  // Another process may have trashed or emptied some of them since they were read: announce only real changes.
  const changed = transaction(catalog, () => {
    const marked = rows.filter((row) => mark.run(now, row.id).changes === 1).map((row) => row.id);
    logChanges(catalog, marked, 'trashed');
    return marked;
  });
  if (changed.length === 0) return [];
  // Desired state is committed first; each move is then recorded. A crash in between is fixed on open.
  placeFiles(catalog, changed);
  catalog.emit({ ids: changed, reason: 'trashed' });
  return changed;
}

/** Takes items out of the trash and moves their files home; returns the ids that changed. */
export function restoreItems(catalog: Catalog, ids: string[]): string[] {
  const rows = requireRows(catalog, ids, 'restore').filter((row) => row.trashed_at !== null);
  if (rows.length === 0) return [];
  // Darkslide never reuses a trashed item's name, so only something outside the app can block the way back.
  for (const row of rows) {
    const home = toAbsolute(catalog.root, row.rel_path);
    if (row.location === 'trash' && existsSync(home)) {
      throw new DarkslideError('library.name-taken', { name: row.file_name, file: home });
    }
  }
  const unmark = catalog.db.prepare("UPDATE items SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL AND state = 'done'");
  const changed = transaction(catalog, () => {
    const unmarked = rows.filter((row) => unmark.run(row.id).changes === 1).map((row) => row.id);
    logChanges(catalog, unmarked, 'restored');
    return unmarked;
  });
  if (changed.length === 0) return [];
  placeFiles(catalog, changed);
  catalog.emit({ ids: changed, reason: 'restored' });
  return changed;
}

/**
 * Moves each item's file to where its trashed state says it belongs; returns how many moved. The state is read
 * and the files moved while holding the catalog's write lock, so a trash in one process and a restore (or a
 * recovery) in another cannot move the same file in opposite directions.
 */
export function placeFiles(catalog: Catalog, ids: string[]): number {
  let moved = 0;
  const read = catalog.db.prepare("SELECT * FROM items WHERE id = ? AND state = 'done'");
  for (const id of ids) {
    transaction(catalog, () => {
      const row = read.get(id) as Row | undefined;
      if (row && moveSync(catalog, row, row.trashed_at === null ? 'home' : 'trash')) moved++;
    });
  }
  return moved;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [first, second] = [statSync(a), statSync(b)];
    return first.ino === second.ino && first.dev === second.dev;
  } catch {
    return false;
  }
}

/** Moves an item's file between its home and <root>/.trash/<relPath>, never overwriting; true if moved. */
function moveSync(catalog: Catalog, row: Row, to: 'home' | 'trash'): boolean {
  if (!isSafeRelPath(row.rel_path)) return false;
  const setLocation = catalog.db.prepare('UPDATE items SET location = ? WHERE id = ?');
  const home = toAbsolute(catalog.root, row.rel_path);
  const trashed = toAbsolute(catalog.root, `${TRASH_DIR}/${row.rel_path}`);
  const from = to === 'trash' ? home : trashed;
  const target = to === 'trash' ? trashed : home;
  if (!existsSync(from)) {
    // Already there (an earlier move finished before its update) or gone: record what is true.
    if (existsSync(target) && row.location !== to) setLocation.run(to, row.id);
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
      setLocation.run(to, row.id);
      return true;
    }
    if (code === 'EEXIST') throw new DarkslideError('library.name-taken', { name: row.file_name, file: target });
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (existsSync(target)) throw new DarkslideError('library.name-taken', { name: row.file_name, file: target });
    renameSync(from, target);
  }
  setLocation.run(to, row.id);
  return true;
}

/** Claims every trashed item as 'deleting' (under the write lock), removes its files, then its rows. */
export async function emptyTrash(catalog: Catalog): Promise<number> {
  // Claimed under the write lock: an emptyTrash in another process at the same moment takes other rows or none.
  const rows = transaction(
    catalog,
    () =>
      catalog.db
        .prepare("UPDATE items SET state = 'deleting', owner_pid = ?, owner_nonce = ? WHERE state = 'done' AND trashed_at IS NOT NULL RETURNING *")
        .all(self.pid, self.nonce) as Row[],
  );
  if (rows.length === 0) return 0;
  for (const row of rows) await deleteFiles(catalog, row);
  const ids = rows.map((row) => row.id);
  finishDeleting(catalog, ids);
  catalog.emit({ ids, reason: 'deleted' });
  return rows.length;
}

export function finishDeleting(catalog: Catalog, ids: string[]): void {
  const remove = catalog.db.prepare('DELETE FROM items WHERE id = ?');
  transaction(catalog, () => {
    ids.forEach((id) => remove.run(id));
    logChanges(catalog, ids, 'deleted');
  });
}

export async function deleteFiles(catalog: Catalog, row: Row): Promise<void> {
  for (const rel of [row.rel_path, `${TRASH_DIR}/${row.rel_path}`, row.original_rel_path]) {
    if (rel && isSafeRelPath(rel)) await removeIfPresent(toAbsolute(catalog.root, rel));
  }
  await removeIfPresent(path.join(catalog.thumbsDir, `${row.id}.jpg`));
}
