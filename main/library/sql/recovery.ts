// Recovery on open: makes catalog and disk agree after any crash. Only work of dead processes is touched: unsettled
// rows and temp files of live openers (this process included) are left to them.
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { exists, removeIfPresent } from '../fsutil.ts';
import { probeMedia } from '../media.ts';
import { FILE_NAME_PATTERN, isSafeRelPath, localTime, ORIGINALS_DIR, TEMP_PREFIX, toAbsolute, TRASH_DIR } from '../paths.ts';
import { isOwnerAlive, type Owner, ownerTag, removeDeadLocks, self, tempFileOwner } from '../sessions.ts';
import type { RecoveryReport } from '../types.ts';
import { logChanges, pruneChanges } from './changes.ts';
import type { Row } from './items.ts';
import { markDone, PHOTO_EXTENSIONS, undoPendingFiles, VIDEO_EXTENSIONS } from './journal.ts';
import { type Catalog, newId, transaction } from './setup.ts';
import { deleteFiles, finishDeleting, placeFiles } from './trash.ts';

export function emptyReport(): RecoveryReport {
  return { completed: 0, rolledBack: 0, deleted: 0, moved: 0, strayTempFiles: 0, adopted: 0 };
}

/** See RecoveryReport for what each step does. */
export async function recover(catalog: Catalog): Promise<RecoveryReport> {
  const report = emptyReport();
  const alive = ownerLiveness(catalog.dataDir);
  const unsettled = catalog.db.prepare("SELECT * FROM items WHERE state <> 'done'").all() as Row[];
  for (const found of unsettled) {
    if (found.owner_pid !== null && alive({ pid: found.owner_pid, nonce: found.owner_nonce ?? '' })) continue;
    const row = claim(catalog, found);
    // Another opener recovering at the same moment took it.
    if (!row) continue;
    if (row.state === 'deleting') {
      await deleteFiles(catalog, row);
      finishDeleting(catalog, [row.id]);
      report.deleted++;
      continue;
    }
    const finalFile = isSafeRelPath(row.rel_path) ? toAbsolute(catalog.root, row.rel_path) : null;
    if (finalFile && (await exists(finalFile))) {
      // The final name is only ever given to a complete, synced file: the add had committed.
      await undoPendingFiles(catalog, row);
      if (row.source_path && (await exists(row.source_path))) {
        const [source, final] = await Promise.all([stat(row.source_path), stat(finalFile)]);
        if (source.size === final.size) await removeIfPresent(row.source_path);
      }
      markDone(catalog, row.id, (await stat(finalFile)).size, row.recovered === 1 ? 'recovered' : 'added');
      report.completed++;
    } else {
      await undoPendingFiles(catalog, row);
      if (row.original_rel_path && isSafeRelPath(row.original_rel_path)) await removeIfPresent(toAbsolute(catalog.root, row.original_rel_path));
      transaction(catalog, () => catalog.db.prepare('DELETE FROM items WHERE id = ?').run(row.id));
      report.rolledBack++;
    }
  }
  const misplaced = catalog.db
    .prepare("SELECT id FROM items WHERE (trashed_at IS NULL) <> (location = 'home') AND state = 'done'")
    .all() as { id: string }[];
  for (const { id } of misplaced) {
    try {
      report.moved += placeFiles(catalog, [id]);
    } catch (error) {
      // A blocked move must not stop the library from opening; it is retried on every open.
      console.error(`library recovery: could not move item ${id}:`, (error as Error).message);
    }
  }
  await sweepFolders(catalog, alive, report);
  removeDeadLocks(catalog.dataDir);
  pruneChanges(catalog);
  return report;
}

/** Liveness of owners, asked once per owner per recovery pass. */
function ownerLiveness(dataDir: string): (owner: Owner) => boolean {
  const known = new Map<string, boolean>();
  return (owner) => {
    const key = ownerTag(owner);
    let alive = known.get(key);
    if (alive === undefined) {
      alive = isOwnerAlive(dataDir, owner);
      known.set(key, alive);
    }
    return alive;
  };
}

