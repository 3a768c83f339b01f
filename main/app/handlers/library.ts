import type { libraryMethods } from '../../shared/contract/methods/library.ts';
import { redevelop } from '../develop.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { toApiItem, toApiItems } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

/** `reveal`: the host's "show in the file manager" (Electron's shell.showItemInFolder); none in a browser page. */
export function libraryHandlers({ library }: AppContext, reveal?: (target: string) => Promise<void> | void): DomainHandlers<typeof libraryMethods> {
  return {
    'library.list': async (query) => toApiItems(await library.list(query)),
    'library.get': async ({ id }) => {
      const item = await library.get(id);
      return item && toApiItem(item);
    },
    async 'library.trash'({ ids }) {
      return { count: (await library.trash(ids)).length };
    },
    async 'library.restore'({ ids }) {
      return { count: (await library.restore(ids)).length };
    },
    async 'library.emptyTrash'() {
      return { count: await library.emptyTrash() };
    },
    'library.layout': ({ query }) => library.album.layout(query ?? {}),
    async 'library.range'({ query, offset, limit }) {
      return { items: (await library.album.range(query ?? {}, offset, limit)).map(toApiItem) };
    },
    async 'library.position'({ query, id }) {
      return { index: await library.album.position(query ?? {}, id) };
    },
    async 'library.favourite'({ ids, favourite }) {
      return { count: (await library.setFavourite(ids, favourite)).length };
    },
    async 'library.purge'() {
      return { count: await library.purgeTrash() };
    },
    async 'library.reveal'({ ids }) {
      const item = await library.get(ids[0]!);
      if (!item) throw new DarkslideError('album.item-not-found', { id: ids[0]! });
      if (!reveal) return { opened: false };
      await reveal(await library.mediaPath(item.id, 'original'));
      return { opened: true };
    },
    'library.redevelop': async (input) => toApiItem(await redevelop(library, input)),
  };
}

