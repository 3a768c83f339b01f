// Where the album's grid gets its sections and items. The grid asks two questions only: "which days, and how
// many items in each?" and "the items from offset N, M of them". Both are answered here, for one view of the
// album (the trash or not, a sort, filters), so the grid never holds more than the pages on screen.
//
// The library's own offset queries (library.sections / library.range, planned by the library work) answer
// these over the catalog's indexes. Until they are in the contract this file answers them from library.list,
// which is fine for a few thousand items and is the only place that changes when they arrive.
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
  /** Filled in by the location work: items with or without a place. */
  location: 'with' | 'without' | null;
};

export const DEFAULT_QUERY: AlbumQuery = { trashed: false, sort: 'taken', kind: null, lookId: null, favourites: false, recovered: false, location: null };

export type AlbumSections = { sections: Section[]; total: number; looks: { lookId: string; lookName: string }[] };

/** Items per page fetched from main: a 1080p window shows about 60. */
export const PAGE = 120;

/** The day an item belongs to: the date on the clock where it was taken (the ISO text carries that offset). */
export function dayOf(item: LibraryItemT, sort: Sort): string {
  const stamp = sort === 'added' ? (addedAt(item) ?? item.takenAt) : item.takenAt;
  return stamp.slice(0, 10);
}

function addedAt(item: LibraryItemT): string | null {
  return (item as LibraryItemT & { addedAt?: string }).addedAt ?? null;
}

export function queryKey(query: AlbumQuery): string {
  return JSON.stringify([query.trashed, query.sort, query.kind, query.lookId, query.favourites, query.recovered, query.location]);
}

// ---- Until library.sections / library.range exist: the whole list, read once per change. ----

const everything = new Map<boolean, Promise<LibraryItemT[]>>();
// Subscribed when this module loads, before the app's own listener (which refetches every album query), so a
// refetch never reads the list from before the change.
api.on('library.changed', () => everything.clear());

function allItems(trashed: boolean): Promise<LibraryItemT[]> {
  let pending = everything.get(trashed);
  if (!pending) {
    pending = (async () => {
      const out: LibraryItemT[] = [];
      let before: string | null = null;
      do {
        const page: { items: LibraryItemT[]; nextCursor: string | null } = await api.library.list({ limit: 500, trashed, ...(before ? { before } : {}) });
        out.push(...page.items);
        before = page.nextCursor;
      } while (before);
      return out;
    })();
    pending.catch(() => everything.delete(trashed));
    everything.set(trashed, pending);
  }
  return pending;
}

async function matching(query: AlbumQuery): Promise<LibraryItemT[]> {
  const items = (await allItems(query.trashed)).filter(
    (item) =>
      (!query.kind || item.kind === query.kind) &&
      (!query.lookId || item.lookId === query.lookId) &&
      (!query.recovered || item.recovered) &&
      (!query.favourites || (item as LibraryItemT & { favourite?: boolean }).favourite === true),
  );
  const stamp = (item: LibraryItemT) => Date.parse(query.sort === 'added' ? (addedAt(item) ?? item.takenAt) : item.takenAt);
  return items.sort((a, b) => stamp(b) - stamp(a) || (a.id < b.id ? 1 : -1));
}

export async function fetchSections(query: AlbumQuery): Promise<AlbumSections> {
  const items = await matching(query);
  const sections: Section[] = [];
  for (const item of items) {
    const key = dayOf(item, query.sort);
    const last = sections[sections.length - 1];
    if (last && last.key === key) last.count++;
    else sections.push({ key, count: 1 });
  }
  const looks = new Map<string, string>();
  for (const item of await allItems(query.trashed)) looks.set(item.lookId, item.lookName);
  return { sections, total: items.length, looks: [...looks].map(([lookId, lookName]) => ({ lookId, lookName })).sort((a, b) => a.lookName.localeCompare(b.lookName)) };
}

export async function fetchRange(query: AlbumQuery, offset: number, limit: number): Promise<LibraryItemT[]> {
  return (await matching(query)).slice(offset, offset + limit);
}

/**
 * What main can do yet. The album shows a control only when main can carry it out; each turns on when its
 * part of the contract lands (favourites and filters by the library work, show-in-folder by the shell).
 */
export const supports = { favourites: false, reveal: false } as const;
