// A terminal gives East Asian wide characters (Chinese words, and file or camera names in them) two columns:
// a table padded by string length goes out of line, and a progress line cut by length wraps, after which it
// cannot be redrawn in place.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

const charWidth = (char: string) => (WIDE.test(char) ? 2 : 1);

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

/** `text` in at most `columns`, ending in … when cut. */
export function fit(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let used = 1; // the ellipsis
  let out = '';
  for (const char of text) {
    if (used + charWidth(char) > columns) break;
    used += charWidth(char);
    out += char;
  }
  return `${out}…`;
}
