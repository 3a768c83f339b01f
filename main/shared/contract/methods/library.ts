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
  favourite: z.boolean().optional(),
  /** When it came into the album (the "date added" sort). */
  addedAt: z.string().optional(),
  /** A trashed item is deleted for good at this time (30 days after it was trashed). */
  purgeAt: z.string().nullable().optional(),
});

/**
 * Which items an album view shows, newest first by date taken (default) or added. The filters combine.
 * A grid places every item from library.layout (total, day and month sections with their offsets) and fetches
 * rows by position with library.range: no page-height cap, and item 99,999 costs what item 0 does.
 */
export const AlbumQuery = z
  .object({
    sort: z.enum(['taken', 'added']).optional(),
    trashed: z.boolean().optional(),
    kind: z.enum(['photo', 'video']).optional(),
    lookId: z.string().min(1).max(200).optional(),
    favourite: z.boolean().optional(),
    recovered: z.boolean().optional(),
    location: z.enum(['with', 'without']).optional(),
  })
  .strict();
const AlbumSection = z.object({ day: z.string(), offset: z.number(), count: z.number() });
export const AlbumLayout = z.object({ total: z.number(), days: z.array(AlbumSection), months: z.array(AlbumSection) });

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
  /** A view's total and its date sections: day ('YYYY-MM-DD') and month ('YYYY-MM') runs with offsets and counts. */
  'library.layout': method(z.object({ query: AlbumQuery.optional() }).strict(), AlbumLayout),
  /** Items offset .. offset+limit-1 of the view (limit at most 500). */
  'library.range': method(
    z.object({ query: AlbumQuery.optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).strict(),
    z.object({ items: z.array(LibraryItem) }),
  ),
  /** Where an item is in a view (to scroll to it), or null when the view does not show it. */
  'library.position': method(z.object({ query: AlbumQuery.optional(), id }).strict(), z.object({ index: z.number().nullable() })),
  'library.favourite': method(z.object({ ids: z.array(id).min(1).max(10_000), favourite: z.boolean() }).strict(), z.object({ count: z.number() })),
  /** Deletes for good what has been in the trash more than 30 days (done at every start too). */
  'library.purge': method(nothing, z.object({ count: z.number() })),
  /**
   * Shows the first of `ids` selected in the system's file manager (one window, not one per item). `opened` is
   * false where there is none to ask (a browser page): the page then says to use the app window.
   */
  'library.reveal': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), z.object({ opened: z.boolean() })),
  'library.redevelop': method(z.object({ id, lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(), LibraryItem),
};

export const libraryEvents = {
  'library.changed': z.object({
    ids: z.array(z.string()),
    reason: z.enum(['added', 'trashed', 'restored', 'deleted', 'recovered', 'updated']),
  }),
};
