// `darkslide`: the same services as the app, without a window. Results go to
// stdout (tables for people, --json for scripts); errors go to stderr with a
// non-zero exit code.
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as capture from '../capture/index.ts';
import * as looks from '../looks/index.ts';
import { defaultPaths, type Library } from '../library/index.ts';
import { openLibraryWithRecovery } from '../app/index.ts';
import { recordFor } from '../app/record.ts';
import { closeMetadata } from '../metadata/index.ts';
import { shoot } from '../app/shoot.ts';
import { APP_VERSION } from '../app/version.ts';

export class UsageError extends Error {
  readonly code = 'usage';
}

const USAGE = `darkslide ${APP_VERSION}: a film camera for your desktop

Usage:
  darkslide devices [--json]                      list cameras and microphones
  darkslide looks [--json]                        list the film cameras (looks)
  darkslide shoot --device <id> --look <id> [--timer 3|10] [--burst N] [--size WxH] [--library DIR] [--json]
                                                  take photos into the album
  darkslide record --device <id> [--mic <id>] --look <id> --seconds N [--size WxH] [--library DIR] [--json]
                                                  record a video with the look
  darkslide library [--library DIR] [--json]      list the album, newest first
  darkslide develop <files or folders...> --look <camera id | file.cube | file.3dl | hald.png>
      [--strength 0..1] [--grain 0..1] [--out DIR] [--format jpeg|png|tiff|webp] [--quality N]
      [--long-edge PX] [--seed N] [--no-effects] [--no-exif] [--json]
                                                  develop existing photos through a film camera
  darkslide looks export <id> <file.cube>         write a camera's colour as a .cube LUT
  darkslide looks import <file> [--name N] [--base <camera id>]
                                                  add a .cube/.3dl/HaldCLUT as a new camera

Devices: "demo" (built in), "file:<path>" (a video played as a camera), and your webcams.
--library defaults to the app's own library, so the CLI and the app share one album.`;

type Flags = Record<string, string | boolean | string[] | undefined>;

function parse(args: string[], options: ParseArgsConfig['options']): Flags {
  try {
    return parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, allowPositionals: false, strict: true }).values as Flags;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

/** A library named on the command line keeps its catalog inside it, so it can move as one folder. */
export function libraryPaths(library: string | undefined): { root: string; dataDir: string } {
  if (!library) return defaultPaths();
  const root = path.resolve(library);
  return { root, dataDir: path.join(root, '.darkslide') };
}

async function withLibrary<T>(flags: Flags, work: (library: Library) => Promise<T>): Promise<T> {
  const paths = libraryPaths(flags.library as string | undefined);
  // Like the app, any command that opens the library first saves recordings a crash interrupted.
  const library = await openLibraryWithRecovery({ libraryRoot: paths.root, dataDir: paths.dataDir });
  try {
    return await work(library);
  } finally {
    library.close();
  }
}

