import { createHash, randomBytes } from 'node:crypto';
import type { JobItemRecord, JobRecord, JobState, Library } from '../library/index.ts';
import { DarkslideError, toErrorData } from '../shared/errors/index.ts';
import type { JobKind, JobProgress } from './kind.ts';

export type JobEngineOptions = {
  library: Library;
  kinds: JobKind<never, never>[];
  /** Every change of every job this engine runs or controls, at most ~10 a second per job (state changes at once). */
  onProgress?: (progress: JobProgress) => void;
  /** Finished and cancelled jobs are forgotten after this long (default 30 days). */
  keepFinishedMs?: number;
};

export type JobEngine = {
  /**
   * Starts a job, or takes up the unfinished one doing the same batch (same kind, settings and inputs) whose
   * process died or which was paused. Resolves as soon as it is journalled; the work runs in the background.
   */
  start(kind: string, params: unknown, inputs: unknown[]): Promise<JobProgress>;
  pause(jobId: string): Promise<JobProgress>;
  resume(jobId: string): Promise<JobProgress>;
  /** Announced at once: the items in hand are aborted; one already past the point of no return is counted done. */
  cancel(jobId: string): Promise<JobProgress>;
  get(jobId: string): Promise<JobProgress>;
  list(): Promise<JobProgress[]>;
  errors(jobId: string, offset?: number, limit?: number): Promise<{ items: { seq: number; label: string; error: NonNullable<JobItemRecord['error']> }[]; total: number }>;
  /** Takes over the jobs of processes that died (not paused ones: they wait for resume) and runs them. */
  resumeInterrupted(): Promise<JobProgress[]>;
  /** Resolves when the job has finished, been cancelled, or paused with nothing left in hand. */
  settled(jobId: string): Promise<JobProgress>;
  /** Stops: items in hand are aborted and stay unfinished in the journal, so the next start redoes them. */
  close(): Promise<void>;
};

const PROGRESS_EVERY_MS = 100;
const FETCH_BATCH = 32;
/** How often a running job re-reads its own state, to hear a pause or cancel from another process. */
const FOREIGN_CHECK_MS = 500;
const ETA_WINDOW = 24;

type Running = {
  record: JobRecord;
  kind: JobKind<unknown, unknown>;
  params: unknown;
  controller: AbortController;
  inHand: Map<number, string>;
  /** Items fetched from the journal, not started yet. */
  queue: JobItemRecord[];
  /** The highest seq fetched so far: pending items after it are next. */
  cursor: number;
  loop: Promise<void> | null;
  settleTimes: number[];
  lastEmit: number;
  emitTimer: NodeJS.Timeout | null;
  lastForeignCheck: number;
  waiters: ((progress: JobProgress) => void)[];
};

function isOpen(state: JobState): boolean {
  return state === 'scanning' || state === 'running' || state === 'paused';
}

export function batchKey(kind: string, params: unknown, inputs: unknown[]): string {
  return createHash('sha256').update(JSON.stringify([kind, params, inputs])).digest('hex');
}

