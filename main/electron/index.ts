// Electron's main process: windows, transport, protocols, permissions, menu.
// Everything it does with cameras, looks or the library goes through the
// services in createDarkslide; nothing here knows of ffmpeg or sharp.
import { app, BrowserWindow, dialog, Menu, screen, session, shell, crashReporter } from 'electron';
import path from 'node:path';
import { createDarkslide, type Darkslide } from '../app/index.ts';
import { defaultPaths } from '../library/index.ts';
import { format, matchLocale } from '../shared/i18n/index.ts';
import { toErrorData } from '../shared/contract/errors.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { countPixelBuffersInHeapLimit } from '../app/heap.ts';
import { inspectFolder, sameFolder } from '../app/library-folder.ts';
import { openSettings } from '../settings/index.ts';
import { connectIpc } from './ipc.ts';
import { pickFilesWithDialogs } from './pick-files.ts';
import { buildMenu } from './menu.ts';
import { APP_ORIGIN } from './origin.ts';
import { handleProtocols, registerSchemes } from './protocols.ts';
import { guardWebContents, lockDownSession } from './security.ts';
import { osAccessHost } from './os-access.ts';
import { startupFailure } from './startup-failure.ts';
import { loadWindowState, MIN_SIZE, rememberWindowState } from './window-state.ts';

// First, before any service exists: a V8 setting changed once the process has a heap in use is one V8 does not
// promise to honour safely.
countPixelBuffersInHeapLimit();

/** How long quitting waits for ffmpeg and exiftool to end before it gives up on them. */
const CLOSE_TIMEOUT_MS = 10_000;

let darkslide: Darkslide | null = null;
let paths: { root: string; dataDir: string } | null = null;

function libraryFolderProblem(error: unknown): boolean {
  const data = toErrorData(error);
  return data.code.startsWith('library.') && data.button === 'choose-folder';
}

async function openWindow(services: Darkslide, dataDir: string): Promise<BrowserWindow> {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const state = loadWindowState(dataDir, [primary, ...others].map((display) => display.workArea));
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
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

async function launch(): Promise<void> {
  try {
    // First, in the task that creates the session: see lockDownSession.
    lockDownSession(session.defaultSession, { devTools: !app.isPackaged });
    // The same paths as the CLI's defaults, so `darkslide library` lists what the app shot.
    const { root, dataDir } = defaultPaths();
    paths = { root, dataDir };
    darkslide = await createDarkslide({ libraryRoot: root, dataDir, pickFiles: pickFilesWithDialogs, reveal: (target) => shell.showItemInFolder(target), osAccess: osAccessHost() });
    handleProtocols({ rendererDir: path.join(__dirname, '../renderer'), media: darkslide.media });
    Menu.setApplicationMenu(buildMenu(matchLocale(app.getPreferredSystemLanguages())));
    const services = darkslide;
    await openWindow(services, dataDir);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow(services, dataDir);
    });
  } catch (error) {
    // Never a silent exit: say what went wrong and what to do, then end whatever had started.
    console.error('Darkslide could not start:', error);
    const locale = matchLocale(app.getPreferredSystemLanguages());
    const { title, message } = startupFailure(error, locale);
    await darkslide?.close().catch(() => undefined);
    darkslide = null;
    // The library's folder cannot be used: as its message says, another one can be chosen, here, before any window.
    if (paths && libraryFolderProblem(error)) {
      // Asked again until a folder that can hold the library is chosen, or Quit: a folder of other files is
      // refused in words, never by quitting without one.
      let problem = { title, message };
      for (;;) {
        const answer = dialog.showMessageBoxSync({ type: 'error', title: problem.title, message: problem.message, buttons: [format(locale, 'common.choose-folder'), format(locale, 'shell.menu.quit')], defaultId: 0, cancelId: 1 });
        if (answer !== 0) break;
        const folder = dialog.showOpenDialogSync({ properties: ['openDirectory', 'createDirectory'] })?.[0];
        if (!folder) continue;
        if (['empty', 'library'].includes(inspectFolder(folder))) {
          await openSettings(paths.dataDir).setLibraryFolder(sameFolder(folder, paths.root) ? null : folder);
          app.relaunch();
          break;
        }
        problem = startupFailure(new DarkslideError('library.not-a-library', { folder }), locale);
      }
    } else {
      dialog.showErrorBox(title, message);
    }
    app.exit(1);
  }
}

function start(): void {
  // Crash dumps stay on this machine, in the data folder where Settings → What Darkslide keeps shows them and
  // retention deletes them: never uploaded (there is no server to send them to).
  app.setPath('crashDumps', path.join(defaultPaths().dataDir, 'crashes'));
  crashReporter.start({ uploadToServer: false });
  registerSchemes();
  guardWebContents();
  app.enableSandbox();

  // Opening Darkslide again brings the running window forward instead of a second camera owner.
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    if (!darkslide) return;
    // ffmpeg and exiftool must end before we do, or they outlive the app.
    event.preventDefault();
    if (closing) return;
    let timer: NodeJS.Timeout | undefined;
    const givingUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
    closing = Promise.race([darkslide.close(), givingUp])
      .catch((error: unknown) => console.error('Darkslide could not close cleanly:', error))
      .finally(() => {
        clearTimeout(timer);
        darkslide = null;
        app.quit();
      });
  });

  void app.whenReady().then(launch);
}

// A second copy only hands its arguments to the first (second-instance above) and leaves: it must not open
// the library, start exiftool or wait for `ready`. app.quit() does not stop this script, so nothing else runs.
if (app.requestSingleInstanceLock()) start();
else app.quit();
