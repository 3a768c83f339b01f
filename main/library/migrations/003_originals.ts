import type { Migration } from './index.ts';

// The undeveloped original of a shot (kept so a look can be re-developed later) lives under <root>/.originals/.
export const migration003: Migration = {
  version: 3,
  name: 'originals',
  sql: `
    ALTER TABLE items ADD COLUMN original_rel_path TEXT;
  `,
};
