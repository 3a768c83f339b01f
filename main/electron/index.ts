// Electron's main process: windows, transport, protocols, permissions, menu.
// Everything it does with cameras, looks or the library goes through the
// services in createDarkslide; nothing here knows of ffmpeg or sharp.
import { app, BrowserWindow, Menu } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDarkslide, type Darkslide } from '../app/index.ts';
import { defaultPaths } from '../library/index.ts';
import { connectIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { APP_ORIGIN, handleProtocols, registerSchemes } from './protocols.ts';
import { guardWebContents, lockDownSession } from './security.ts';
import { loadWindowState, rememberWindowState } from './window-state.ts';

registerSchemes();
guardWebContents();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();
// Opening Darkslide again brings the running window forward instead of a second camera owner.
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

let darkslide: Darkslide | null = null;

async function openWindow(services: Darkslide, dataDir: string) {
  const state = loadWindowState(dataDir);
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: '#0c0c0d',
    title: 'Darkslide',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  if (state.maximized) window.maximize();
  rememberWindowState(window, dataDir);
  const disconnect = connectIpc(services, window);
  // The camera is on only while the viewfinder can be seen.
  window.on('minimize', () => void services.suspendViewfinder());
  window.on('hide', () => void services.suspendViewfinder());
  window.on('restore', () => void services.resumeViewfinder());
  window.on('show', () => void services.resumeViewfinder());
  window.on('closed', disconnect);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.whenReady().then(async () => {
  lockDownSession();
  // The same paths as the CLI's defaults, so `darkslide library` lists what the app shot.
  const { root, dataDir } = defaultPaths();
  mkdirSync(dataDir, { recursive: true });
  darkslide = await createDarkslide({ libraryRoot: root, dataDir });
  handleProtocols({ rendererDir: path.join(__dirname, '../renderer'), media: darkslide.media });
  Menu.setApplicationMenu(buildMenu());
  await openWindow(darkslide, dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && darkslide) void openWindow(darkslide, dataDir);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !darkslide) return;
  // ffmpeg and exiftool must end before we do, or they outlive the app.
  event.preventDefault();
  quitting = true;
  void darkslide.close().finally(() => app.quit());
});
