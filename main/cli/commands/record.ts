import path from 'node:path';
import { recordFor, type RecordOutcome } from '../../app/record.ts';
import { openLocationStore } from '../../location/index.ts';
import { libraryPaths, numberFlag, parse, print, sizeFlag, UsageError, withLibrary } from '../support.ts';
import { format, type Locale, type MessageId } from '../../shared/i18n/index.ts';
import { locale as runLocale, t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

export const recordCommand: Command = {
  name: 'record',
  usage: () => usageEntry('  darkslide record --device <id> [--mic <id>] --look <id> --seconds N [--size WxH] [--library DIR] [--json]', t('cli.usage.record')),
  async run(args) {
    const flags = parse(args, { device: { type: 'string' }, mic: { type: 'string' }, look: { type: 'string' }, seconds: { type: 'string' }, size: { type: 'string' }, library: { type: 'string' } });
    if (!flags.device) throw new UsageError(t('cli.needs-see', { command: 'record', what: '--device <id>', see: '`darkslide devices`' }));
    if (!flags.look) throw new UsageError(t('cli.needs-see', { command: 'record', what: '--look <id>', see: '`darkslide looks`' }));
    const seconds = numberFlag('seconds', flags.seconds as string | undefined, 0.5, 6 * 3600);
    if (!seconds) throw new UsageError(t('cli.needs', { command: 'record', what: '--seconds N' }));
    const outcome = await withLibrary(flags, (library) =>
      recordFor({
        library,
        dataDir: libraryPaths(flags.library as string | undefined).dataDir,
        deviceId: flags.device as string,
        micId: flags.mic as string | undefined,
        lookId: flags.look as string,
        seconds,
        size: sizeFlag(flags.size as string | undefined),
        location: openLocationStore(libraryPaths(flags.library as string | undefined).dataDir).forNewShot('recording'),
        onProgress: (elapsed) => !flags.json && process.stderr.isTTY && process.stderr.write(`\r${t('cli.record.elapsed', { elapsed: elapsed.toFixed(1), seconds: String(seconds) })}`),
      }),
    );
    if (!flags.json && process.stderr.isTTY) process.stderr.write('\n');
    const { item } = outcome;
    const warning = slowWarning(outcome);
    // On stderr in both modes, so a script reading --json still gets a clean document and a person the reason.
    if (warning) process.stderr.write(`darkslide: ${t('cli.record.warning', { warning })}\n`);
    print(flags, item, () =>
      t('cli.record.recorded', { seconds: (item.durationSec ?? 0).toFixed(1), size: `${item.width}x${item.height}`, look: item.lookName, file: path.join(libraryPaths(flags.library as string | undefined).root, item.relPath) }),
    );
  },
};

/** Why a clip is shorter than asked, or took longer than asked to make; null when it kept up. */
export function slowWarning(outcome: RecordOutcome, locale: Locale = runLocale): string | null {
  const say = (id: MessageId, values: Record<string, string | number>) => format(locale, id, values);
  const { item, askedSeconds, wallSeconds, speed, paced, suggestion } = outcome;
  const got = item.durationSec ?? 0;
  const smaller = suggestion ? say('cli.record.try-smaller', { size: `${suggestion.width}x${suggestion.height}` }) : '';
  const rate = { size: `${item.width}x${item.height}`, look: item.lookName, speed: speed.toFixed(2), got: got.toFixed(1) };
  if (got < askedSeconds * 0.9) return say('cli.record.short', { ...rate, asked: String(askedSeconds) }) + smaller;
  if (paced && speed < 0.9) return say('cli.record.slow', { ...rate, wall: wallSeconds.toFixed(1) }) + smaller;
  return null;
}
