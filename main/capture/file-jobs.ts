// File-to-file ffmpeg jobs go through fluent-ffmpeg, the stack's ffmpeg
// wrapper, where it behaves: a finished input, a finished output, no device.
// Live capture does not (see README): it is spawned directly by process.ts
// for the viewfinder, the recorder and one-shot stills. Both paths find ffmpeg through findFfmpeg().
import ffmpegCommand from 'fluent-ffmpeg';
import { DarkslideError } from '../shared/errors/index.ts';
import { stderrTail } from './errors.ts';
import { findFfmpeg } from './ffmpeg.ts';

/** Stream-copies `input` into an ordinary MP4 with its index up front (plays and seeks everywhere). */
export async function remuxToMp4(input: string, output: string): Promise<void> {
  const ffmpeg = await findFfmpeg();
  await new Promise<void>((resolve, reject) => {
    ffmpegCommand(input)
      .setFfmpegPath(ffmpeg.path)
      .outputOptions(['-map 0', '-c copy', '-movflags +faststart'])
      // No .format(): fluent-ffmpeg would check it against `ffmpeg -formats`, which newer builds print
      // in a layout it misreads. The .mp4 name already chooses the muxer.
      .on('end', () => resolve())
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) =>
        reject(new DarkslideError('capture.finish-failed', { file: output, detail: stderr ? stderrTail(stderr) : error.message, partial: input })),
      )
      .save(output);
  });
}

/**
 * fluent-ffmpeg asks ffmpeg for its formats and encoders (two more processes) before its first job in a process,
 * and keeps the answer. The app has it ask at start-up, while the process is small: a spawn costs the calling
 * thread ~9 ms of CPU then, and 45-60 ms once a session holds a gigabyte of pixels (fork copies the page tables),
 * which is when the first recording is filed. A failure here is left for the job itself to report.
 */
export async function warmFileJobs(): Promise<void> {
  const ffmpeg = await findFfmpeg();
  const command = ffmpegCommand().setFfmpegPath(ffmpeg.path);
  await new Promise<void>((resolve) => command.availableFormats(() => command.availableEncoders(() => resolve())));
}
