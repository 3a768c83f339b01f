import { describe, expect, test } from 'vitest';
import { EMPTY, isSelected, rangeSpan, selectAll, selectedCount, selectOnly, selectRange, toggle } from './selection.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const chosen = (selection: ReturnType<typeof selectOnly>) => ids.filter((id) => isSelected(selection, id));

describe('album selection', () => {
  test('a click picks one, Ctrl-click adds and removes, the anchor follows the last click', () => {
    let selection = selectOnly('b', 1);
    expect(chosen(selection)).toEqual(['b']);
    selection = toggle(selection, 'd', 3);
    expect(chosen(selection)).toEqual(['b', 'd']);
    expect(selection.anchor).toBe(3);
    selection = toggle(selection, 'b', 1);
    expect(chosen(selection)).toEqual(['d']);
    expect(selectedCount(selection, 6)).toBe(1);
  });

  test('Shift draws the range from the anchor either way; Ctrl+Shift keeps what was picked', () => {
    const start = toggle(selectOnly('a', 0), 'e', 4);
    expect(rangeSpan(start, 1)).toEqual([1, 4]);
    expect(rangeSpan(start, 5)).toEqual([4, 5]);
    expect(chosen(selectRange(start, ['b', 'c', 'd', 'e'], false))).toEqual(['b', 'c', 'd', 'e']);
    expect(chosen(selectRange(start, ['e', 'f'], true))).toEqual(['a', 'e', 'f']);
    // The anchor stays, so the next Shift-click redraws from the same item.
    expect(selectRange(start, ['e', 'f'], false).anchor).toBe(4);
    expect(rangeSpan(EMPTY, 2)).toEqual([2, 2]);
  });

  test('select all is every item but those taken out, counted against the view total', () => {
    let selection = selectAll();
    expect(chosen(selection)).toEqual(ids);
    selection = toggle(selection, 'c', 2);
    expect(chosen(selection)).toEqual(['a', 'b', 'd', 'e', 'f']);
    expect(selectedCount(selection, 100_000)).toBe(99_999);
    selection = selectRange(selection, ['b', 'c'], true);
    expect(chosen(selection)).toEqual(ids);
  });
});
