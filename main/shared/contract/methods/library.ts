// The album: items, paging, trash, developing again.
import { z } from 'zod';
import { Recipe } from '../../looks/recipe.ts';
import { id, method, nothing, unit } from './define.ts';

export const LibraryItem = z.object({
  id,
  kind: z.enum(['photo', 'video']),
  fileName: z.string(),
  relPath: z.string(),
  width: z.number(),
  height: z.number(),
  durationSec: z.number().nullable(),
  takenAt: z.string(),
  lookId: z.string(),
  lookName: z.string(),
  recipe: Recipe.nullable(),
  trashedAt: z.string().nullable(),
  recovered: z.boolean(),
  bytes: z.number(),
  /** The undeveloped original is kept: before/after and re-developing work. */
  hasOriginal: z.boolean().optional(),
  /** Where it was taken, when its file says (shot with location on, or geotagged). */
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable().optional(),
  /** The name of the file it was imported from (the viewer's info); null for shots and recordings. */
  sourceName: z.string().nullable().optional(),
});

export const MediaVariant = z.enum(['original', 'thumb', 'undeveloped']);
export type MediaVariantT = z.output<typeof MediaVariant>;

export const libraryMethods = {
  'library.list': method(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        before: z.string().max(200).optional(),
        trashed: z.boolean().optional(),
        /** The album's "has location" / "no location" filter. */
        location: z.enum(['with', 'without']).optional(),
      })
      .strict(),
    z.object({ items: z.array(LibraryItem), nextCursor: z.string().nullable() }),
  ),
  'library.get': method(z.object({ id }).strict(), LibraryItem.nullable()),
  'library.trash': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), z.object({ count: z.number() })),
  'library.restore': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), z.object({ count: z.number() })),
  'library.emptyTrash': method(nothing, z.object({ count: z.number() })),
  'library.redevelop': method(z.object({ id, lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(), LibraryItem),
};

export const libraryEvents = {
  'library.changed': z.object({
    ids: z.array(z.string()),
    reason: z.enum(['added', 'trashed', 'restored', 'deleted', 'recovered']),
  }),
};
