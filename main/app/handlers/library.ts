import type { libraryMethods } from '../../shared/contract/methods/library.ts';
import { redevelop } from '../develop.ts';
import { readMetadata } from '../../metadata/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
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
    async 'library.info'({ id }) {
      const item = await library.get(id);
      if (!item) throw new DarkslideError('album.item-not-found', { id });
      return { item: toApiItem(item), exif: exifSummary(await readMetadata(await library.mediaPath(id, 'original')).catch(() => ({}))) };
    },
    'library.redevelop': async (input) => toApiItem(await redevelop(library, input)),
  };
}

/** The tags an info panel shows, where the file has them (exiftool's names, values as it reads them). */
const EXIF_SUMMARY = ['Make', 'Model', 'LensModel', 'FNumber', 'ExposureTime', 'ISO', 'FocalLength', 'DateTimeOriginal', 'OffsetTimeOriginal', 'Software', 'ImageSize', 'Duration'];

function exifSummary(tags: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const name of EXIF_SUMMARY) {
    const value = tags[name];
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) out[name] = value;
  }
  return out;
}
