import { execFile } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { DarkslideError } from '../shared/errors/index.ts';
import { removeIfPresent } from './fsutil.ts';
import { TEMP_PREFIX } from './paths.ts';
import { ownerTag } from './sessions.ts';

const run = promisify(execFile);
export const DEFAULT_FFMPEG = process.env.DARKSLIDE_FFMPEG || '/usr/bin/ffmpeg';
export const DEFAULT_FFPROBE = process.env.DARKSLIDE_FFPROBE || '/usr/bin/ffprobe';
export const THUMB_SIZE = 400;
/**
 * How an album thumbnail is made, wherever it is made (here from a file, or by the developer from a new shot's
 * pixels): the long side and the JPEG quality. One definition, so both give the same file.
 */
export const THUMBNAIL = { size: THUMB_SIZE, quality: 80 } as const;

/**
 * A photo's album thumbnail: a JPEG no larger than THUMB_SIZE on its long side, EXIF orientation applied so it
 * looks like the photo. Given the encoded photo's bytes it is the same file as the one made later from the photo's
 * file, so a shot can bring its thumbnail along from the JPEG still in memory.
 */
export function thumbnailJpeg(photo: string | Buffer): Promise<Buffer> {
  return sharp(photo).rotate().resize(THUMBNAIL.size, THUMBNAIL.size, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: THUMBNAIL.quality }).toBuffer();
}

/** Named with this process's tag: another process's recovery sweeps it only once this process is gone. */
function thumbnailTemp(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${ownerTag()}-${path.basename(target)}.${Math.random().toString(36).slice(2)}.jpg`);
}

/** Puts a thumbnail made elsewhere (see thumbnailJpeg) at `target`, atomically (temp + rename). */
export async function saveThumbnail(jpeg: Buffer, target: string): Promise<void> {
  const temp = thumbnailTemp(target);
  try {
    await writeFile(temp, jpeg, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await removeIfPresent(temp).catch(() => undefined);
    throw error;
  }
}

/** Writes a JPEG no larger than THUMB_SIZE on its long side to `target`, atomically (temp + rename). */
export async function makeThumbnail(source: string, kind: 'photo' | 'video', target: string, ffmpegPath = DEFAULT_FFMPEG): Promise<void> {
  const temp = thumbnailTemp(target);
  try {
    if (kind === 'photo') {
      await writeFile(temp, await thumbnailJpeg(source));
    } else {
      // The first frame as a poster, long side THUMB_SIZE like photos (-1 keeps the aspect ratio).
      try {
        await run(ffmpegPath, [
          '-v', 'error', '-nostdin', '-i', source, '-frames:v', '1',
          '-vf', `scale='if(gt(iw,ih),min(${THUMB_SIZE},iw),-1)':'if(gt(iw,ih),-1,min(${THUMB_SIZE},ih))'`,
          '-q:v', '4', '-f', 'image2', '-c:v', 'mjpeg', temp,
        ]);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          throw new DarkslideError('library.ffmpeg-missing', { program: ffmpegPath, file: source }, { cause: error });
        }
        throw new DarkslideError('library.thumbnail-failed', { file: source, detail: (error as { stderr?: string }).stderr?.trim() || (error as Error).message }, { cause: error });
      }
    }
    await rename(temp, target);
  } catch (error) {
    await removeIfPresent(temp).catch(() => undefined);
    throw error;
  }
}

export type MediaProbe = { width: number; height: number; durationSec: number | null };

export async function probeMedia(file: string, kind: 'photo' | 'video', ffprobePath = DEFAULT_FFPROBE): Promise<MediaProbe> {
  if (kind === 'photo') {
    const meta = await sharp(file).metadata();
    if (!meta.width || !meta.height) throw new Error(`${file} has no image size`);
    const swapped = (meta.orientation ?? 1) >= 5;
    return { width: swapped ? meta.height : meta.width, height: swapped ? meta.width : meta.height, durationSec: null };
  }
  const { stdout } = await run(ffprobePath, [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file,
  ]);
  const parsed = JSON.parse(stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
  const stream = parsed.streams?.[0];
  if (!stream?.width || !stream.height) throw new Error(`${file} has no video stream`);
  const duration = Number(parsed.format?.duration);
  return { width: stream.width, height: stream.height, durationSec: Number.isFinite(duration) ? duration : null };
}
