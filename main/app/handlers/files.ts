import type { filesMethods } from '../../shared/contract/methods/files.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function filesHandlers({ files }: AppContext): DomainHandlers<typeof filesMethods> {
  return {
    'files.picker': () => ({ available: files.hasPicker() }),
    async 'files.pick'(input) {
      const handles = await files.pick({
        purpose: input.purpose,
        multiple: input.multiple ?? false,
        folders: input.folders ?? false,
        filters: input.filters ?? [],
        ...(input.save ? { save: input.save } : {}),
      });
      return { handles };
    },
    'files.uploadBegin': (input) => files.uploadBegin(input),
    'files.uploadChunk': (input) => files.uploadChunk(input),
    'files.uploadEnd': (input) => files.uploadEnd(input),
    async 'files.uploadAbort'(input) {
      await files.uploadAbort(input);
      return {};
    },
    async 'files.release'({ ids }) {
      await files.release(ids);
      return {};
    },
  };
}
