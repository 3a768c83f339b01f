import { CaptureError, classifyFfmpegFailure, stderrTail } from './errors.ts';
import { spawn } from 'node:child_process';
import { findFfmpeg } from './ffmpeg.ts';
import { parseDeviceId } from './sources.ts';
import { describeFailure, resolveInput, type StillFrame } from './viewfinder.ts';

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
  const out = await runBinary(ffmpeg.path, args, 30_000);
  const expected = input.size.width * input.size.height * 3;
  if (out.code !== 0 || out.stdout.length < expected) {
    const code = classifyFfmpegFailure(out.stderr);
    throw new CaptureError(code, describeFailure(deviceId, code, false, stderrTail(out.stderr) || `no frame (exit ${out.code})`));
  }
  return { raw: out.stdout.subarray(0, expected), width: input.size.width, height: input.size.height, channels: 3, at: new Date() };
}

function runBinary(file: string, args: string[], timeoutMs: number): Promise<{ stdout: Buffer; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new CaptureError('ffmpeg-missing', `Could not start ffmpeg: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(chunks), stderr, code });
    });
  });
}
