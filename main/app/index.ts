// The composition root: wires the plain-Node services to the contract's
// handlers. Both hosts (Electron's main process and the loopback server used by
// dev:web and the e2e tests) build exactly this, so what the tests drive is
// what the app runs.
import path from 'node:path';
import sharp from 'sharp';
import type { MediaVariantT } from '../shared/contract/api.ts';
import { warmIntl } from '../shared/i18n/index.ts';
import { createDispatcher, type Emit, type Handlers } from '../shared/contract/server.ts';
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import { createJobEngine, type JobEngine } from '../jobs/index.ts';
import { openLibrary, openLibraryInWorker, type Library } from '../library/index.ts';
import { closeLog, logStartup, logger, openLog, type LogLevel } from '../logging/index.ts';
import { closeMetadata } from '../metadata/index.ts';
import { openSettings } from '../settings/index.ts';
import { openLocationStore } from '../location/index.ts';
import { createCaptureControl } from './capture-control.ts';
import { openFileRegistry, type PickFiles } from './files.ts';
import { exportLocationRuleOf, jobKinds, setExportLocationRule, stopHeifDecoder, sweepExportFolders } from './jobs/index.ts';
import { exportHandlers } from './handlers/export.ts';
import { createShutter } from './shutter.ts';
import { createRecordCheck } from './record-check.ts';
import { appHandlers } from './handlers/app.ts';
import { captureHandlers } from './handlers/capture.ts';
import { filesHandlers } from './handlers/files.ts';
import type { AppContext } from './handlers/context.ts';
import { jobsHandlers } from './handlers/jobs.ts';
import { libraryHandlers } from './handlers/library.ts';
import { libraryFolderHandlers } from './handlers/library-folder.ts';
import { createLibraryControl } from './library-control.ts';
import { placeFor, settleInterruptedMove } from './library-folder.ts';
import { createSwitchableLibrary } from './switchable-library.ts';
import { locationHandlers } from './handlers/location.ts';
import { looksHandlers } from './handlers/looks.ts';
import { applyPrivateUmask, makePrivateDir, openPrivacy, type Privacy } from '../privacy/index.ts';
import { loggedHandlers } from './logged.ts';
import { connectPrivacy, guardCapture } from './privacy.ts';
import { privacyHandlers, type OsAccessHost } from './handlers/privacy.ts';
import { openRights, sweepPartZips, type Rights } from './rights.ts';
import { recoverInterruptedRecordings } from './recordings.ts';
import { APP_VERSION } from './version.ts';

export type DarkslideOptions = {
  libraryRoot: string;
  dataDir: string;
  /** The local log (`<dataDir>/logs`); false for none. */
  log?: { level?: LogLevel; retentionDays?: number } | false;
  /** The host's file picker (Electron's dialogs; a test's choice in the browser host). None: files.pick is unavailable. */
  pickFiles?: PickFiles;
  /** The host's "show in the file manager" (Electron's shell.showItemInFolder). None: privacy.reveal says so. */
  reveal?: (target: string) => Promise<void> | void;
  /** The system's own camera and microphone permission, where the host can read it (Electron on macOS and Windows). */
  osAccess?: OsAccessHost;
  /**
   * Where the catalog's queries and file moves run: 'worker' (the app's default) keeps them off the thread that
   * relays viewfinder frames and window events; 'main' runs them in this thread (the CLI, and the benchmark's
   * baseline).
   */
  catalog?: 'worker' | 'main';
};

export type Darkslide = ReturnType<typeof createDispatcher> & {
  library: Library;
  privacy: Privacy;
  /** See, export and erase what Darkslide keeps; retention. */
  rights: Rights;
  jobs: JobEngine;
  media(itemId: string, variant: MediaVariantT): Promise<string>;
  /** Window hidden or minimised: the camera goes off; `resume` brings it back. */
  suspendViewfinder(): Promise<void>;
  resumeViewfinder(): Promise<void>;
  /** pid of the running capture process, for tests that check the camera is really off. */
  capturePid(): number | undefined;
  close(): Promise<void>;
};

/**
 * `appData`: where the app keeps recordings in progress (its data folder; the library's own by default).
 * `trashKeepDays`: the person's trash retention (privacy settings), which the purge at open obeys.
 */
