/**
 * Developing many files for the CLI: two in flight within a memory budget, written in input order, never touching
 * the inputs, each output written atomically under a name that exists nowhere yet, EXIF carried over with
 * the orientation already applied to the pixels, and a bad file reported without stopping the batch.
 *
 * Crash safety: a temp file is named `.ds-<pid>-<random>.tmp.<ext>` (short, whatever the input's name) and
 * lives only inside a try/finally; temps of processes that are gone are deleted when the next batch starts
 * in that folder. Re-running a batch skips outputs already complete for the same source, recipe and renderer
 * version, recorded in `.darkslide-develop.json` in the output folder, instead of making `-2` copies.
 */
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statfsSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DarkslideError, type ErrorParams } from '../shared/errors/index.ts';
import { errnoCode, fileError } from '../shared/errors/file-system.ts';
import { developStill, RENDERER_VERSION, type DevelopOptions, type Recipe } from './develop.ts';
import { getLook } from './registry.ts';
import { carryJpegMetadata, readJpegMetadata } from '../metadata/index.ts';

export type DevelopFilesOptions = Omit<DevelopOptions, 'dateStamp'> & {
  outDir: string;
  /** Copy the input's EXIF/XMP/IPTC (orientation reset to 1: the pixels are already upright). Default true. */
  keepExif?: boolean;
  /** Per-file date for the stamp; default: the file's own capture date when readable, else none. */
  dateStamp?: Date | null | ((input: string) => Date | null);
  onProgress?: (progress: { done: number; total: number; input: string; result: DevelopFileResult }) => void;
  signal?: AbortSignal;
};
export type DevelopFileResult = { input: string; output?: string; recipe?: Recipe; skipped?: boolean; error?: { code: string; message: string; params?: ErrorParams } };

const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', tiff: 'tif', webp: 'webp' };
const MANIFEST = '.darkslide-develop.json';
const TEMP = /^\.ds-(\d+)-[0-9a-f]+\.(tmp|src)\b/;
/** Most file systems hold 255 bytes in a name. */
const MAX_NAME_BYTES = 255;

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Temps a killed or crashed batch left in this folder (its pid is gone) are deleted. */
function removeStaleTemps(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const match = TEMP.exec(name);
    if (match && Number(match[1]) !== process.pid && !processAlive(Number(match[1]))) rmSync(join(outDir, name), { force: true });
  }
}

function tempPath(outDir: string, kind: 'tmp' | 'src', ext: string): string {
  return join(outDir, `.ds-${process.pid}-${randomBytes(4).toString('hex')}.${kind}.${ext}`);
}

/**
 * The output's stem: the input's name without control characters (a newline cannot reach exiftool), cut at a
 * character boundary so `<stem>-<look>-NNNN.<ext>` stays within 255 bytes.
 */
export function outputStem(input: string, lookId: string, ext: string): string {
  // eslint-disable-next-line no-control-regex
  const base = basename(input, extname(input)).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const room = MAX_NAME_BYTES - Buffer.byteLength(`-${lookId}-9999.${ext}`);
  let stem = base;
  while (Buffer.byteLength(stem) > room) stem = [...stem].slice(0, -1).join('');
  return `${stem.trimEnd() || 'photo'}-${lookId}`;
}

type Manifest = Record<string, { key: string; bytes: number }>;

