import type { EventName, EventPayload, MediaVariantT, MethodName } from './api.ts';
import type { ErrorData } from './errors.ts';

/**
 * What every transport provides to the client. The renderer only ever sees a
 * Client built on one of these, so it cannot tell IPC from WebSocket.
 */
export type Transport = {
  call(method: MethodName, input: unknown): Promise<unknown>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** A URL the renderer may put in <img>/<video> for a library item. */
  mediaUrl(itemId: string, variant: MediaVariantT): string;
};

/** The main side: what a transport server hands calls to. */
export type Dispatcher = {
  dispatch(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorData }>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
};
