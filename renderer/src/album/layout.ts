// The album's geometry, computed from the sections alone (a day and how many items it holds), never from the
// items: 100,000 items in 2,000 days is 2,000 numbers to lay out, and any row, header or item is found by a
// binary search over the sections. Nothing here touches the DOM.

export type Section = { /** The local day, YYYY-MM-DD. */ key: string; count: number };

export type Row =
  | { kind: 'header'; section: number; /** The first day of a month shown: the header names the month too. */ month: boolean }
  | { kind: 'tiles'; section: number; /** Offset of the row's first item in the whole album. */ first: number; count: number };

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

export const GAP = 4;
/** Room below the last row, so the last tiles do not touch the window's edge. */
export const END_SPACE = 24;
export const HEADER = 40;
export const MONTH_HEADER = 84;
/** The tile size aimed at; the real size is whatever fills the width exactly. */
const IDEAL_TILE = 190;
const MIN_COLUMNS = 2;

/** How many tiles fit across `width`, and how wide each is so that the row fills it to the pixel. */
export function columnsFor(width: number): { columns: number; tile: number } {
  const columns = Math.max(MIN_COLUMNS, Math.round((width + GAP) / (IDEAL_TILE + GAP)));
  return { columns, tile: Math.max(1, (width - GAP * (columns - 1)) / columns) };
}

export class GridLayout {
  readonly columns: number;
  readonly tile: number;
  readonly rowCount: number;
  readonly itemCount: number;
  readonly sections: readonly Section[];
  /** Row index of each section's header; one past the end holds rowCount. */
  private readonly sectionRow: Int32Array;
  /** Album offset of each section's first item; one past the end holds itemCount. */
  private readonly sectionItem: Float64Array;
  /** Pixel top of each section's header; one past the end holds the height of all rows. */
  private readonly sectionTop: Float64Array;
  /** Everything the grid scrolls over, in pixels: far more than a browser lets one element be at 100k+ items. */
  readonly height: number;

  constructor(all: readonly Section[], width: number) {
    const { columns, tile } = columnsFor(width);
    const sections = all.filter((section) => section.count > 0);
    this.columns = columns;
    this.tile = tile;
    this.sections = sections;
    this.sectionRow = new Int32Array(sections.length + 1);
    this.sectionItem = new Float64Array(sections.length + 1);
    this.sectionTop = new Float64Array(sections.length + 1);
    let row = 0;
    let item = 0;
    let top = 0;
    sections.forEach((section, index) => {
      const rows = Math.ceil(section.count / columns);
      this.sectionRow[index] = row;
      this.sectionItem[index] = item;
      this.sectionTop[index] = top;
      row += 1 + rows;
      item += section.count;
      top += this.headerHeight(index) + rows * this.pitch;
    });
    this.sectionRow[sections.length] = row;
    this.sectionItem[sections.length] = item;
    this.sectionTop[sections.length] = top;
    this.rowCount = row;
    this.itemCount = item;
    this.height = top + (sections.length ? END_SPACE : 0);
  }

  /** Height of one row of tiles, gap included. */
  get pitch(): number {
    return this.tile + GAP;
  }

  headerHeight(section: number): number {
    return this.startsMonth(section) ? MONTH_HEADER : HEADER;
  }

  /** Pixel top of row `index`. */
  rowTop(index: number): number {
    const section = this.sectionOfRow(index);
    const inSection = index - this.sectionRow[section]!;
    const top = this.sectionTop[section]!;
    return inSection === 0 ? top : top + this.headerHeight(section) + (inSection - 1) * this.pitch;
  }

  /** The row under pixel `y` (clamped to the first and last rows). */
  rowAt(y: number): number {
    if (this.rowCount === 0) return 0;
    const section = Math.max(0, upperBound(this.sectionTop, y, this.sections.length) - 1);
    const below = y - this.sectionTop[section]! - this.headerHeight(section);
    if (below < 0) return this.sectionRow[section]!;
    const rows = this.sectionRow[section + 1]! - this.sectionRow[section]! - 1;
    return this.sectionRow[section]! + 1 + Math.min(rows - 1, Math.floor(below / this.pitch));
  }

  /** The section on screen at pixel `y`: what the scrubber names while it is dragged. */
  sectionAt(y: number): number {
    return Math.max(0, upperBound(this.sectionTop, y, this.sections.length) - 1);
  }

  sectionTopOf(section: number): number {
    return this.sectionTop[section] ?? this.height;
  }

  /** The section holding row `index`. */
  sectionOfRow(index: number): number {
    return upperBound(this.sectionRow, index, this.sections.length) - 1;
  }

  /** The section holding the item at album offset `offset`. */
  sectionOfItem(offset: number): number {
    return upperBound(this.sectionItem, offset, this.sections.length) - 1;
  }

  firstItemOf(section: number): number {
    return this.sectionItem[section] ?? this.itemCount;
  }

  headerRowOf(section: number): number {
    return this.sectionRow[section] ?? this.rowCount;
  }

  row(index: number): Row {
    const section = this.sectionOfRow(index);
    const inSection = index - this.sectionRow[section]!;
    if (inSection === 0) return { kind: 'header', section, month: this.startsMonth(section) };
    const count = this.sections[section]!.count;
    const firstInSection = (inSection - 1) * this.columns;
    return { kind: 'tiles', section, first: this.sectionItem[section]! + firstInSection, count: Math.min(this.columns, count - firstInSection) };
  }

  rowSize(index: number): number {
    const section = this.sectionOfRow(index);
    return index === this.sectionRow[section] ? this.headerHeight(section) : this.pitch;
  }

  /** The row that shows the item at `offset`. */
  rowOfItem(offset: number): number {
    const section = this.sectionOfItem(offset);
    return this.sectionRow[section]! + 1 + Math.floor((offset - this.sectionItem[section]!) / this.columns);
  }

  /** Where the keyboard goes from the item at `offset`: up and down keep the column, across day headers too. */
  move(offset: number, move: Move): number {
    const last = this.itemCount - 1;
    if (last < 0) return -1;
    const from = Math.min(Math.max(offset, 0), last);
    if (move === 'home') return 0;
    if (move === 'end') return last;
    if (move === 'left') return Math.max(0, from - 1);
    if (move === 'right') return Math.min(last, from + 1);
    const section = this.sectionOfItem(from);
    const start = this.sectionItem[section]!;
    const count = this.sections[section]!.count;
    const position = from - start;
    const column = position % this.columns;
    if (move === 'up') {
      if (position >= this.columns) return from - this.columns;
      if (section === 0) return from;
      const previousStart = this.sectionItem[section - 1]!;
      const previousCount = this.sections[section - 1]!.count;
      const lastRowStart = Math.floor((previousCount - 1) / this.columns) * this.columns;
      return previousStart + Math.min(lastRowStart + column, previousCount - 1);
    }
    const rowStart = position - column;
    if (rowStart + this.columns < count) return start + Math.min(position + this.columns, count - 1);
    if (section === this.sections.length - 1) return from;
    return this.sectionItem[section + 1]! + Math.min(column, this.sections[section + 1]!.count - 1);
  }

  private startsMonth(section: number): boolean {
    return section === 0 || this.sections[section - 1]!.key.slice(0, 7) !== this.sections[section]!.key.slice(0, 7);
  }
}

/** The first index in `starts[0..length)` whose value is greater than `value` (starts ascending). */
function upperBound(starts: Int32Array | Float64Array, value: number, length: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
