import path from 'node:path';
import { recordFor, type RecordOutcome } from '../../app/record.ts';
import { openLocationStore } from '../../location/index.ts';
import { libraryPaths, numberFlag, parse, print, sizeFlag, UsageError, withLibrary } from '../support.ts';
import type { Command } from './command.ts';

export const recordCommand: Command = {
  name: 'record',
  usage: `  darkslide record --device <id> [--mic <id>] --look <id> --seconds N [--size WxH] [--library DIR] [--json]
                                                  record a video with the look`,
  async run(args) {
    const flags = parse(args, { device: { type: 'string' }, mic: { type: 'string' }, look: { type: 'string' }, seconds: { type: 'string' }, size: { type: 'string' }, library: { type: 'string' } });
    if (!flags.device) throw new UsageError('record needs --device <id> (see `darkslide devices`).');
    if (!flags.look) throw new UsageError('record needs --look <id> (see `darkslide looks`).');
    const seconds = numberFlag('seconds', flags.seconds as string | undefined, 0.5, 6 * 3600);
    if (!seconds) throw new UsageError('record needs --seconds N.');
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
        onProgress: (elapsed) => !flags.json && process.stderr.isTTY && process.stderr.write(`\rRecording ${elapsed.toFixed(1)} s / ${seconds} s`),
      }),
    );
    if (!flags.json && process.stderr.isTTY) process.stderr.write('\n');
    const { item } = outcome;
    const warning = slowWarning(outcome);
    // On stderr in both modes, so a script reading --json still gets a clean document and a person the reason.
    if (warning) process.stderr.write(`darkslide: warning: ${warning}\n`);
    print(flags, item, () => `Recorded ${(item.durationSec ?? 0).toFixed(1)} s at ${item.width}x${item.height} with ${item.lookName}: ${path.join(libraryPaths(flags.library as string | undefined).root, item.relPath)}`);
  },
};

/** Why a clip is shorter than asked, or took longer than asked to make; null when it kept up. */
export function slowWarning(outcome: RecordOutcome): string | null {
  const { item, askedSeconds, wallSeconds, speed, paced, suggestion } = outcome;
  const got = item.durationSec ?? 0;
  const smaller = suggestion ? ` Try --size ${suggestion.width}x${suggestion.height} or a lighter look.` : '';
  const rate = `${item.width}x${item.height} with ${item.lookName} at ${speed.toFixed(2)}x real time`;
  if (got < askedSeconds * 0.9) {
    return `recorded only ${got.toFixed(1)} s of the ${askedSeconds} s asked for: this computer developed ${rate}.${smaller}`;
  }
  if (paced && speed < 0.9) {
    return `the ${got.toFixed(1)} s clip took ${wallSeconds.toFixed(1)} s to record: this computer developed ${rate}; a webcam at this size would lose frames.${smaller}`;
  }
  return null;
}
