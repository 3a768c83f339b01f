import type { EventName, EventPayload } from '../api.ts';
import { DarkslideError } from '../errors.ts';
import type { Transport } from '../transport.ts';
import { MEDIA_SCHEME, type PreloadBridge } from './electron-channels.ts';

export type { PreloadBridge };

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
