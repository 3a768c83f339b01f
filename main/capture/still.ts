import { DarkslideError } from '../shared/errors/index.ts';
import { findFfmpeg } from './ffmpeg.ts';
import { resolveInput } from './input.ts';
import { startCaptureProcess } from './process.ts';
import { parseDeviceId } from './sources.ts';
import type { StillFrame } from './streams.ts';

/**
 * One-shot still for the CLI: open the camera, take one full-resolution frame, close. Real cameras get
 * half a second first so auto-exposure settles (their first frames are often dark).
 */
export async function captureStillOnce(deviceId: string, size?: { width: number; height: number }): Promise<StillFrame> {
  const device = parseDeviceId(deviceId);
  const ffmpeg = await findFfmpeg();
  const input = await resolveInput(device, deviceId, { size, loop: false });
  const settle = device.kind === 'demo' || device.kind === 'file' ? [] : ['-ss', '0.5'];
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'error',
    // Stills need no real-time pacing: drop -re so the frame comes at once.
    ...input.args.filter((a) => a !== '-re'),
    ...settle,
    '-map', '0:v:0', '-frames:v', '1', '-an', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ];
  const proc = startCaptureProcess({ purpose: 'still', deviceId, ffmpegPath: ffmpeg.path, args, startTimeoutMs: 30_000, endsByItself: true });
  const chunks: Buffer[] = [];
  proc.pipe(1).on('data', (chunk: Buffer) => {
    proc.activity();
    chunks.push(chunk);
  });
  // ffmpeg exits by itself after one frame; that exit is the normal end here, not a failure.
  await proc.started.catch(() => undefined);
  const failure = await proc.exited;
  const expected = input.size.width * input.size.height * 3;
  const raw = Buffer.concat(chunks);
  if (raw.length >= expected) return { raw: raw.subarray(0, expected), width: input.size.width, height: input.size.height, channels: 3, at: new Date() };
  throw failure ?? new DarkslideError('capture.failed', { device: deviceId, detail: `no frame (${raw.length} of ${expected} bytes)` });
}
