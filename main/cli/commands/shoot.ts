import path from 'node:path';
import * as capture from '../../capture/index.ts';
import * as looks from '../../looks/index.ts';
import { shoot } from '../../app/shoot.ts';
import { openLocationStore } from '../../location/index.ts';
import { libraryPaths, numberFlag, parse, print, sizeFlag, sleep, UsageError, withLibrary } from '../support.ts';
import { t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

export const shootCommand: Command = {
  name: 'shoot',
  usage: () => usageEntry('  darkslide shoot --device <id> --look <id> [--timer 3|10] [--burst N] [--size WxH] [--library DIR] [--json]', t('cli.usage.shoot')),
  async run(args) {
    const flags = parse(args, { device: { type: 'string' }, look: { type: 'string' }, library: { type: 'string' }, timer: { type: 'string' }, burst: { type: 'string' }, size: { type: 'string' } });
    if (!flags.device) throw new UsageError(t('cli.needs-see', { command: 'shoot', what: '--device <id>', see: '`darkslide devices`' }));
    if (!flags.look) throw new UsageError(t('cli.needs-see', { command: 'shoot', what: '--look <id>', see: '`darkslide looks`' }));
    const lookId = flags.look as string;
    const look = looks.getLook(lookId); // fail on a bad look before opening the camera
    // A half-frame camera's print holds two exposures: the CLI takes both, one frame after the other.
    const halves = look.frame === 'half-frame';
    const timer = numberFlag('timer', flags.timer as string | undefined, 0, 60) ?? 0;
    const burst = numberFlag('burst', flags.burst as string | undefined, 1, 20) ?? 1;
    const size = sizeFlag(flags.size as string | undefined);
    const deviceId = flags.device as string;
    for (let left = timer; left > 0; left--) {
      process.stderr.write(`\r${t('cli.shoot.countdown', { seconds: left })}  `);
      await sleep(1000);
    }
    if (timer) process.stderr.write('\r');
    // The place set for new shots (`darkslide location set`), if it is on: the same file the app reads.
    const locationStore = openLocationStore(libraryPaths(flags.library as string | undefined).dataDir);
    const items = await withLibrary(flags, async (library) => {
      const shot = [];
      for (let n = 0; n < burst; n++) {
        const started = Date.now();
        const frame = await capture.captureStillOnce(deviceId, size);
        const second = halves ? await capture.captureStillOnce(deviceId, size) : undefined;
        shot.push(await shoot({ library, frame, ...(second ? { second } : {}), lookId, location: locationStore.forNewShot() }));
        // A burst is one shot a second, like a camera's slow continuous mode.
        if (n < burst - 1) await sleep(Math.max(0, 1000 - (Date.now() - started)));
      }
      return shot;
    });
    const root = libraryPaths(flags.library as string | undefined).root;
    // One shot or a burst, --json is a list: a script handles both the same way.
    print(flags, items, () => items.map((item) => t('cli.shoot.shot', { size: `${item.width}x${item.height}`, look: item.lookName, file: path.join(root, item.relPath) })).join('\n'));
  },
};