export function createJobEngine(options: JobEngineOptions): JobEngine {
  const { library } = options;
  const journal = library.jobs;
  const kinds = new Map(options.kinds.map((kind) => [kind.kind, kind as unknown as JobKind<unknown, unknown>]));
  const running = new Map<string, Running>();
  let closed = false;
  const keepMs = options.keepFinishedMs ?? 30 * 24 * 3600 * 1000;
  void journal.prune(keepMs).catch(() => undefined);

  function kindOf(name: string): JobKind<unknown, unknown> {
    const kind = kinds.get(name);
    if (!kind) throw new DarkslideError('job.unknown-kind', { kind: name });
    return kind;
  }

  function progressOf(record: JobRecord, run?: Running): JobProgress {
    const settled = record.done + record.skipped + record.failed;
    let etaSec: number | null = null;
    if (run && record.state === 'running' && run.settleTimes.length >= 3) {
      const times = run.settleTimes;
      const rate = (times.length - 1) / ((times[times.length - 1]! - times[0]!) / 1000);
      if (rate > 0 && Number.isFinite(rate)) etaSec = Math.round((record.total - settled) / rate);
    }
    return {
      jobId: record.id,
      kind: record.kind,
      state: record.state,
      done: settled,
      total: record.total,
      skipped: record.skipped,
      failed: record.failed,
      current: run ? [...run.inHand.values()] : [],
      etaSec,
      finished: !isOpen(record.state),
      ownedHere: record.ownedHere,
      createdAt: new Date(record.createdAtMs).toISOString(),
    };
  }

  function emitNow(run: Running): void {
    if (run.emitTimer) clearTimeout(run.emitTimer);
    run.emitTimer = null;
    run.lastEmit = Date.now();
    const progress = progressOf(run.record, run);
    try {
      options.onProgress?.(progress);
    } catch (error) {
      console.error('jobs: a progress listener failed:', error);
    }
  }

  /** Item-level changes are coalesced; state changes go out at once. */
  function emitSoon(run: Running): void {
    const wait = PROGRESS_EVERY_MS - (Date.now() - run.lastEmit);
    if (wait <= 0) return emitNow(run);
    run.emitTimer ??= setTimeout(() => emitNow(run), wait);
  }

  function wake(run: Running): void {
    if (run.record.state === 'paused' && run.inHand.size > 0) return;
    if (isOpen(run.record.state) && run.record.state !== 'paused') return;
    const progress = progressOf(run.record, run);
    for (const waiter of run.waiters.splice(0)) waiter(progress);
  }

  async function refresh(run: Running): Promise<void> {
    const fresh = await journal.get(run.record.id);
    if (fresh) run.record = fresh;
  }

  function startLoop(run: Running): void {
    run.loop ??= loop(run)
      .catch((error) => {
        // The catalog went away (closed, disk gone): the job stays unfinished in the journal for the next start.
        console.error(`jobs: job ${run.record.id} stopped:`, (error as Error).message);
      })
      .finally(() => {
        run.loop = null;
        emitNow(run);
        wake(run);
        if (!isOpen(run.record.state)) running.delete(run.record.id);
      });
  }

  /** Finds the items of a job whose kind expands its inputs (folders into files), from the start. */
  async function scan(run: Running): Promise<void> {
    const inputs = await journal.inputs(run.record.id);
    await journal.clearItems(run.record.id);
    run.record = { ...run.record, total: 0, done: 0, skipped: 0, failed: 0 };
    for await (const batch of run.kind.expand!(inputs as never[], run.params as never, run.controller.signal)) {
      if (run.controller.signal.aborted || closed) return;
      await journal.addItems(run.record.id, batch);
      run.record = { ...run.record, total: run.record.total + batch.length };
      emitSoon(run);
    }
    if (run.controller.signal.aborted || closed) return;
    // Paused while scanning: the items are all known, they wait for resume.
    const current = (await journal.get(run.record.id)) ?? run.record;
    run.record = current.state === 'scanning' ? ((await journal.setState(run.record.id, 'running')) ?? current) : current;
    emitNow(run);
  }

  async function loop(run: Running): Promise<void> {
    const slots = new Set<Promise<void>>();
    for (;;) {
      if (closed || run.controller.signal.aborted) break;
      if (Date.now() - run.lastForeignCheck > FOREIGN_CHECK_MS) {
        run.lastForeignCheck = Date.now();
        const before = run.record.state;
        await refresh(run);
        if (run.record.state !== before) emitNow(run);
        if (run.record.state === 'cancelled') run.controller.abort();
      }
      const state = run.record.state;
      const taking = state === 'running';
      while (taking && slots.size < run.kind.concurrency) {
        if (run.queue.length === 0) {
          run.queue = await journal.pendingItems(run.record.id, run.cursor, FETCH_BATCH);
          if (run.queue.length === 0) break;
          run.cursor = run.queue[run.queue.length - 1]!.seq;
        }
        const item = run.queue.shift()!;
        const slot = runItem(run, item).finally(() => slots.delete(slot));
        slots.add(slot);
      }
      if (slots.size === 0) {
        if (taking && run.queue.length === 0) {
          run.record = (await journal.setState(run.record.id, 'finished')) ?? run.record;
        }
        break;
      }
      await Promise.race(slots);
    }
    await Promise.allSettled([...slots]);
  }

  async function runItem(run: Running, item: JobItemRecord): Promise<void> {
    run.inHand.set(item.seq, item.label);
    emitSoon(run);
    const { signal } = run.controller;
    try {
      const outcome = await run.kind.run(item.input as never, { jobId: run.record.id, params: run.params as never, signal, library });
      if (closed) return;
      if (signal.aborted && run.record.state === 'cancelled') {
        // It finished anyway (past the point where an abort can undo it): its file exists, so the job says so.
        if (outcome.skipped === undefined) {
          const updated = await journal.setItemState(run.record.id, item.seq, 'done', outcome.result === undefined ? {} : { result: outcome.result });
          if (updated) run.record = updated;
        }
        return;
      }
      const updated =
        outcome.skipped !== undefined
          ? await journal.setItemState(run.record.id, item.seq, 'skipped', { result: { reason: outcome.skipped, ...(outcome.result === undefined ? {} : { value: outcome.result }) } })
          : await journal.setItemState(run.record.id, item.seq, 'done', outcome.result === undefined ? {} : { result: outcome.result });
      if (updated) run.record = updated;
    } catch (error) {
      // Aborted by cancel or close: cancel has marked it already; on close it stays unfinished for the next start.
      if (signal.aborted || closed) return;
      const data = toErrorData(error);
      const updated = await journal.setItemState(run.record.id, item.seq, 'failed', { error: { code: data.code, message: data.message, ...(data.params ? { params: data.params } : {}) } });
      if (updated) run.record = updated;
    } finally {
      run.inHand.delete(item.seq);
      run.settleTimes.push(Date.now());
      if (run.settleTimes.length > ETA_WINDOW) run.settleTimes.shift();
      emitSoon(run);
      wake(run);
    }
  }

  function adopt(record: JobRecord): Running {
    const existing = running.get(record.id);
    if (existing) return existing;
    const kind = kindOf(record.kind);
    const run: Running = {
      record,
      kind,
      params: record.params,
      controller: new AbortController(),
      inHand: new Map(),
      queue: [],
      cursor: -1,
      loop: null,
      settleTimes: [],
      lastEmit: 0,
      emitTimer: null,
      lastForeignCheck: Date.now(),
      waiters: [],
    };
    running.set(record.id, run);
    return run;
  }

  function launch(run: Running): void {
    if (run.record.state === 'scanning') {
      run.loop = scan(run)
        .catch((error) => {
          console.error(`jobs: scanning for job ${run.record.id} stopped:`, (error as Error).message);
        })
        .finally(() => {
          run.loop = null;
          if (run.record.state === 'running' && !closed) startLoop(run);
          else wake(run);
        });
      return;
    }
    if (run.record.state === 'running') startLoop(run);
  }

  async function record(jobId: string): Promise<JobRecord> {
    const found = await journal.get(jobId);
    if (!found) throw new DarkslideError('job.not-found', { id: jobId });
    return found;
  }

  function assertOpen(): void {
    if (closed) throw new DarkslideError('job.engine-closed');
  }

  return {
    async start(kindName, rawParams, inputs) {
      assertOpen();
      const kind = kindOf(kindName);
      const params = kind.params(rawParams);
      if (!Array.isArray(inputs) || inputs.length === 0) throw new DarkslideError('job.nothing-to-do');
      const key = batchKey(kindName, params, inputs);
      // The same batch, left unfinished by a process that died (or paused): take it up where it stopped.
      const [orphan] = await journal.claimOrphans(key);
      const open = orphan ?? (await journal.list()).find((job) => job.batchKey === key && job.ownedHere && isOpen(job.state));
      if (open) {
        const run = adopt(open);
        if (run.record.state === 'paused') run.record = (await journal.setState(open.id, open.total > 0 ? 'running' : 'scanning')) ?? run.record;
        if (!run.loop) launch(run);
        emitNow(run);
        return progressOf(run.record, run);
      }
      const expands = kind.expand !== undefined;
      const jobRecord = await journal.create({
        id: randomBytes(8).toString('hex'),
        kind: kindName,
        params,
        batchKey: key,
        inputs,
        state: expands ? 'scanning' : 'running',
        ...(expands ? {} : { items: inputs.map((input) => ({ input, label: kind.label(input) })) }),
      });
      const run = adopt(jobRecord);
      launch(run);
      emitNow(run);
      return progressOf(run.record, run);
    },

    async pause(jobId) {
      const run = running.get(jobId);
      const current = run?.record ?? (await record(jobId));
      if (current.state !== 'running' && current.state !== 'scanning') return progressOf(current, run);
      const updated = (await journal.setState(jobId, 'paused')) ?? current;
      if (run) {
        run.record = updated;
        emitNow(run);
        wake(run);
      }
      return progressOf(updated, run);
    },

    async resume(jobId) {
      assertOpen();
      let run = running.get(jobId);
      const current = run?.record ?? (await record(jobId));
      if (current.state !== 'paused') return progressOf(current, run);
      if (!run) {
        // A paused job of a process that is gone (or of this one, before a restart) is taken over here.
        const [claimed] = await journal.claimOrphans(current.batchKey);
        if (!claimed && !current.ownedHere) throw new DarkslideError('job.owned-elsewhere', { id: jobId });
        run = adopt(claimed ?? current);
      }
      run.record = (await journal.setState(jobId, run.record.total > 0 ? 'running' : 'scanning')) ?? run.record;
      emitNow(run);
      if (!run.loop) launch(run);
      return progressOf(run.record, run);
    },

    async cancel(jobId) {
      const run = running.get(jobId);
      const current = run?.record ?? (await record(jobId));
      if (!isOpen(current.state)) return progressOf(current, run);
      if (run) {
        // Heard at once: the items in hand stop now, the journal follows.
        run.controller.abort();
        run.record = { ...run.record, state: 'cancelled' };
        emitNow(run);
      }
      const updated = (await journal.setState(jobId, 'cancelled')) ?? current;
      if (run) {
        run.record = updated;
        emitNow(run);
        wake(run);
        if (!run.loop) running.delete(jobId);
      }
      return progressOf(updated, run);
    },

    async get(jobId) {
      const run = running.get(jobId);
      return progressOf(run?.record ?? (await record(jobId)), run);
    },

    async list() {
      return (await journal.list()).map((job) => {
        const run = running.get(job.id);
        return progressOf(run?.record ?? job, run);
      });
    },

    async errors(jobId, offset = 0, limit = 100) {
      await record(jobId);
      const page = await journal.errors(jobId, offset, limit);
      return { items: page.items.map((item) => ({ seq: item.seq, label: item.label, error: item.error! })), total: page.total };
    },

    async resumeInterrupted() {
      assertOpen();
      const claimed = await journal.claimOrphans();
      const resumed: JobProgress[] = [];
      for (const job of claimed) {
        if (!kinds.has(job.kind)) continue;
        const run = adopt(job);
        launch(run);
        emitNow(run);
        resumed.push(progressOf(run.record, run));
      }
      return resumed;
    },

    async settled(jobId) {
      const run = running.get(jobId);
      if (!run) return progressOf(await record(jobId));
      const idle = !isOpen(run.record.state) || (run.record.state === 'paused' && run.inHand.size === 0 && !run.loop);
      if (idle) return progressOf(run.record, run);
      return new Promise((resolve) => run.waiters.push(resolve));
    },

    async close() {
      if (closed) return;
      closed = true;
      const loops: Promise<void>[] = [];
      for (const run of running.values()) {
        run.controller.abort();
        if (run.emitTimer) clearTimeout(run.emitTimer);
        if (run.loop) loops.push(run.loop);
      }
      await Promise.allSettled(loops);
      for (const run of running.values()) for (const waiter of run.waiters.splice(0)) waiter(progressOf(run.record, run));
      running.clear();
    },
  };
}
