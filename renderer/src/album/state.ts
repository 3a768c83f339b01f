// What the album remembers while the app runs: the view's filters and sort (the sort across launches too),
// the selection, the item the keyboard is on and the one open in the viewer.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { EMPTY, type Selection } from './selection.ts';
import { DEFAULT_QUERY, type AlbumQuery } from './source.ts';

export type Filters = Omit<AlbumQuery, 'trashed'>;

type AlbumState = {
  filters: Filters;
  selection: Selection;
  /** Album offset of the tile the keyboard is on. */
  focus: number;
  /** The item open in the viewer, and where it sits in the view. */
  viewing: { id: string; offset: number } | null;
  setFilters(patch: Partial<Filters>): void;
  setSelection(selection: Selection): void;
  setFocus(offset: number): void;
  open(viewing: { id: string; offset: number } | null): void;
  /** A new view (album or trash, other filters): nothing selected, the keyboard back at the top. */
  reset(): void;
};

const { trashed: _trashed, ...defaultFilters } = DEFAULT_QUERY;

export const useAlbum = create<AlbumState>()(
  persist(
    (set) => ({
      filters: defaultFilters,
      selection: EMPTY,
      focus: 0,
      viewing: null,
      setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch }, selection: EMPTY, focus: 0 })),
      setSelection: (selection) => set({ selection }),
      setFocus: (focus) => set({ focus }),
      open: (viewing) => set({ viewing }),
      reset: () => set({ selection: EMPTY, focus: 0, viewing: null }),
    }),
    { name: 'darkslide.album', partialize: (state) => ({ filters: { ...defaultFilters, sort: state.filters.sort } }) },
  ),
);

export function albumQuery(filters: Filters, trashed: boolean): AlbumQuery {
  // The trash lists everything thrown away, newest first: filters belong to the album.
  return trashed ? { ...DEFAULT_QUERY, trashed: true } : { ...filters, trashed: false };
}
