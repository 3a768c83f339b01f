// `darkslide`: the same services as the app, without a window. Results go to
// stdout (tables for people, --json for scripts); errors go to stderr with a
// non-zero exit code.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as camera from '../camera/index.ts';
import * as looks from '../looks/index.ts';
import { defaultPaths, openLibrary, type Library } from '../library/index.ts';
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
  darkslide shoot --device <id> --look <id> [--library DIR] [--json]
                                                  take one photo into the album
  darkslide library [--library DIR] [--json]      list the album, newest first

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
  const library = await openLibrary(libraryPaths(flags.library as string | undefined));
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
    const found = await camera.listDevices();
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
    const flags = parse(args, {});
    const list = looks.listCameras();
    print(flags, list, () => table(list.map((look) => [look.id, look.name, look.description])));
  },
  async shoot(args) {
    const flags = parse(args, { device: { type: 'string' }, look: { type: 'string' }, library: { type: 'string' } });
    if (!flags.device) throw new UsageError('shoot needs --device <id> (see `darkslide devices`).');
    if (!flags.look) throw new UsageError('shoot needs --look <id> (see `darkslide looks`).');
    const lookId = flags.look as string;
    looks.getCamera(lookId); // fail on a bad look before opening the camera
    const frame = await camera.captureStillOnce(flags.device as string);
    const item = await withLibrary(flags, (library) => shoot({ library, frame, lookId }));
    print(flags, item, () => `Shot ${item.width}x${item.height} with ${item.cameraName}: ${path.join(libraryPaths(flags.library as string | undefined).root, item.relPath)}`);
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
      items.length === 0 ? 'The album is empty.' : table(items.map((item) => [item.id, item.takenAt, item.kind, `${item.width}x${item.height}`, item.cameraName, item.relPath])),
    );
  },
};

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
    process.stderr.write(`darkslide: ${message}\n`);
    if (argv.includes('--json')) process.stderr.write(`${JSON.stringify({ error: { code: code ?? 'error', message } })}\n`);
    return code === 'usage' ? 2 : 1;
  } finally {
    await closeMetadata();
  }
}
