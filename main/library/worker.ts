// The library's worker thread: it owns the catalog connection and does every query and file move of the library,
// so the app's main thread (which relays viewfinder frames and window events) never waits on SQLite or on the
// file system. It serves the Library interface to remote.ts, one message per call, in the order they come.
import { parentPort } from 'node:worker_threads';
import { openLibrary } from './catalog.ts';
import type { Library } from './types.ts';
import { fromWire, toWire, type FromWorker, type ToWorker } from './wire.ts';

const port = parentPort;
if (!port) throw new Error('main/library/worker.ts runs as a worker thread (remote.ts starts it)');

let library: Library | null = null;
let stopListening: (() => void) | null = null;
let nextCallback = 1;
const callbacks = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
const send = (message: FromWorker) => port.postMessage(message);
/** Calls being served: 'closed' is sent after their results, since the caller ends the thread when it hears it. */
const serving = new Set<Promise<void>>();

function methodOf(lib: Library, method: string): (...args: unknown[]) => Promise<unknown> {
  const [group, name] = method.includes('.') ? method.split('.') : [null, method];
  const owner = (group ? (lib as unknown as Record<string, unknown>)[group] : lib) as Record<string, unknown> | undefined;
  const fn = owner?.[name!];
  if (typeof fn !== 'function') throw new Error(`library worker: no method ${method}`);
  return fn as (...args: unknown[]) => Promise<unknown>;
}

async function serve(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  try {
    if (!library) throw new Error('library worker: not open');
    const args = message.args;
    const input = args[0] as Record<string, unknown> | undefined;
    // Buffers arrive as Uint8Arrays; those that were Buffers on the caller's side become Buffers again.
    for (const key of message.buffers ?? []) {
      const bytes = input![key] as Uint8Array;
      input![key] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (message.callback !== undefined) {
      // beforeCommit runs where the caller is (it writes EXIF with the caller's exiftool); the add waits for it.
      input!.beforeCommit = (tempFile: string) =>
        new Promise<void>((resolve, reject) => {
          const id = nextCallback++;
          callbacks.set(id, { resolve, reject });
          send({ type: 'callback', id, call: message.id, args: [tempFile] });
        });
    }
    const value = await methodOf(library, message.method)(...args);
    send({ type: 'result', id: message.id, value });
  } catch (error) {
    send({ type: 'result', id: message.id, error: toWire(error) });
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      openLibrary(message.options).then(
        (opened) => {
          library = opened;
          send({ type: 'opened', root: opened.root, dataDir: opened.dataDir, recovery: opened.recovery });
        },
        (error: unknown) => send({ type: 'open-failed', error: toWire(error) }),
      );
      return;
    case 'call': {
      const served = serve(message);
      serving.add(served);
      void served.finally(() => serving.delete(served));
      return;
    }
    case 'callback-result': {
      const waiting = callbacks.get(message.id);
      callbacks.delete(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(fromWire(message.error));
      else waiting.resolve();
      return;
    }
    case 'listen':
      if (message.on && !stopListening && library) stopListening = library.onChange((event) => send({ type: 'change', event }));
      if (!message.on && stopListening) {
        stopListening();
        stopListening = null;
      }
      return;
    case 'close':
      stopListening?.();
      stopListening = null;
      void (library?.close() ?? Promise.resolve())
        .then(() => Promise.allSettled([...serving]))
        .finally(() => send({ type: 'closed' }));
      return;
  }
});
