// `darkslide`: the same services as the app, without a window. Results go to
// stdout (tables for people, --json for scripts); errors go to stderr with a
// non-zero exit code. Each command lives in commands/<name>.ts with its usage.
// People read it in their language (LC_ALL / LC_MESSAGES / LANG, see locale.ts); --json keeps its keys and
// codes, with only an error's `message` in that language.
import { applyPrivateUmask } from '../privacy/index.ts';
import { APP_VERSION } from '../app/version.ts';
import { countPixelBuffersInHeapLimit } from '../app/heap.ts';
import type { Command } from './commands/command.ts';
import { warmIntl } from '../shared/i18n/index.ts';
import { errorWords, locale, t } from './locale.ts';
import { UsageError } from './usage-error.ts';

// Each command's module is loaded only when it runs (or for the usage text): loading all of them, with the
// capture, export, location and app modules behind them, cost every `darkslide develop` over a second of CPU.
const commandModules: Record<string, () => Promise<Command>> = {
  devices: async () => (await import('./commands/devices.ts')).devicesCommand,
  looks: async () => (await import('./commands/looks.ts')).looksCommand,
  shoot: async () => (await import('./commands/shoot.ts')).shootCommand,
  record: async () => (await import('./commands/record.ts')).recordCommand,
  library: async () => (await import('./commands/library.ts')).libraryCommand,
  develop: async () => (await import('./commands/develop.ts')).developCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  geotag: async () => (await import('./commands/geotag.ts')).geotagCommand,
  location: async () => (await import('./commands/location.ts')).locationCommand,
};

async function usageText(): Promise<string> {
  const commands = await Promise.all(Object.values(commandModules).map((load) => load()));
  return `${t('cli.usage.title', { version: APP_VERSION })}

${t('cli.usage.heading')}
${commands.map((command) => command.usage()).join('\n')}

${t('cli.usage.devices-note', { file: 'file:<path>' })}
${t('cli.usage.library-note')}`;
}

export async function main(argv: string[]): Promise<number> {
  // Files the CLI creates (photos, catalog, logs) are the user's alone, as the app's are.
  applyPrivateUmask();
  countPixelBuffersInHeapLimit();
  const [command, ...rest] = argv;
  let ran = false;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${await usageText()}\n`);
      return command ? 0 : 2;
    }
    if (command === '--version') {
      process.stdout.write(`${APP_VERSION}\n`);
      return 0;
    }
    const load = Object.hasOwn(commandModules, command) ? commandModules[command] : undefined;
    if (!load) throw new UsageError(t('cli.unknown-command', { command }), { withUsage: true });
    const run = await load();
    ran = true;
    // The first message a command words loads ICU's data (45-70 ms of CPU in one go). A develop words its
    // summary last, which held the event loop for 50 ms at the end of bench:develop: warm it a piece per turn
    // while the work goes on.
    void warmIntl(locale);
    // Timed and logged once the command has opened the library (and with it the log); before that, nowhere.
    const done = (await import('../logging/index.ts')).logger('cli').time(command);
    await run.run(rest);
    done();
    return 0;
  } catch (error) {
    if (ran) (await import('../logging/index.ts')).logger('cli').error({ command, err: error }, 'command failed');
    const code = (error as { code?: string }).code;
    let message = errorWords(error);
    if (error instanceof UsageError && error.withUsage) message = `${message}\n\n${await usageText()}`;
    // A partial batch has already reported each failed file as it went.
    if (!(error as { silent?: boolean }).silent) process.stderr.write(`darkslide: ${message}\n`);
    if (argv.includes('--json')) process.stderr.write(`${JSON.stringify({ error: { code: code ?? 'error', message } })}\n`);
    return code === 'usage' ? 2 : 1;
  } finally {
    // Only a command can have started exiftool, pixel workers, the HEIF decoder or the log.
    if (ran) {
      const [metadata, looks, heif, logging] = await Promise.all([import('../metadata/index.ts'), import('../looks/index.ts'), import('../app/jobs/heif.ts'), import('../logging/index.ts')]);
      await Promise.all([metadata.closeMetadata(), looks.stopKernelWorkers(), heif.stopHeifDecoder()]);
      await logging.closeLog();
    }
  }
}
