// What "the app's own" means to the shell: the page on app://darkslide and the
// library media on darkslide-media://item. Every check (IPC sender, navigation,
// webRequest) compares scheme and host of a parsed URL, never URL.origin: Node's
// URL gives the origin "null" to every scheme it does not know
// (new URL('app://darkslide/').origin === 'null').
import { MEDIA_SCHEME } from '../shared/contract/transports/electron-channels.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'darkslide';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The only host of darkslide-media:// (preload-client.ts builds `darkslide-media://item/<id>/<variant>`). */
export const MEDIA_HOST = 'item';

/** True for a URL of the app's page (app://darkslide/…). */
export function isAppUrl(raw: string): boolean {
  const url = URL.parse(raw);
  return url?.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** True for the app's own pages, blobs and media (and DevTools while developing): nothing else is ever loaded. */
export function isOwnUrl(raw: string, options: { devTools: boolean }): boolean {
  const url = URL.parse(raw);
  if (!url) return false;
  if (url.protocol === 'blob:') return isAppUrl(url.pathname);
  if (url.protocol === `${MEDIA_SCHEME}:`) return url.host === MEDIA_HOST;
  if (url.protocol === 'devtools:') return options.devTools;
  return isAppUrl(raw);
}

/** A URL for the log: scheme, host and path, never a query or fragment (they can carry anything). */
export function describeUrl(raw: string | undefined): string {
  const url = raw === undefined ? null : URL.parse(raw);
  if (!url) return '(no valid URL)';
  return url.host ? `${url.protocol}//${url.host}${url.pathname}` : `${url.protocol}…`;
}
