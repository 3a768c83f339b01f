import type { ListPage } from '../../library/index.ts';
import { parse, print, table, withLibrary } from '../support.ts';
import { t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

export const libraryCommand: Command = {
  name: 'library',
  usage: () => usageEntry('  darkslide library [--library DIR] [--json]', t('cli.usage.library')),
  async run(args) {
    const flags = parse(args, { library: { type: 'string' }, trashed: { type: 'boolean' } });
    const items = await withLibrary(flags, async (library) => {
      const all = [];
      let cursor: string | null = null;
      do {
        const page: ListPage = await library.list({ limit: 500, trashed: Boolean(flags.trashed), ...(cursor ? { before: cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    });
    print(flags, items, () =>
      items.length === 0 ? t('cli.library.empty') : table(items.map((item) => [item.id, item.takenAt, item.kind, `${item.width}x${item.height}`, item.lookName, item.relPath])),
    );
  },
};
