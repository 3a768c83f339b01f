// The desktop shell as it starts for a user: the REAL main bundle
// (out/main/index.cjs) and preload (out/preload/index.cjs), evaluated in Node
// with a STAND-IN for the Electron binary, which cannot run on these machines
// (see electron-stand-in.ts). The services behind it are real: the library on
// disk, the demo camera through ffmpeg, sharp, exiftool.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { WebContentsStandIn, type BrowserWindowStandIn, type ElectronStandIn } from './electron-stand-in.ts';
import { buildShell, descendants, loadShell, PRELOAD_BUNDLE, RENDERER_DIR, root, running, setEnv, until } from './harness.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type Bridge = { call(method: string, input: unknown): Promise<Result>; subscribe(event: string, listener: (...args: unknown[]) => void): () => void };
type Item = { id: string; relPath: string; kind: string };

const CALL = 'darkslide:call:';
const isLinux = process.platform === 'linux';

describe('the desktop shell, real bundles on an Electron STAND-IN (no Electron binary can run here), real services', () => {
  const dirs = tempDir('shell');
  const libraryRoot = path.join(dirs.path, 'library');
  const dataDir = path.join(dirs.path, 'data');
  let restoreEnv: () => void;
  let electron: ElectronStandIn;
  let window: BrowserWindowStandIn;
  let bridge: Bridge;
  let beforeReady: { webContentsCreatedListeners: number; windows: number };
  let shot: Item;

  beforeAll(async () => {
    buildShell();
    restoreEnv = setEnv({ DARKSLIDE_LIBRARY: libraryRoot, DARKSLIDE_DATA: dataDir, FFMPEG_PATH: undefined });
    await agreeToPrivacyNotice(dataDir);
    electron = loadShell();
    beforeReady = { webContentsCreatedListeners: electron.app.listenerCount('web-contents-created'), windows: electron.windows.length };
    await electron.fireReady();
    window = await until('the window to load the page', () => {
      if (electron.errorBoxes.length) throw new Error(`start-up failed: ${JSON.stringify(electron.errorBoxes)}`);
      return electron.windows[0]?.webContents.loaded && electron.windows[0];
    });
    bridge = window.webContents.world!.exposed.darkslide as Bridge;
  });

  afterAll(async () => {
    if (electron && electron.exitCode === null && electron.windows.length) {
      for (const open of [...electron.windows]) open.close();
      await electron.exited;
    }
    restoreEnv?.();
    dirs.remove();
  });

  test('before ready: both schemes are privileged, every renderer is sandboxed and every webContents is guarded', () => {
    const [registration, ...more] = electron.callsTo('protocol.registerSchemesAsPrivileged');
    expect(more).toEqual([]);
    expect(registration?.beforeReady).toBe(true);
    const schemes = Object.fromEntries(electron.privilegedSchemes.map((scheme) => [scheme.scheme, scheme.privileges]));
    expect(schemes.app).toMatchObject({ standard: true, secure: true });
    expect(schemes['darkslide-media']).toMatchObject({ standard: true, secure: true, stream: true });
    for (const privileges of Object.values(schemes)) expect(privileges).not.toMatchObject({ bypassCSP: true });
    expect(electron.callsTo('app.enableSandbox')).toEqual([expect.objectContaining({ beforeReady: true })]);
    expect(beforeReady).toEqual({ webContentsCreatedListeners: 1, windows: 0 });
    // Schemes are handled once the app is ready, before the window asks for its page.
    const handled = electron.calls.findIndex((call) => call.api === 'protocol.handle');
    expect(handled).toBeGreaterThan(electron.calls.findIndex((call) => !call.beforeReady));
    expect(handled).toBeLessThan(electron.calls.findIndex((call) => call.api === 'new BrowserWindow'));
  });

  test('the session denies every permission and device, and the page is the only thing that loads', async () => {
    const session = electron.session!;
    const contents = window.webContents as unknown as Electron.WebContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midiSysex', 'openExternal', 'fullscreen'] as const) {
      const answer = await new Promise<boolean>((resolve) => session.permissionRequestHandler!(contents, permission, resolve, { requestingUrl: 'app://darkslide/index.html', isMainFrame: true } as never));
      expect([permission, answer]).toEqual([permission, false]);
      expect([permission, session.permissionCheckHandler!(contents, permission, 'app://darkslide', { requestingUrl: 'app://darkslide/index.html', isMainFrame: true } as never)]).toEqual([permission, false]);
    }
    for (const deviceType of ['hid', 'serial', 'usb'] as const) {
      expect(session.devicePermissionHandler!({ deviceType, origin: 'app://darkslide', device: {} } as never)).toBe(false);
    }

    const cancels = async (url: string) => {
      const answer = await new Promise<Electron.CallbackResponse>((resolve) =>
        session.beforeRequest.listener!({ id: 1, url, method: 'GET', resourceType: 'other', referrer: '', timestamp: 0, uploadData: [] }, resolve),
      );
      return answer.cancel === true;
    };
    for (const foreign of ['https://example.com/', 'http://127.0.0.1:9/x', 'ws://127.0.0.1:9/', 'file:///etc/passwd', 'data:text/html,hi', 'app://elsewhere/index.html', 'darkslide-media://elsewhere/x/original', 'blob:https://example.com/1']) {
      expect([foreign, await cancels(foreign)]).toEqual([foreign, true]);
    }
    for (const own of ['app://darkslide/index.html', 'darkslide-media://item/abc/thumb', 'blob:app://darkslide/5f0c', 'devtools://devtools/bundled/inspector.html']) {
      expect([own, await cancels(own)]).toEqual([own, false]);
    }
  });

  test('the spellchecker is off and its dictionary download can reach no network; crash reports are never uploaded', async () => {
    const session = electron.session!;
    expect(session.isSpellCheckerEnabled()).toBe(false);
    expect(window.options.webPreferences?.spellcheck).toBe(false);
    // The download Electron starts when the session is created reads the URL a turn later: by then it is ours.
    const fetched = await until('the dictionary download to start', () => session.dictionaryDownloadUrl);
    expect(new URL(fetched).protocol).toBe('app:');
    expect((await electron.request(fetched)).status).toBe(404);
    expect(electron.crashReporterStarts.filter((options) => options.uploadToServer !== false)).toEqual([]);
  });

  test('the window is sandboxed and isolated, with the preload and no way to anywhere else', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, preload: PRELOAD_BUNDLE });
    const contents = window.webContents;
    expect(contents.getURL()).toBe('app://darkslide/index.html');
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://elsewhere/', 'darkslide-media://item/x/original']) {
      expect([url, contents.navigate(url).prevented]).toEqual([url, true]);
      expect([url, contents.navigate(url, contents.mainFrame.addChild('app://darkslide/index.html')).prevented]).toEqual([url, true]);
    }
    expect(contents.navigate('app://darkslide/index.html').prevented).toBe(false);
    expect(contents.redirect('https://example.com/').prevented).toBe(true);
    expect(contents.attachWebview('https://example.com/').prevented).toBe(true);
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://darkslide/index.html')).toEqual({ action: 'deny' });
    // Any webContents, not only the window's: a devtools or popup webContents is guarded the same way.
    const other = new WebContentsStandIn(electron);
    expect(other.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(other.navigate('https://example.com/').prevented).toBe(true);
    expect(warn.mock.calls.map((args) => args.join(' '))).toContain('Darkslide refused to navigate to https://example.com/.');
    warn.mockRestore();
  });

  test('app:// serves the built page with the CSP header, and its scripts and styles with their types', async () => {
    const page = await electron.request('app://darkslide/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8'));
    const csp = Object.fromEntries((page.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }));
    expect(csp['default-src']).toBe("'self'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['frame-ancestors']).toBe("'none'");
    // In the desktop app the page talks to main over IPC: no socket anywhere.
    expect(csp['connect-src']).toBe("'self'");
    expect((await electron.request('app://darkslide/')).status).toBe(200);

    const assets = window.webContents.subresources;
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset.status).toBe(200);
      const expected = asset.url.endsWith('.js') ? /^text\/javascript/ : asset.url.endsWith('.css') ? /^text\/css/ : /./;
      expect([asset.url, asset.contentType]).toEqual([asset.url, expect.stringMatching(expected)]);
    }
  });

  test('app:// never serves a file outside the renderer folder, however the path is written', async () => {
    const outside = mkdtempSync(path.join(path.dirname(RENDERER_DIR), 'outside-'));
    const secret = `not for the page ${Math.random()}`;
    const secretFile = path.join(outside, 'secret.txt');
    writeFileSync(secretFile, secret);
    const name = path.basename(outside);
    try {
      const attempts = [
        `app://darkslide/../${name}/secret.txt`,
        `app://darkslide/..%2f${name}%2fsecret.txt`,
        `app://darkslide/%2e%2e/${name}/secret.txt`,
        `app://darkslide/%2e%2e%2f${name}%2fsecret.txt`,
        `app://darkslide/..%5c${name}%5csecret.txt`,
        `app://darkslide/..\\${name}\\secret.txt`,
        `app://darkslide/${encodeURIComponent(secretFile)}`,
        `app://darkslide//${secretFile}`,
        `app://darkslide/assets/..%2f..%2f${name}/secret.txt`,
        'app://darkslide/%E0%A4%A',
        'app://darkslide/index.html%00.js',
        `app://elsewhere/index.html`,
      ];
      for (const url of attempts) {
        // As the page would send it (canonicalised like any standard-scheme URL, and seen by the webRequest
        // filter, which cancels other hosts) and as a crafted request straight to the handler would.
        const fromPage = await electron.request(url).catch((error: Error) => error);
        if (fromPage instanceof Error) expect([url, fromPage.message]).toEqual([url, expect.stringMatching(/ERR_BLOCKED_BY_CLIENT/)]);
        for (const response of fromPage instanceof Error ? [] : [fromPage]) {
          expect([url, response.status]).toEqual([url, 404]);
          expect(await response.text()).not.toContain(secret);
        }
        const crafted = await electron.callProtocolHandler('app', new Request(url));
        expect([url, crafted.status]).toEqual([url, 404]);
        expect(await crafted.text()).not.toContain(secret);
      }
      expect((await electron.request('app://darkslide/index.html', { method: 'POST' })).status).toBe(405);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('the preload exposes only call and subscribe, answers unknown names itself, and never hands the IPC event to the page', async () => {
    const world = window.webContents.world!;
    expect(Object.keys(world.exposed)).toEqual(['darkslide']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);
    const before = electron.invocations.length;
    expect(await bridge.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
    expect(() => bridge.subscribe('no.such.event', () => undefined)).toThrow(/no event called "no.such.event"/);
    expect(electron.invocations.length).toBe(before);

    const received: unknown[][] = [];
    const stop = bridge.subscribe('library.changed', (...args) => received.push(args));
    window.webContents.send('darkslide:event:library.changed', { kind: 'added', ids: ['x'] });
    stop();
    window.webContents.send('darkslide:event:library.changed', { kind: 'added', ids: ['y'] });
    expect(received).toEqual([[{ kind: 'added', ids: ['x'] }]]);
  });

  test('the preload knows every contract name and carries nothing else: no zod, no message catalogue', async () => {
    const { methodNames, eventNames } = await import('../../main/shared/contract/api.ts');
    const preload = readFileSync(PRELOAD_BUNDLE, 'utf8');
    const list = (name: string) => JSON.parse(new RegExp(`var ${name} = (\\[[^\\]]*\\]);`).exec(preload)?.[1] ?? '[]') as string[];
    expect(list('methodNames').sort()).toEqual([...methodNames].sort());
    expect(list('eventNames').sort()).toEqual([...eventNames].sort());
    expect(preload).not.toMatch(/node_modules\/zod|i18n\/messages/);
    // 916 KB when it imported the contract whole; a sandboxed preload is parsed for every window.
    expect(preload.length).toBeLessThan(16_000);
  });

  test('on Linux there is no system permission to read or open: the privacy panel shows its own switches only', async () => {
    expect(await bridge.call('privacy.osAccess', {})).toEqual({ ok: true, value: { system: null, camera: 'unknown', microphone: 'unknown' } });
    expect(await bridge.call('privacy.openOsSettings', { device: 'microphone' })).toEqual({ ok: true, value: { opened: false } });
    expect(electron.callsTo('systemPreferences.getMediaAccessStatus')).toEqual([]);
  });

  test('the bundle finds the app folder: the open-source notices list the packages it ships', async () => {
    // From out/main the handlers once looked one folder too far up and found no notices at all.
    const result = (await bridge.call('privacy.openSource', {})) as { ok: boolean; value: { packages: { name: string }[] } };
    expect(result.ok).toBe(true);
    expect(result.value.packages.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(['sharp', 'react', 'zod']));
  });

  test("a call from the app's own main frame reaches the real services: the looks on disk, the demo camera, a photo in the library", async () => {
    const looks = await bridge.call('looks.list', {});
    expect(looks).toEqual({ ok: true, value: expect.any(Array) });
    const onDisk = readdirSync(path.join(root, 'resources/looks')).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
    expect((looks as { value: { id: string }[] }).value.map((look) => look.id).sort()).toEqual(onDisk.sort());

    const frames: Uint8Array[] = [];
    const changes: unknown[] = [];
    const stopFrames = bridge.subscribe('viewfinder.frame', (frame) => frames.push((frame as { jpeg: Uint8Array }).jpeg));
    const stopChanges = bridge.subscribe('library.changed', (change) => changes.push(change));
    expect(await bridge.call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    await until('a preview frame through the preload', () => frames.length > 0);
    expect([...frames[0]!.subarray(0, 2)]).toEqual([0xff, 0xd8]);

    const result = await bridge.call('shutter.shoot', { lookId: 'harbor-400' });
    expect(result).toMatchObject({ ok: true });
    shot = (result as { value: Item }).value;
    const file = path.join(libraryRoot, shot.relPath);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Debian's exiftool reads what the encoder wrote, independently.
    const [tags] = JSON.parse(execFileSync('exiftool', ['-json', '-Make', file], { encoding: 'utf8' })) as { Make?: string }[];
    expect(tags?.Make).toBe('Darkslide');
    // The viewer's info panel reads the file's tags through the app's own exiftool (exiftool-vendored).
    const info = await bridge.call('location.itemInfo', { id: shot.id });
    expect(info).toMatchObject({ ok: true });
    await until('library.changed through the preload', () => changes.length > 0);
    stopFrames();
    stopChanges();
  });

  test('a page that falls behind gets fewer viewfinder frames, not a queue: one is in flight until the page takes it', async () => {
    const contents = window.webContents;
    const taken: number[] = [];
    const stopFrames = bridge.subscribe('viewfinder.frame', (frame) => taken.push((frame as { seq: number }).seq));
    expect(await bridge.call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    await until('frames flowing', () => taken.length > 3);
    // The page's main thread stalls (a long task) while the camera goes on at its frame rate.
    contents.stall();
    const sentBefore = contents.sent;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sentWhileStalled = contents.sent - sentBefore;
    contents.idle();
    // About 75 frames came from the camera in 2.5 s; main sent the one in flight, and one more per second that
    // went untaken.
    expect(sentWhileStalled).toBeGreaterThanOrEqual(1);
    expect(sentWhileStalled).toBeLessThanOrEqual(3);
    const afterStall = taken.length;
    await until('frames flowing again once the page takes them', () => taken.length > afterStall + 5);
    // The viewfinder stays on: the tests below turn it off by minimising the window.
    stopFrames();
  });

  test('the same call from another origin, a subframe, another webContents or a gone frame is refused and logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const contents = window.webContents;
    const trash = CALL + 'library.trash';
    const input = { ids: [shot.id] };
    const stranger = new WebContentsStandIn(electron);
    stranger.mainFrame.url = 'app://darkslide/index.html';
    const senders = {
      'the main frame after navigating away': () => {
        contents.mainFrame.url = 'https://evil.example/page?token=secret#fragment';
        return { sender: contents, senderFrame: contents.mainFrame };
      },
      'a subframe of the app': () => ({ sender: contents, senderFrame: contents.mainFrame.addChild('app://darkslide/index.html') }),
      'another webContents showing the app': () => ({ sender: stranger, senderFrame: stranger.mainFrame }),
      'a frame that is gone': () => ({ sender: contents, senderFrame: null }),
    };
    try {
      for (const [who, from] of Object.entries(senders)) {
        const answer = await electron.invoke(trash, from(), [input]);
        contents.mainFrame.url = 'app://darkslide/index.html';
        expect([who, answer]).toEqual([who, { ok: false, error: expect.objectContaining({ code: 'api.forbidden' }) }]);
      }
      // Refused means not done: the photo is still in the album.
      const listed = await bridge.call('library.list', {});
      expect((listed as { value: { items: Item[] } }).value.items.map((item) => item.id)).toEqual([shot.id]);
      const lines = warn.mock.calls.map((args) => args.join(' '));
      expect(lines.filter((line) => line.includes(trash))).toHaveLength(4);
      expect(lines.some((line) => line.includes('https://evil.example/page'))).toBe(true);
      expect(lines.join('\n')).not.toMatch(/token=secret|#fragment/);
    } finally {
      contents.mainFrame.url = 'app://darkslide/index.html';
      warn.mockRestore();
    }
  });

  test("the system's open dialog, modal to the window, gives the page a handle to the chosen file, never its path", async () => {
    const chosen = path.join(dirs.path, 'holiday photo.jpg');
    writeFileSync(chosen, readFileSync(path.join(libraryRoot, shot.relPath)));
    electron.dialogAnswers.push([chosen]);
    const picked = await bridge.call('files.pick', { purpose: 'develop', filters: [{ name: 'Photos', extensions: ['jpg'] }] });
    expect(picked).toMatchObject({ ok: true, value: { handles: [{ name: 'holiday photo.jpg', bytes: statSync(chosen).size, kind: 'file' }] } });
    expect(JSON.stringify(picked)).not.toContain(dirs.path);
    const [shown] = electron.dialogsShown;
    expect(shown?.modalTo).toBe(window);
    expect(shown?.options).toMatchObject({ properties: ['openFile'], filters: [{ name: 'Photos', extensions: ['jpg'] }] });
    // Cancelled: nothing.
    expect(await bridge.call('files.pick', { purpose: 'develop' })).toEqual({ ok: true, value: { handles: [] } });
  });

  test('darkslide-media:// serves a library item by id, honours ranges, and serves nothing outside the library', async () => {
    const file = path.join(libraryRoot, shot.relPath);
    const bytes = readFileSync(file);
    const url = `darkslide-media://item/${encodeURIComponent(shot.id)}/original`;
    const whole = await electron.request(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await electron.request(url, { headers: { range: 'bytes=100-299' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-299/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 300))).toBe(true);
    const tail = await electron.request(url, { headers: { range: 'bytes=-64' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 64))).toBe(true);
    expect((await electron.request(url, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);

    const thumb = await electron.request(`darkslide-media://item/${encodeURIComponent(shot.id)}/thumb`);
    expect(thumb.status).toBe(200);
    expect(Buffer.from(await thumb.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    for (const wrong of [
      'darkslide-media://item/no-such-id/original',
      `darkslide-media://item/${encodeURIComponent('../../../../etc/passwd')}/original`,
      `darkslide-media://item/${encodeURIComponent(file)}/original`,
      `darkslide-media://item/${encodeURIComponent(shot.id)}/secret`,
      `darkslide-media://item/${encodeURIComponent(shot.id)}/original/more`,
      `darkslide-media://elsewhere/${encodeURIComponent(shot.id)}/original`,
    ]) {
      const fromPage = await electron.request(wrong).then((response) => response.status, (error: Error) => error.message);
      expect([wrong, fromPage]).toEqual([wrong, expect.toSatisfy((answer) => answer === 404 || /ERR_BLOCKED_BY_CLIENT/.test(String(answer)))]);
      expect([wrong, (await electron.callProtocolHandler('darkslide-media', new Request(wrong))).status]).toEqual([wrong, 404]);
    }

    // A library file swapped for a link to somewhere else is refused, not followed.
    const outside = mkdtempSync(path.join(dirs.path, 'outside-'));
    const secret = `not for the page ${Math.random()}`;
    writeFileSync(path.join(outside, 'secret.jpg'), secret);
    renameSync(file, `${file}.kept`);
    try {
      symlinkSync(path.join(outside, 'secret.jpg'), file);
      const escaped = await electron.request(url);
      expect(escaped.status).toBe(404);
      expect(await escaped.text()).not.toContain(secret);
    } finally {
      rmSync(file, { force: true });
      renameSync(`${file}.kept`, file);
    }
  });

  test.runIf(isLinux)('minimising the window turns the camera off, restoring it turns it back on (ffmpeg seen in /proc)', async () => {
    const ffmpeg = () => descendants().filter((child) => /ffmpeg/.test(child.command) && running(child.pid));
    const [before] = await until('the viewfinder ffmpeg', () => ffmpeg().length > 0 && ffmpeg());
    window.minimize();
    await until('the viewfinder ffmpeg to end', () => !running(before!.pid));
    window.restore();
    const [after] = await until('a new viewfinder ffmpeg', () => ffmpeg().length > 0 && ffmpeg());
    expect(after!.pid).not.toBe(before!.pid);
  });

  test.runIf(isLinux)('closing the window quits the app and ends every ffmpeg and exiftool it started (pids checked in /proc)', async () => {
    // The info panel's read above started exiftool (the shutter writes EXIF without it); the viewfinder runs ffmpeg.
    const children = descendants();
    expect(children.some((child) => /ffmpeg/.test(child.command))).toBe(true);
    expect(children.some((child) => /exiftool/.test(child.command))).toBe(true);
    window.close();
    expect(await electron.exited).toBe(0);
    expect(electron.callsTo('app.quit').length).toBeGreaterThanOrEqual(2);
    await until('every child to end', () => children.every((child) => !running(child.pid)), 10_000);
    expect(descendants().filter((child) => running(child.pid))).toEqual([]);
    // The window's place is kept for next time.
    const state = JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as { bounds: Electron.Rectangle };
    expect(state.bounds).toEqual(window.getNormalBounds());
    expect(existsSync(path.join(dataDir, `window-state.json.${process.pid}.tmp`))).toBe(false);
  });
});
