import type { Migration } from './index.ts';

// Version 1 only flagged trashed items. From version 2 their files move to <root>/.trash/ so a file browser no
// longer shows them; `location` records where the file is now, `trashed_at` where it should be. Rows of a v1
// catalog start at 'home' and recovery moves trashed ones on the next open.
export const migration002: Migration = {
  version: 2,
  name: 'trash_location',
  sql: `
    ALTER TABLE items ADD COLUMN location TEXT NOT NULL DEFAULT 'home' CHECK (location IN ('home', 'trash'));
    CREATE INDEX items_misplaced ON items (id) WHERE (trashed_at IS NULL) <> (location = 'home');
  `,
};
