// The engine over a real library catalog (its journal is the catalog's). The kinds here are the test's own: items
// whose work the test opens and closes, so every state change happens where the test wants it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { createJobEngine, type JobEngine, type JobKind, type JobProgress } from './index.ts';

const dirs: string[] = [];
let library: Library;
let engine: JobEngine | null = null;
let events: JobProgress[] = [];

/** Per item: resolves (or fails) when the test says so, or when the job's signal aborts. */
class Gates {
  readonly started: number[] = [];
  readonly finished: number[] = [];
  readonly #open = new Map<number, () => void>();
  #waiters: (() => void)[] = [];

  run = async (n: number, signal: AbortSignal): Promise<{ result: number }> => {
    this.started.push(n);
    this.#waiters.splice(0).forEach((wake) => wake());
    await new Promise<void>((resolve, reject) => {
      this.#open.set(n, resolve);
      signal.addEventListener('abort', () => reject(new DarkslideError('job.cancelled')), { once: true });
    });
    if (n < 0) throw new DarkslideError('develop.not-a-photo', { file: `photo${n}.jpg` });
    this.finished.push(n);
    return { result: n * 10 };
  };

  release(n: number): void {
    this.#open.get(n)?.();
  }

  async untilStarted(count: number): Promise<void> {
    while (this.started.length < count) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Lets items finish in this order, each once it has started. */
  async releaseInOrder(items: number[]): Promise<void> {
    for (const n of items) {
      while (!this.started.includes(n)) await new Promise<void>((resolve) => this.#waiters.push(resolve));
      this.release(n);
    }
  }
}

function gatedKind(gates: Gates, concurrency = 2): JobKind<{ tag: string }, number> {
  return {
    kind: 'gated',
    concurrency,
    params: (raw) => raw as { tag: string },
    label: (n) => `photo${n}.jpg`,
    run: (n, { signal }) => gates.run(n, signal),
  };
}

/** A kind that finds its items by expanding each input n into n items, in batches of two. */
const expandingKind: JobKind<null, number> = {
  kind: 'expanding',
  concurrency: 1,
  params: () => null,
  label: (n) => `item ${n}`,
  async *expand(inputs) {
    for (const input of inputs) {
      const items = Array.from({ length: input }, (_, i) => ({ input: input * 100 + i, label: `item ${input * 100 + i}` }));
      for (let i = 0; i < items.length; i += 2) yield items.slice(i, i + 2);
    }
  },
  run: async (n) => (n % 100 === 1 ? { skipped: 'seen before' } : { result: n }),
};

function start(kinds: JobKind<never, never>[]): JobEngine {
  engine = createJobEngine({ library, kinds, onProgress: (progress) => events.push(progress) });
  return engine;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ds-jobs-'));
  dirs.push(dir);
  library = await openLibrary({ root: path.join(dir, 'root'), dataDir: path.join(dir, 'data') });
  events = [];
});

afterEach(async () => {
  await engine?.close();
  engine = null;
  await library.close();
});

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('jobs engine', () => {
  it('runs every item, at most `concurrency` at once, and reports done/total and the files in hand', async () => {
    const gates = new Gates();
    const jobs = start([gatedKind(gates) as JobKind<never, never>]);
    const started = await jobs.start('gated', { tag: 'a' }, [1, 2, 3, 4, 5]);
    expect(started).toMatchObject({ kind: 'gated', state: 'running', done: 0, total: 5, finished: false });
    await gates.untilStarted(2);
    await tick();
    expect(gates.started).toEqual([1, 2]);
    expect((await jobs.get(started.jobId)).current.sort()).toEqual(['photo1.jpg', 'photo2.jpg']);
    await gates.releaseInOrder([1, 2, 3, 4, 5]);
    const end = await jobs.settled(started.jobId);
    expect(end).toMatchObject({ state: 'finished', done: 5, total: 5, failed: 0, skipped: 0, finished: true, current: [] });
    expect(gates.finished.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(events.at(-1)).toMatchObject({ jobId: started.jobId, state: 'finished', done: 5 });
    // Progress never goes backwards.
    const dones = events.map((event) => event.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('lists a bad item with its error and goes on', async () => {
    const gates = new Gates();
    const jobs = start([gatedKind(gates, 1) as JobKind<never, never>]);
    const { jobId } = await jobs.start('gated', { tag: 'b' }, [1, -2, 3]);
    await gates.releaseInOrder([1, -2, 3]);
    const end = await jobs.settled(jobId);
    expect(end).toMatchObject({ state: 'finished', done: 3, failed: 1 });
    expect(gates.finished).toEqual([1, 3]);
    const errors = await jobs.errors(jobId);
    expect(errors.total).toBe(1);
    expect(errors.items).toEqual([
      { seq: 1, label: 'photo-2.jpg', error: expect.objectContaining({ code: 'develop.not-a-photo', message: expect.stringContaining('photo-2.jpg') }) as unknown },
    ]);
  });

  it('pauses after the items in hand, and resumes with the rest, none done twice', async () => {
    const gates = new Gates();
    const jobs = start([gatedKind(gates) as JobKind<never, never>]);
    const { jobId } = await jobs.start('gated', { tag: 'c' }, [1, 2, 3, 4]);
    await gates.untilStarted(2);
    const paused = await jobs.pause(jobId);
    expect(paused).toMatchObject({ state: 'paused', done: 0 });
    gates.release(1);
    gates.release(2);
    const idle = await jobs.settled(jobId);
    // The two in hand finished; nothing new started while paused.
    expect(idle).toMatchObject({ state: 'paused', done: 2 });
    expect(gates.started).toEqual([1, 2]);
    await jobs.resume(jobId);
    await gates.releaseInOrder([3, 4]);
    expect(await jobs.settled(jobId)).toMatchObject({ state: 'finished', done: 4 });
    expect(gates.started).toEqual([1, 2, 3, 4]);
  });

  it('acknowledges cancel without waiting for the items in hand, and aborts them', async () => {
    const gates = new Gates();
    const jobs = start([gatedKind(gates) as JobKind<never, never>]);
    const { jobId } = await jobs.start('gated', { tag: 'd' }, [1, 2, 3]);
    await gates.untilStarted(2);
    // The items in hand would never finish by themselves: only their signal can end them.
    const cancelled = await jobs.cancel(jobId);
    expect(cancelled).toMatchObject({ state: 'cancelled', finished: true });
    expect(events.some((event) => event.state === 'cancelled')).toBe(true);
    expect(await jobs.settled(jobId)).toMatchObject({ state: 'cancelled', done: 0 });
    expect(gates.started).toEqual([1, 2]);
    expect(gates.finished).toEqual([]);
    expect(await library.jobs.pendingItems(jobId, -1, 10)).toEqual([]);
  });

  it('an item in hand that finishes after a cancel (its file already filed) is counted done, not lost', async () => {
    const started: number[] = [];
    let finish: (() => void) | null = null;
    const committing: JobKind<{ tag: string }, number> = {
      kind: 'committing',
      concurrency: 1,
      params: (raw) => raw as { tag: string },
      label: (n) => `photo${n}.jpg`,
      // Past the point of no return (the album write has begun), an item ignores the abort and completes.
      run: async (n) => {
        started.push(n);
        await new Promise<void>((resolve) => (finish = resolve));
        return { result: n * 10 };
      },
    };
    const jobs = start([committing as JobKind<never, never>]);
    const { jobId } = await jobs.start('committing', { tag: 'c' }, [1, 2]);
    while (started.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await jobs.cancel(jobId)).toMatchObject({ state: 'cancelled' });
    finish!();
    await expect.poll(async () => (await library.jobs.get(jobId))?.done, { timeout: 5000 }).toBe(1);
    expect(await library.jobs.get(jobId)).toMatchObject({ state: 'cancelled', done: 1 });
    expect(started).toEqual([1]);
  });

  it('a closed engine leaves its job unfinished; the next engine takes it over and redoes only the items in hand', async () => {
    const first = new Gates();
    const jobs = createJobEngine({ library, kinds: [gatedKind(first) as JobKind<never, never>] });
    const { jobId } = await jobs.start('gated', { tag: 'e' }, [1, 2, 3, 4]);
    await first.untilStarted(2);
    first.release(1);
    await first.untilStarted(3);
    // Quit with items 2 and 3 in hand.
    await jobs.close();
    expect(await library.jobs.get(jobId)).toMatchObject({ state: 'running', done: 1 });

    // The same process again (a restart keeps neither the engine nor its memory): the job is its own already, so
    // only a dead owner's jobs are taken over by resumeInterrupted; starting the same batch again takes it up.
    const second = new Gates();
    const again = start([gatedKind(second) as JobKind<never, never>]);
    const resumed = await again.start('gated', { tag: 'e' }, [1, 2, 3, 4]);
    expect(resumed.jobId).toBe(jobId);
    await second.releaseInOrder([2, 3, 4]);
    expect(await again.settled(jobId)).toMatchObject({ state: 'finished', done: 4 });
    expect(second.started.sort()).toEqual([2, 3, 4]);
  });

  it('expands inputs into items while scanning, then runs them; skipped items are counted apart', async () => {
    const jobs = start([expandingKind as JobKind<never, never>]);
    const started = await jobs.start('expanding', null, [3, 2]);
    expect(started.state).toBe('scanning');
    const end = await jobs.settled(started.jobId);
    expect(end).toMatchObject({ state: 'finished', total: 5, done: 5, skipped: 2, failed: 0 });
    expect(events.some((event) => event.state === 'scanning')).toBe(true);
    expect((await jobs.list()).map((job) => job.jobId)).toContain(started.jobId);
  });

  it('refuses unknown kinds, empty batches and jobs it does not know, in the shared error language', async () => {
    const jobs = start([expandingKind as JobKind<never, never>]);
    await expect(jobs.start('export', {}, [1])).rejects.toMatchObject({ code: 'job.unknown-kind' });
    await expect(jobs.start('expanding', null, [])).rejects.toMatchObject({ code: 'job.nothing-to-do' });
    await expect(jobs.pause('nope')).rejects.toMatchObject({ code: 'job.not-found' });
  });
});
