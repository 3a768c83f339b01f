import type { Migration } from './index.ts';

// A log of visible changes (an item added, trashed, restored, deleted or recovered), written in the same
// transaction as the change, so a process can tell its listeners what other processes did: it watches
// PRAGMA data_version and reads the entries after the last `seq` it has seen. `origin` names the library instance
// that wrote the entry, so an instance does not announce its own changes twice. Entries older than a week are
// pruned on open.
export const migration005: Migration = {
  version: 5,
  name: 'changes',
  sql: `
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('added', 'trashed', 'restored', 'deleted', 'recovered')),
      origin TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX changes_age ON changes (at_ms);
  `,
};
