// The jobs engine: long work over many items (develop a batch, import folders; export and geotag next) that runs in
// the background with progress, pause, resume and cancel, and is trusted after a crash. One engine serves the app
// (main/app/handlers/jobs.ts, progress as `job.progress` events) and the CLI (a progress bar on a terminal).
//
// How it keeps its promises
// - Every job and item is journalled in the library's catalog (migration 008, main/library/sql/jobs.ts). An item's
//   outcome is written when it settles; after a SIGKILL the next start (createJobEngine(...).resumeInterrupted(),
//   or starting the same batch again) takes over the dead process's job and redoes at most the items it had in hand.
// - A kind's work must be atomic per item: it writes through the library's add journal (or its own temp file +
//   link), so an item killed half way leaves no partial file, and it records an idempotency key with what it made
//   (items.develop_key) so redoing an item that had in fact finished makes no duplicate.
// - Cancel aborts the items in hand through their AbortSignal and is announced at once; pause lets them finish.
//   A bad item is recorded with its error (the shared error language's data) and the job goes on.
//
// Adding a kind (export, geotag, ...): write a JobKind (see kind.ts) where the services it composes are wired,
// main/app/jobs/<kind>.ts (develop.ts and import.ts are the models):
//   export const geotagKind: JobKind<GeotagParams, GeotagInput> = {
//     kind: 'geotag',
//     concurrency: 2,                                    // items at once
//     params: (raw) => GeotagParams.parse(raw),          // checked settings, stored with the job as JSON
//     expand: async function* (inputs, params, signal) { yield inputs.map((i) => ({ input: i, label: ... })) },  // optional
//     label: (input) => 'DS_2026....jpg',                // what the progress shows as the current item
//     async run(input, { params, signal, library, jobId }) { ...; return { result: { itemId } } },  // or { skipped: 'why' }
//   };
// then list it in main/app/jobs/index.ts `jobKinds` (the app and the CLI both build their engine from that list),
// give it a start method in the contract (main/shared/contract/methods/jobs.ts: 'job.<kind>' returning
// JobProgress) and a handler in main/app/handlers/jobs.ts that calls `jobs.start('<kind>', params, inputs)`. Its errors are DarkslideErrors from
// the shared error tables; progress, pause, resume, cancel, errors and crash recovery come from the engine.
export { createJobEngine, type JobEngine, type JobEngineOptions } from './engine.ts';
export type { ItemContext, ItemOutcome, JobKind, JobProgress } from './kind.ts';
