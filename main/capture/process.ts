/**
 * The one way a camera (and a microphone) is opened: a long-lived ffmpeg process that reads the device.
 * The viewfinder, the recorder and the one-shot still all run through here, so claiming the device,
 * noticing it vanish, keeping stderr for the error text, giving up when it never starts, naming the
 * failure when it ends, and telling listeners that a device was opened or closed are written once.
 */
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { DarkslideError, type ErrorParams } from '../shared/errors/index.ts';
import { classifyFfmpegFailure, failureError, stderrTail } from './errors.ts';
import { spawnFfmpeg, stopFfmpegProcess } from './ffmpeg.ts';
import { claimDevice, watchForLoss, type Holder } from './guard.ts';
import { parseDeviceId, parseMicId } from './sources.ts';

/** How much of ffmpeg's stderr is kept for error messages. */
export const STDERR_KEEP = 16_384;

export type CaptureState = {
  state: 'starting' | 'live' | 'stopped' | 'error';
  /** With 'error': the error's code and params (main/shared/errors/capture.ts) and its English text. */
  code?: string;
  params?: ErrorParams;
  message?: string;
};

export type Purpose = 'viewfinder' | 'recording' | 'still';

/**
 * A device being opened or closed by Darkslide, for the usage record. `opened` is sent when the process that
 * reads the device has started, `closed` when it has exited (the OS has let go of the device by then).
 * `kind` tells a real device (v4l2, avfoundation, dshow, pulse, alsa) from a generated or file one (demo, file).
 */
export type DeviceUse = {
  state: 'opened' | 'closed';
  device: 'camera' | 'microphone';
  deviceId: string;
  kind: string;
  purpose: Purpose;
  pid: number | undefined;
  at: Date;
};

const useListeners = new Set<(use: DeviceUse) => void>();

/**
 * Hears every camera and microphone Darkslide opens and closes, in this process. Returns the unsubscribe
 * function. A listener that throws is ignored: the record must never stop a camera.
 */
export function onDeviceUse(listener: (use: DeviceUse) => void): () => void {
  useListeners.add(listener);
  return () => useListeners.delete(listener);
}

function announce(use: DeviceUse): void {
  for (const listener of [...useListeners]) {
    try {
      listener(use);
    } catch {
      // see onDeviceUse
    }
  }
}

export type CaptureProcessOptions = {
  purpose: Purpose;
  deviceId: string;
  /** A microphone this process opens too (recording). */
  micId?: string;
  ffmpegPath: string;
  args: string[];
  /** Pipes after stdin, stdout and stderr: fd 3, 4, ... */
  extraPipes?: number;
  /** No first activity within this time: the start failed. Default 20 s. */
  startTimeoutMs?: number;
  /** The process finishes by itself (one still): exit code 0 is its normal end, not a failure. */
  endsByItself?: boolean;
  /** Live but no activity for this long: the device hung. Default 6 s. */
  stallMs?: number;
  onState?: (state: CaptureState) => void;
};

export type CaptureProcess = {
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  pipe(fd: number): Readable;
  /** The source delivered something: the first call makes the process live, each call feeds the stall watch. */
  activity(): void;
  /** Resolves when live; rejects with the failure when the process ends or times out first. */
  readonly started: Promise<void>;
  /** Resolves once the process has exited, with its failure (undefined after a requested stop). */
  readonly exited: Promise<DarkslideError | undefined>;
  readonly failure: DarkslideError | undefined;
  readonly live: boolean;
  readonly running: boolean;
  /** Ends the process because of `error` (a corrupt stream, a lost file). */
  fail(error: DarkslideError): void;
  /** `q` on stdin (outputs are finished), then signals; resolves after exit. */
  stop(graceMs?: number): Promise<void>;
};

const HOLDER: Record<Purpose, Holder> = { viewfinder: 'viewfinder', recording: 'recorder', still: 'still' };

