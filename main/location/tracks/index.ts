import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DarkslideError } from '../../shared/errors/index.ts';
import { DEFAULT_MAX_JSON_BYTES, type Track, type TrackOptions } from './collect.ts';
import { parseJsonTrack } from './google.ts';
import { parseXmlTrack } from './xml.ts';

export { parseJsonTrack, parseLatLng } from './google.ts';
export { parseXmlTrack } from './xml.ts';
export { DEFAULT_MAX_ACCURACY, parseInstant, type Fix, type Track, type TrackFormat, type TrackOptions } from './collect.ts';

function fileError(file: string, error: unknown): DarkslideError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DarkslideError('file.not-found', { file });
  if (code === 'EACCES' || code === 'EPERM') return new DarkslideError('file.no-permission', { file, access: 'read' });
  if (code === 'EISDIR') return new DarkslideError('file.is-folder', { file });
  return new DarkslideError('file.io', { file, access: 'read', detail: (error as Error).message });
}

/** The first character that is not white space (or a byte-order mark) tells XML from JSON. */
async function firstSignificant(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return '';
      const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
      if (text) return text[0]!;
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads a GPX, KML or Google location file into fixes sorted by time. Throws a DarkslideError that names the
 * file (and the line or entry) for anything it cannot use: unreadable, hostile (entity declarations), no times,
 * nothing within the accuracy limit, too large.
 */
export async function readTrack(path: string, options: TrackOptions & { name?: string } = {}): Promise<Track> {
  // Errors name the file as the person knows it (a picked file's own name), never a temp path.
  const file = options.name ?? path;
  let size: number;
  let first: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    size = info.size;
    first = await firstSignificant(path);
  } catch (error) {
    throw fileError(file, error);
  }
  if (size === 0 || first === '') throw new DarkslideError('file.empty', { file });
  if (first === '<') {
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    try {
      return await parseXmlTrack(stream, file, options);
    } catch (error) {
      if (error instanceof DarkslideError) throw error;
      throw fileError(file, error);
    } finally {
      stream.destroy();
    }
  }
  if (first === '{' || first === '[') {
    const limit = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
    if (size > limit) throw new DarkslideError('location.track-too-large', { file, size: Math.round(size / 1048576), limit: Math.round(limit / 1048576) });
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw fileError(file, error);
    }
    return parseJsonTrack(text, file, options);
  }
  throw new DarkslideError('location.track-unknown-format', { file, detail: `${basename(file)} starts with "${first}"` });
}

