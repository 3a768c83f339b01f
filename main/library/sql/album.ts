// The album's views at any size. A view (filter + sort) is scanned once, in index order, into its layout: day and
// month sections with their offsets, and an anchor (the sort key of every ANCHOR_EVERY-th item). A range by offset
// then seeks to the nearest anchor and steps at most ANCHOR_EVERY rows, so item 99,000 costs what item 0 does, and a
// virtualised grid can place and reach every item (no page-height cap: it asks for rows by position). Layouts are
// kept until the catalog changes (this connection's writes or another's commits: PRAGMA data_version).
import { DarkslideError } from '../../shared/errors/index.ts';
import type { AlbumLayout, AlbumQuery, AlbumSection, LibraryItem } from '../types.ts';
import { logChanges } from './changes.ts';
import { doneRow, type Row, toItem } from './items.ts';
import { type Catalog, invalid, transaction } from './setup.ts';
import { deleteFiles, finishDeleting } from './trash.ts';
import { self } from '../sessions.ts';

const ANCHOR_EVERY = 256;
const MAX_RANGE = 500;

type Anchor = { key: number; id: string };
type View = { stamp: string; layout: AlbumLayout; anchors: Anchor[] };

const views = new WeakMap<Catalog, Map<string, View>>();

function sortColumn(query: AlbumQuery): 'taken_at_ms' | 'added_at_ms' {
  if (query.sort === undefined || query.sort === 'taken') return 'taken_at_ms';
  if (query.sort === 'added') return 'added_at_ms';
  return invalid('sort', "must be 'taken' or 'added'");
}

/** The WHERE clause (starting with a partial index's condition, word for word) and its values. */
function where(query: AlbumQuery): { sql: string; values: (string | number)[] } {
  const parts = [query.trashed ? "state = 'done' AND trashed_at IS NOT NULL" : "state = 'done' AND trashed_at IS NULL"];
  const values: (string | number)[] = [];
  if (query.favourite === true) parts.push('favourite = 1');
  else if (query.favourite === false) parts.push('favourite = 0');
  if (query.kind !== undefined) {
    if (query.kind !== 'photo' && query.kind !== 'video') invalid('kind', "must be 'photo' or 'video'");
    parts.push('kind = ?');
    values.push(query.kind);
  }
  if (query.lookId !== undefined) {
    parts.push('look_id = ?');
    values.push(String(query.lookId));
  }
  if (query.recovered !== undefined) parts.push(query.recovered ? 'recovered = 1' : 'recovered = 0');
  if (query.location === 'with') parts.push('latitude IS NOT NULL');
  else if (query.location === 'without') parts.push('latitude IS NULL');
  else if (query.location !== undefined) invalid('location', "must be 'with' or 'without'");
  return { sql: parts.join(' AND '), values };
}

/** Changes whenever anything was committed to the catalog, by this connection or another. */
function stampOf(catalog: Catalog): string {
  const { data_version } = catalog.db.prepare('PRAGMA data_version').get() as { data_version: number };
  const { total_changes } = catalog.db.prepare('SELECT total_changes() AS total_changes').get() as { total_changes: number };
  return `${data_version}:${total_changes}`;
}

function viewOf(catalog: Catalog, query: AlbumQuery): View {
  const column = sortColumn(query);
  const { sql, values } = where(query);
  const key = JSON.stringify([column, sql, values]);
  let cache = views.get(catalog);
  if (!cache) views.set(catalog, (cache = new Map()));
  const stamp = stampOf(catalog);
  const cached = cache.get(key);
  if (cached && cached.stamp === stamp) return cached;
  // The local day: the date part of the stored ISO time (taken_at keeps the offset of the moment of the shot).
  const dayOf = column === 'taken_at_ms' ? 'substr(taken_at, 1, 10)' : "strftime('%Y-%m-%d', added_at_ms / 1000, 'unixepoch', 'localtime')";
  const rows = catalog.db
    .prepare(`SELECT ${column} AS key, id, ${dayOf} AS day FROM items WHERE ${sql} ORDER BY ${column} DESC, id DESC`)
    .all(...values) as { key: number; id: string; day: string }[];
  const days: AlbumSection[] = [];
  const months: AlbumSection[] = [];
  const anchors: Anchor[] = [];
  rows.forEach((row, index) => {
    if (index % ANCHOR_EVERY === 0) anchors.push({ key: row.key, id: row.id });
    const lastDay = days[days.length - 1];
    if (lastDay && lastDay.day === row.day) lastDay.count++;
    else days.push({ day: row.day, offset: index, count: 1 });
    const month = row.day.slice(0, 7);
    const lastMonth = months[months.length - 1];
    if (lastMonth && lastMonth.day === month) lastMonth.count++;
    else months.push({ day: month, offset: index, count: 1 });
  });
  const view = { stamp, layout: { total: rows.length, days, months }, anchors };
  cache.set(key, view);
  // A handful of views at a time (filters the person is switching between).
  if (cache.size > 16) cache.delete(cache.keys().next().value!);
  return view;
}

