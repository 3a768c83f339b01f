// The album's data as React sees it: the sections of a view, and the pages of items the screen needs, cached
// by React Query under ['library', ...] so any library change refetches what is shown.
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { fetchRange, fetchSections, PAGE, queryKey, type AlbumQuery } from './source.ts';

export function useSections(query: AlbumQuery) {
  const client = useQueryClient();
  const key = queryKey(query);
  // A view opens at its top: its first page is asked for beside its sections, not once they are in and laid
  // out (one round trip and a layout less before the first tiles; bench:album-page). Already cached: no call.
  useEffect(() => void client.prefetchQuery(pageQuery(query, 0)), [client, key]);
  return useQuery({ queryKey: ['library', 'sections', key], queryFn: () => fetchSections(query), placeholderData: (previous) => previous });
}

function pageKey(query: AlbumQuery, page: number) {
  return ['library', 'range', queryKey(query), page] as const;
}

function pageQuery(query: AlbumQuery, page: number) {
  return { queryKey: pageKey(query, page), queryFn: () => fetchRange(query, page * PAGE, PAGE), staleTime: 60_000 };
}

/**
 * The items from offset `first` to `last` as far as they are loaded. Pages are asked for only while `fetch`
 * holds (the grid turns it off while it flies past at speed), so a fling from the top to the bottom of
 * 100,000 items asks for the pages where it stops, not for the 800 in between.
 */
export function useItems(query: AlbumQuery, first: number, last: number, fetch: boolean): (offset: number) => LibraryItemT | undefined {
  const pages: number[] = [];
  if (last >= first && first >= 0) for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) pages.push(page);
  const results = useQueries({ queries: pages.map((page) => ({ ...pageQuery(query, page), enabled: fetch })) });
  const loaded = useMemo(() => {
    const map = new Map<number, LibraryItemT[]>();
    results.forEach((result, index) => result.data && map.set(pages[index]!, result.data));
    return map;
    // The pages' data objects are what matters; `results` is a new array every render.
  }, [pages.join(','), ...results.map((result) => result.data)]);
  return useCallback((offset: number) => loaded.get(Math.floor(offset / PAGE))?.[offset % PAGE], [loaded]);
}

/** The item at one offset (the viewer's neighbours), from the cache or fetched. */
export async function itemAt(client: QueryClient, query: AlbumQuery, offset: number): Promise<LibraryItemT | undefined> {
  if (offset < 0) return undefined;
  const page = Math.floor(offset / PAGE);
  const items = await client.fetchQuery(pageQuery(query, page));
  return items[offset % PAGE];
}

/** The ids from offset `first` to `last` inclusive, for Shift ranges and whole days, in pages of 500. */
export async function idsBetween(query: AlbumQuery, first: number, last: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = first; offset <= last; offset += 500) {
    const items = await fetchRange(query, offset, Math.min(500, last - offset + 1));
    for (const item of items) ids.push(item.id);
    if (items.length === 0) break;
  }
  return ids;
}

export function useItemAt() {
  const client = useQueryClient();
  return useCallback((query: AlbumQuery, offset: number) => itemAt(client, query, offset), [client]);
}

/** The items of a view that are in the cache, by id: what the album knows without asking (favourite or not). */
export function cachedItems(client: QueryClient, query: AlbumQuery): Map<string, LibraryItemT> {
  const out = new Map<string, LibraryItemT>();
  for (const [, items] of client.getQueriesData<LibraryItemT[]>({ queryKey: ['library', 'range', queryKey(query)] })) {
    for (const item of items ?? []) out.set(item.id, item);
  }
  return out;
}

/** The items either side of `offset` and at it (for the full view's previous and next), as loaded. */
export function useAround(query: AlbumQuery, offset: number): { previous?: LibraryItemT; current?: LibraryItemT; next?: LibraryItemT } {
  const get = useItems(query, Math.max(0, offset - 1), offset + 1, true);
  return { previous: offset > 0 ? get(offset - 1) : undefined, current: get(offset), next: get(offset + 1) };
}
