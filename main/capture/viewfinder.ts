import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { CaptureError, classifyFfmpegFailure, stderrTail, type CaptureErrorCode } from './errors.ts';
import { findFfmpeg, probeFile, runCapture, spawnFfmpeg, stopFfmpegProcess } from './ffmpeg.ts';
import { buildVideoInput, parseDeviceId, type InputRequest, type InputSpec, type ParsedDeviceId, type VideoMode } from './sources.ts';
import { chooseMode } from './modes.ts';
import { parseV4l2Formats } from './parsers.ts';
import { MpjpegParser, RawFrameReader } from './streams.ts';
import { claimDevice, watchForLoss } from './guard.ts';

export type FrameInfo = { seq: number; width: number; height: number; at: number; dropped: number };

export type ViewfinderState = { state: 'starting' | 'live' | 'stopped' | 'error'; message?: string; code?: string };

export type ViewfinderOptions = {
  deviceId: string;
  /** Preview width in pixels; never upscaled beyond the source. Default 1280. */
  previewWidth?: number;
  /** Requested capture size/rate for real devices (the demo is 1920x1080@30). */
  captureSize?: { width: number; height: number };
  captureFps?: number;
  /** Full-resolution frames per second kept ready for the shutter. Default 5. */
  stillFps?: number;
  /**
   * 'latest' (default): the shutter returns the newest full-resolution frame when it is at most one still
   * interval old -- the picture the user was looking at, with no wait. 'next': always wait for a frame that
   * arrives after the press.
   */
  shutter?: 'latest' | 'next';
  /** JPEG quality scale for previews (ffmpeg -q:v, 2 best .. 31 worst). Default 5. */
  previewQuality?: number;
  /**
   * Called for each preview JPEG. Returning a promise marks the consumer busy: frames that arrive before it
   * settles are dropped (counted in `info.dropped`), never queued.
   */
  onFrame: (jpeg: Buffer, info: FrameInfo) => void | Promise<unknown>;
  onState?: (s: ViewfinderState) => void;
};

export type StillFrame = { raw: Buffer; width: number; height: number; channels: 3; at: Date };

export type Viewfinder = {
  readonly pid: number | undefined;
  readonly deviceId: string;
  readonly fullSize: { width: number; height: number };
  readonly previewSize: { width: number; height: number };
  captureStill(timeoutMs?: number): Promise<StillFrame>;
  stop(): Promise<void>;
};

const FIRST_FRAME_TIMEOUT_MS = 20_000;
/** How much of ffmpeg's stderr is kept for error messages (viewfinder and recorder alike). */
export const STDERR_KEEP = 16_384;

export function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

export function previewSizeFor(full: { width: number; height: number }, previewWidth: number): { width: number; height: number } {
  const width = even(Math.min(previewWidth, full.width));
  return { width, height: even((width * full.height) / full.width) };
}

/**
 * Finds the source's full size and capture mode before spawning, because the still branch is raw rgb24 and
 * its frame size must be known to cut the pipe into frames.
 */
export async function resolveInput(
  device: ParsedDeviceId,
  deviceId: string,
  request: { size?: { width: number; height: number }; fps?: number; loop?: boolean },
): Promise<InputSpec & { size: { width: number; height: number }; request: InputRequest }> {
  if (device.kind === 'file') {
    const probe = await probeFile(device.path).catch((err: unknown) => {
      if (err instanceof CaptureError && err.code === 'device-not-found') {
        throw new CaptureError('device-not-found', `Camera "${deviceId}": the file does not exist. Pick another file or camera.`);
      }
      throw err;
    });
    if (!probe.hasVideo || !probe.width || !probe.height) {
      throw new CaptureError('capture-failed', `Camera "${deviceId}": the file has no video stream.`);
    }
    const fileRequest: InputRequest = { loop: request.loop };
    const spec = buildVideoInput(device, fileRequest);
    return { ...spec, size: { width: probe.width, height: probe.height }, fps: probe.fps, request: fileRequest };
  }
  let resolvedRequest: InputRequest = { size: request.size, fps: request.fps };
  if (device.kind === 'v4l2') {
    // The mode must exist on the device (size and pixel format together), so ask the device itself.
    const modes = await listV4l2Modes(device.path, deviceId);
    const chosen = chooseMode(modes, request);
    if (!chosen) throw new CaptureError('capture-failed', `Camera "${deviceId}" reports no usable video modes.`);
    resolvedRequest = { size: { width: chosen.mode.width, height: chosen.mode.height }, fps: chosen.fps, pixelFormat: chosen.mode.pixelFormat };
  }
  const spec = buildVideoInput(device, resolvedRequest);
  if (!spec.size) {
    throw new CaptureError('bad-option', `Camera "${deviceId}": pass captureSize (one of the modes from listDevices()) so full-resolution stills can be read.`);
  }
  return { ...spec, size: spec.size, request: resolvedRequest };
}

