// Import bookkeeping (migration 009): items by the content hash of the file they were imported from, and the files
// already looked at, by path, size and modification time, so a rescan reads only what changed.
import { type Catalog, transaction } from './setup.ts';

/** The live item (not being deleted; trashed ones count: the photo is still in the album) with this source. */
export function findImported(catalog: Catalog, hash: string): string | null {
  const row = catalog.db.prepare("SELECT id FROM items WHERE source_hash = ? AND state IN ('pending', 'done') LIMIT 1").get(hash) as { id: string } | undefined;
  return row?.id ?? null;
}

export function knownSource(catalog: Catalog, path: string, size: number, mtimeMs: number): string | null {
  const row = catalog.db.prepare('SELECT hash FROM import_sources WHERE path = ? AND size = ? AND mtime_ms = ?').get(path, size, Math.trunc(mtimeMs)) as
    | { hash: string }
    | undefined;
  return row?.hash ?? null;
}

export function rememberSource(catalog: Catalog, path: string, size: number, mtimeMs: number, hash: string): void {
  transaction(catalog, () =>
    catalog.db
      .prepare('INSERT INTO import_sources (path, size, mtime_ms, hash) VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, hash = excluded.hash')
      .run(path, size, Math.trunc(mtimeMs), hash),
  );
}
