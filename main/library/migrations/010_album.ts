import type { Migration } from './index.ts';

// What the album's grid needs at any size: favourites, and when each item was added (the "date added" sort),
// with partial indexes that match the album's queries (live items by date taken or added; favourites) so a page
// never sorts. Items already there were added when their row was created. The change log learns 'updated' (an
// item's favourite mark changed), which needs the table rebuilt for its CHECK.
export const migration010: Migration = {
  version: 10,
  name: 'album',
  sql: `
    ALTER TABLE items ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1));
    ALTER TABLE items ADD COLUMN added_at_ms INTEGER;
    UPDATE items SET added_at_ms = CAST(ROUND((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER);
    CREATE INDEX items_live_added ON items (added_at_ms DESC, id DESC) WHERE state = 'done' AND trashed_at IS NULL;
    CREATE INDEX items_favourites ON items (taken_at_ms DESC, id DESC) WHERE state = 'done' AND trashed_at IS NULL AND favourite = 1;
    CREATE INDEX items_trash_age ON items (trashed_at) WHERE state = 'done' AND trashed_at IS NOT NULL;
    CREATE TABLE changes_010 (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('added', 'trashed', 'restored', 'deleted', 'recovered', 'updated')),
      origin TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    ) STRICT;
    INSERT INTO changes_010 (seq, item_id, reason, origin, at_ms) SELECT seq, item_id, reason, origin, at_ms FROM changes;
    DROP TABLE changes;
    ALTER TABLE changes_010 RENAME TO changes;
    CREATE INDEX changes_age ON changes (at_ms);
  `,
};