/** Makes an unsettled row of a dead owner this process's, unless another opener claimed it first. */
function claim(catalog: Catalog, row: Row): Row | null {
  return transaction(catalog, () => {
    const result = catalog.db
      .prepare('UPDATE items SET owner_pid = ?, owner_nonce = ? WHERE id = ? AND state = ? AND owner_pid IS ? AND owner_nonce IS ?')
      .run(self.pid, self.nonce, row.id, row.state, row.owner_pid, row.owner_nonce);
    return result.changes === 1 ? { ...row, owner_pid: self.pid, owner_nonce: self.nonce } : null;
  });
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

/** Removes temp files of dead processes (or of older versions, which name none) and adds back files without a row. */
async function sweepFolders(catalog: Catalog, alive: (owner: Owner) => boolean, report: RecoveryReport): Promise<void> {
  const isStray = (name: string) => {
    if (!name.startsWith(TEMP_PREFIX)) return false;
    const owner = tempFileOwner(name);
    return owner === null || !alive(owner);
  };
  const known = new Set((catalog.db.prepare('SELECT rel_path FROM items').all() as { rel_path: string }[]).map((row) => row.rel_path));
  const orphans: string[] = [];
  for (const base of ['', `${ORIGINALS_DIR}/`, `${TRASH_DIR}/`]) {
    for (const year of await listDir(toAbsolute(catalog.root, base || '.'))) {
      if (!/^\d{4}$/.test(year)) continue;
      for (const day of await listDir(toAbsolute(catalog.root, `${base}${year}`))) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) continue;
        const dayRel = `${year}/${day}`;
        for (const name of await listDir(toAbsolute(catalog.root, `${base}${dayRel}`))) {
          if (isStray(name)) {
            if (await removeIfPresent(toAbsolute(catalog.root, `${base}${dayRel}/${name}`))) report.strayTempFiles++;
          } else if (base === '' && FILE_NAME_PATTERN.test(name) && !known.has(`${dayRel}/${name}`)) {
            orphans.push(`${dayRel}/${name}`);
          }
        }
      }
    }
  }
  for (const name of await listDir(catalog.thumbsDir)) {
    if (isStray(name) && (await removeIfPresent(path.join(catalog.thumbsDir, name)))) report.strayTempFiles++;
  }
  for (const relPath of orphans) {
    if (await adopt(catalog, relPath)) report.adopted++;
  }
}

async function adopt(catalog: Catalog, relPath: string): Promise<boolean> {
  const match = FILE_NAME_PATTERN.exec(path.posix.basename(relPath))!;
  const ext = match[8]!;
  const kind = PHOTO_EXTENSIONS.has(ext) ? 'photo' : VIDEO_EXTENSIONS.has(ext) ? 'video' : null;
  if (!kind) return false;
  const file = toAbsolute(catalog.root, relPath);
  const probe = await probeMedia(file, kind, catalog.ffprobePath).catch(() => null);
  // A file that does not decode is not ours to catalogue; it stays on disk untouched.
  if (!probe) return false;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const takenAt = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  const time = localTime(takenAt);
  const id = newId();
  // Every add records its row before its file gets a final name, and every deletion removes the file before the
  // row: so a file that exists while no row names it, checked under the write lock, is no live process's work.
  return transaction(catalog, () => {
    if (catalog.db.prepare('SELECT 1 FROM items WHERE rel_path = ?').get(relPath) || !existsSync(file)) return false;
    catalog.db
      .prepare(
        `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, look_id,
           look_name, recipe, recovered, bytes, state, created_at, added_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', '', 'null', 1, ?, 'done', ?, ?)`,
      )
      .run(id, kind, path.posix.basename(relPath), relPath, probe.width, probe.height, probe.durationSec, time.iso, takenAt.getTime(), statSync(file).size, new Date().toISOString(), Date.now());
    logChanges(catalog, [id], 'recovered');
    return true;
  });
}
