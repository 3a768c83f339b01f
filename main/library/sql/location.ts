// An item's location as its file now says: geotagging writes the file, then records it here for the album's
// "has location" filter and the info panel.
import type { ItemLocation } from '../types.ts';
import { logChanges } from './changes.ts';
import { requireRows } from './items.ts';
import { type Catalog, invalid, transaction } from './setup.ts';

export function setItemLocation(catalog: Catalog, id: string, location: ItemLocation | null): void {
  if (location && !(Math.abs(location.latitude) <= 90 && Math.abs(location.longitude) <= 180)) invalid('location', 'must be latitude -90..90 and longitude -180..180');
  transaction(catalog, () => {
    requireRows(catalog, [id], 'location');
    catalog.db.prepare('UPDATE items SET latitude = ?, longitude = ? WHERE id = ?').run(location?.latitude ?? null, location?.longitude ?? null, id);
  });
}

/**
 * "Erase personal data": every row forgets where it was taken, and settled geotag jobs (whose inputs hold the
 * positions a track gave) leave the journal. Old values must not stay readable in the file: secure_delete zeroes
 * what is freed, and the write-ahead log is folded back and emptied where no other process is reading.
 * Resolves to the rows cleared and the jobs removed; rowsLeft counts rows that still hold a location afterwards.
 */
export function forgetLocations(catalog: Catalog): { rows: number; jobs: number; rowsLeft: number } {
  catalog.db.exec('PRAGMA secure_delete = ON');
  const { ids, jobs } = transaction(catalog, () => {
    const cleared = catalog.db
      .prepare('UPDATE items SET latitude = NULL, longitude = NULL WHERE latitude IS NOT NULL OR longitude IS NOT NULL RETURNING id')
      .all() as { id: string }[];
    const geotags = catalog.db.prepare("SELECT id FROM jobs WHERE kind = 'geotag' AND state IN ('finished', 'cancelled')").all() as { id: string }[];
    for (const { id } of geotags) {
      catalog.db.prepare('DELETE FROM job_items WHERE job_id = ?').run(id);
      catalog.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
    }
    const ids = cleared.map((row) => row.id);
    logChanges(catalog, ids, 'updated');
    return { ids, jobs: geotags.length };
  });
  try {
    catalog.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // Another process is reading: the log is folded back at its next checkpoint.
  }
  const { n } = catalog.db.prepare('SELECT COUNT(*) AS n FROM items WHERE latitude IS NOT NULL OR longitude IS NOT NULL').get() as { n: number };
  if (ids.length > 0) catalog.emit({ ids, reason: 'updated' });
  return { rows: ids.length, jobs, rowsLeft: n };
}
