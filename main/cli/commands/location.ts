import * as location from '../../location/index.ts';
import { libraryPaths, print, UsageError } from '../support.ts';
import type { Command } from './command.ts';

function describe(settings: location.LocationSettings): string {
  if (!settings.attach || !settings.place) return 'Location for new shots is off.';
  const { place } = settings;
  const where = place.name ? `${place.name}${place.country ? `, ${new Intl.DisplayNames(['en'], { type: 'region' }).of(place.country) ?? place.country}` : ''} ` : '';
  const gate = location.mayAttachLocation();
  const blocked = gate.allowed ? '' : ` (kept off now: ${gate.reason})`;
  return `New shots get ${where}(${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)})${blocked}.`;
}

export const locationCommand: Command = {
  name: 'location',
  usage: `  darkslide location [set <lat,lon | place name> | off] [--library DIR] [--json]
                                                  the place new photos and videos get (off by default)`,
  async run(args) {
    // By hand, not parseArgs: a southern or western position ("-33.86,151.21") starts with a dash.
    const flags: { library?: string; json?: boolean } = {};
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') flags.json = true;
      else if (arg === '--library') flags.library = args[++i];
      else if (arg.startsWith('--library=')) flags.library = arg.slice('--library='.length);
      else if (arg.startsWith('--')) throw new UsageError(`Unknown option "${arg}".`, { withUsage: true });
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
      if (!text) throw new UsageError('location set needs a position ("38.7139,-9.1394") or a town\'s name.');
      settings = await store.set({ attach: true, place: location.resolvePlace(text) });
    } else {
      throw new UsageError(`Unknown location action "${action}": use set or off.`);
    }
    print(flags, settings, () => describe(settings));
  },
};
