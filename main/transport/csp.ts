// One policy for both hosts of the renderer (app:// in Electron, 127.0.0.1 in
// the browser). No remote origins at all: the app makes no network requests.
// connect-src allows the loopback WebSocket only in the web host; in Electron
// 'self' is app:// and there is no socket to reach.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: darkslide-media:",
  "media-src 'self' blob: darkslide-media:",
  "connect-src 'self' ws://127.0.0.1:*",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