function readManifest(outDir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

/** Records an output, `bytes` long, under its name; re-read first so a concurrent batch's entries are kept. Best effort only. */
function recordOutput(outDir: string, output: string, key: string, bytes: number): void {
  writeManifest(outDir, (manifest) => void (manifest[basename(output)] = { key, bytes }));
}

/** Takes back an entry recordOutput made for a name this batch did not get after all. */
function forgetOutput(outDir: string, output: string, key: string): void {
  writeManifest(outDir, (manifest) => {
    if (manifest[basename(output)]?.key === key) delete manifest[basename(output)];
  });
}

function writeManifest(outDir: string, change: (manifest: Manifest) => void): void {
  const manifest = readManifest(outDir);
  change(manifest);
  const tmp = tempPath(outDir, 'tmp', 'json');
  try {
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, join(outDir, MANIFEST));
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** An output already made from this source with this recipe by this renderer, still whole on disk. */
function completedOutput(outDir: string, key: string): string | null {
  for (const [name, entry] of Object.entries(readManifest(outDir))) {
    if (entry?.key !== key) continue;
    const file = join(outDir, name);
    try {
      if (statSync(file).size === entry.bytes) return file;
    } catch {
      /* gone: develop again */
    }
  }
  return null;
}

/** Same source (path, size, time), same recipe settings, same renderer: the same output. */
function outputKey(input: string, options: DevelopFilesOptions, format: string, lookVersion: number): string {
  const info = statSync(input);
  const settings = {
    source: [canonical(input), info.size, info.mtimeMs],
    look: [options.lookId, lookVersion],
    strength: options.strength ?? 1,
    grain: options.grain ?? 1,
    effects: options.effects ?? true,
    seed: options.seed ?? null,
    format,
    quality: options.quality ?? null,
    longEdge: options.longEdge ?? null,
    keepExif: options.keepExif ?? true,
    stamp: typeof options.dateStamp === 'function' ? 'custom' : (options.dateStamp?.toISOString() ?? options.dateStamp ?? 'capture'),
    renderer: RENDERER_VERSION,
  };
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}

/** A full disk shows in exiftool only as "Error writing output file": the free space tells which it was. */
function metadataWriteError(error: unknown, outDir: string, output: string, tmp: string): DarkslideError {
  if (errnoCode(error)) return fileError(error, output, 'write');
  try {
    const fs = statfsSync(outDir);
    // exiftool writes a whole new copy beside the file before it replaces it.
    if (fs.bavail * fs.bsize < statSync(tmp).size + 64 * 1024) return new DarkslideError('file.disk-full', { file: output }, { cause: error });
  } catch {
    /* fall through */
  }
  const detail = ((error as Error)?.message ?? String(error)).split('\n')[0]!.split(tmp).join(basename(output)).slice(0, 160);
  return new DarkslideError('metadata.write-failed', { what: 'metadata', file: output, detail }, { cause: error });
}

/**
 * Writes `data` to a fresh name in outDir: link() fails rather than replace, so nothing is ever overwritten. The
 * output is in the manifest (under `key`) before it has its name: a kill between the two leaves an entry whose
 * file is missing, which the next run develops again under the same name. The other way round, a kill left a
 * finished file the manifest did not know, and the next run made a `-2` copy of it (seen in the SIGKILL loop).
 */
async function writeNew(outDir: string, stem: string, ext: string, data: Buffer, protectedPaths: Set<string>, key: string, prepare?: (tmp: string, output: string) => Promise<void>): Promise<string> {
  const tmp = tempPath(outDir, 'tmp', ext);
  const intended = join(outDir, `${stem}.${ext}`);
  try {
    try {
      // In the pool, not on this thread: a developed 24 MP photo is 10-20 MB.
      await writeFile(tmp, data, { flag: 'wx' });
    } catch (error) {
      throw fileError(error, intended, 'write');
    }
    if (prepare) await prepare(tmp, intended);
    const bytes = statSync(tmp).size;
    for (let n = 1; n < 10_000; n++) {
      const name = join(outDir, n === 1 ? `${stem}.${ext}` : `${stem}-${n}.${ext}`);
      if (protectedPaths.has(canonical(name)) || existsSync(name)) continue;
      recordOutput(outDir, name, key, bytes);
      try {
        linkSync(tmp, name);
        return name;
      } catch (error) {
        forgetOutput(outDir, name, key);
        if (errnoCode(error) === 'EEXIST') continue;
        throw fileError(error, name, 'write');
      }
    }
    throw new DarkslideError('develop.no-free-name', { file: `${stem}.${ext}`, folder: outDir });
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* never written, or already gone */
    }
  }
}

/**
 * exiftool takes its arguments one a line: a path with a control character goes through a plain-named link.
 * The link lives until work() settles, or, when work calls keepLink(), until the release it returns is called.
 */
async function withSafePath<T>(input: string, outDir: string, work: (safe: string, keepLink: () => () => void) => Promise<T>): Promise<T> {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f]/.test(input)) return work(input, () => () => {});
  const link = tempPath(outDir, 'src', extname(input).slice(1).replace(/[^A-Za-z0-9]/g, '') || 'img');
  symlinkSync(resolve(input), link);
  const remove = () => rmSync(link, { force: true });
  let kept = false;
  try {
    return await work(link, () => {
      kept = true;
      return remove;
    });
  } finally {
    if (!kept) remove();
  }
}

