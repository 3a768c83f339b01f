// app:// serves the built renderer (not file://, so the page has a real origin
// and a CSP header); darkslide-media:// serves library files by opaque id and
// can only ever read inside the library root (the library resolves and checks
// containment).
import { net, protocol } from 'electron';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MediaVariant, type MediaVariantT } from '../shared/contract/api.ts';
import { MEDIA_SCHEME } from '../shared/contract/transports/preload-client.ts';
import { CONTENT_SECURITY_POLICY } from '../transport/csp.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://darkslide`;

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function handleProtocols(options: { rendererDir: string; media: (id: string, variant: MediaVariantT) => Promise<string> }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'darkslide') return new Response('Not found', { status: 404 });
    const root = await realpath(options.rendererDir);
    const wanted = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = await realpath(path.join(root, path.normalize(wanted))).catch(() => null);
    if (!file || !file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const [, rawId, variant] = url.pathname.split('/');
    if (url.host !== 'item' || !rawId || !MediaVariant.safeParse(variant).success) return new Response('Not found', { status: 404 });
    try {
      const file = await options.media(decodeURIComponent(rawId), variant as MediaVariantT);
      // Forward Range so videos stream and seek.
      return await net.fetch(pathToFileURL(file).toString(), { headers: request.headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