export async function openLibraryWithRecovery(options: Pick<DarkslideOptions, 'libraryRoot' | 'dataDir' | 'catalog'> & { trashKeepDays: number }, appData = options.dataDir): Promise<Library> {
  const ffmpeg = await capture.findFfmpeg().catch(() => null);
  const open = options.catalog === 'worker' ? openLibraryInWorker : openLibrary;
  const library = await open({ root: options.libraryRoot, dataDir: options.dataDir, trashKeepDays: options.trashKeepDays, ...(ffmpeg ? { ffmpegPath: ffmpeg.path, ffprobePath: ffmpeg.ffprobePath } : {}) });
  if (ffmpeg) await recoverInterruptedRecordings(library, appData);
  return library;
}

export async function createDarkslide(options: DarkslideOptions): Promise<Darkslide> {
  // Everything Darkslide creates from here on (library, data folder, logs, catalog, the children's files) is
  // readable by this user alone: folders 0700, files 0600 (Linux, macOS).
  applyPrivateUmask();
  makePrivateDir(options.dataDir);
  const reopenLog = async () => {
    if (options.log !== false) {
      await openLog({ dir: path.join(options.dataDir, 'logs'), role: 'app', ...options.log, roots: { library: options.libraryRoot, data: options.dataDir } });
    }
  };
  await reopenLog();
  const started = logger('app').time('start');
  await startupRecord();
  const settings = openSettings(options.dataDir);
  // Before the library: its purge at open keeps the trash as long as the person's retention says.
  const privacy = openPrivacy(options.dataDir);
  const trashKeepDays = () => privacy.status().retention.trash;
  // The library the person chose or moved to in Settings → Library, else the host's default place. A move a
  // crash cut short is settled first: its copy removed, or the old library's remains once it had switched.
  const defaults = { root: options.libraryRoot, dataDir: options.dataDir };
  const moveSettled = await settleInterruptedMove(options.dataDir, settings.libraryFolder());
  if (moveSettled !== 'none') logger('library').warn({ outcome: moveSettled }, 'an interrupted library move was settled');
  const place = placeFor(settings.libraryFolder(), defaults);
  // The catalog's queries and file moves run in the library's worker thread unless asked otherwise.
  const catalog = options.catalog ?? 'worker';
  let opened: Library;
  try {
    opened = await openLibraryWithRecovery({ libraryRoot: place.root, dataDir: place.dataDir, catalog, trashKeepDays: trashKeepDays() }, options.dataDir);
  } catch (error) {
    // The shell may offer another folder and start again: nothing of this attempt stays open.
    privacy.close();
    throw error;
  }
  const library = createSwitchableLibrary(opened);
  // Imported LUTs become cameras kept with the library, beside its catalog.
  looks.setUserLooksDir(path.join(place.dataDir, 'looks'));
  let emit: Emit = () => undefined;
  const locationStore = openLocationStore(options.dataDir);
  const control = createCaptureControl({ emit: () => emit, settings, library, dataDir: options.dataDir, location: () => locationStore.forNewShot('recording') });

  const files = openFileRegistry({ dataDir: options.dataDir, pickFiles: options.pickFiles });
  const jobs = createJobEngine({ library, kinds: jobKinds, onProgress: (progress) => emit('job.progress', progress) });
  const shutter = createShutter({ control, settings, library, locationStore });
  const libraryControl = createLibraryControl({
    library,
    settings,
    jobs,
    appData: options.dataDir,
    defaults,
    isRecording: () => control.isRecording(),
    open: (next) => openLibraryWithRecovery({ libraryRoot: next.root, dataDir: next.dataDir, catalog, trashKeepDays: trashKeepDays() }, options.dataDir),
    onMove: (state) => emit('libraryFolder.move', state),
  });
  const recordCheck = createRecordCheck({ settings });
  const context: AppContext = { library, jobs, settings, locationStore, control, files, shutter, libraryControl, recordCheck, dataDir: options.dataDir, emit: (event, payload) => emit(event, payload) };
  const privacyLink = connectPrivacy(privacy, (on) => emit('privacy.devices', on));
  // Whether an export may keep a location is privacy's answer, asked for every file as it is written.
  const stopExportRule = setExportLocationRule(exportLocationRuleOf(privacy));
  // "Erase everything" lets go of the catalog: running jobs are cancelled, the library's worker closed; then a fresh
  // library opens where the (reset) settings now say, the default place.
  const catalogHold = {
    async detach() {
      for (const job of await jobs.list()) {
        if (job.state === 'running' || job.state === 'scanning' || job.state === 'paused') {
          await jobs.cancel(job.jobId).catch(() => undefined);
          await jobs.settled(job.jobId).catch(() => undefined);
        }
      }
      await library.current().close();
    },
    async attach() {
      const next = placeFor(settings.libraryFolder(), defaults);
      library.switchTo(await openLibraryWithRecovery({ libraryRoot: next.root, dataDir: next.dataDir, catalog, trashKeepDays: trashKeepDays() }, options.dataDir));
      looks.setUserLooksDir(path.join(next.dataDir, 'looks'));
    },
  };
  const rights = openRights({ dataDir: options.dataDir, library, privacy, settings, reopenLog, catalog: catalogHold });
  // An erase a crash or a quit interrupted is finished before anything is served, and a zip a kill cut short goes.
  await rights.finishPendingErase();
  const partZips = sweepPartZips(options.dataDir);
  if (partZips > 0) logger('privacy').warn({ removed: partZips }, 'part files of interrupted zips removed');
  const retention = async () => {
    await rights.applyRetention().catch((error: unknown) => logger('privacy').error({ error }, 'retention not applied'));
  };
  await retention();
  const retentionTimer = setInterval(() => void retention(), 6 * 60 * 60 * 1000).unref();
  // One domain a file (handlers/<domain>.ts), each exactly the methods of its table in the contract.
  const handlers: Handlers = loggedHandlers(
    guardCapture(privacy, {
      ...appHandlers(context),
      ...captureHandlers(context),
      ...looksHandlers(context),
      ...libraryHandlers(context, options.reveal),
      ...filesHandlers(context),
      ...locationHandlers(context),
      ...jobsHandlers(context),
      ...exportHandlers(context, privacy),
      ...libraryFolderHandlers(context),
      ...privacyHandlers(context, { privacy, rights, devices: privacyLink.devicesOn, changed: () => emit('privacy.changed', privacy.status()), reveal: options.reveal, osAccess: options.osAccess }),
    }),
  );

  const dispatcher = createDispatcher(handlers);
  emit = dispatcher.emit;
  started();
  const stopLibraryEvents = library.onChange((change) => emit('library.changed', change));
  // Jobs a crash or a quit interrupted (in this app or a `darkslide` command) continue where they stopped.
  void jobs.resumeInterrupted().catch((error: unknown) => logger('jobs').error({ error }, 'resuming interrupted jobs failed'));
  // What exports killed mid-file left in their folders goes now.
  void sweepExportFolders(library).catch((error: unknown) => logger('jobs').error({ error }, 'clearing interrupted exports failed'));
  // The first error text builds FormatJS's formatter (ICU's data loaded, 45-70 ms in one block): built now, a
  // piece per turn, not when the first error comes (a capture process ending mid-session).
  void warmIntl('en');
  const warming = capture.warmFileJobs().catch(() => undefined);

  return {
    ...dispatcher,
    library,
    privacy,
    rights,
    jobs,
    media: (itemId, variant) => library.mediaPath(itemId, variant),
    suspendViewfinder: control.suspend,
    resumeViewfinder: control.resume,
    capturePid: control.pid,
    async close() {
      stopLibraryEvents();
      clearInterval(retentionTimer);
      // A move in hand stops and takes its copy back; the library stays where it was.
      libraryControl.cancelMove();
      await libraryControl.settled();
      // A half-frame camera's first half still waiting for its pair is filed on its own, not lost.
      await shutter.finishHalf().catch((error: unknown) => logger('capture').error({ error }, 'the waiting half frame was not filed'));
      await control.close();
      // Items in hand stop and stay unfinished in the journal: the next start redoes them.
      await jobs.close();
      await files.close();
      privacyLink.stop();
      stopExportRule();
      privacy.close();
      await library.close();
      // Its two short ffmpeg runs end before the app does: a quit leaves no child behind.
      await warming;
      await Promise.all([closeMetadata(), looks.stopKernelWorkers(), stopHeifDecoder()]);
      await closeLog();
    },
  };
}

/** The versions a bug report needs, as the first line of the run's log. */
async function startupRecord(): Promise<void> {
  const ffmpeg = await capture.findFfmpeg().catch(() => null);
  await logStartup({ app: APP_VERSION, ffmpeg: ffmpeg?.version ?? null, sharp: sharp.versions.sharp, libvips: sharp.versions.vips });
}