/** The file standing where a folder of `dir`'s path should be: what the person has to move or rename. */
function blockingFile(dir: string): string {
  for (let at = dir; dirname(at) !== at; at = dirname(at)) {
    try {
      if (statSync(at).isFile()) return at;
    } catch {
      /* not there yet: look further up */
    }
  }
  return dir;
}

/**
 * Two photos develop at once when their pixels together stay within this budget. Each develop already
 * spreads its kernel over every core, but its decode and encode are single-threaded libvips: a second photo
 * in flight keeps the cores busy meanwhile. Two 24 MP photos at once peak at 1.18 GB for the whole process
 * tree (bench:develop, with metadata spliced rather than rewritten by exiftool and JPEGs encoded in one
 * pass); a 61 MP photo (MAX_PIXELS) goes alone and only overlaps with the previous one's writing.
 */
const IN_FLIGHT_PIXELS = 50_000_000;

async function pixelCount(input: string): Promise<number> {
  try {
    const meta = await sharp(input).metadata();
    return (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    return 0; // developStill reports it, with the file's name
  }
}

export async function developFiles(paths: string[], options: DevelopFilesOptions): Promise<DevelopFileResult[]> {
  const look = getLook(options.lookId);
  const outDir = resolve(options.outDir);
  try {
    mkdirSync(outDir, { recursive: true });
    removeStaleTemps(outDir);
  } catch (error) {
    throw fileError(error, errnoCode(error) === 'ENOTDIR' ? blockingFile(outDir) : outDir, 'write');
  }
  const format = options.format ?? 'jpeg';
  const ext = EXTENSIONS[format];
  if (!ext) throw new DarkslideError('look.invalid-option', { option: 'format', expected: 'jpeg, png, tiff or webp', value: String(format) });
  const protectedPaths = new Set(paths.map(canonical));
  const keepExif = options.keepExif ?? true;
  const exiftool = new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000 });
  const results: DevelopFileResult[] = [];
  const asResult = (input: string, caught: unknown): DevelopFileResult => {
    const error = caught instanceof DarkslideError ? caught : fileError(caught, input);
    // The params let a caller word the error in its own language (the CLI); the message is the English.
    return { input, error: { code: error.code, message: error.message, params: error.params } };
  };

  /**
   * One file's pixels, developed while others are; what reaches the folder is decided in input order by
   * `place`, so names, skips and progress come out as a one-at-a-time batch gives them.
   */
  const cancelled = (input: string): DevelopFileResult | null => {
    if (!options.signal?.aborted) return null;
    const error = new DarkslideError('develop.cancelled', { file: input });
    return { input, error: { code: 'aborted', message: error.message } };
  };
  const develop = async (input: string, alone: boolean): Promise<(() => Promise<DevelopFileResult>) | DevelopFileResult> => {
    const stopped = cancelled(input);
    if (stopped) return stopped;
    try {
      const key = outputKey(input, options, format, look.version);
      const done = completedOutput(outDir, key);
      if (done) return { input, output: done, skipped: true };
      return await withSafePath(input, outDir, async (source, keepLink) => {
        let dateStamp: Date | null | undefined;
        if (typeof options.dateStamp === 'function') dateStamp = options.dateStamp(input);
        else if (options.dateStamp !== undefined) dateStamp = options.dateStamp;
        else if (look.dateStamp) dateStamp = await captureDate(exiftool, source);
        // A JPEG into a JPEG: its metadata segments spliced in, not a second write of the file through exiftool.
        const carry = keepExif && format === 'jpeg' ? await readJpegMetadata(source).catch(() => null) : null;
        const developed = await developStill(source, { ...options, format, dateStamp, displayName: input, decodeInParts: alone });
        const release = keepLink();
        return async () => {
          try {
            // Developed ahead while the batch was being cancelled: nothing is written after the cancel.
            const stopped = cancelled(input);
            if (stopped) return stopped;
            // The same source twice in one batch: the first one's output serves the second, as before.
            const done = completedOutput(outDir, key);
            if (done) return { input, output: done, skipped: true };
            const stem = outputStem(input, look.id, ext);
            const carried = carry ? carryJpegMetadata(developed.data, carry) : null;
            const copyTags = keepExif && format !== 'png' && !carried ? (tmp: string, output: string) => copyMetadata(exiftool, source, tmp, outDir, output) : undefined;
            const output = await writeNew(outDir, stem, ext, carried ?? developed.data, protectedPaths, key, copyTags);
            return { input, output, recipe: developed.recipe };
          } catch (caught) {
            return asResult(input, caught);
          } finally {
            release();
          }
        };
      });
    } catch (caught) {
      return asResult(input, caught);
    }
  };

  try {
    const started: Promise<(() => Promise<DevelopFileResult>) | DevelopFileResult>[] = [];
    // A photo that develops with another in flight decodes in one piece: the cores are busy with both.
    const start = (i: number, alone: boolean) => {
      if (i < paths.length && !started[i]) started[i] = develop(paths[i]!, alone);
    };
    for (let i = 0; i < paths.length; i++) {
      const pair = i + 1 < paths.length && !started[i + 1] && (await pixelCount(paths[i]!)) + (await pixelCount(paths[i + 1]!)) <= IN_FLIGHT_PIXELS;
      start(i, !pair);
      if (pair) start(i + 1, false);
      const developed = await started[i]!;
      // The next file starts as soon as this one's pixels are done, while this one is written.
      start(i + 1, false);
      const result = typeof developed === 'function' ? await developed() : developed;
      results.push(result);
      options.onProgress?.({ done: results.length, total: paths.length, input: paths[i]!, result });
    }
  } finally {
    await exiftool.end();
  }
  return results;
}

