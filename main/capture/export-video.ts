// A video for export: the album's file made into a plain MP4 that carries no metadata of its own, so the
// export can write exactly what its policy allows. Stream copy wherever MP4 can hold the streams (the usual
// case: H.264/HEVC + AAC), re-encoding only what it cannot. Container metadata, chapters, cover pictures and
// data tracks (timed GPS, camera telemetry) are left behind; ffmpeg is told to sign nothing (bitexact: no
// "Lavf" encoder tag, zero dates); and the encoder banners and user data that H.264, HEVC and AV1 carry
// inside the video stream itself (x264 writes its version and settings into every file) are filtered out.
import { spawn } from 'node:child_process';
import ffmpegCommand from 'fluent-ffmpeg';
import { DarkslideError } from '../shared/errors/index.ts';
import { stderrTail } from './errors.ts';
import { findFfmpeg } from './ffmpeg.ts';

type Stream = { index: number; codec_type?: string; codec_name?: string; disposition?: { attached_pic?: number } };

async function streamsOf(ffprobePath: string, file: string, name: string): Promise<Stream[]> {
  if (!ffprobePath) return [];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_streams', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new DarkslideError('export.video-failed', { file: name, detail: stderrTail(stderr) || `ffprobe exit ${code}` }))));
  });
  return (JSON.parse(output) as { streams?: Stream[] }).streams ?? [];
}

// Units that carry user data or encoder banners: H.264 SEI (6), HEVC prefix/suffix SEI (39, 40), AV1 metadata OBUs (5).
const STRIP_UNITS: Record<string, string> = { h264: 'filter_units=remove_types=6', hevc: 'filter_units=remove_types=39|40', av1: 'filter_units=remove_types=5' };
const MP4_AUDIO = new Set(['aac', 'mp3', 'alac', 'ac3', 'eac3', 'opus', 'flac']);

/** The ffmpeg output options for `streams` (exported for tests). */
export function exportVideoArgs(streams: Stream[]): string[] {
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  const audio = streams.filter((stream) => stream.codec_type === 'audio');
  const args = ['-map 0:V:0', '-map 0:a?', '-map_metadata -1', '-map_chapters -1', '-fflags +bitexact', '-flags:v +bitexact', '-flags:a +bitexact', '-movflags +faststart'];
  const codec = video?.codec_name ?? 'h264';
  if (STRIP_UNITS[codec]) {
    args.push('-c:v copy', `-bsf:v ${STRIP_UNITS[codec]}`);
    if (codec === 'hevc') args.push('-tag:v hvc1');
  } else {
    args.push('-c:v libx264', '-preset veryfast', '-crf 18', '-pix_fmt yuv420p', `-bsf:v ${STRIP_UNITS.h264}`);
  }
  args.push(audio.every((stream) => MP4_AUDIO.has(stream.codec_name ?? '')) ? '-c:a copy' : '-c:a aac -b:a 192k');
  return args;
}

/**
 * Writes `input` to `output` (an .mp4 path) as described above. `name` is what errors call the file (the
 * export's own name, not a temporary one). Aborting kills ffmpeg; the caller removes `output`.
 */
export async function exportVideo(input: string, output: string, options: { name: string; signal?: AbortSignal }): Promise<{ copied: boolean }> {
  const ffmpeg = await findFfmpeg();
  const streams = await streamsOf(ffmpeg.ffprobePath, input, options.name);
  const args = exportVideoArgs(streams);
  options.signal?.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    const command = ffmpegCommand(input)
      .setFfmpegPath(ffmpeg.path)
      .outputOptions([...args.flatMap((arg) => arg.split(' ')), '-f', 'mp4'])
      .on('end', () => resolve())
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
        if (options.signal?.aborted) return reject(new DarkslideError('job.cancelled'));
        const text = stderr ?? error.message;
        if (/No space left on device|Disk quota exceeded/i.test(text)) return reject(new DarkslideError('file.disk-full', { file: options.name }));
        if (/Read-only file system/i.test(text)) return reject(new DarkslideError('file.read-only', { file: options.name }));
        if (/Permission denied/i.test(text)) return reject(new DarkslideError('file.no-permission', { file: options.name, access: 'write' }));
        reject(new DarkslideError('export.video-failed', { file: options.name, detail: stderrTail(text) }));
      });
    const abort = () => command.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    command.on('end', () => options.signal?.removeEventListener('abort', abort));
    command.on('error', () => options.signal?.removeEventListener('abort', abort));
    command.save(output);
  });
  return { copied: args.includes('-c:v copy') };
}
