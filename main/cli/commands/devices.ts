import * as capture from '../../capture/index.ts';
import { parse, print, table } from '../support.ts';
import { t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

export const devicesCommand: Command = {
  name: 'devices',
  usage: () => usageEntry('  darkslide devices [--json]', t('cli.usage.devices')),
  async run(args) {
    const flags = parse(args, {});
    const found = await capture.listDevices();
    print(flags, found, () =>
      [
        t('cli.devices.cameras'),
        table(found.cameras.map((device) => [`  ${device.id}`, device.name, device.modes.map((mode) => `${mode.width}x${mode.height}`).slice(0, 4).join(' ')])),
        t('cli.devices.microphones'),
        found.microphones.length ? table(found.microphones.map((mic) => [`  ${mic.id}`, mic.name])) : `  ${t('cli.devices.none')}`,
      ].join('\n'),
    );
  },
};
