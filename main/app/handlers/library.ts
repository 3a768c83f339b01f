import type { libraryMethods } from '../../shared/contract/methods/library.ts';
import { redevelop } from '../develop.ts';
import { toApiItem, toApiItems } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function libraryHandlers({ library }: AppContext): DomainHandlers<typeof libraryMethods> {
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
    'library.redevelop': async (input) => toApiItem(await redevelop(library, input)),
  };
}
