// Long work that runs in the background with progress (develop batches, imports; exports and geotagging next).
// Every job.* answer and every `job.progress` event is a JobProgress. `done` counts settled items (developed,
// skipped as already done, or failed) out of `total`: what the progress bar shows. A failed item does not stop
// its job; its error is listed by job.errors in the shared error language (code + params, shown translated).
import { z } from 'zod';
import { id, method, nothing, unit } from './define.ts';

export const JobState = z.enum(['scanning', 'running', 'paused', 'cancelled', 'finished']);

export const JobProgress = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: JobState,
  done: z.number(),
  total: z.number(),
  skipped: z.number(),
  failed: z.number(),
  /** File names of the items in hand. */
  current: z.array(z.string()),
  /** Seconds left, while running, once a few items have finished; null otherwise. */
  etaSec: z.number().nullable(),
  /** Finished or cancelled: nothing more will happen. */
  finished: z.boolean(),
  /** Run by this window's Darkslide (jobs of a `darkslide` command on the same album are listed too). */
  ownedHere: z.boolean(),
  createdAt: z.string(),
  message: z.string().optional(),
});

export const JobItemError = z.object({
  seq: z.number(),
  /** The file (or album item's file name) that failed. */
  label: z.string(),
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});

const jobId = z.object({ jobId: id }).strict();

export const jobsMethods = {
  /** Develops album items (their kept originals) again through a camera, as a job. */
  'job.develop': method(
    z.object({ ids: z.array(id).min(1).max(100_000), lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(),
    JobProgress,
  ),
  /**
   * Imports files and folders (handles from files.pick with purpose 'import', folders walked recursively): each
   * photo's file kept untouched as its original and developed through the camera; videos copied as they are.
   * Files already in the album (same content) and files unchanged since the last import are skipped.
   */
  'job.import': method(
    z.object({ files: z.array(id).min(1).max(10_000), lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(),
    JobProgress,
  ),
  /** Recent jobs, newest first (running, paused, and those finished in the last 30 days). */
  'job.list': method(nothing, z.array(JobProgress)),
  'job.get': method(jobId, JobProgress),
  /** Takes effect after the items in hand. */
  'job.pause': method(jobId, JobProgress),
  'job.resume': method(jobId, JobProgress),
  /** Acknowledged at once; the items in hand stop and leave nothing behind, except one already being filed, which is counted done. */
  'job.cancel': method(jobId, JobProgress),
  /** The items that failed, with their errors, in order. */
  'job.errors': method(
    z.object({ jobId: id, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    z.object({ items: z.array(JobItemError), total: z.number() }),
  ),
};

export const jobsEvents = {
  'job.progress': JobProgress,
};