export function startCaptureProcess(options: CaptureProcessOptions): CaptureProcess {
  const { deviceId } = options;
  const camera = parseDeviceId(deviceId);
  const mic = options.micId ? parseMicId(options.micId) : undefined;
  const onState = options.onState ?? (() => {});
  const release = claimDevice(deviceId, HOLDER[options.purpose]);
  onState({ state: 'starting' });
  let child: ChildProcess;
  try {
    child = spawnFfmpeg(options.ffmpegPath, options.args, { stdio: ['pipe', 'pipe', 'pipe', ...Array.from({ length: options.extraPipes ?? 0 }, () => 'pipe' as const)] });
  } catch (error) {
    release();
    throw new DarkslideError('capture.ffmpeg-start-failed', { path: options.ffmpegPath, detail: (error as Error).message }, { cause: error });
  }
  child.stdin?.on('error', () => {});
  for (let fd = 3; fd < 3 + (options.extraPipes ?? 0); fd++) (child.stdio[fd] as Readable).on('error', () => {});

  const uses: Array<Omit<DeviceUse, 'state' | 'at'>> = [];
  if (child.pid !== undefined) {
    uses.push({ device: 'camera', deviceId, kind: camera.kind, purpose: options.purpose, pid: child.pid });
    if (mic && options.micId) uses.push({ device: 'microphone', deviceId: options.micId, kind: mic.kind, purpose: options.purpose, pid: child.pid });
    for (const use of uses) announce({ ...use, state: 'opened', at: new Date() });
  }

  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-STDERR_KEEP);
  });

  let live = false;
  let stopping = false;
  let exited = false;
  let failure: DarkslideError | undefined;
  let lastActivityAt: number | undefined;
  let resolveStarted!: () => void;
  let rejectStarted!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  // Callers that never await the start (a stop right away) must not leave an unhandled rejection behind.
  started.catch(() => {});

  const fail = (error: DarkslideError) => {
    if (exited) return;
    failure ??= error;
    child.kill('SIGKILL');
  };

  const stopWatching = watchForLoss({
    deviceId,
    filePath: camera.kind === 'file' ? camera.path : undefined,
    lastActivityAt: () => lastActivityAt,
    stallMs: options.stallMs,
    onLost: fail,
  });
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const startTimer = setTimeout(() => {
    if (!live) fail(new DarkslideError('capture.start-timeout', { device: deviceId, seconds: Math.round(startTimeoutMs / 1000) }));
  }, startTimeoutMs);

  const exitedPromise = new Promise<DarkslideError | undefined>((resolve) => {
    child.on('error', (error) => {
      failure ??= new DarkslideError('capture.ffmpeg-start-failed', { path: options.ffmpegPath, detail: error.message }, { cause: error });
    });
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(startTimer);
      stopWatching();
      release();
      for (const use of uses) announce({ ...use, state: 'closed', at: new Date() });
      if (!stopping && !failure && !(options.endsByItself && code === 0)) {
        let kind = classifyFfmpegFailure(stderr);
        // A missing look plate or LUT also reads "No such file": only blame the camera when ffmpeg names it.
        const target = deviceId.slice(deviceId.indexOf(':') + 1);
        if (kind === 'not-found' && (camera.kind === 'demo' || !stderr.includes(target))) kind = 'unknown';
        const detail = stderrTail(stderr) || `ffmpeg exited (code ${code}, signal ${signal})`;
        failure = failureError(kind, { deviceId, detail, live, recording: options.purpose === 'recording' });
      }
      if (failure) {
        onState({ state: 'error', code: failure.code, params: failure.params, message: failure.message });
        rejectStarted(failure);
      } else {
        onState({ state: 'stopped' });
        rejectStarted(new DarkslideError('capture.stopped', { device: deviceId }));
      }
      resolve(failure);
    });
  });

  return {
    get pid() {
      return child.pid;
    },
    child,
    pipe: (fd) => child.stdio[fd] as Readable,
    activity() {
      lastActivityAt = Date.now();
      if (!live && !exited) {
        live = true;
        clearTimeout(startTimer);
        onState({ state: 'live' });
        resolveStarted();
      }
    },
    started,
    exited: exitedPromise,
    get failure() {
      return failure;
    },
    get live() {
      return live;
    },
    get running() {
      return !exited;
    },
    fail,
    async stop(graceMs = 1500) {
      if (exited) return;
      stopping = true;
      await stopFfmpegProcess(child, graceMs);
      await exitedPromise;
    },
  };
}
