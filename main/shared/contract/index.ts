export * from './api.ts';
export { DarkslideError, errorText, isErrorCode, toErrorData, type ErrorCode, type ErrorData, type ErrorParams } from './errors.ts';
export { createClient, type Client } from './client.ts';
export type { Transport, Dispatcher } from './transport.ts';
export { createMemoryTransport } from './transports/memory.ts';
export { createWebSocketTransport } from './transports/websocket-client.ts';
export { createPreloadTransport, type PreloadBridge } from './transports/preload-client.ts';
export { MEDIA_SCHEME } from './transports/electron-channels.ts';
