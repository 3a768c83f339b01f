import type { EventName, EventPayload, MethodName } from '../api.ts';
import { DarkslideError, type ErrorData } from '../errors.ts';
import type { Transport } from '../transport.ts';

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

export function createPreloadTransport(bridge: PreloadBridge): Transport {
  return {
    async call(method, input) {
      const result = await bridge.call(method, input);
      if (!result.ok) throw DarkslideError.fromData(result.error);
      return result.value;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.subscribe(event, listener as (payload: unknown) => void);
    },
    mediaUrl(itemId, variant) {
      return `${MEDIA_SCHEME}://item/${encodeURIComponent(itemId)}/${variant}`;
    },
  };
}
