// One policy for both hosts of the renderer (app:// in Electron, 127.0.0.1 in
// the browser). No remote origins at all: the app makes no network requests.
// Only the web host talks over the loopback WebSocket; in Electron the page
// talks to main over IPC, so its policy allows no socket at all.
function policy(connectSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: darkslide-media:",
    "media-src 'self' blob: darkslide-media:",
    `connect-src ${connectSrc}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The web host's policy (dev:web and the e2e tests). */
export const CONTENT_SECURITY_POLICY = policy("'self' ws://127.0.0.1:*");

/** The desktop app's policy, sent with every app:// response. */
export const APP_CONTENT_SECURITY_POLICY = policy("'self'");
