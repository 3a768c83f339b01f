import type { Migration } from './index.ts';

// Where an item was taken, when it has a location (shot with location on, or geotagged): the album filters on
// it ("has location" / "no location") and the info panel shows it without reading the file. NULL for every
// earlier row: Darkslide attached no location before this version, so none of them has one it wrote.
// The partial index serves the "has location" filter, usually the few among many; "no location" reads items_live.
export const migration007: Migration = {
  version: 7,
  name: 'item location',
  sql: `
    ALTER TABLE items ADD COLUMN latitude REAL;
    ALTER TABLE items ADD COLUMN longitude REAL;
    CREATE INDEX items_located ON items (taken_at_ms DESC, id DESC) WHERE state = 'done' AND trashed_at IS NULL AND latitude IS NOT NULL;
  `,
};
