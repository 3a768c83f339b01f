import type { Migration } from './index.ts';

// Several processes (the app and the `darkslide` CLI) may have the library open at once. Recovery on open must
// finish or undo only the unsettled work of processes that died, never that of a live one, so every 'pending' and
// 'deleting' row names the process that owns it (pid + a per-process nonce that also names its lock file
// catalog.<pid>.<nonce>.lock, so a reused pid is not mistaken for the owner). Done rows have no owner. Unsettled
// rows of a version-3 catalog have none either: they date from when one process held the library exclusively,
// so they are orphans.
export const migration004: Migration = {
  version: 4,
  name: 'owners',
  sql: `
    ALTER TABLE items ADD COLUMN owner_pid INTEGER;
    ALTER TABLE items ADD COLUMN owner_nonce TEXT;
  `,
};
