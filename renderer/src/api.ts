import { createClient, createPreloadTransport, createWebSocketTransport, type Client, type PreloadBridge } from '../../main/shared/contract/index.ts';

declare global {
  interface Window {
    darkslide?: PreloadBridge;
  }
}

/**
 * The one place that picks a transport: Electron's preload bridge when present,
 * else the loopback WebSocket whose token came in the page URL. Everything
 * else in the renderer talks to `api` and cannot tell which it got.
 */
function connect(): Client {
  if (window.darkslide) return createClient(createPreloadTransport(window.darkslide));
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createClient(createWebSocketTransport({ origin: window.location.origin, token }));
}

export const api: Client = connect();
