import type { Migration } from './index.ts';

// state is a journal: a row is 'pending' from before its temp file is written until its final file exists,
// so recovery on open can finish or undo every half-done add (see catalog.ts, recover()).
export const migration001: Migration = {
  version: 1,
  name: 'items',
  sql: `
    CREATE TABLE items (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('photo', 'video')),
      file_name TEXT NOT NULL,
      rel_path TEXT NOT NULL UNIQUE,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      duration_sec REAL,
      taken_at TEXT NOT NULL,
      taken_at_ms INTEGER NOT NULL,
      camera_id TEXT NOT NULL,
      camera_name TEXT NOT NULL,
      recipe TEXT NOT NULL DEFAULT 'null',
      trashed_at TEXT,
      recovered INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('pending', 'done', 'deleting')),
      temp_rel_path TEXT,
      source_path TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    -- Partial indexes that match the list queries exactly, so paging never sorts.
    CREATE INDEX items_live ON items (taken_at_ms DESC, id DESC) WHERE state = 'done' AND trashed_at IS NULL;
    CREATE INDEX items_trashed ON items (taken_at_ms DESC, id DESC) WHERE state = 'done' AND trashed_at IS NOT NULL;
    CREATE INDEX items_unsettled ON items (state) WHERE state <> 'done';
  `,
};
