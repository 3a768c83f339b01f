// The Library served by a worker thread (worker.ts), for the app: its main thread relays every viewfinder frame
// and window event, and a catalog query over 100,000 items or a trash of 5,000 files would freeze it for hundreds
// of milliseconds to seconds (npm run bench:main-thread). Here each call is a message; the worker owns the one
// connection, runs the same plain functions as openLibrary does in-process, and serves calls as they come (several may be
// under way at once, as with the in-process library's async calls); it reads them in the order sent. Change events
// are sent before the result of the call that made them, as in-process listeners hear them before the call resolves.
import { Worker } from 'node:worker_threads';
import { DarkslideError } from '../shared/errors/index.ts';
import type { ChangeEvent, Library, OpenLibraryOptions } from './types.ts';
import { fromWire, toWire, type FromWorker, type ToWorker } from './wire.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void; beforeCommit?: (tempFile: string) => Promise<void> };

/** Above this, a buffer crosses to the worker in shared memory, copied there in slices (see intoSharedMemory). */
const SHARE_BYTES = 1 << 20;
const COPY_SLICE = 4 << 20;

/**
 * Moves the large buffers of a call (a developed photo, its original: 5-20 MB each) into SharedArrayBuffers a
 * slice at a time, with a turn of the event loop between. postMessage would copy each in one piece on this thread
 * (about 1.2 ms a MB), and the worker then reads the shared copy without a second one.
 */
