// Runs the real desktop app where an Electron binary exists; elsewhere every
// test here is skipped and the reason is printed.
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { electronBinary } from '../support/electron.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const binary = electronBinary();
if ('missing' in binary) console.log(`Electron launch tests skipped: ${binary.missing}`);

describe.skipIf('missing' in binary)('the desktop app (Electron)', () => {
  const dirs = tempDir('electron');
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [path.join(root, 'out/main/index.cjs')],
      env: { ...process.env, DARKSLIDE_LIBRARY: path.join(dirs.path, 'library'), DARKSLIDE_DATA: path.join(dirs.path, 'data') },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close();
    dirs.remove();
  });

  test('opens the window from app:// with the preload bridge and no Node in the page', async () => {
    expect(page.url()).toBe('app://darkslide/index.html');
    expect(await page.title()).toBe('Darkslide');
    expect(await page.evaluate(() => typeof (window as unknown as { darkslide?: unknown }).darkslide)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  test('the window is sandboxed and isolated', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Not in the typings, but it is what Electron itself reports as applied.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      const web = contents.getLastWebPreferences();
      return { sandbox: web.sandbox, contextIsolation: web.contextIsolation, nodeIntegration: web.nodeIntegration, webviewTag: web.webviewTag };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
  });

  test('navigation, new windows and permissions are denied', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://darkslide/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'camera' as PermissionName }).then((status) => status.state))).toBe('denied');
  });

  test('the API answers through IPC, and a bad payload gets a typed error', async () => {
    const looks = await page.evaluate(() => (window as unknown as { darkslide: { call(m: string, i: unknown): Promise<unknown> } }).darkslide.call('looks.list', {}));
    expect(looks).toMatchObject({ ok: true });
    const bad = await page.evaluate(() => (window as unknown as { darkslide: { call(m: string, i: unknown): Promise<unknown> } }).darkslide.call('viewfinder.start', { deviceId: 7 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
  });
});
