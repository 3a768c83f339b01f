import type { Migration } from './index.ts';

// Imported photos and videos. `source_hash` is the SHA-256 of the file as it came in (kept untouched as the
// item's original): the same content imported again, under any name, is recognised by it. `source_name` is the
// file's own name, shown in the viewer's info. `import_sources` remembers each file already looked at by path,
// size and modification time, so a rescan of the same folders skips unchanged files without reading them.
export const migration009: Migration = {
  version: 9,
  name: 'imports',
  sql: `
    ALTER TABLE items ADD COLUMN source_hash TEXT;
    ALTER TABLE items ADD COLUMN source_name TEXT;
    CREATE INDEX items_source_hash ON items (source_hash) WHERE source_hash IS NOT NULL;
    CREATE TABLE import_sources (
      path TEXT PRIMARY KEY NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      hash TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
