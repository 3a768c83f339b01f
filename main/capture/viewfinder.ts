import { DarkslideError } from '../shared/errors/index.ts';
import { findFfmpeg } from './ffmpeg.ts';
import { previewSizeFor, resolveInput } from './input.ts';
import { startCaptureProcess, type CaptureState } from './process.ts';
import { parseDeviceId } from './sources.ts';
import { frameDelivery, MpjpegParser, StillTap, type FrameInfo, type StillFrame } from './streams.ts';

export type { FrameInfo, StillFrame };
export type ViewfinderState = CaptureState;

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

export type Viewfinder = {
  readonly pid: number | undefined;
  readonly deviceId: string;
  readonly fullSize: { width: number; height: number };
  readonly previewSize: { width: number; height: number };
  captureStill(timeoutMs?: number): Promise<StillFrame>;
  stop(): Promise<void>;
};

export async function startViewfinder(options: ViewfinderOptions): Promise<Viewfinder> {
  let announced = false;
  const onState = (state: ViewfinderState) => {
    if (state.state === 'error') announced = true;
    options.onState?.(state);
  };
  try {
    return await openViewfinder(options, onState);
  } catch (error) {
    // Failures before ffmpeg runs (bad id, missing device, no ffmpeg) reach state listeners too.
    if (error instanceof DarkslideError && !announced) onState({ state: 'error', code: error.code, params: error.params, message: error.message });
    throw error;
  }
}

async function openViewfinder(options: ViewfinderOptions, onState: (s: ViewfinderState) => void): Promise<Viewfinder> {
  const device = parseDeviceId(options.deviceId);
  const ffmpeg = await findFfmpeg();
  const input = await resolveInput(device, options.deviceId, { size: options.captureSize, fps: options.captureFps });
  const fullSize = input.size;
  const previewSize = previewSizeFor(fullSize, options.previewWidth ?? 1280);
  const stillFps = options.stillFps ?? 5;
  const quality = options.previewQuality ?? 5;

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

  const proc = startCaptureProcess({ purpose: 'viewfinder', deviceId: options.deviceId, ffmpegPath: ffmpeg.path, args, extraPipes: 1, onState });
  const stills = new StillTap(fullSize, { stillFps, shutter: options.shutter ?? 'latest' });
  proc.pipe(3).on('data', (chunk: Buffer) => stills.push(chunk));
  const deliver = frameDelivery(previewSize, options.onFrame);
  const parser = new MpjpegParser((jpeg) => {
    proc.activity();
    deliver(jpeg);
  });
  proc.pipe(1).on('data', (chunk: Buffer) => {
    try {
      parser.push(chunk);
    } catch (error) {
      proc.fail(new DarkslideError('capture.preview-corrupt', { detail: (error as Error).message }));
    }
  });
  void proc.exited.then((failure) => stills.rejectAll(failure ?? new DarkslideError('capture.stopped', { device: options.deviceId })));

  await proc.started.catch(async (error: unknown) => {
    await proc.exited;
    throw error;
  });

  return {
    get pid() {
      return proc.pid;
    },
    deviceId: options.deviceId,
    fullSize,
    previewSize,
    captureStill(timeoutMs = 5000): Promise<StillFrame> {
      if (!proc.running) return Promise.reject(proc.failure ?? new DarkslideError('capture.stopped', { device: options.deviceId }));
      return stills.take(timeoutMs, () => new DarkslideError('capture.still-timeout', { device: options.deviceId, ms: timeoutMs }));
    },
    stop: () => proc.stop(1500),
  };
}
