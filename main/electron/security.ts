import { app, type Event, type Session, type WebContents } from 'electron';
import { APP_ORIGIN, describeUrl, isAppUrl, isOwnUrl } from './origin.ts';

/**
 * Where the spellchecker would fetch Hunspell dictionaries: our own scheme, which has none, so a download fails
 * without a network request. Electron loads the dictionaries of the OS language when the session object is
 * created, spellcheck on or off (electron/electron#22995), so turning the spellchecker off is not enough.
 */
export const NO_DICTIONARIES_URL = `${APP_ORIGIN}/no-spellcheck-dictionaries/`;

/**
 * Must run in the same task that first touches the session (`session.defaultSession`): creating it starts the
 * dictionary load, and the download reads the URL on a later turn of the loop.
 *
 * Electron approves every permission unless both handlers are set. Capture runs in the main process with
 * ffmpeg, so the page needs no permission at all, not even `media`, nor any USB, HID or serial device.
 */
export function lockDownSession(ses: Session, options: { devTools: boolean }): void {
  ses.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARIES_URL);
  ses.setSpellCheckerEnabled(false);
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: anything that is not the app's own is cancelled, whoever asks (page or main process).
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isOwnUrl(details.url, options) }));
}

export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // will-navigate covers the main frame, will-frame-navigate every frame: nothing but the app's own page.
    const stayHome = (event: Event<{ url: string }>) => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      console.warn(`Darkslide refused to navigate to ${describeUrl(event.url)}.`);
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-frame-navigate', stayHome);
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
