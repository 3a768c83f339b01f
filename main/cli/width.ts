// A terminal gives East Asian wide characters (Chinese words, and file or camera names in them) and emoji two
// columns, and combining marks none: a table padded by string length goes out of line, and a progress line cut
// by length wraps, after which it cannot be redrawn in place. string-width knows Unicode's widths.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/** `text` in at most `columns`, ending in … when cut; never inside a character a person sees as one. */
export function fit(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let used = 1; // the ellipsis
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const width = stringWidth(segment);
    if (used + width > columns) break;
    used += width;
    out += segment;
  }
  return `${out}…`;
}
