// The real desktop app on the real Electron binary, through Playwright's
// _electron. It runs wherever the binary exists (ELECTRON_OVERRIDE_DIST_PATH,
// or node_modules/electron/dist after `npx install-electron`); elsewhere every
// test here is skipped and the reason is printed. The same points are shown
// on every machine by tests/shell/, which loads the same bundles on a stand-in
// for Electron; this file is where the binary itself has the last word.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { electronBinary } from '../support/electron.ts';
import { tempDir } from '../support/temp.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mainBundle = path.join(root, 'out/main/index.cjs');
const binary = electronBinary();
if ('missing' in binary) console.log(`Electron launch tests skipped: ${binary.missing} tests/shell/ covers the same points on a stand-in for Electron.`);
const executablePath = 'path' in binary ? binary.path : '';

type Result = { ok: boolean; value?: unknown; error?: { code: string } };
const call = (page: Page, method: string, input: unknown) =>
  page.evaluate(([m, i]) => (window as unknown as { darkslide: { call(m: string, i: unknown): Promise<Result> } }).darkslide.call(m, i), [method, input] as const);

/** Child processes of `pid` as the OS lists them (Linux /proc). */
function descendants(pid: number): { pid: number; command: string }[] {
  if (process.platform !== 'linux') return [];
  const rows = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(entry), ppid, command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
      } catch {
        return [];
      }
    });
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => rows.filter((row) => row.ppid === parent).forEach((row) => (found.push(row), visit(row.pid)));
  visit(pid);
  return found;
}

describe.skipIf('missing' in binary)('the desktop app on the real Electron binary', () => {
  // Made in beforeAll, not here: a skipped describe still runs its body, never its afterAll.
  let dirs: ReturnType<typeof tempDir>;
  let libraryRoot: string;
  let app: ElectronApplication;
  let page: Page;
  let shot: { id: string; relPath: string };

  beforeAll(async () => {
    dirs = tempDir('electron');
    libraryRoot = path.join(dirs.path, 'library');
    await agreeToPrivacyNotice(path.join(dirs.path, 'data'));
    app = await electron.launch({
      executablePath,
      args: [mainBundle],
      env: { ...process.env, DARKSLIDE_LIBRARY: libraryRoot, DARKSLIDE_DATA: path.join(dirs.path, 'data') },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    dirs?.remove();
  });

  test('opens the window from app:// with the preload bridge and no Node in the page', async () => {
    expect(page.url()).toBe('app://darkslide/index.html');
    expect(await page.title()).toBe('Darkslide');
    expect(await page.evaluate(() => Object.keys((window as unknown as { darkslide: object }).darkslide).sort())).toEqual(['call', 'subscribe']);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // What Chromium itself says the page's origin is, for the privileged standard scheme.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.mainFrame.origin)).toBe('app://darkslide');
  });

  test('the window is sandboxed and isolated', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Not in the typings, but it is what Electron itself reports as applied.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      const web = contents.getLastWebPreferences();
      return { sandbox: web.sandbox, contextIsolation: web.contextIsolation, nodeIntegration: web.nodeIntegration, webviewTag: web.webviewTag, spellcheck: web.spellcheck };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, spellcheck: false });
  });

  test('navigation, new windows, remote requests and permissions are denied', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://darkslide/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'refused'))).toBe('refused');
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'camera' as PermissionName }).then((status) => status.state))).toBe('denied');
    expect(await page.evaluate(() => navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'granted', (error: Error) => error.name))).toBe('NotAllowedError');
  });

  test('the spellchecker is off and no dictionary was downloaded; no crash reporter uploads', async () => {
    const { enabled, userData, uploads, crashDumps } = await app.evaluate(({ app: electronApp, session, crashReporter }) => ({
      enabled: session.defaultSession.isSpellCheckerEnabled(),
      userData: electronApp.getPath('userData'),
      uploads: crashReporter.getUploadToServer(),
      crashDumps: electronApp.getPath('crashDumps'),
    }));
    // Crash dumps are kept in Darkslide's data folder (shown in Settings, deleted by retention).
    expect(path.basename(crashDumps)).toBe('crashes');
    expect(enabled).toBe(false);
    const dictionaries = path.join(userData, 'Dictionaries');
    expect(existsSync(dictionaries) ? readdirSync(dictionaries).filter((file) => file.endsWith('.bdic')) : []).toEqual([]);
    expect(uploads).toBe(false);
  });

  test('app:// sends the CSP header and refuses traversal', async () => {
    const csp = await page.evaluate(() => fetch('app://darkslide/index.html').then((response) => response.headers.get('content-security-policy')));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self';");
    for (const url of ['app://darkslide/..%2f..%2fpackage.json', 'app://darkslide/%2e%2e/%2e%2e/package.json', 'app://darkslide/..%5c..%5cpackage.json']) {
      expect([url, await page.evaluate((u) => fetch(u).then((response) => response.status), url)]).toEqual([url, 404]);
    }
  });

  test('the API answers through IPC: looks, the demo camera and a photo in the library', async () => {
    expect(await call(page, 'looks.list', {})).toMatchObject({ ok: true });
    expect(await call(page, 'viewfinder.start', { deviceId: 7 })).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
    expect(await call(page, 'viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    const result = await call(page, 'shutter.shoot', { lookId: 'harbor-400' });
    expect(result).toMatchObject({ ok: true });
    shot = result.value as { id: string; relPath: string };
    expect(existsSync(path.join(libraryRoot, shot.relPath))).toBe(true);
  });

  test('darkslide-media:// serves the photo with ranges, and nothing outside the library', async () => {
    const file = readFileSync(path.join(libraryRoot, shot.relPath));
    const answer = await app.evaluate(async ({ net }, id) => {
      const response = await net.fetch(`darkslide-media://item/${encodeURIComponent(id)}/original`, { headers: { range: 'bytes=100-199' } });
      return { status: response.status, range: response.headers.get('content-range'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, shot.id);
    expect(answer.status).toBe(206);
    expect(answer.range).toBe(`bytes 100-199/${file.length}`);
    expect(Buffer.from(answer.bytes).equals(file.subarray(100, 200))).toBe(true);
    const outside = await app.evaluate(({ net }) => net.fetch(`darkslide-media://item/${encodeURIComponent('../../../etc/passwd')}/original`).then((response) => response.status));
    expect(outside).toBe(404);
  });

  test('quitting ends every ffmpeg and exiftool the app started', async () => {
    const pid = app.process().pid!;
    const children = descendants(pid).filter((child) => /ffmpeg|exiftool/.test(child.command));
    if (process.platform === 'linux') expect(children.length).toBeGreaterThanOrEqual(2);
    await app.close();
    for (const child of children) expect([child.command, existsSync(`/proc/${child.pid}`)]).toEqual([child.command, false]);
  });
});

describe.skipIf('missing' in binary)('the desktop app on the real Electron binary, when it cannot start', () => {
  test('an unwritable library folder is said, not a silent exit', async () => {
    const dirs = tempDir('electron-fail');
    const blocker = path.join(dirs.path, 'a-file');
    writeFileSync(blocker, 'in the way');
    // The error box is modal and would wait for a person: the message is read from stderr, then the app ends.
    const child = spawn(executablePath, [mainBundle], { env: { ...process.env, DARKSLIDE_LIBRARY: path.join(blocker, 'Darkslide'), DARKSLIDE_DATA: path.join(dirs.path, 'data') } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await expect.poll(() => stderr, { timeout: 30_000 }).toContain('Darkslide could not start');
    expect(stderr).toContain(path.join(blocker, 'Darkslide'));
    child.kill();
    dirs.remove();
  });
});
