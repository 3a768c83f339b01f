// Where the album's grid gets its sections and items: the library's album views. A view (the trash or not, a
// sort, filters) answers "how many items, in which days?" (library.layout) and "the items from offset N"
// (library.range) over the catalog's indexes, so the grid never holds more than the pages on screen and item
// 99,999 costs what item 0 does.
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import type { Section } from './layout.ts';

export type Sort = 'taken' | 'added';

export type AlbumQuery = {
  trashed: boolean;
  sort: Sort;
  kind: 'photo' | 'video' | null;
  lookId: string | null;
  favourites: boolean;
  recovered: boolean;
  /** Items with or without a place (the location work's filter). */
  location: 'with' | 'without' | null;
};

export const DEFAULT_QUERY: AlbumQuery = { trashed: false, sort: 'taken', kind: null, lookId: null, favourites: false, recovered: false, location: null };

export type AlbumSections = { sections: Section[]; total: number };

/** Items per page fetched from main: a 1080p window shows about 60. */
export const PAGE = 120;

export function queryKey(query: AlbumQuery): string {
  return JSON.stringify([query.trashed, query.sort, query.kind, query.lookId, query.favourites, query.recovered, query.location]);
}

/** The view as the contract names it (unset filters left out). */
function contractQuery(query: AlbumQuery) {
  return {
    sort: query.sort,
    trashed: query.trashed,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.lookId ? { lookId: query.lookId } : {}),
    ...(query.favourites ? { favourite: true } : {}),
    ...(query.recovered ? { recovered: true } : {}),
    ...(query.location ? { location: query.location } : {}),
  };
}

export async function fetchSections(query: AlbumQuery): Promise<AlbumSections> {
  const layout = await api.library.layout({ query: contractQuery(query) });
  return { total: layout.total, sections: layout.days.map((day) => ({ key: day.day, count: day.count })) };
}

export async function fetchRange(query: AlbumQuery, offset: number, limit: number): Promise<LibraryItemT[]> {
  return (await api.library.range({ query: contractQuery(query), offset, limit: Math.min(500, limit) })).items;
}

/** Where an item is in a view, or null when the view does not show it. */
export async function fetchPosition(query: AlbumQuery, id: string): Promise<number | null> {
  return (await api.library.position({ query: contractQuery(query), id })).index;
}
