import type { JobState, Library } from '../library/index.ts';

/** What a kind's item work is given. */
export type ItemContext<P> = {
  jobId: string;
  params: P;
  /** Aborted when the job is cancelled or the engine closes: stop, and leave nothing half written. */
  signal: AbortSignal;
  library: Library;
};

/** An item's outcome: done (with a JSON-able result, e.g. the new item's id), or skipped with the reason. */
export type ItemOutcome = { result?: unknown; skipped?: string };

export type JobKind<P = unknown, I = unknown> = {
  kind: string;
  /** How many items of one job run at once. */
  concurrency: number;
  /** Checks and normalises the settings a caller gave (throws a DarkslideError naming the field). */
  params(raw: unknown): P;
  /**
   * Turns what the caller named into items, in batches (e.g. folders into the files in them, found as it walks).
   * Without it every input is one item. Runs while the job is 'scanning'; after a crash the scan starts over.
   */
  expand?(inputs: I[], params: P, signal: AbortSignal): AsyncIterable<{ input: I; label: string }[]>;
  /** What the progress shows for an item (a file name). */
  label(input: I): string;
  /** Does one item. Throws a DarkslideError for a bad item: it is recorded and the job goes on. */
  run(input: I, context: ItemContext<P>): Promise<ItemOutcome>;
};

/** A job as progress shows it (the `job.progress` event and every job.* answer). */
export type JobProgress = {
  jobId: string;
  kind: string;
  state: JobState;
  /** Items settled (developed, skipped or failed) of `total`: what the progress bar shows. */
  done: number;
  total: number;
  skipped: number;
  failed: number;
  /** Labels of the items in hand (a file name each). */
  current: string[];
  /** Estimated seconds left while running; null until a few items have finished. */
  etaSec: number | null;
  /** True once nothing more will happen: finished or cancelled. */
  finished: boolean;
  /** Run by this process; jobs of another Darkslide (app or command) on the same library are shown too. */
  ownedHere: boolean;
  createdAt: string;
};