async function listV4l2Modes(node: string, deviceId: string): Promise<VideoMode[]> {
  const ffmpeg = await findFfmpeg();
  const { stderr } = await runCapture(ffmpeg.path, ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', node], 10_000);
  const modes = parseV4l2Formats(stderr);
  if (modes === null) {
    throw new CaptureError('device-not-found', `"${node}" is not a video capture device (UVC cameras add a metadata node beside the camera). Pick the camera from listDevices().`);
  }
  if (modes.length === 0) {
    const code = classifyFfmpegFailure(stderr);
    const finalCode = code === 'capture-failed' ? 'device-not-found' : code;
    throw new CaptureError(finalCode, describeFailure(deviceId, finalCode, false, stderrTail(stderr) || 'no formats listed'));
  }
  return modes;
}

export async function startViewfinder(options: ViewfinderOptions): Promise<Viewfinder> {
  try {
    return await openViewfinder(options);
  } catch (err) {
    // Failures before ffmpeg runs (bad id, missing device, no ffmpeg) reach state listeners too.
    if (err instanceof CaptureError && !reportedErrors.has(err)) options.onState?.({ state: 'error', code: err.code, message: err.message });
    throw err;
  }
}

/** Errors already announced through onState by the running process, so they are not reported twice. */
const reportedErrors = new WeakSet<Error>();

async function openViewfinder(options: ViewfinderOptions): Promise<Viewfinder> {
  const device = parseDeviceId(options.deviceId);
  const ffmpeg = await findFfmpeg();
  const input = await resolveInput(device, options.deviceId, { size: options.captureSize, fps: options.captureFps });
  const fullSize = input.size;
  const previewSize = previewSizeFor(fullSize, options.previewWidth ?? 1280);
  const stillFps = options.stillFps ?? 5;
  const quality = options.previewQuality ?? 5;
  const onState = options.onState ?? (() => {});

  const graph =
    `[0:v]split=2[pv0][st0];` +
    `[pv0]scale=${previewSize.width}:${previewSize.height}:flags=bilinear[pv];` +
    `[st0]fps=${stillFps},format=rgb24[st]`;
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'error',
    ...input.args,
    '-filter_complex', graph,
    // -threads 1 on the preview encoder cut latency inside ffmpeg from 37 to 2.9 ms (NOTES).
    '-map', '[pv]', '-an', '-c:v', 'mjpeg', '-q:v', String(quality), '-threads', '1', '-flush_packets', '1', '-f', 'mpjpeg', 'pipe:1',
    '-map', '[st]', '-an', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:3',
  ];

  const release = claimDevice(options.deviceId, 'viewfinder');
  onState({ state: 'starting' });
  let child: ChildProcess;
  try {
    child = spawnFfmpeg(ffmpeg.path, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  } catch (err) {
    release();
    throw new CaptureError('ffmpeg-missing', `Could not start ffmpeg at ${ffmpeg.path}: ${(err as Error).message}`, { cause: err });
  }
  let lastFrameAt: number | undefined;
  const stopWatching = watchForLoss({
    deviceId: options.deviceId,
    filePath: device.kind === 'file' ? device.path : undefined,
    lastActivityAt: () => lastFrameAt,
    onLost: (err) => {
      exitError ??= err;
      child.kill('SIGKILL');
    },
  });

  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-STDERR_KEEP);
  });

  let seq = 0;
  let dropped = 0;
  let busy = false;
  let busySince = 0;
  let live = false;
  let stopping = false;
  let exited = false;
  let exitError: CaptureError | undefined;

  const stillWaiters: Array<{ resolve: (f: StillFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }> = [];
  const frameBytes = fullSize.width * fullSize.height * 3;
  const stillReader = new RawFrameReader(frameBytes, (raw) => {
    const at = new Date();
    const waiters = stillWaiters.splice(0);
    for (const w of waiters) {
      clearTimeout(w.timer);
      // Each caller owns its buffer: a later edit by one must not show up in another's photo.
      w.resolve({ raw: waiters.length > 1 ? Buffer.from(raw) : raw, width: fullSize.width, height: fullSize.height, channels: 3, at });
    }
  }, { keepLatest: (options.shutter ?? 'latest') === 'latest' });
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => stillReader.push(chunk));
  (child.stdio[3] as Readable).on('error', () => {});

  let resolveFirst: (() => void) | undefined;
  let rejectFirst: ((e: Error) => void) | undefined;
  const firstFrame = new Promise<void>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });

  const parser = new MpjpegParser((jpeg) => {
    seq++;
    lastFrameAt = Date.now();
    if (!live) {
      live = true;
      onState({ state: 'live' });
      resolveFirst?.();
    }
    // A consumer that never settles must not freeze the viewfinder for good: after 2 s it gets frames again.
    if (busy && Date.now() - busySince < 2000) {
      dropped++;
      return;
    }
    try {
      const result = options.onFrame(jpeg, { seq, width: previewSize.width, height: previewSize.height, at: Date.now(), dropped });
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        busy = true;
        busySince = Date.now();
        (result as Promise<unknown>).then(
          () => (busy = false),
          () => (busy = false),
        );
      }
    } catch {
      // A throwing consumer must not kill the camera.
    }
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    try {
      parser.push(chunk);
    } catch (err) {
      exitError = new CaptureError('capture-failed', `Preview stream from ffmpeg is corrupt: ${(err as Error).message}`);
      child.kill('SIGKILL');
    }
  });
  (child.stdin as Writable).on('error', () => {});

  const exitPromise = new Promise<void>((resolve) => {
    child.on('error', (err) => {
      exitError ??= new CaptureError('ffmpeg-missing', `Could not start ffmpeg at ${ffmpeg.path}: ${err.message}`, { cause: err });
    });
    child.on('close', (code, signal) => {
      exited = true;
      stopWatching();
      release();
      const tail = stderrTail(stderr);
      if (!stopping && !exitError) {
        const classified = classifyFfmpegFailure(stderr);
        const codeName: CaptureErrorCode = live && classified === 'capture-failed' ? 'device-lost' : classified;
        exitError = new CaptureError(codeName, describeFailure(options.deviceId, codeName, live, tail || `ffmpeg exited (code ${code}, signal ${signal})`));
      }
      for (const w of stillWaiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(exitError ?? new CaptureError('stopped', `Camera "${options.deviceId}" was stopped before the still was taken.`));
      }
      if (exitError) {
        reportedErrors.add(exitError);
        onState({ state: 'error', code: exitError.code, message: exitError.message });
        rejectFirst?.(exitError);
      } else {
        onState({ state: 'stopped' });
        rejectFirst?.(new CaptureError('stopped', `Camera "${options.deviceId}" was stopped while starting.`));
      }
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    stopping = true;
    await stopFfmpegProcess(child, 1500);
    await exitPromise;
  };

  const startTimer = setTimeout(() => {
    if (!live) {
      exitError = new CaptureError('timeout', `Camera "${options.deviceId}" sent no picture within ${FIRST_FRAME_TIMEOUT_MS / 1000} s. Check that no other app uses it, then retry.`);
      child.kill('SIGKILL');
    }
  }, FIRST_FRAME_TIMEOUT_MS);
  try {
    await firstFrame;
  } catch (err) {
    await exitPromise;
    throw err;
  } finally {
    clearTimeout(startTimer);
  }

  return {
    get pid() {
      return child.pid;
    },
    deviceId: options.deviceId,
    fullSize,
    previewSize,
    captureStill(timeoutMs = 5000): Promise<StillFrame> {
      if (exited) {
        return Promise.reject(exitError ?? new CaptureError('stopped', `Camera "${options.deviceId}" is stopped; start the viewfinder again.`));
      }
      const latest = stillReader.latestFrame();
      if (latest && Date.now() - latest.at <= 1000 / stillFps + 50) {
        return Promise.resolve({ raw: latest.frame, width: fullSize.width, height: fullSize.height, channels: 3 as const, at: new Date(latest.at) });
      }
      return new Promise<StillFrame>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = stillWaiters.findIndex((w) => w.timer === timer);
          if (i >= 0) stillWaiters.splice(i, 1);
          reject(new CaptureError('timeout', `Camera "${options.deviceId}" delivered no full-resolution frame within ${timeoutMs} ms.`));
        }, timeoutMs);
        stillWaiters.push({ resolve, reject, timer });
        stillReader.requestFrame();
      });
    },
    stop,
  };
}

export function describeFailure(deviceId: string, code: CaptureErrorCode, wasLive: boolean, detail: string): string {
  switch (code) {
    case 'device-busy':
      return `Camera "${deviceId}" is busy: another application (or another Darkslide window) is using it. Close it and retry. ffmpeg: ${detail}`;
    case 'device-not-found':
      return `Camera "${deviceId}" was not found. It may be unplugged; rescan devices and pick another. ffmpeg: ${detail}`;
    case 'device-permission':
      return `Darkslide is not allowed to use camera "${deviceId}". Grant camera access in the system settings. ffmpeg: ${detail}`;
    case 'device-lost':
      return `Camera "${deviceId}" stopped sending pictures${wasLive ? ' (unplugged or crashed)' : ''}. Reconnect it and start again. ffmpeg: ${detail}`;
    default:
      return `Camera "${deviceId}" failed: ${detail}`;
  }
}
