import type { EventName, EventPayload, MethodName } from '../api.ts';
import { DarkslideError } from '../errors.ts';
import { decodeMessage, encodeMessage, type WireEvent, type WireReply, type WireRequest } from '../framing.ts';
import type { Transport } from '../transport.ts';

/**
 * Client side of the loopback WebSocket transport, used by `npm run dev:web`
 * and the end-to-end tests. Works with the browser's WebSocket and Node 24's.
 */
export function createWebSocketTransport(options: { origin: string; token: string }): Transport {
  const wsUrl = `${options.origin.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(options.token)}`;
  const socket = new WebSocket(wsUrl);
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new DarkslideError('api.transport-closed')), { once: true });
  });
  opened.catch(() => undefined);
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let closed = false;
  const closeListeners = new Set<() => void>();

  socket.addEventListener('message', (message: MessageEvent) => {
    const decoded = decodeMessage(new Uint8Array(message.data as ArrayBuffer)) as WireReply | WireEvent;
    if (decoded.t === 'reply') {
      const waiter = pending.get(decoded.id);
      pending.delete(decoded.id);
      if (!waiter) return;
      if (decoded.ok) waiter.resolve(decoded.value);
      else waiter.reject(DarkslideError.fromData(decoded.error));
    } else if (decoded.t === 'event') {
      for (const listener of listeners.get(decoded.event) ?? []) listener(decoded.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const waiter of pending.values()) waiter.reject(new DarkslideError('api.transport-closed'));
    pending.clear();
    for (const listener of closeListeners) listener();
    closeListeners.clear();
  });

  return {
    async call(method: MethodName, input: unknown) {
      await opened;
      // A message sent on a closed socket is dropped without an error: the call would wait for ever.
      if (socket.readyState !== socket.OPEN) throw new DarkslideError('api.transport-closed');
      const id = nextId++;
      const request: WireRequest = { t: 'call', id, method, input };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(encodeMessage(request));
      });
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
    mediaUrl(itemId, variant) {
      return `${options.origin}/media/${encodeURIComponent(itemId)}/${variant}?token=${encodeURIComponent(options.token)}`;
    },
    onClose(listener) {
      // A page that subscribes late (after a refused or dropped connection) must still hear of it.
      if (closed) {
        listener();
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => void closeListeners.delete(listener);
    },
  };
}
