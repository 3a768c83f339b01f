import * as capture from '../../capture/index.ts';
import { parse, print, table } from '../support.ts';
import { t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';
import type { MessageId } from '../../shared/i18n/index.ts';

/** Darkslide's own generated devices are named in the person's language, as the app names them; the rest keep the system's names. */
const BUILT_IN: Record<string, MessageId> = { demo: 'camera.device.demo', 'demo:testcard': 'camera.device.testcard' };
const BUILT_IN_MICS: Record<string, MessageId> = { demo: 'camera.mic.demo.long' };
const named = (names: Record<string, MessageId>, device: { id: string; name: string }) => (Object.hasOwn(names, device.id) ? t(names[device.id]!) : device.name);

export const devicesCommand: Command = {
  name: 'devices',
  usage: () => usageEntry('  darkslide devices [--json]', t('cli.usage.devices')),
  async run(args) {
    const flags = parse(args, {});
    const found = await capture.listDevices();
    print(flags, found, () =>
      [
        t('cli.devices.cameras'),
        table(found.cameras.map((device) => [`  ${device.id}`, named(BUILT_IN, device), device.modes.map((mode) => `${mode.width}x${mode.height}`).slice(0, 4).join(' ')])),
        t('cli.devices.microphones'),
        found.microphones.length ? table(found.microphones.map((mic) => [`  ${mic.id}`, named(BUILT_IN_MICS, mic)])) : `  ${t('cli.devices.none')}`,
      ].join('\n'),
    );
  },
};
