// The layout against the obvious model: every section written out as a header then rows of `columns` items,
// and the keyboard moving over that picture of the grid.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { columnsFor, END_SPACE, GAP, GridLayout, HEADER, MONTH_HEADER, type Section } from './layout.ts';

type Cell = { row: number; column: number; section: number };

function expand(sections: Section[], columns: number) {
  const rows: { kind: 'header' | 'tiles'; section: number; items: number[] }[] = [];
  const cells: Cell[] = [];
  let item = 0;
  sections.forEach((section, index) => {
    rows.push({ kind: 'header', section: index, items: [] });
    for (let i = 0; i < section.count; i += columns) {
      const items: number[] = [];
      for (let j = i; j < Math.min(section.count, i + columns); j++) {
        cells[item] = { row: rows.length, column: j - i, section: index };
        items.push(item++);
      }
      rows.push({ kind: 'tiles', section: index, items });
    }
  });
  return { rows, cells };
}

/**
 * Albums as people have them: 1-30 days, newest first, some days apart, most days a few shots and some many.
 * fast-check shrinks a failure to the smallest album that shows it.
 */
const albums = fc
  .array(fc.record({ daysBefore: fc.integer({ min: 1, max: 20 }), count: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 })) }), { minLength: 1, maxLength: 30 })
  .map((days) => {
    let day = Date.UTC(2024, 11, 31);
    return days.map(({ daysBefore, count }): Section => {
      day -= daysBefore * 86_400_000;
      return { key: new Date(day).toISOString().slice(0, 10), count };
    });
  });

describe('album layout', () => {
  test('tiles fill the width exactly at every window size the app allows', () => {
    for (let width = 680; width <= 1900; width += 7) {
      const { columns, tile } = columnsFor(width);
      expect(columns).toBeGreaterThanOrEqual(2);
      expect(columns * tile + (columns - 1) * GAP).toBeCloseTo(width, 6);
      expect(tile).toBeGreaterThan(130);
      expect(tile).toBeLessThan(260);
    }
  });

  test('rows, sizes and item rows match the written-out grid', () => {
    fc.assert(fc.property(albums, fc.integer({ min: 600, max: 2000 }), (sections, width) => {
      const layout = new GridLayout(sections, width);
      const { rows, cells } = expand(sections, layout.columns);
      expect(layout.rowCount).toBe(rows.length);
      expect(layout.itemCount).toBe(cells.length);
      rows.forEach((expected, index) => {
        const row = layout.row(index);
        expect(row.kind).toBe(expected.kind);
        expect(row.section).toBe(expected.section);
        if (row.kind === 'tiles') {
          expect(row.first).toBe(expected.items[0]);
          expect(row.count).toBe(expected.items.length);
          expect(layout.rowSize(index)).toBeCloseTo(layout.tile + GAP, 9);
        } else {
          const newMonth = index === 0 || sections[expected.section - 1]!.key.slice(0, 7) !== sections[expected.section]!.key.slice(0, 7);
          expect(row.month).toBe(newMonth);
          expect(layout.rowSize(index)).toBe(newMonth ? MONTH_HEADER : HEADER);
        }
      });
      cells.forEach((cell, offset) => {
        expect(layout.rowOfItem(offset)).toBe(cell.row);
        expect(layout.sectionOfItem(offset)).toBe(cell.section);
      });
    }), { numRuns: 40 });
  });

  test('arrow keys move over the picture of the grid, keeping the column across day headers', () => {
    fc.assert(fc.property(albums, fc.integer({ min: 700, max: 1900 }), (sections, width) => {
      const layout = new GridLayout(sections, width);
      const { rows, cells } = expand(sections, layout.columns);
      const tileRows = rows.map((row, index) => ({ ...row, index })).filter((row) => row.kind === 'tiles');
      cells.forEach((cell, offset) => {
        const at = tileRows.findIndex((row) => row.index === cell.row);
        const above = tileRows[at - 1];
        const below = tileRows[at + 1];
        const expectedUp = above ? above.items[Math.min(cell.column, above.items.length - 1)]! : offset;
        const expectedDown = below ? below.items[Math.min(cell.column, below.items.length - 1)]! : offset;
        expect(layout.move(offset, 'up')).toBe(expectedUp);
        expect(layout.move(offset, 'down')).toBe(expectedDown);
        expect(layout.move(offset, 'left')).toBe(Math.max(0, offset - 1));
        expect(layout.move(offset, 'right')).toBe(Math.min(cells.length - 1, offset + 1));
      });
      expect(layout.move(5, 'home')).toBe(0);
      expect(layout.move(0, 'end')).toBe(cells.length - 1);
    }), { numRuns: 40 });
  });

  test('empty days take no room, and an empty album has nothing to move to', () => {
    const layout = new GridLayout([{ key: '2024-05-02', count: 0 }, { key: '2024-05-01', count: 3 }], 1000);
    expect(layout.rowCount).toBe(2);
    expect(layout.row(0)).toEqual({ kind: 'header', section: 0, month: true });
    expect(new GridLayout([], 1000).move(0, 'down')).toBe(-1);
  });

  test('100,000 items over ten years lay out without building a row per item', () => {
    const sections: Section[] = [];
    for (let day = 0; day < 3650; day++) sections.push({ key: new Date(Date.UTC(2025, 0, 1) - day * 86_400_000).toISOString().slice(0, 10), count: day % 3 === 0 ? 82 : 0 });
    const layout = new GridLayout(sections, 1880);
    expect(layout.itemCount).toBe(1217 * 82);
    const lastRow = layout.rowOfItem(layout.itemCount - 1);
    expect(lastRow).toBe(layout.rowCount - 1);
    expect(layout.row(lastRow)).toMatchObject({ kind: 'tiles' });
  });
});

describe('album geometry in pixels', () => {
  test('row tops add up the sizes, and the row under any pixel is the one whose span holds it', () => {
    fc.assert(fc.property(albums, fc.integer({ min: 640, max: 1940 }), (sections, width) => {
      const layout = new GridLayout(sections, width);
      let top = 0;
      for (let index = 0; index < layout.rowCount; index++) {
        expect(layout.rowTop(index)).toBeCloseTo(top, 6);
        const size = layout.rowSize(index);
        expect(layout.rowAt(top + 1e-6)).toBe(index);
        expect(layout.rowAt(top + size / 2)).toBe(index);
        expect(layout.rowAt(top + size - 0.01)).toBe(index);
        top += size;
      }
      expect(layout.height).toBeCloseTo(top + END_SPACE, 6);
      expect(layout.rowAt(-50)).toBe(0);
      expect(layout.rowAt(layout.height + 1000)).toBe(layout.rowCount - 1);
    }), { numRuns: 30 });
  });

  test('a million items are laid out past the height a browser lets one element have', () => {
    const sections: Section[] = [];
    for (let day = 0; day < 5000; day++) sections.push({ key: new Date(Date.UTC(2025, 0, 1) - day * 86_400_000).toISOString().slice(0, 10), count: 200 });
    const layout = new GridLayout(sections, 700);
    expect(layout.itemCount).toBe(1_000_000);
    expect(layout.height).toBeGreaterThan(2 ** 25);
    const last = layout.rowCount - 1;
    expect(layout.rowAt(layout.rowTop(last) + 1)).toBe(last);
    expect(layout.row(layout.rowAt(layout.height / 2))).toMatchObject({ section: 2499 });
  });
});
