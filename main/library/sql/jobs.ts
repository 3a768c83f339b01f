// The jobs journal (migration 008): jobs, their items, and the counters progress reads. The engine that runs them
// is main/jobs; this file only records, so the same journal serves the app and the CLI.
import { isOwnerAlive, self } from '../sessions.ts';
import type { JobErrorData, JobItemRecord, JobItemState, JobRecord, JobState, NewJob } from '../types.ts';
import { type Catalog, transaction } from './setup.ts';

type JobRow = {
  id: string;
  kind: string;
  params: string;
  batch_key: string;
  state: JobState;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  created_at_ms: number;
  updated_at_ms: number;
  finished_at_ms: number | null;
  owner_pid: number | null;
  owner_nonce: string | null;
};

type ItemRow = { seq: number; input: string; label: string; state: JobItemState; result: string | null; error: string | null };

const OPEN_STATES = "('scanning', 'running', 'paused')";

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    params: JSON.parse(row.params) as unknown,
    batchKey: row.batch_key,
    state: row.state,
    total: row.total,
    done: row.done,
    skipped: row.skipped,
    failed: row.failed,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
    finishedAtMs: row.finished_at_ms,
    ownedHere: row.owner_pid === self.pid && row.owner_nonce === self.nonce,
  };
}

function toJobItem(row: ItemRow): JobItemRecord {
  return {
    seq: row.seq,
    input: JSON.parse(row.input) as unknown,
    label: row.label,
    state: row.state,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as JobErrorData),
  };
}

function jobRow(catalog: Catalog, id: string): JobRow | undefined {
  return catalog.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
}

export function getJob(catalog: Catalog, id: string): JobRecord | null {
  const row = jobRow(catalog, id);
  return row ? toJob(row) : null;
}

