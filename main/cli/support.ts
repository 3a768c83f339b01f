// What the commands share: argument parsing, output (tables for people, --json for scripts), the
// library a command works on, looks given as files.
import { realpathSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as looks from '../looks/index.ts';
import { defaultPaths, type Library } from '../library/index.ts';
import { openLog } from '../logging/index.ts';
import { placeFor } from '../app/library-folder.ts';
import { readLibraryFolder } from '../settings/index.ts';
import { readRetention } from '../privacy/index.ts';
import { t } from './locale.ts';
import { displayWidth, padEnd } from './width.ts';
import { UsageError } from './usage-error.ts';

export { UsageError };


export type Flags = Record<string, string | boolean | string[] | undefined>;

export function parse(args: string[], options: ParseArgsConfig['options']): Flags {
  try {
    return parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, allowPositionals: false, strict: true }).values as Flags;
  } catch (error) {
    throw badArguments(error);
  }
}

/** Node words parseArgs' complaints in English only; our sentence around it says what kind of mistake it is. */
export function badArguments(error: unknown): UsageError {
  return new UsageError(t('cli.bad-arguments', { detail: (error as Error).message }), { withUsage: true });
}

/** Flags and the files or ids after them, typed from `options`; a bad flag is a usage error with the whole usage. */
export function parseWithPositionals<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw badArguments(error);
  }
}

/**
 * Ends an album job the same way for every command: each file's error on stderr, one line (or JSON) of how it
 * went, and a "partial" exit when some files failed, so scripts can tell.
 */
export function finishAlbumJob(
  flags: Flags,
  outcome: { job: { state: string; done: number; total: number; skipped: number; failed: number }; errors: { message: string }[] },
  finished: (settled: number) => string,
  verb: 'developed' | 'imported',
): void {
  const { job, errors } = outcome;
  for (const error of errors) process.stderr.write(`darkslide: ${error.message}\n`);
  print(flags, outcome, () => (job.state === 'paused' ? pausedLine(job) : finished(job.done - job.skipped - job.failed)));
  if (job.failed) throw partialFailure(job, verb);
}

export function pausedLine(job: { done: number; total: number }): string {
  return t('cli.job.paused', { done: job.done, total: job.total });
}

/** Some files failed: already reported one by one, so the error itself is silent and only sets the exit code. */
export function partialFailure(job: { failed: number; total: number }, verb: 'developed' | 'imported' | 'exported' | 'tagged' | 'restored'): Error {
  return Object.assign(new Error(t('cli.job.partial', { failed: job.failed, total: job.total, verb })), { code: 'partial', silent: true });
}

/** A library named on the command line keeps its catalog inside it, so it can move as one folder. */
export function libraryPaths(library: string | undefined): { root: string; dataDir: string } {
  // The app's library is where Settings → Library put it, if the person chose or moved it there.
  const defaults = defaultPaths();
  const app = placeFor(readLibraryFolder(defaults.dataDir), defaults);
  if (!library) return app;
  const root = path.resolve(library);
  // The app's own library named by its folder is the app's library, with the app's catalog: not a second one.
  if (sameFolder(root, app.root)) return app;
  return { root, dataDir: path.join(root, '.darkslide') };
}

function sameFolder(a: string, b: string): boolean {
  const real = (folder: string) => {
    try {
      return realpathSync(folder);
    } catch {
      return path.resolve(folder);
    }
  };
  return real(a) === real(b);
}

export async function withLibrary<T>(flags: Flags, work: (library: Library) => Promise<T>): Promise<T> {
  const paths = libraryPaths(flags.library as string | undefined);
  // The CLI keeps its own log files beside the app's (role 'cli'), so the two never rotate each other's.
  await openLog({ dir: path.join(paths.dataDir, 'logs'), role: 'cli', roots: { library: paths.root, data: paths.dataDir } });
  // Like the app, any command that opens the library first saves recordings a crash interrupted.
  // The trash is kept as long as the person set in the app (its privacy store is in the app's data folder).
  const trashKeepDays = readRetention(defaultPaths().dataDir).trash;
  // Loaded here: the app module brings every service with it, which a command that never opens the library
  // (develop into a folder) does not need.
  const { openLibraryWithRecovery } = await import('../app/index.ts');
  const library = await openLibraryWithRecovery({ libraryRoot: paths.root, dataDir: paths.dataDir, trashKeepDays });
  try {
    return await work(library);
  } finally {
    await library.close();
  }
}

export function print(flags: Flags, json: unknown, human: () => string) {
  process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? [];
  return rows.map((row) => row.map((cell, column) => padEnd(cell, widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** Imported looks live with the library's data: the app's, or DIR/.darkslide for --library DIR. */
export function useUserLooks(library?: string) {
  looks.setUserLooksDir(path.join(libraryPaths(library).dataDir, 'looks'));
}

/**
 * A camera id, or a LUT file taken as a camera for this run only: held in memory, never written anywhere (a
 * scratch folder of a 256-point cube was 440 MB left in $TMPDIR by every run).
 */
export async function resolveLook(look: string): Promise<string> {
  if (!/\.(cube|3dl|png|tiff?)$/i.test(look)) return looks.getLook(look).id;
  return (await looks.useLutFile(path.resolve(look), { displayName: look })).id;
}

const IMAGE = /\.(jpe?g|png|tiff?|webp|heic|heif|avif)$/i;

export async function collectImages(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of paths) {
    const info = await stat(entry).catch(() => null);
    if (!info) {
      found.push(path.resolve(entry)); // reported per file by the batch, which goes on
    } else if (info.isDirectory()) {
      const names = (await readdir(entry)).filter((name) => IMAGE.test(name) && !name.startsWith('.')).sort();
      found.push(...names.map((name) => path.resolve(entry, name)));
    } else {
      found.push(path.resolve(entry));
    }
  }
  return found;
}

export function sizeFlag(value: string | undefined): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(value);
  if (!match) throw new UsageError(t('cli.bad-size', { value }));
  return { width: Number(match[1]), height: Number(match[2]) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function numberFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) throw new UsageError(t('cli.bad-number', { name, min, max, value }));
  return number;
}

export function progressBar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