async function captureDate(exiftool: ExifTool, input: string): Promise<Date | null> {
  try {
    const tags = await exiftool.read(input);
    const value = tags.DateTimeOriginal ?? tags.CreateDate;
    if (value && typeof value === 'object' && 'toDate' in value) return (value as { toDate(): Date }).toDate();
  } catch {
    /* unreadable metadata: no stamp date */
  }
  return null;
}

/**
 * What a developed file takes from its source through exiftool (anything but a JPEG into a JPEG): every tag,
 * but not the ICC profile (the pixels are sRGB now) or the embedded thumbnail (the undeveloped picture), and
 * upright (the pixels are turned already). carryJpegMetadata does the same for a JPEG (its test compares).
 */
export const METADATA_COPY_ARGS = ['-all:all', '--ICC_Profile:all', '--ThumbnailImage', '-Orientation#=1'];

async function copyMetadata(exiftool: ExifTool, input: string, tmp: string, outDir: string, output: string): Promise<void> {
  try {
    await exiftool.write(tmp, {}, { writeArgs: ['-overwrite_original', '-tagsFromFile', input, ...METADATA_COPY_ARGS] });
  } catch (error) {
    throw metadataWriteError(error, outDir, output, tmp);
  } finally {
    // exiftool's own temp (`<file>_exiftool_tmp`) when it failed half way.
    rmSync(`${tmp}_exiftool_tmp`, { force: true });
  }
}