/** Newest first. */
export function listJobs(catalog: Catalog, limit = 50): JobRecord[] {
  return (catalog.db.prepare('SELECT * FROM jobs ORDER BY created_at_ms DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
}

/** A new job owned by this process, with its first items (more may follow with addJobItems while it scans). */
export function createJob(catalog: Catalog, job: NewJob): JobRecord {
  const now = Date.now();
  return transaction(catalog, () => {
    catalog.db
      .prepare(
        `INSERT INTO jobs (id, kind, params, batch_key, inputs, state, created_at_ms, updated_at_ms, owner_pid, owner_nonce)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(job.id, job.kind, JSON.stringify(job.params ?? null), job.batchKey, JSON.stringify(job.inputs), job.state, now, now, self.pid, self.nonce);
    insertItems(catalog, job.id, 0, job.items ?? []);
    return toJob(jobRow(catalog, job.id)!);
  });
}

function insertItems(catalog: Catalog, jobId: string, from: number, items: { input: unknown; label: string }[]): void {
  if (items.length === 0) return;
  const insert = catalog.db.prepare('INSERT INTO job_items (job_id, seq, input, label) VALUES (?, ?, ?, ?)');
  items.forEach((item, index) => insert.run(jobId, from + index, JSON.stringify(item.input), item.label));
  catalog.db.prepare('UPDATE jobs SET total = total + ?, updated_at_ms = ? WHERE id = ?').run(items.length, Date.now(), jobId);
}

/** Appends items found while scanning, in one transaction. */
export function addJobItems(catalog: Catalog, jobId: string, items: { input: unknown; label: string }[]): void {
  transaction(catalog, () => {
    const { next } = catalog.db.prepare('SELECT COALESCE(MAX(seq) + 1, 0) AS next FROM job_items WHERE job_id = ?').get(jobId) as { next: number };
    insertItems(catalog, jobId, next, items);
  });
}

/** Forgets what an interrupted scan found, so it can scan again from the start. */
export function clearJobItems(catalog: Catalog, jobId: string): void {
  transaction(catalog, () => {
    catalog.db.prepare('DELETE FROM job_items WHERE job_id = ?').run(jobId);
    catalog.db.prepare('UPDATE jobs SET total = 0, done = 0, skipped = 0, failed = 0, updated_at_ms = ? WHERE id = ?').run(Date.now(), jobId);
  });
}

export function setJobState(catalog: Catalog, jobId: string, state: JobState): JobRecord | null {
  return transaction(catalog, () => {
    const now = Date.now();
    catalog.db
      .prepare('UPDATE jobs SET state = ?, updated_at_ms = ?, finished_at_ms = ? WHERE id = ?')
      .run(state, now, state === 'finished' || state === 'cancelled' ? now : null, jobId);
    if (state === 'cancelled') {
      catalog.db.prepare("UPDATE job_items SET state = 'cancelled' WHERE job_id = ? AND state IN ('pending', 'running')").run(jobId);
    }
    const row = jobRow(catalog, jobId);
    return row ? toJob(row) : null;
  });
}

/** What the caller named when the job started. */
export function jobInputs(catalog: Catalog, jobId: string): unknown[] {
  const row = catalog.db.prepare('SELECT inputs FROM jobs WHERE id = ?').get(jobId) as { inputs: string } | undefined;
  return row ? (JSON.parse(row.inputs) as unknown[]) : [];
}

/** The next items to run, in order, after `afterSeq`. */
export function pendingJobItems(catalog: Catalog, jobId: string, afterSeq: number, limit: number): JobItemRecord[] {
  return (
    catalog.db
      .prepare("SELECT seq, input, label, state, result, error FROM job_items WHERE job_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?")
      .all(jobId, afterSeq, limit) as ItemRow[]
  ).map(toJobItem);
}

/** Records an item's new state; a settled item also moves the job's counters, in the same transaction. */
export function setJobItemState(
  catalog: Catalog,
  jobId: string,
  seq: number,
  state: JobItemState,
  outcome: { result?: unknown; error?: JobErrorData } = {},
): JobRecord | null {
  return transaction(catalog, () => {
    const changed = catalog.db
      // An item in hand when the job was cancelled may still finish: its file is then in the album, so it is
      // recorded as done (and counted) rather than left as cancelled with a result nobody accounts for.
      .prepare("UPDATE job_items SET state = ?, result = ?, error = ? WHERE job_id = ? AND seq = ? AND (state IN ('pending', 'running') OR (state = 'cancelled' AND ? = 'done'))")
      .run(state, outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.error ? JSON.stringify(outcome.error) : null, jobId, seq, state);
    const counter = state === 'done' ? 'done' : state === 'skipped' ? 'skipped' : state === 'failed' ? 'failed' : null;
    if (changed.changes === 1 && counter) catalog.db.prepare(`UPDATE jobs SET ${counter} = ${counter} + 1, updated_at_ms = ? WHERE id = ?`).run(Date.now(), jobId);
    const row = jobRow(catalog, jobId);
    return row ? toJob(row) : null;
  });
}

/** The items that failed, with their errors, in order. */
export function jobErrors(catalog: Catalog, jobId: string, offset: number, limit: number): { items: JobItemRecord[]; total: number } {
  const items = (
    catalog.db
      .prepare("SELECT seq, input, label, state, result, error FROM job_items WHERE job_id = ? AND state = 'failed' ORDER BY seq LIMIT ? OFFSET ?")
      .all(jobId, limit, offset) as ItemRow[]
  ).map(toJobItem);
  const row = jobRow(catalog, jobId);
  return { items, total: row?.failed ?? 0 };
}

/** The settled items (done, skipped, failed) with their results and errors, in order: a job's report. */
export function settledJobItems(catalog: Catalog, jobId: string, offset: number, limit: number): { items: JobItemRecord[]; total: number } {
  const items = (
    catalog.db
      .prepare("SELECT seq, input, label, state, result, error FROM job_items WHERE job_id = ? AND state IN ('done', 'skipped', 'failed') ORDER BY seq LIMIT ? OFFSET ?")
      .all(jobId, limit, offset) as ItemRow[]
  ).map(toJobItem);
  const row = jobRow(catalog, jobId);
  return { items, total: row ? row.done + row.skipped + row.failed : 0 };
}

/**
 * Takes over unfinished jobs whose process died (optionally only the one doing `batchKey`): they become this
 * process's, and the items they had in hand go back to pending, to be done again. Jobs of live processes are left
 * alone.
 */
export function claimOrphanJobs(catalog: Catalog, batchKey?: string): JobRecord[] {
  const candidates = (
    batchKey === undefined
      ? catalog.db.prepare(`SELECT * FROM jobs WHERE state IN ${OPEN_STATES}`).all()
      : catalog.db.prepare(`SELECT * FROM jobs WHERE batch_key = ? AND state IN ${OPEN_STATES}`).all(batchKey)
  ) as JobRow[];
  const claimed: JobRecord[] = [];
  for (const row of candidates) {
    const mine = row.owner_pid === self.pid && row.owner_nonce === self.nonce;
    if (mine || (row.owner_pid !== null && isOwnerAlive(catalog.dataDir, { pid: row.owner_pid, nonce: row.owner_nonce ?? '' }))) continue;
    const job = transaction(catalog, () => {
      const result = catalog.db
        .prepare('UPDATE jobs SET owner_pid = ?, owner_nonce = ?, updated_at_ms = ? WHERE id = ? AND owner_pid IS ? AND owner_nonce IS ?')
        .run(self.pid, self.nonce, Date.now(), row.id, row.owner_pid, row.owner_nonce);
      if (result.changes !== 1) return null;
      catalog.db.prepare("UPDATE job_items SET state = 'pending' WHERE job_id = ? AND state = 'running'").run(row.id);
      return toJob(jobRow(catalog, row.id)!);
    });
    if (job) claimed.push(job);
  }
  return claimed;
}

/** Finished and cancelled jobs older than `keepMs` go, with their items. */
export function pruneJobs(catalog: Catalog, keepMs: number, now = Date.now()): number {
  return transaction(catalog, () => {
    const old = catalog.db
      .prepare("SELECT id FROM jobs WHERE state IN ('finished', 'cancelled') AND finished_at_ms < ?")
      .all(now - keepMs) as { id: string }[];
    for (const { id } of old) {
      catalog.db.prepare('DELETE FROM job_items WHERE job_id = ?').run(id);
      catalog.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
    }
    return old.length;
  });
}

/** A live (not trashed, not being deleted) item already developed from the same source with the same recipe. */
export function findDeveloped(catalog: Catalog, developKey: string): string | null {
  const row = catalog.db
    .prepare("SELECT id FROM items WHERE develop_key = ? AND state IN ('pending', 'done') AND trashed_at IS NULL LIMIT 1")
    .get(developKey) as { id: string } | undefined;
  return row?.id ?? null;
}
