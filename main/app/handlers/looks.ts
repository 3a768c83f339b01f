import * as looks from '../../looks/index.ts';
import type { looksMethods } from '../../shared/contract/methods/looks.ts';
import { developIntoLibrary, importLookData, lookSample } from '../develop.ts';
import { toApiItem } from '../items.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function looksHandlers({ library }: AppContext): DomainHandlers<typeof looksMethods> {
  return {
    'looks.list'() {
      return looks.listLooks().map((look) => ({ ...look, imported: !looks.isBuiltInLook(look.id) }));
    },
    'looks.preview'({ id }) {
      const preview = looks.previewLook(id);
      return { id, size: preview.size, lut: new Uint8Array(preview.lut.buffer, preview.lut.byteOffset, preview.lut.byteLength), params: preview.params };
    },
    async 'looks.sample'({ id }) {
      return { jpeg: await lookSample(id) };
    },
    'looks.import': async (input) => ({ ...(await importLookData(input)), imported: true }),
    'develop.photo': async ({ data, ...input }) => toApiItem(await developIntoLibrary(library, { ...input, original: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })),
  };
}
