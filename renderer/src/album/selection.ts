// Which album items are selected, as a file manager does it: a click picks one, Ctrl/⌘-click adds or removes
// one, Shift-click picks everything from the anchor to the click, "select all" picks the whole view (filters
// included) without listing 100,000 ids: it is kept as "all, except these".
// Ids, not offsets, are what is kept: a new shot arriving at the top moves every offset by one.
import { createStore } from 'zustand/vanilla';

export type Selection = {
  /** Every item of the view is selected, except `ids`. */
  all: boolean;
  ids: ReadonlySet<string>;
  /** Where the next Shift range starts (an album offset), set by a click or a keyboard move. */
  anchor: number | null;
};

export const EMPTY: Selection = { all: false, ids: new Set(), anchor: null };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.all !== selection.ids.has(id);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? total - selection.ids.size : selection.ids.size;
}

export function selectOnly(id: string, offset: number): Selection {
  return { all: false, ids: new Set([id]), anchor: offset };
}

export function toggle(selection: Selection, id: string, offset: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { all: selection.all, ids, anchor: offset };
}

/**
 * The items between the anchor and `offset` (ids of that span, in any order), added to what is selected when
 * `keep` (Ctrl+Shift), else instead of it. The anchor stays where it was, so a second Shift-click re-draws the
 * range from the same place.
 */
export function selectRange(selection: Selection, rangeIds: readonly string[], keep: boolean): Selection {
  if (!keep || !selection.all) {
    const ids = new Set(keep ? selection.ids : []);
    for (const id of rangeIds) ids.add(id);
    return { all: false, ids, anchor: selection.anchor };
  }
  const except = new Set(selection.ids);
  for (const id of rangeIds) except.delete(id);
  return { all: true, ids: except, anchor: selection.anchor };
}

export function selectAll(): Selection {
  return { all: true, ids: new Set(), anchor: null };
}

/** The span Shift+click or Shift+arrow covers, as [first, last] album offsets. */
export function rangeSpan(selection: Selection, offset: number): [number, number] {
  const anchor = selection.anchor ?? offset;
  return anchor <= offset ? [anchor, offset] : [offset, anchor];
}

export type SelectionStore = ReturnType<typeof createSelectionStore>;

export function createSelectionStore() {
  return createStore<{ selection: Selection; set(selection: Selection): void; clear(): void }>()((set) => ({
    selection: EMPTY,
    set: (selection) => set({ selection }),
    clear: () => set({ selection: EMPTY }),
  }));
}
