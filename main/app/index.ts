// The composition root: wires the plain-Node services to the contract's
// handlers. Both hosts (Electron's main process and the loopback server used by
// dev:web and the e2e tests) build exactly this, so what the tests drive is
// what the app runs.
import path from 'node:path';
import { createDispatcher, type Emit, type Handlers } from '../contract/server.ts';
import { ApiError } from '../contract/errors.ts';
import * as camera from '../camera/index.ts';
import * as looks from '../looks/index.ts';
import { openLibrary, type Library } from '../library/index.ts';
import { closeMetadata } from '../metadata/index.ts';
import { shoot } from './shoot.ts';
import { APP_VERSION } from './version.ts';

export type DarkslideOptions = { libraryRoot: string; dataDir: string };

export type Darkslide = ReturnType<typeof createDispatcher> & {
  library: Library;
  media(itemId: string, variant: 'original' | 'thumb'): Promise<string>;
  /** Window hidden or minimised: the camera goes off; `resume` brings it back. */
  suspendViewfinder(): Promise<void>;
  resumeViewfinder(): Promise<void>;
  /** pid of the running capture process, for tests that check the camera is really off. */
  capturePid(): number | undefined;
  close(): Promise<void>;
};

export async function createDarkslide(options: DarkslideOptions): Promise<Darkslide> {
  const library = await openLibrary({ root: options.libraryRoot, dataDir: options.dataDir });
  // Imported LUTs become cameras kept with the user's data, beside the catalog.
  looks.setUserLooksDir(path.join(options.dataDir, 'looks'));
  let viewfinder: camera.Viewfinder | null = null;
  let viewfinderDevice: string | null = null;
  let suspendedDevice: string | null = null;
  // Starting and stopping ffmpeg are serialised so quick toggles cannot leave two captures running.
  let cameraQueue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = cameraQueue.then(work, work);
    cameraQueue = next.catch(() => undefined);
    return next;
  };

  let emit: Emit = () => undefined;

  async function stopViewfinder() {
    const running = viewfinder;
    viewfinder = null;
    viewfinderDevice = null;
    if (running) await running.stop();
  }

  async function startViewfinder(deviceId: string) {
    await stopViewfinder();
    emit('viewfinder.state', { state: 'starting', deviceId });
    const started = await camera.startViewfinder({
      deviceId,
      onFrame(jpeg, info) {
        emit('viewfinder.frame', { ...info, jpeg });
      },
      onState(state) {
        emit('viewfinder.state', { ...state, deviceId });
      },
    });
    viewfinder = started;
    viewfinderDevice = deviceId;
    return { state: 'live' as const, deviceId, fullSize: started.fullSize };
  }

  const handlers: Handlers = {
    async 'app.info'() {
      const ffmpeg = await camera.findFfmpeg().then(
        (found) => ({ ffmpeg: `${found.version} (${found.path})`, ffmpegProblem: null }),
        (error: Error) => ({ ffmpeg: null, ffmpegProblem: error.message }),
      );
      return { version: APP_VERSION, libraryDir: library.root, ...ffmpeg };
    },
    async 'devices.list'() {
      return camera.listDevices();
    },
    'looks.list'() {
      return looks.listCameras();
    },
    'looks.preview'({ id }) {
      const preview = looks.previewLook(id);
      return {
        id,
        size: preview.size,
        lut: new Uint8Array(preview.lut.buffer, preview.lut.byteOffset, preview.lut.byteLength),
        params: preview.params as Record<string, unknown>,
      };
    },
    'viewfinder.start'({ deviceId }) {
      suspendedDevice = null;
      return serial(() => startViewfinder(deviceId));
    },
    'viewfinder.stop'() {
      suspendedDevice = null;
      return serial(async () => {
        await stopViewfinder();
        return { state: 'stopped' as const, deviceId: null };
      });
    },
    async 'shutter.shoot'(input) {
      const live = viewfinder;
      if (!live) throw new ApiError('viewfinder-off', 'The camera is off. Open the viewfinder and choose a camera before shooting.');
      const frame = await live.captureStill();
      return shoot({ library, frame, lookId: input.lookId, strength: input.strength, grain: input.grain });
    },
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
    suspendViewfinder: () =>
      serial(async () => {
        if (!viewfinderDevice) return;
        suspendedDevice = viewfinderDevice;
        await stopViewfinder();
        emit('viewfinder.state', { state: 'stopped', deviceId: null, message: 'Camera off while the window is hidden.' });
      }),
    resumeViewfinder: () =>
      serial(async () => {
        const device = suspendedDevice;
        suspendedDevice = null;
        if (device && !viewfinder) await startViewfinder(device);
      }),
    capturePid: () => viewfinder?.pid,
    async close() {
      stopLibraryEvents();
      await serial(stopViewfinder);
      library.close();
      await Promise.all([closeMetadata(), looks.stopKernelWorkers()]);
    },
  };
}
