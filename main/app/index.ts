// The composition root: wires the plain-Node services to the contract's
// handlers. Both hosts (Electron's main process and the loopback server used by
// dev:web and the e2e tests) build exactly this, so what the tests drive is
// what the app runs.
import path from 'node:path';
import type { MediaVariantT } from '../shared/contract/api.ts';
import { createDispatcher, type Emit, type Handlers } from '../shared/contract/server.ts';
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import { openLibrary, type Library } from '../library/index.ts';
import { closeMetadata } from '../metadata/index.ts';
import { openSettings } from '../settings/index.ts';
import { createCaptureControl } from './capture-control.ts';
import { developIntoLibrary, importLookData, lookSample, redevelop } from './develop.ts';
import { recoverInterruptedRecordings } from './recordings.ts';
import { shoot } from './shoot.ts';
import { APP_VERSION } from './version.ts';

export type DarkslideOptions = { libraryRoot: string; dataDir: string };

export type Darkslide = ReturnType<typeof createDispatcher> & {
  library: Library;
  media(itemId: string, variant: MediaVariantT): Promise<string>;
  /** Window hidden or minimised: the camera goes off; `resume` brings it back. */
  suspendViewfinder(): Promise<void>;
  resumeViewfinder(): Promise<void>;
  /** pid of the running capture process, for tests that check the camera is really off. */
  capturePid(): number | undefined;
  close(): Promise<void>;
};

export async function openLibraryWithRecovery(options: DarkslideOptions): Promise<Library> {
  const ffmpeg = await capture.findFfmpeg().catch(() => null);
  const library = await openLibrary({ root: options.libraryRoot, dataDir: options.dataDir, ...(ffmpeg ? { ffmpegPath: ffmpeg.path, ffprobePath: ffmpeg.ffprobePath } : {}) });
  if (ffmpeg) await recoverInterruptedRecordings(library, options.dataDir);
  return library;
}

export async function createDarkslide(options: DarkslideOptions): Promise<Darkslide> {
  const library = await openLibraryWithRecovery(options);
  const settings = openSettings(options.dataDir);
  // Imported LUTs become cameras kept with the user's data, beside the catalog.
  looks.setUserLooksDir(path.join(options.dataDir, 'looks'));
  let emit: Emit = () => undefined;
  const control = createCaptureControl({ emit: () => emit, settings, library, dataDir: options.dataDir });

  const handlers: Handlers = {
    async 'app.info'() {
      const ffmpeg = await capture.findFfmpeg().then(
        (found) => ({ ffmpeg: `${found.version} (${found.path})`, ffmpegProblem: found.limitations ?? null }),
        (error: Error) => ({ ffmpeg: null, ffmpegProblem: error.message }),
      );
      return { version: APP_VERSION, libraryDir: library.root, ...ffmpeg };
    },
    async 'devices.list'() {
      return capture.listDevices();
    },
    'looks.list'() {
      return looks.listLooks().map((look) => ({ ...look, imported: !looks.isBuiltInLook(look.id) }));
    },
    'looks.preview'({ id }) {
      const preview = looks.previewLook(id);
      return {
        id,
        size: preview.size,
        lut: new Uint8Array(preview.lut.buffer, preview.lut.byteOffset, preview.lut.byteLength),
        params: preview.params,
      };
    },
    async 'looks.sample'({ id }) {
      return { jpeg: await lookSample(id) };
    },
    'looks.import': async (input) => ({ ...(await importLookData(input)), imported: true }),
    'develop.photo': ({ data, ...input }) => developIntoLibrary(library, { ...input, original: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }),
    'library.redevelop': (input) => redevelop(library, input),
    'viewfinder.start': ({ deviceId }) => control.start(deviceId),
    'viewfinder.stop': () => control.stop(),
    async 'shutter.shoot'(input) {
      const { frame, deviceId } = control.captureStill();
      const { mirror, saveMirrored } = settings.device(deviceId);
      return shoot({ library, frame: await frame, lookId: input.lookId, strength: input.strength, grain: input.grain, mirror: mirror && saveMirrored });
    },
    'settings.device': ({ deviceId }) => settings.device(deviceId),
    'settings.setDevice': ({ deviceId, patch }) => settings.setDevice(deviceId, patch),
    async 'recorder.check'({ lookId, size }) {
      const wanted = size ?? control.fullSize() ?? { width: 1920, height: 1080 };
      const filter = await looks.buildVideoFilter(lookId, { ...wanted, fps: 30 });
      const result = await capture.canRecordRealtime(wanted, { videoFilter: filter });
      return { ok: result.ok, speed: result.speed, size: result.size, suggestion: result.suggestion ?? null };
    },
    'recorder.start': (input) => control.startRecording(input),
    'recorder.stop': () => control.stopRecording(),
    'library.list'(query) {
      return library.list(query);
    },
    'library.get'({ id }) {
      return library.get(id);
    },
    'library.trash'({ ids }) {
      library.trash(ids);
      return { count: ids.length };
    },
    'library.restore'({ ids }) {
      library.restore(ids);
      return { count: ids.length };
    },
    async 'library.emptyTrash'() {
      return { count: await library.emptyTrash() };
    },
  };

  const dispatcher = createDispatcher(handlers);
  emit = dispatcher.emit;
  const stopLibraryEvents = library.onChange((change) => emit('library.changed', change));

  return {
    ...dispatcher,
    library,
    media: (itemId, variant) => library.mediaPath(itemId, variant),
    suspendViewfinder: control.suspend,
    resumeViewfinder: control.resume,
    capturePid: control.pid,
    async close() {
      stopLibraryEvents();
      await control.close();
      library.close();
      await Promise.all([closeMetadata(), looks.stopKernelWorkers()]);
    },
  };
}
