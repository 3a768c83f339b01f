// Item rows: what a row holds, how it reads as a LibraryItem, and the queries that find settled items.
import { DarkslideError } from '../../shared/errors/index.ts';
import type { LibraryItem, ListPage, ListQuery } from '../types.ts';
import { type Catalog, invalid } from './setup.ts';

export type Row = {
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
  latitude: number | null;
  longitude: number | null;
  develop_key: string | null;
  source_hash: string | null;
  source_name: string | null;
  favourite: number;
  added_at_ms: number | null;
};

/** Trashed items are deleted for good this many days after they were trashed, unless the opener says otherwise. */
export const DEFAULT_TRASH_KEEP_DAYS = 30;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** `trashKeepMs`: how long the library keeps what is trashed (the catalog's, see Catalog.trashKeepMs). */
export function toItem(row: Row, trashKeepMs: number): LibraryItem {
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
    location: row.latitude === null || row.longitude === null ? null : { latitude: row.latitude, longitude: row.longitude },
    sourceName: row.source_name ?? null,
    favourite: row.favourite === 1,
    addedAt: new Date(row.added_at_ms ?? Date.parse(row.taken_at)).toISOString(),
    purgeAt: row.trashed_at === null ? null : new Date(Date.parse(row.trashed_at) + trashKeepMs).toISOString(),
  };
}

/** Any row, whatever its state. */
export function rowById(catalog: Catalog, id: string): Row | null {
  return (catalog.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Row | undefined) ?? null;
}

/** A settled item (not being added or deleted), or null. */
export function doneRow(catalog: Catalog, id: string): Row | null {
  if (typeof id !== 'string') return null;
  return (catalog.db.prepare("SELECT * FROM items WHERE id = ? AND state = 'done'").get(id) as Row | undefined) ?? null;
}

export function getItem(catalog: Catalog, id: string): LibraryItem | null {
  const row = doneRow(catalog, id);
  return row ? toItem(row, catalog.trashKeepMs) : null;
}

/** Settled rows for every id, or an error naming the first id the album no longer has. */
export function requireRows(catalog: Catalog, ids: string[], what: string): Row[] {
  if (!Array.isArray(ids)) invalid(`${what} ids`, 'must be an array of item ids');
  return ids.map((id) => {
    const row = doneRow(catalog, id);
    if (!row) throw new DarkslideError('album.item-not-found', { id: String(id) });
    return row;
  });
}

function encodeCursor(row: Pick<Row, 'taken_at_ms' | 'id'>): string {
  return Buffer.from(`${row.taken_at_ms}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { takenAtMs: number; id: string } {
  const match = /^(-?\d+):([0-9a-f]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new DarkslideError('library.invalid-cursor', { cursor }, { field: 'before' });
  return { takenAtMs: Number(match[1]), id: match[2]! };
}

/** Newest first, keyset-paged: a page costs the same at any depth. */
export function listItems(catalog: Catalog, query: ListQuery = {}): ListPage {
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) invalid('limit', `must be a whole number from 1 to ${MAX_PAGE}`);
  // The WHERE clauses repeat the partial index conditions word for word so SQLite can use those indexes.
  let filter = query.trashed ? "state = 'done' AND trashed_at IS NOT NULL" : "state = 'done' AND trashed_at IS NULL";
  if (query.location === 'with') filter += ' AND latitude IS NOT NULL';
  else if (query.location === 'without') filter += ' AND latitude IS NULL';
  else if (query.location !== undefined) invalid('location', "must be 'with' or 'without'");
  let rows: Row[];
  if (query.before) {
    const cursor = decodeCursor(query.before);
    rows = catalog.db
      .prepare(`SELECT * FROM items WHERE ${filter} AND (taken_at_ms, id) < (?, ?) ORDER BY taken_at_ms DESC, id DESC LIMIT ?`)
      .all(cursor.takenAtMs, cursor.id, limit + 1) as Row[];
  } else {
    rows = catalog.db.prepare(`SELECT * FROM items WHERE ${filter} ORDER BY taken_at_ms DESC, id DESC LIMIT ?`).all(limit + 1) as Row[];
  }
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return { items: page.map((row) => toItem(row, catalog.trashKeepMs)), nextCursor: hasMore ? encodeCursor(page[page.length - 1]!) : null };
}