export function albumLayout(catalog: Catalog, query: AlbumQuery = {}): AlbumLayout {
  return viewOf(catalog, query).layout;
}

export function albumRange(catalog: Catalog, query: AlbumQuery, offset: number, limit: number): LibraryItem[] {
  if (!Number.isInteger(offset) || offset < 0) invalid('offset', 'must be a whole number from 0');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RANGE) invalid('limit', `must be a whole number from 1 to ${MAX_RANGE}`);
  const view = viewOf(catalog, query);
  if (offset >= view.layout.total) return [];
  const column = sortColumn(query);
  const { sql, values } = where(query);
  const anchor = view.anchors[Math.floor(offset / ANCHOR_EVERY)]!;
  const rows = catalog.db
    .prepare(`SELECT * FROM items WHERE ${sql} AND (${column}, id) <= (?, ?) ORDER BY ${column} DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...values, anchor.key, anchor.id, limit, offset % ANCHOR_EVERY) as Row[];
  return rows.map((row) => toItem(row, catalog.trashKeepMs));
}

export function albumPosition(catalog: Catalog, query: AlbumQuery, id: string): number | null {
  const row = doneRow(catalog, id);
  if (!row) return null;
  const column = sortColumn(query);
  const { sql, values } = where(query);
  const key = column === 'taken_at_ms' ? row.taken_at_ms : row.added_at_ms;
  const shown = catalog.db.prepare(`SELECT 1 FROM items WHERE ${sql} AND id = ?`).get(...values, id);
  if (!shown) return null;
  const { n } = catalog.db.prepare(`SELECT COUNT(*) AS n FROM items WHERE ${sql} AND (${column}, id) > (?, ?)`).get(...values, key, id) as { n: number };
  return n;
}

export function setFavourite(catalog: Catalog, ids: string[], favourite: boolean): string[] {
  if (!Array.isArray(ids)) invalid('ids', 'must be an array of item ids');
  if (typeof favourite !== 'boolean') invalid('favourite', 'must be true or false');
  const mark = catalog.db.prepare("UPDATE items SET favourite = ? WHERE id = ? AND state = 'done' AND favourite <> ?");
  const changed = transaction(catalog, () => {
    for (const id of ids) if (!doneRow(catalog, id)) throw new DarkslideError('album.item-not-found', { id: String(id) });
    const done = ids.filter((id) => mark.run(favourite ? 1 : 0, id, favourite ? 1 : 0).changes === 1);
    logChanges(catalog, done, 'updated');
    return done;
  });
  if (changed.length > 0) catalog.emit({ ids: changed, reason: 'updated' });
  return changed;
}

/**
 * Deletes for good what was trashed longer before `now` than the library keeps it (Catalog.trashKeepMs), claiming
 * rows as an emptyTrash does.
 */
export async function purgeTrash(catalog: Catalog, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - catalog.trashKeepMs).toISOString();
  const rows = transaction(
    catalog,
    () =>
      catalog.db
        .prepare("UPDATE items SET state = 'deleting', owner_pid = ?, owner_nonce = ? WHERE state = 'done' AND trashed_at IS NOT NULL AND trashed_at < ? RETURNING *")
        .all(self.pid, self.nonce, cutoff) as Row[],
  );
  if (rows.length === 0) return 0;
  for (const row of rows) await deleteFiles(catalog, row);
  const ids = rows.map((row) => row.id);
  finishDeleting(catalog, ids);
  catalog.emit({ ids, reason: 'deleted' });
  return rows.length;
}
