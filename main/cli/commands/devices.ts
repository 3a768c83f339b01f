import * as capture from '../../capture/index.ts';
import { parse, print, table } from '../support.ts';
import type { Command } from './command.ts';

export const devicesCommand: Command = {
  name: 'devices',
  usage: `  darkslide devices [--json]                      list cameras and microphones`,
  async run(args) {
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
};
