// An item's location as its file now says: geotagging writes the file, then records it here for the album's
// "has location" filter and the info panel.
import type { ItemLocation } from '../types.ts';
import { requireRows } from './items.ts';
import { type Catalog, invalid, transaction } from './setup.ts';

export function setItemLocation(catalog: Catalog, id: string, location: ItemLocation | null): void {
  if (location && !(Math.abs(location.latitude) <= 90 && Math.abs(location.longitude) <= 180)) invalid('location', 'must be latitude -90..90 and longitude -180..180');
  transaction(catalog, () => {
    requireRows(catalog, [id], 'location');
    catalog.db.prepare('UPDATE items SET latitude = ?, longitude = ? WHERE id = ?').run(location?.latitude ?? null, location?.longitude ?? null, id);
  });
}
