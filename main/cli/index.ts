// `darkslide`: the same services as the app, without a window. Results go to
// stdout (tables for people, --json for scripts); errors go to stderr with a
// non-zero exit code. Each command lives in commands/<name>.ts with its usage.
import * as looks from '../looks/index.ts';
import { closeLog, logger } from '../logging/index.ts';
import { applyPrivateUmask } from '../privacy/index.ts';
import { closeMetadata } from '../metadata/index.ts';
import { stopHeifDecoder } from '../app/jobs/index.ts';
import { APP_VERSION } from '../app/version.ts';
import type { Command } from './commands/command.ts';
import { developCommand } from './commands/develop.ts';
import { exportCommand } from './commands/export.ts';
import { geotagCommand } from './commands/geotag.ts';
import { locationCommand } from './commands/location.ts';
import { devicesCommand } from './commands/devices.ts';
import { importCommand } from './commands/import.ts';
import { libraryCommand } from './commands/library.ts';
import { looksCommand } from './commands/looks.ts';
import { recordCommand } from './commands/record.ts';
import { shootCommand } from './commands/shoot.ts';
import { setUsageText, UsageError } from './support.ts';

export { libraryPaths, UsageError } from './support.ts';

const commandList: Command[] = [devicesCommand, looksCommand, shootCommand, recordCommand, libraryCommand, developCommand, importCommand, exportCommand, geotagCommand, locationCommand];
const commands = new Map(commandList.map((command) => [command.name, command]));

const USAGE = `darkslide ${APP_VERSION}: a film camera for your desktop

Usage:
${commandList.map((command) => command.usage).join('\n')}

Devices: "demo" (built in), "file:<path>" (a video played as a camera), and your webcams.
--library defaults to the app's own library, so the CLI and the app share one album.`;
setUsageText(USAGE);

export async function main(argv: string[]): Promise<number> {
  // Files the CLI creates (photos, catalog, logs) are the user's alone, as the app's are.
  applyPrivateUmask();
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
    const run = commands.get(command);
    if (!run) throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    // Timed and logged once the command has opened the library (and with it the log); before that, nowhere.
    const done = logger('cli').time(command);
    await run.run(rest);
    done();
    return 0;
  } catch (error) {
    logger('cli').error({ command, err: error }, 'command failed');
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    // A partial batch has already reported each failed file as it went.
    if (!(error as { silent?: boolean }).silent) process.stderr.write(`darkslide: ${message}\n`);
    if (argv.includes('--json')) process.stderr.write(`${JSON.stringify({ error: { code: code ?? 'error', message } })}\n`);
    return code === 'usage' ? 2 : 1;
  } finally {
    await Promise.all([closeMetadata(), looks.stopKernelWorkers(), stopHeifDecoder()]);
    await closeLog();
  }
}
