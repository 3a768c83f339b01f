import * as location from '../../location/index.ts';
import { libraryPaths, print, UsageError } from '../support.ts';
import { locale, t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

function describe(settings: location.LocationSettings): string {
  if (!settings.attach || !settings.place) return t('cli.location.off');
  const { place } = settings;
  const position = { latitude: place.latitude.toFixed(5), longitude: place.longitude.toFixed(5) };
  const country = place.country ? (new Intl.DisplayNames([locale], { type: 'region' }).of(place.country) ?? place.country) : undefined;
  const name = place.name && country ? t('cli.location.name-country', { name: place.name, country }) : place.name;
  const where = name ? t('cli.location.named', { name, ...position }) : t('cli.location.coordinates', position);
  const gate = location.mayAttachLocation();
  const blocked = gate.allowed ? '' : t('cli.location.kept-off', { reason: gate.reason });
  return t('cli.location.on', { where, blocked });
}

export const locationCommand: Command = {
  name: 'location',
  usage: () => usageEntry('  darkslide location [set <lat,lon | place name> | off] [--library DIR] [--json]', t('cli.usage.location')),
  async run(args) {
    // By hand, not parseArgs: a southern or western position ("-33.86,151.21") starts with a dash.
    const flags: { library?: string; json?: boolean } = {};
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') flags.json = true;
      else if (arg === '--library') flags.library = args[++i];
      else if (arg.startsWith('--library=')) flags.library = arg.slice('--library='.length);
      else if (arg.startsWith('--')) throw new UsageError(t('cli.unknown-option', { option: arg }), { withUsage: true });
      else words.push(arg);
    }
    const [action, ...rest] = words;
    const store = location.openLocationStore(libraryPaths(flags.library).dataDir);
    let settings: location.LocationSettings;
    if (action === undefined || action === 'show') {
      settings = store.get();
    } else if (action === 'off') {
      settings = await store.set({ attach: false, place: store.get().place });
    } else if (action === 'set') {
      const text = rest.join(' ').trim();
      if (!text) throw new UsageError(t('cli.location.set-needs'));
      settings = await store.set({ attach: true, place: location.resolvePlace(text) });
    } else {
      throw new UsageError(t('cli.location.unknown-action', { action }));
    }
    print(flags, settings, () => describe(settings));
  },
};
