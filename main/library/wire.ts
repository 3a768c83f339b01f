// What crosses between the library's worker thread (worker.ts) and the main thread (remote.ts): plain data the
// structured clone keeps as it is (Dates too), with errors and Buffers marked so each side rebuilds them.
import { DarkslideError, isErrorCode, type ErrorParams } from '../shared/errors/index.ts';
import type { ChangeEvent, OpenLibraryOptions, RecoveryReport } from './types.ts';

/** A Library method by its path in the interface: 'trash', 'jobs.get', 'album.range', ... */
export type MethodPath = string;

export type ToWorker =
  | { type: 'open'; options: OpenLibraryOptions }
  | { type: 'call'; id: number; method: MethodPath; args: unknown[]; buffers?: string[]; callback?: number }
  | { type: 'callback-result'; id: number; error?: WireError }
  | { type: 'listen'; on: boolean }
  | { type: 'close' };

export type FromWorker =
  | { type: 'opened'; root: string; dataDir: string; recovery: RecoveryReport }
  | { type: 'open-failed'; error: WireError }
  | { type: 'result'; id: number; value?: unknown; error?: WireError }
  | { type: 'callback'; id: number; call: number; args: unknown[] }
  | { type: 'change'; event: ChangeEvent }
  | { type: 'closed' };

export type WireError = {
  darkslide: boolean;
  code?: string;
  params?: ErrorParams;
  field?: string;
  name: string;
  message: string;
  stack?: string;
};

export function toWire(error: unknown): WireError {
  if (error instanceof DarkslideError) {
    return { darkslide: true, code: error.code, params: error.params, ...(error.field ? { field: error.field } : {}), name: error.name, message: error.message };
  }
  const plain = error instanceof Error ? error : new Error(String(error));
  const code = (plain as NodeJS.ErrnoException).code;
  return { darkslide: false, name: plain.name, message: plain.message, ...(code ? { code } : {}), ...(plain.stack ? { stack: plain.stack } : {}) };
}

/** The same error the library would have thrown in this thread: a DarkslideError is built anew from its code. */
export function fromWire(wire: WireError): Error {
  if (wire.darkslide && wire.code) {
    if (isErrorCode(wire.code)) return new DarkslideError(wire.code, wire.params ?? {}, wire.field ? { field: wire.field } : {});
    return DarkslideError.fromData({ code: wire.code, message: wire.message, ...(wire.params ? { params: wire.params } : {}), ...(wire.field ? { field: wire.field } : {}) });
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code) (error as NodeJS.ErrnoException).code = wire.code;
  if (wire.stack) error.stack = wire.stack;
  return error;
}
