// One recording, from the camera to the album: shared by the app (where the
// recorder also feeds the viewfinder) and `darkslide record`.
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import type { Location } from '../metadata/index.ts';
import { fileVideo, newRecordingFile, writeSidecar } from './recordings.ts';

type Size = { width: number; height: number };

export type RecordingSession = {
  recording: capture.Recording;
  deviceId: string;
  startedAt: Date;
  lookId: string;
  lookName: string;
  recipe: unknown;
  size: Size;
  /** The place the recording started at, when location for new shots is on. */
  location: Location | null;
};

/** The size a device records at when nobody chose one: its largest mode, or the file's own size. */
export async function deviceFullSize(deviceId: string): Promise<Size> {
  if (deviceId.startsWith('file:')) {
    const probe = await capture.probeFile(deviceId.slice(5));
    if (probe.width && probe.height) return { width: probe.width, height: probe.height };
  }
  const { cameras } = await capture.listDevices();
  const modes = cameras.find((device) => device.id === deviceId)?.modes ?? [];
  const largest = [...modes].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return largest ? { width: largest.width, height: largest.height } : { width: 1280, height: 720 };
}

/** The microphone a device records with unless the user chose: the demo tone, a file's own sound, else none. */
export function defaultMicFor(deviceId: string): string | undefined {
  if (capture.isDemoDevice(deviceId)) return 'demo';
  if (deviceId.startsWith('file:')) return deviceId;
  return undefined;
}

export async function beginRecording(options: {
  dataDir: string;
  deviceId: string;
  lookId: string;
  size: Size;
  fps: number;
  micId: string | undefined;
  strength?: number;
  grain?: number;
  location?: Location | null;
  callbacks?: Pick<capture.RecordingOptions, 'onLevel' | 'onProgress' | 'onFrame' | 'onState' | 'onWarning'>;
}): Promise<RecordingSession> {
  const lookDef = looks.getLook(options.lookId);
  const filter = await looks.buildVideoFilter(options.lookId, { ...options.size, fps: options.fps, strength: options.strength, grain: options.grain });
  const startedAt = new Date();
  const file = await newRecordingFile(options.dataDir, startedAt);
  const recipe = { lookId: lookDef.id, lookVersion: lookDef.version, strength: options.strength ?? 1, grain: options.grain ?? 1 };
  const size = { width: filter.width, height: filter.height };
  await writeSidecar(file, { takenAt: startedAt.toISOString(), lookId: lookDef.id, lookName: lookDef.name, recipe, ...size });
  const recording = await capture.startRecording({
    deviceId: options.deviceId,
    micId: options.micId,
    videoFilter: filter,
    size: options.size,
    fps: options.fps,
    outFile: file,
    ...options.callbacks,
  });
  return { recording, deviceId: options.deviceId, startedAt, lookId: lookDef.id, lookName: lookDef.name, recipe, size, location: options.location ?? null };
}

export async function finishRecording(session: RecordingSession, library: Library): Promise<LibraryItem> {
  const result = await session.recording.stop();
  return fileVideo(library, result.file, {
    takenAt: session.startedAt,
    lookId: session.lookId,
    lookName: session.lookName,
    recipe: session.recipe,
    ...session.size,
    durationSec: result.durationSec,
    location: session.location,
  });
}

/**
 * What `darkslide record` made. `speed` is recorded seconds per second of wall time while recording (below 1:
 * this computer could not develop the video as fast as a camera delivers it).
 */
export type RecordOutcome = { item: LibraryItem; askedSeconds: number; wallSeconds: number; speed: number; paced: boolean; suggestion: Size | null };

/**
 * `darkslide record`: N seconds, then filed. SIGINT stops early and keeps what was recorded. A live camera is
 * recorded for N seconds of wall time (a computer too slow for it drops frames). The demo and file cameras
 * wait for the computer, so they are recorded until the clip is N seconds long, however long that takes.
 */
export async function recordFor(options: {
  library: Library;
  dataDir: string;
  deviceId: string;
  micId?: string;
  lookId: string;
  seconds: number;
  size?: Size;
  location?: Location | null;
  onProgress?: (seconds: number) => void;
}): Promise<RecordOutcome> {
  looks.getLook(options.lookId);
  const size = options.size ?? (await deviceFullSize(options.deviceId));
  const paced = capture.isDemoDevice(options.deviceId) || options.deviceId.startsWith('file:');
  let finish: () => void = () => undefined;
  let recorded = 0;
  const session = await beginRecording({
    dataDir: options.dataDir,
    deviceId: options.deviceId,
    lookId: options.lookId,
    size,
    fps: 30,
    micId: options.micId ?? defaultMicFor(options.deviceId),
    location: options.location ?? null,
    callbacks: {
      onProgress: (seconds) => {
        recorded = seconds;
        options.onProgress?.(seconds);
        if (paced && seconds >= options.seconds) finish();
      },
    },
  });
  const started = Date.now();
  await new Promise<void>((resolve) => {
    // A paced source that is far too slow still ends: at four times the asked length (and at least 20 s more).
    const timer = setTimeout(done, paced ? Math.max(options.seconds * 4, options.seconds + 20) * 1000 : options.seconds * 1000);
    process.once('SIGINT', done);
    finish = done;
    function done() {
      clearTimeout(timer);
      process.off('SIGINT', done);
      resolve();
    }
  });
  const wallSeconds = (Date.now() - started) / 1000;
  const item = await finishRecording(session, options.library);
  const speed = wallSeconds > 0 ? Math.min(recorded, item.durationSec ?? recorded) / wallSeconds : 1;
  return { item, askedSeconds: options.seconds, wallSeconds, speed, paced, suggestion: speed < 0.9 ? capture.suggestSize(size, speed) : null };
}
