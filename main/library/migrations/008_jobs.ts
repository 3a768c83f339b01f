import type { Migration } from './index.ts';

// Background jobs (develop a batch, import folders) are journalled here so a crash loses at most the item in hand.
// A job is owned by the process running it (owner_pid/owner_nonce, as for unsettled items): another opener
// resumes it only once that process is gone. Its counters are kept on the job row so progress never counts rows.
// `inputs` are what the caller named (files, folders, item ids), kept so an interrupted scan can start over;
// `batch_key` names the work (kind, settings, inputs): the same batch started again finds its unfinished job.
// items.develop_key (source content, recipe, renderer version) is written with the developed item, in the same
// transaction, so developing the same thing again is recognised and skipped, also after a crash.
export const migration008: Migration = {
  version: 8,
  name: 'jobs',
  sql: `
    CREATE TABLE jobs (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL,
      params TEXT NOT NULL,
      batch_key TEXT NOT NULL,
      inputs TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('scanning', 'running', 'paused', 'cancelled', 'finished')),
      total INTEGER NOT NULL DEFAULT 0,
      done INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      created_at_ms INTEGER NOT NULL,
      updated_at_ms INTEGER NOT NULL,
      finished_at_ms INTEGER,
      owner_pid INTEGER,
      owner_nonce TEXT
    ) STRICT;
    CREATE INDEX jobs_recent ON jobs (created_at_ms DESC);
    CREATE INDEX jobs_open ON jobs (batch_key) WHERE state IN ('scanning', 'running', 'paused');
    CREATE TABLE job_items (
      job_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      input TEXT NOT NULL,
      label TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled')),
      result TEXT,
      error TEXT,
      PRIMARY KEY (job_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX job_items_open ON job_items (job_id, seq) WHERE state IN ('pending', 'running');
    CREATE INDEX job_items_failed ON job_items (job_id, seq) WHERE state = 'failed';
    ALTER TABLE items ADD COLUMN develop_key TEXT;
    CREATE INDEX items_develop_key ON items (develop_key) WHERE develop_key IS NOT NULL;
  `,
};
