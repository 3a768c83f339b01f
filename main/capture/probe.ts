import { findFfmpeg, runCapture } from './ffmpeg.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { stderrTail } from './errors.ts';
import { buildRecordingArgs, type VideoFilterInput } from './recorder.ts';

export type EncodeProbe = {
  size: { width: number; height: number };
  fps?: number;
  /** Seconds of video to encode; 2 s keeps the probe under a few seconds even when it is slow. */
  seconds?: number;
  videoFilter?: VideoFilterInput;
  preset?: 'ultrafast' | 'superfast' | 'veryfast';
  /** Also encode the 1280 px MJPEG preview the recorder produces alongside (default true). */
  withPreview?: boolean;
  /**
   * Wall-clock budget. A heavy look can run at a few percent of real time; the probe then stops early and
   * reports the speed reached so far instead of making the user wait. Default 8 s.
   */
  timeLimitMs?: number;
  /** Run at the lowest priority, beside a live viewfinder that must keep its frames (the app's background check). */
  background?: boolean;
};

/**
 * Runs the recorder's own command line on a synthetic source as fast as possible and returns the speed as a
 * multiple of real time (1.0 = exactly keeps up). Output goes to the null muxer, so encoding is measured, not disk.
 */
export async function measureEncodeSpeed(probe: EncodeProbe): Promise<number> {
  const { path: ffmpegPath } = await findFfmpeg();
  const fps = probe.fps ?? 30;
  const seconds = probe.seconds ?? 2;
  const { width, height } = probe.size;
  const withPreview = probe.withPreview ?? true;
  const args = buildRecordingArgs({
    inputArgs: [
      '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    ],
    videoSpec: '0:v:0',
    audioSpec: '1:a:0',
    fps,
    videoFilter: probe.videoFilter,
    preview: withPreview ? { width: Math.min(1280, width), height: Math.round((Math.min(1280, width) * height) / width / 2) * 2 } : undefined,
    partialFile: '-',
    preset: probe.preset ?? 'ultrafast',
    crf: 20,
    // The recorder keeps full-resolution stills ready during a take; include their cost.
    stillFps: 5,
    discardOutput: true,
    progressFd: 1,
  });
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await runCapture(ffmpegPath, args, probe.timeLimitMs ?? 8000, { background: probe.background });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (code === 0) return seconds / elapsed;
  // Killed at the time limit: the progress report says how far it got.
  const times = [...stdout.matchAll(/^out_time_us=(\d+)/gm)].map((m) => Number(m[1]) / 1e6);
  const reached = times.length ? Math.max(...times) : 0;
  if (code === null && reached > 0) return reached / elapsed;
  if (code === null) return 0;
  throw new DarkslideError('capture.encode-probe-failed', { detail: stderrTail(stderr) || `exit ${code}` });
}

const STANDARD_SIZES = [
  { width: 3840, height: 2160 },
  { width: 2560, height: 1440 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 960, height: 540 },
  { width: 640, height: 360 },
];

/**
 * A short probe (~2 s of video) telling the app whether this computer records `size` in real time, with margin
 * for the camera's own decoding. When it does not, `suggestion` is the largest standard size whose pixel rate
 * the measured speed should sustain.
 */
export async function canRecordRealtime(
  size: { width: number; height: number },
  options: Omit<EncodeProbe, 'size'> & { margin?: number } = {},
): Promise<{ ok: boolean; speed: number; size: { width: number; height: number }; suggestion?: { width: number; height: number } }> {
  const margin = options.margin ?? 1.25;
  const speed = await measureEncodeSpeed({ ...options, size });
  if (speed >= margin) return { ok: true, speed, size };
  return { ok: false, speed, size, suggestion: suggestSize(size, speed, margin) };
}

/** The largest standard size smaller than `size` whose pixel rate a measured `speed` (x real time) should sustain. */
export function suggestSize(size: { width: number; height: number }, speed: number, margin = 1.25): { width: number; height: number } {
  const affordablePixels = (size.width * size.height * speed) / margin;
  return STANDARD_SIZES.find((s) => s.width * s.height <= affordablePixels && s.width < size.width) ?? STANDARD_SIZES.at(-1)!;
}
