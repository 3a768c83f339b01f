import type { libraryMethods } from '../../shared/contract/methods/library.ts';
import { redevelop } from '../develop.ts';
import { toApiItem, toApiItems } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function libraryHandlers({ library }: AppContext): DomainHandlers<typeof libraryMethods> {
  return {
    'library.list': (query) => toApiItems(library.list(query)),
    'library.get': ({ id }) => {
      const item = library.get(id);
      return item && toApiItem(item);
    },
    'library.trash'({ ids }) {
      library.trash(ids);
      return { count: ids.length };
    },
    'library.restore'({ ids }) {
      library.restore(ids);
      return { count: ids.length };
    },
    async 'library.emptyTrash'() {
      return { count: await library.emptyTrash() };
    },
    'library.redevelop': async (input) => toApiItem(await redevelop(library, input)),
  };
}
