import type { ListPage } from '../../library/index.ts';
import { parse, print, table, withLibrary } from '../support.ts';
import type { Command } from './command.ts';

export const libraryCommand: Command = {
  name: 'library',
  usage: `  darkslide library [--library DIR] [--json]      list the album, newest first`,
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
      items.length === 0 ? 'The album is empty.' : table(items.map((item) => [item.id, item.takenAt, item.kind, `${item.width}x${item.height}`, item.lookName, item.relPath])),
    );
  },
};
