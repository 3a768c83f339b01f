// What the Electron main process, the preload and the page agree on, kept apart from the transport code:
// the sandboxed preload bundles this file and nothing heavier (no zod, no message catalogue).
import type { EventName, MethodName } from '../api.ts';
import type { ErrorData } from '../errors.ts';

/** What preload/ exposes on `window.darkslide` through contextBridge. */
export type PreloadBridge = {
  call(method: MethodName, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorData }>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
};

export const MEDIA_SCHEME = 'darkslide-media';
/** IPC channel names: one per contract method, one per event. */
export const IPC_CALL_PREFIX = 'darkslide:call:';
export const IPC_EVENT_PREFIX = 'darkslide:event:';
/** The page took a viewfinder frame: main sends the next one only then (or after a second), so a busy page gets fewer frames, not a queue. */
export const IPC_FRAME_TAKEN = 'darkslide:frame-taken';
