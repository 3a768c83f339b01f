/**
 * Developing many files for the CLI: one at a time (the kernel already uses every core), never touching
 * the inputs, each output written atomically under a name that exists nowhere yet, EXIF carried over with
 * the orientation already applied to the pixels, and a bad file reported without stopping the batch.
 */
import { ExifTool } from 'exiftool-vendored';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, unlinkSync, writeFileSync, existsSync, realpathSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { developStill, type DevelopOptions, type Recipe } from './develop.ts';
import { getLook } from './registry.ts';
import { LookError } from './errors.ts';

export type DevelopFilesOptions = Omit<DevelopOptions, 'dateStamp'> & {
  outDir: string;
  /** Copy the input's EXIF/XMP/IPTC (orientation reset to 1: the pixels are already upright). Default true. */
  keepExif?: boolean;
  /** Per-file date for the stamp; default: the file's own capture date when readable, else none. */
  dateStamp?: Date | null | ((input: string) => Date | null);
  onProgress?: (progress: { done: number; total: number; input: string; result: DevelopFileResult }) => void;
  signal?: AbortSignal;
};
export type DevelopFileResult = { input: string; output?: string; recipe?: Recipe; error?: { code: string; message: string } };

const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', tiff: 'tif', webp: 'webp' };

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Writes `data` to a fresh name in outDir: link() fails rather than replace, so nothing is ever overwritten. */
function writeNew(outDir: string, stem: string, ext: string, data: Buffer, protectedPaths: Set<string>, prepare?: (tmp: string) => Promise<void>): Promise<string> {
  return (async () => {
    const tmp = join(outDir, `.${stem}.${randomBytes(6).toString('hex')}.tmp.${ext}`);
    writeFileSync(tmp, data);
    try {
      if (prepare) await prepare(tmp);
      for (let n = 1; n < 10_000; n++) {
        const name = join(outDir, n === 1 ? `${stem}.${ext}` : `${stem}-${n}.${ext}`);
        if (protectedPaths.has(canonical(name)) || existsSync(name)) continue;
        try {
          linkSync(tmp, name);
          return name;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw error;
        }
      }
      throw new LookError('output-exists', `${outDir}: no free name for ${stem}.${ext}`);
    } finally {
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
  })();
}

export async function developFiles(paths: string[], options: DevelopFilesOptions): Promise<DevelopFileResult[]> {
  const look = getLook(options.lookId);
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const format = options.format ?? 'jpeg';
  const ext = EXTENSIONS[format];
  if (!ext) throw new LookError('invalid-option', `format must be jpeg, png, tiff or webp, got ${String(format)}`);
  const protectedPaths = new Set(paths.map(canonical));
  const keepExif = options.keepExif ?? true;
  const exiftool = new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000 });
  const results: DevelopFileResult[] = [];
  try {
    for (const input of paths) {
      let result: DevelopFileResult;
      if (options.signal?.aborted) {
        result = { input, error: { code: 'aborted', message: `${input}: not developed, the batch was cancelled` } };
      } else {
        try {
          let dateStamp: Date | null | undefined;
          if (typeof options.dateStamp === 'function') dateStamp = options.dateStamp(input);
          else if (options.dateStamp !== undefined) dateStamp = options.dateStamp;
          else if (look.dateStamp) dateStamp = await captureDate(exiftool, input);
          const developed = await developStill(input, { ...options, format, dateStamp });
          const stem = `${basename(input, extname(input))}-${look.id}`;
          const output = await writeNew(outDir, stem, ext, developed.data, protectedPaths, keepExif && format !== 'png' ? (tmp) => copyMetadata(exiftool, input, tmp) : undefined);
          result = { input, output, recipe: developed.recipe };
        } catch (error) {
          const code = error instanceof LookError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'develop-failed');
          const message = (error as Error).message.includes(input) ? (error as Error).message : `${input}: ${(error as Error).message}`;
          result = { input, error: { code, message } };
        }
      }
      results.push(result);
      options.onProgress?.({ done: results.length, total: paths.length, input, result });
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

async function copyMetadata(exiftool: ExifTool, input: string, output: string): Promise<void> {
  // The ICC profile is left out: the pixels were converted to sRGB and the output carries sRGB.
  await exiftool.write(output, {}, {
    writeArgs: ['-overwrite_original', '-tagsFromFile', input, '-all:all', '--ICC_Profile:all', '--ThumbnailImage', '-Orientation#=1'],
  });
}