function print(flags: Flags, json: unknown, human: () => string) {
  process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async devices(args) {
    const flags = parse(args, {});
    const found = await capture.listDevices();
    print(flags, found, () =>
      [
        'Cameras:',
        table(found.cameras.map((device) => [`  ${device.id}`, device.name, device.modes.map((mode) => `${mode.width}x${mode.height}`).slice(0, 4).join(' ')])),
        'Microphones:',
        found.microphones.length ? table(found.microphones.map((mic) => [`  ${mic.id}`, mic.name])) : '  (none)',
      ].join('\n'),
    );
  },
  async looks(args) {
    useUserLooks();
    const [sub, ...rest] = args;
    if (sub === 'export') {
      const [id, file, ...extra] = rest;
      if (!id || !file || extra.length) throw new UsageError('looks export needs a camera id and a .cube file name.');
      looks.exportCube(id, path.resolve(file));
      process.stdout.write(`Wrote ${path.resolve(file)}\n`);
      return;
    }
    if (sub === 'import') {
      const { values, positionals } = parseArgs({ args: rest, options: { name: { type: 'string' }, base: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new UsageError('looks import needs exactly one LUT file (.cube, .3dl, HaldCLUT .png/.tif).');
      const summary = await looks.importLut(path.resolve(positionals[0]!), { name: values.name, baseLookId: values.base });
      print(values, summary, () => `Imported ${summary.name} as ${summary.id}`);
      return;
    }
    const flags = parse(args, {});
    const list = looks.listLooks();
    print(flags, list, () => table(list.map((look) => [look.id, look.name, look.description])));
  },
  async develop(args) {
    useUserLooks();
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          look: { type: 'string' },
          strength: { type: 'string' },
          grain: { type: 'string' },
          out: { type: 'string' },
          format: { type: 'string' },
          quality: { type: 'string' },
          'long-edge': { type: 'string' },
          seed: { type: 'string' },
          'no-effects': { type: 'boolean' },
          'no-exif': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
    }
    const { values, positionals } = parsed;
    if (!values.look) throw new UsageError('develop needs --look <camera id or LUT file> (see `darkslide looks`).');
    if (positionals.length === 0) throw new UsageError('develop needs at least one photo or folder.');
    const inputs = await collectImages(positionals);
    if (inputs.length === 0) throw new UsageError(`No photos found in ${positionals.join(', ')} (JPEG, PNG, TIFF, WebP, HEIF).`);
    const lookId = await resolveLook(values.look);
    const outDir = path.resolve(values.out ?? 'developed');
    const showProgress = !values.json && process.stderr.isTTY;
    const results = await looks.developFiles(inputs, {
      lookId,
      outDir,
      strength: numberFlag('strength', values.strength, 0, 1),
      grain: numberFlag('grain', values.grain, 0, 1),
      effects: !values['no-effects'],
      format: values.format as 'jpeg' | 'png' | 'tiff' | 'webp' | undefined,
      quality: numberFlag('quality', values.quality, 1, 100),
      longEdge: numberFlag('long-edge', values['long-edge'], 16, 65_535),
      seed: numberFlag('seed', values.seed, 0, 2 ** 31 - 1),
      keepExif: !values['no-exif'],
      onProgress: ({ done, total, result }) => {
        if (showProgress) process.stderr.write(`\r${progressBar(done, total)} ${done}/${total}`);
        if (result.error) process.stderr.write(`${showProgress ? '\n' : ''}darkslide: ${result.error.message}\n`);
      },
    });
    if (showProgress) process.stderr.write('\n');
    const failed = results.filter((result) => result.error);
    print(values, results, () => `Developed ${results.length - failed.length} of ${results.length} into ${outDir}${failed.length ? ` (${failed.length} failed, see above)` : ''}`);
    if (failed.length) throw Object.assign(new Error(`${failed.length} of ${results.length} files could not be developed.`), { code: 'partial', silent: true });
  },
  async shoot(args) {
    const flags = parse(args, { device: { type: 'string' }, look: { type: 'string' }, library: { type: 'string' }, timer: { type: 'string' }, burst: { type: 'string' }, size: { type: 'string' } });
    if (!flags.device) throw new UsageError('shoot needs --device <id> (see `darkslide devices`).');
    if (!flags.look) throw new UsageError('shoot needs --look <id> (see `darkslide looks`).');
    const lookId = flags.look as string;
    looks.getLook(lookId); // fail on a bad look before opening the camera
    const timer = numberFlag('timer', flags.timer as string | undefined, 0, 60) ?? 0;
    const burst = numberFlag('burst', flags.burst as string | undefined, 1, 20) ?? 1;
    const size = sizeFlag(flags.size as string | undefined);
    const deviceId = flags.device as string;
    for (let left = timer; left > 0; left--) {
      process.stderr.write(`\rShooting in ${left}…  `);
      await sleep(1000);
    }
    if (timer) process.stderr.write('\r');
    const items = await withLibrary(flags, async (library) => {
      const shot = [];
      for (let n = 0; n < burst; n++) {
        const started = Date.now();
        const frame = await capture.captureStillOnce(deviceId, size);
        shot.push(await shoot({ library, frame, lookId }));
        // A burst is one shot a second, like a camera's slow continuous mode.
        if (n < burst - 1) await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
      return shot;
    });
    const root = libraryPaths(flags.library as string | undefined).root;
    print(flags, burst === 1 ? items[0] : items, () => items.map((item) => `Shot ${item.width}x${item.height} with ${item.lookName}: ${path.join(root, item.relPath)}`).join('\n'));
  },
  async record(args) {
    const flags = parse(args, { device: { type: 'string' }, mic: { type: 'string' }, look: { type: 'string' }, seconds: { type: 'string' }, size: { type: 'string' }, library: { type: 'string' } });
    if (!flags.device) throw new UsageError('record needs --device <id> (see `darkslide devices`).');
    if (!flags.look) throw new UsageError('record needs --look <id> (see `darkslide looks`).');
    const seconds = numberFlag('seconds', flags.seconds as string | undefined, 0.5, 6 * 3600);
    if (!seconds) throw new UsageError('record needs --seconds N.');
    const item = await withLibrary(flags, (library) =>
      recordFor({
        library,
        dataDir: libraryPaths(flags.library as string | undefined).dataDir,
        deviceId: flags.device as string,
        micId: flags.mic as string | undefined,
        lookId: flags.look as string,
        seconds,
        size: sizeFlag(flags.size as string | undefined),
        onProgress: (elapsed) => !flags.json && process.stderr.isTTY && process.stderr.write(`\rRecording ${elapsed.toFixed(1)} s / ${seconds} s`),
      }),
    );
    if (!flags.json && process.stderr.isTTY) process.stderr.write('\n');
    print(flags, item, () => `Recorded ${item.durationSec?.toFixed(1)} s at ${item.width}x${item.height} with ${item.lookName}: ${path.join(libraryPaths(flags.library as string | undefined).root, item.relPath)}`);
  },
  async library(args) {
    const flags = parse(args, { library: { type: 'string' }, trashed: { type: 'boolean' } });
    const items = await withLibrary(flags, async (library) => {
      const all = [];
      let cursor: string | null = null;
      do {
        const page = library.list({ limit: 500, trashed: Boolean(flags.trashed), ...(cursor ? { before: cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    });
    print(flags, items, () =>
      items.length === 0 ? 'The album is empty.' : table(items.map((item) => [item.id, item.takenAt, item.kind, `${item.width}x${item.height}`, item.lookName, item.relPath])),
    );
  },
};

function useUserLooks() {
  looks.setUserLooksDir(path.join(defaultPaths().dataDir, 'looks'));
}

/** A camera id, or a LUT file taken as a camera for this run only (not added to the user's cameras). */
async function resolveLook(look: string): Promise<string> {
  if (!/\.(cube|3dl|png|tiff?)$/i.test(look)) return looks.getLook(look).id;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'darkslide-look-'));
  const summary = await looks.importLut(path.resolve(look), { looksDir: scratch });
  looks.setUserLooksDir(scratch);
  return summary.id;
}

const IMAGE = /\.(jpe?g|png|tiff?|webp|heic|heif|avif)$/i;

async function collectImages(paths: string[]): Promise<string[]> {
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

function sizeFlag(value: string | undefined): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(value);
  if (!match) throw new UsageError(`--size must look like 1920x1080, got "${value}".`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function numberFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}".`);
  return number;
}

function progressBar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === '--version') {
      process.stdout.write(`${APP_VERSION}\n`);
      return 0;
    }
    const run = commands[command];
    if (!run) throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    await run(rest);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    // A partial batch has already reported each failed file as it went.
    if (!(error as { silent?: boolean }).silent) process.stderr.write(`darkslide: ${message}\n`);
    if (argv.includes('--json')) process.stderr.write(`${JSON.stringify({ error: { code: code ?? 'error', message } })}\n`);
    return code === 'usage' ? 2 : 1;
  } finally {
    await Promise.all([closeMetadata(), looks.stopKernelWorkers()]);
  }
}
