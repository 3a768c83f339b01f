import type { EventName, EventPayload } from '../api.ts';
import { DarkslideError } from '../errors.ts';
import type { Dispatcher, Transport } from '../transport.ts';

/**
 * In-process transport for unit tests. Inputs and outputs still go through
 * structuredClone so a test sees what a real transport would deliver.
 */
export function createMemoryTransport(dispatcher: Dispatcher, mediaBase = 'memory://media'): Transport {
  return {
    async call(method, input) {
      const result = await dispatcher.dispatch(method, structuredClone(input));
      if (!result.ok) throw DarkslideError.fromData(result.error);
      return structuredClone(result.value);
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return dispatcher.onEvent((name, payload) => {
        if (name === event) listener(payload as EventPayload<E>);
      });
    },
    mediaUrl(itemId, variant) {
      return `${mediaBase}/${encodeURIComponent(itemId)}/${variant}`;
    },
  };
}