async function intoSharedMemory(fields: Record<string, unknown>, keys: string[]): Promise<void> {
  for (const key of keys) {
    const bytes = fields[key] as Buffer;
    if (bytes.length < SHARE_BYTES || bytes.buffer instanceof SharedArrayBuffer) continue;
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    for (let o = 0; o < bytes.length; o += COPY_SLICE) {
      shared.set(bytes.subarray(o, Math.min(bytes.length, o + COPY_SLICE)), o);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    fields[key] = shared;
  }
}

/** Where the worker's script is: beside this file in the sources; the Electron build rewrites it to its bundle. */
function workerUrl(): URL {
  return new URL('./worker.ts', import.meta.url);
}

/**
 * Opens the library in a worker thread: the same interface, behaviour and errors as openLibrary, with every query
 * and file move off the calling thread. The worker is released by close().
 */
export function openLibraryInWorker(options: OpenLibraryOptions): Promise<Library> {
  const worker = new Worker(workerUrl());
  // Messages leave in the order they were sent, even while a call's buffers are still being copied into shared
  // memory (the worker reads them in order, and close must come after every call before it).
  let outbox: Promise<void> | null = null;
  const send = (message: ToWorker, prepare?: Promise<void>, failed?: (error: unknown) => void): void => {
    const deliver = () => {
      try {
        worker.postMessage(message);
      } catch (error) {
        // Only a call can carry something that cannot cross; a dead worker is reported by its 'error' event.
        failed?.(error);
      }
    };
    if (!outbox && !prepare) return deliver();
    const tail: Promise<void> = (outbox ?? Promise.resolve()).then(() => prepare?.catch(() => undefined)).then(deliver);
    outbox = tail;
    void tail.then(() => {
      if (outbox === tail) outbox = null;
    });
  };
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ChangeEvent) => void>();
  let nextId = 1;
  let closed = false;
  let dead: Error | null = null;
  let closing: Promise<void> | null = null;
  let onClosed: (() => void) | null = null;
  let opened: { resolve: (library: Library) => void; reject: (error: unknown) => void } | null = null;

  // The worker keeps the process alive only while a call is waiting on it, as an in-process library would.
  const holdWhileBusy = () => {
    if (pending.size > 0 || opened || closing) worker.ref();
    else worker.unref();
  };

  const fail = (error: Error) => {
    dead = error;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(error);
    }
    opened?.reject(error);
    opened = null;
    onClosed?.();
  };
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => {
    if (!dead) fail(new Error(`the library's worker thread stopped (exit code ${code})`));
  });

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'opened':
        opened?.resolve(build(message.root, message.dataDir, message.recovery));
        opened = null;
        break;
      case 'open-failed':
        opened?.reject(fromWire(message.error));
        opened = null;
        closing = Promise.resolve();
        void worker.terminate();
        break;
      case 'result': {
        const p = pending.get(message.id);
        if (!p) break;
        pending.delete(message.id);
        if (message.error) p.reject(fromWire(message.error));
        else p.resolve(message.value);
        break;
      }
      case 'callback': {
        const p = pending.get(message.call);
        const run = p?.beforeCommit ? Promise.resolve().then(() => p.beforeCommit!(message.args[0] as string)) : Promise.reject(new Error('no callback'));
        run.then(
          () => send({ type: 'callback-result', id: message.id }),
          (error: unknown) => send({ type: 'callback-result', id: message.id, error: toWire(error) }),
        );
        break;
      }
      case 'change':
        for (const listener of [...listeners]) {
          try {
            listener(message.event);
          } catch {
            // One broken listener must not stop the others (as in the in-process feed).
          }
        }
        break;
      case 'closed':
        onClosed?.();
        break;
    }
    holdWhileBusy();
  });

  const call = <T>(method: string, ...args: unknown[]): Promise<T> => {
    if (closed) return Promise.reject(new DarkslideError('library.closed'));
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    const message: Extract<ToWorker, { type: 'call' }> = { type: 'call', id, method, args };
    let beforeCommit: ((tempFile: string) => Promise<void>) | undefined;
    const input = args[0];
    if ((method === 'addShot' || method === 'addFile') && input && typeof input === 'object') {
      const fields = { ...(input as Record<string, unknown>) };
      const buffers = Object.keys(fields).filter((key) => Buffer.isBuffer(fields[key]));
      if (buffers.length > 0) message.buffers = buffers;
      if (typeof fields.beforeCommit === 'function') {
        beforeCommit = fields.beforeCommit as (tempFile: string) => Promise<void>;
        delete fields.beforeCommit;
        message.callback = 1;
      }
      message.args = [fields, ...args.slice(1)];
    }
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(beforeCommit ? { beforeCommit } : {}) });
      holdWhileBusy();
      send(message, message.buffers ? intoSharedMemory(message.args[0] as Record<string, unknown>, message.buffers) : undefined, (error) => {
        // Something that cannot cross a thread (a function, a class instance): the same refusal in-process would be
        // a validation error, so say which call it was.
        if (!pending.delete(id)) return;
        holdWhileBusy();
        reject(error instanceof Error ? new Error(`library.${method}: ${error.message}`, { cause: error }) : error);
      });
    });
  };

  const build = (root: string, dataDir: string, recovery: Library['recovery']): Library => ({
    root,
    dataDir,
    recovery,
    addShot: (input) => call('addShot', input),
    addFile: (input) => call('addFile', input),
    list: (query) => call('list', query),
    get: (id) => call('get', id),
    trash: (ids) => call('trash', ids),
    restore: (ids) => call('restore', ids),
    emptyTrash: () => call('emptyTrash'),
    mediaPath: (id, variant) => call('mediaPath', id, variant),
    setLocation: (id, location) => call('setLocation', id, location),
    forgetLocations: () => call('forgetLocations'),
    onChange(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      if (listeners.size === 1) send({ type: 'listen', on: true });
      return () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0 && !closed && !dead) send({ type: 'listen', on: false });
      };
    },
    jobs: {
      create: (job) => call('jobs.create', job),
      addItems: (jobId, items) => call('jobs.addItems', jobId, items),
      clearItems: (jobId) => call('jobs.clearItems', jobId),
      get: (jobId) => call('jobs.get', jobId),
      list: (limit) => call('jobs.list', limit),
      setState: (jobId, state) => call('jobs.setState', jobId, state),
      inputs: (jobId) => call('jobs.inputs', jobId),
      pendingItems: (jobId, afterSeq, limit) => call('jobs.pendingItems', jobId, afterSeq, limit),
      setItemState: (jobId, seq, state, outcome) => call('jobs.setItemState', jobId, seq, state, outcome),
      errors: (jobId, offset, limit) => call('jobs.errors', jobId, offset, limit),
      settled: (jobId, offset, limit) => call('jobs.settled', jobId, offset, limit),
      claimOrphans: (batchKey) => call('jobs.claimOrphans', batchKey),
      prune: (keepMs) => call('jobs.prune', keepMs),
      findDeveloped: (developKey) => call('jobs.findDeveloped', developKey),
    },
    album: {
      layout: (query) => call('album.layout', query),
      range: (query, offset, limit) => call('album.range', query, offset, limit),
      position: (query, id) => call('album.position', query, id),
    },
    setFavourite: (ids, favourite) => call('setFavourite', ids, favourite),
    purgeTrash: (now) => call('purgeTrash', now),
    setTrashKeepDays: (days) => call('setTrashKeepDays', days),
    imports: {
      findBySource: (hash) => call('imports.findBySource', hash),
      known: (file, size, mtimeMs) => call('imports.known', file, size, mtimeMs),
      remember: (file, size, mtimeMs, hash) => call('imports.remember', file, size, mtimeMs, hash),
    },
    close() {
      if (closing) return closing;
      closed = true;
      listeners.clear();
      // Held until the worker has let go of the catalog: a process that closes and exits leaves nothing half done.
      worker.ref();
      closing = new Promise<void>((resolve) => {
        onClosed = resolve;
        if (dead) resolve();
        else send({ type: 'close' });
      }).then(async () => {
        await worker.terminate();
      });
      return closing;
    },
  });

  return new Promise<Library>((resolve, reject) => {
    opened = { resolve, reject };
    holdWhileBusy();
    send({ type: 'open', options });
  });
}
