// Who holds the camera: the viewfinder, a recording, or nobody. One device
// can be opened once, so a recording takes over from the viewfinder (and
// feeds the viewfinder itself, with the look already applied) and hands back
// when it ends. Every transition runs in one queue, so quick toggles can never
// leave two ffmpeg processes on one camera.
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import type { Emit } from '../shared/contract/server.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import type { Settings } from '../settings/index.ts';
import type { Location } from '../metadata/index.ts';
import { beginRecording, defaultMicFor, finishRecording, type RecordingSession } from './record.ts';

export type CaptureControl = ReturnType<typeof createCaptureControl>;

export function createCaptureControl(deps: {
  emit: () => Emit;
  settings: Settings;
  library: Library;
  dataDir: string;
  /** The place a recording starting now gets, or null (main/location decides). */
  location?: () => Location | null;
}) {
  let viewfinder: capture.Viewfinder | null = null;
  let device: string | null = null;
  let suspended: string | null = null;
  let recording: RecordingSession | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let held = 0;
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const emit: Emit = (event, payload) => deps.emit()(event, payload);

  async function stopViewfinder() {
    const running = viewfinder;
    viewfinder = null;
    if (running) await running.stop();
  }

  async function startViewfinder(deviceId: string) {
    await stopViewfinder();
    device = deviceId;
    emit('viewfinder.state', { state: 'starting', deviceId });
    const settings = deps.settings.device(deviceId);
    const started = await capture.startViewfinder({
      deviceId,
      ...(settings.size ? { captureSize: settings.size } : {}),
      ...(settings.fps ? { captureFps: settings.fps } : {}),
      onFrame(jpeg, info) {
        if (held > 0) return;
        emit('viewfinder.frame', { seq: info.seq, width: info.width, height: info.height, at: info.at, jpeg });
      },
      onState(state) {
        emit('viewfinder.state', { ...state, deviceId });
      },
    });
    viewfinder = started;
    return { state: 'live' as const, deviceId, fullSize: started.fullSize };
  }

  /** The viewfinder was stopped (view left) while a recording ran: it stays off when the recording ends. */
  let leftDuringRecording = false;

  function micFor(deviceId: string, requested: string | null | undefined): string | undefined {
    if (requested !== undefined) return requested ?? undefined;
    return deps.settings.device(deviceId).micId ?? defaultMicFor(deviceId);
  }

  return {
    start: (deviceId: string) => {
      suspended = null;
      leftDuringRecording = false;
      return serial(async () => {
        if (recording) throw new DarkslideError('capture.recording');
        return startViewfinder(deviceId);
      });
    },
    stop: () => {
      suspended = null;
      return serial(async () => {
        if (recording) {
          // The page left the camera mid-take: the take goes on (its sign and stop button show on every
          // screen), but the viewfinder does not come back after it; the camera closes with the recording.
          leftDuringRecording = true;
          return { state: 'live' as const, deviceId: recording.deviceId };
        }
        await stopViewfinder();
        device = null;
        return { state: 'stopped' as const, deviceId: null };
      });
    },
    suspend: () =>
      serial(async () => {
        if (!viewfinder || !device || recording) return;
        suspended = device;
        await stopViewfinder();
        emit('viewfinder.state', { state: 'stopped', deviceId: null, message: 'Camera off while the window is hidden.' });
      }),
    resume: () =>
      serial(async () => {
        const wanted = suspended;
        suspended = null;
        if (wanted && !viewfinder && !recording) await startViewfinder(wanted);
      }),
    holdPreview: async <T>(work: Promise<T>): Promise<T> => {
      held += 1;
      try {
        return await work;
      } finally {
        held -= 1;
      }
    },
    captureStill: () => {
      if (!viewfinder || !device) throw new DarkslideError('capture.viewfinder-off');
      return { frame: viewfinder.captureStill(), deviceId: device };
    },
    fullSize: () => viewfinder?.fullSize ?? null,
    /** The camera the viewfinder (or a recording) has open, if any. */
    deviceId: () => recording?.deviceId ?? device,
    pid: () => recording?.recording.pid ?? viewfinder?.pid,
    /** A recording is running: its file reaches the library when it stops. */
    isRecording: () => recording !== null,

    startRecording: (input: { lookId: string; size?: { width: number; height: number }; micId?: string | null; strength?: number; grain?: number }) =>
      serial(async () => {
        if (recording) throw new DarkslideError('capture.recording');
        const deviceId = device;
        if (!deviceId || !viewfinder) throw new DarkslideError('capture.viewfinder-off');
        const settings = deps.settings.device(deviceId);
        const size = input.size ?? settings.size ?? viewfinder.fullSize;
        const fps = settings.fps ?? 30;
        looks.getLook(input.lookId);
        // The device can be opened once: the recorder takes it over and feeds the viewfinder.
        await stopViewfinder();
        let lastLevel: number | null = null;
        let seconds = 0;
        try {
          recording = await beginRecording({
            dataDir: deps.dataDir,
            deviceId,
            lookId: input.lookId,
            size,
            fps,
            micId: micFor(deviceId, input.micId),
            strength: input.strength,
            grain: input.grain,
            location: deps.location?.() ?? null,
            callbacks: {
              onLevel: (level) => {
                lastLevel = level;
              },
              onProgress: (elapsed) => {
                seconds = elapsed;
                emit('recorder.status', { state: 'recording', seconds, level: lastLevel, ...(recording ? { size: recording.size } : {}) });
              },
              onFrame: (jpeg, info) => {
                emit('viewfinder.frame', { seq: info.seq, width: info.width, height: info.height, at: info.at, jpeg, developed: true });
              },
              onState: (state) => {
                if (state.state === 'error') emit('recorder.status', { state: 'error', seconds, level: null, message: state.message, code: state.code, params: state.params });
              },
            },
          });
        } catch (error) {
          await startViewfinder(deviceId).catch(() => undefined);
          throw error;
        }
        const status = { state: 'recording' as const, seconds: 0, level: null, size: recording.size };
        emit('recorder.status', status);
        return status;
      }),

    stopRecording: (): Promise<LibraryItem> =>
      serial(async () => {
        const session = recording;
        if (!session) throw new DarkslideError('capture.not-recording');
        emit('recorder.status', { state: 'finishing', seconds: 0, level: null });
        try {
          return await finishRecording(session, deps.library);
        } finally {
          recording = null;
          emit('recorder.status', { state: 'idle', seconds: 0, level: null });
          if (leftDuringRecording) {
            leftDuringRecording = false;
            device = null;
            emit('viewfinder.state', { state: 'stopped', deviceId: null });
          } else {
            await startViewfinder(session.deviceId).catch((error: Error) => emit('viewfinder.state', { state: 'error', deviceId: session.deviceId, message: error.message }));
          }
        }
      }),

    async close() {
      await serial(async () => {
        if (recording) {
          const session = recording;
          recording = null;
          // Quitting mid-recording keeps what was recorded: it is filed now rather than recovered later.
          await finishRecording(session, deps.library).catch(() => undefined);
        }
        await stopViewfinder();
      });
    },
  };
}
