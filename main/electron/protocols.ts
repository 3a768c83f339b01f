// app:// serves the built renderer (not file://, so the page has a real origin
// and a CSP header); darkslide-media:// serves library files by opaque id and
// can only ever read inside the library root (the library resolves and checks
// containment).
//
// Both answer from the disk themselves instead of forwarding to
// net.fetch('file://…'): Electron's file loader ignores Range, so videos could
// not seek (electron/electron#38749), and net.fetch runs through the session's
// webRequest filter, which refuses file:// (security.ts).
import { protocol } from 'electron';
import { MediaVariant, type MediaVariantT } from '../shared/contract/api.ts';
import { MEDIA_SCHEME } from '../shared/contract/transports/electron-channels.ts';
import { APP_CONTENT_SECURITY_POLICY } from '../transport/csp.ts';
import { fileResponse, resolveInside } from '../transport/files.ts';
import { APP_HOST, APP_SCHEME, MEDIA_HOST } from './origin.ts';


/** Must run before the app is ready, and only once. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs resolve and the page gets an origin of its own; secure: a secure context.
    // No corsEnabled and no bypassCSP: the page only loads media with <img> and <video>, which need neither.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // stream: <video> plays a response while it arrives instead of waiting for the whole file.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404 });
const readOnly = (request: Request) => request.method === 'GET' || request.method === 'HEAD';

export function handleProtocols(options: { rendererDir: string; media: (id: string, variant: MediaVariantT) => Promise<string> }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (!readOnly(request)) return new Response('Method not allowed', { status: 405 });
    if (url.host !== APP_HOST) return notFound();
    const file = await resolveInside(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return notFound();
    return fileResponse(request, file, { 'content-security-policy': APP_CONTENT_SECURITY_POLICY });
  });

  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (!readOnly(request)) return new Response('Method not allowed', { status: 405 });
    const [, rawId, variant, ...rest] = url.pathname.split('/');
    const parsed = MediaVariant.safeParse(variant);
    if (url.host !== MEDIA_HOST || !rawId || rest.length > 0 || !parsed.success) return notFound();
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return notFound();
    }
    // The library answers only for ids in its catalog and checks that the file is inside its root.
    const file = await options.media(id, parsed.data).catch(() => null);
    return file ? fileResponse(request, file) : notFound();
  });
}
