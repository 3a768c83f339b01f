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
  /**
   * For a transport whose connection can end under the page (the loopback WebSocket, when Darkslide stops or
   * restarts with a new token): calls fail from then on, and the page may want to find out why. The listener
   * runs once, at once if the connection has already closed. Electron's IPC lives as long as the window, so
   * its transport has none.
   */
  onClose?(listener: () => void): () => void;
};

/** The main side: what a transport server hands calls to. */
export type Dispatcher = {
  dispatch(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorData }>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
};
