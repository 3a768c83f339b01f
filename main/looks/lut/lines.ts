// Reads a text LUT line by line from a file in 1 MB pieces (or from a string), so a 450 MB 256-point .cube is
// never one string, never an array of 16 million lines. Lines end in \n, \r\n or \r; numbering starts at 1.
import { closeSync, openSync, readSync } from 'node:fs';

const PIECE = 1024 * 1024;

export type LineSource = { text: string } | { file: string };

export function forEachLine(source: LineSource, visit: (line: string, lineNo: number) => void): void {
  if ('text' in source) {
    const lines = source.text.split(/\r\n|\n|\r/);
    for (let i = 0; i < lines.length; i++) visit(lines[i]!, i + 1);
    return;
  }
  const fd = openSync(source.file, 'r');
  try {
    const piece = Buffer.allocUnsafe(PIECE);
    let carry = Buffer.alloc(0);
    let lineNo = 0;
    let lastWasCr = false;
    for (;;) {
      const read = readSync(fd, piece, 0, PIECE, null);
      if (read === 0) break;
      const bytes = carry.length ? Buffer.concat([carry, piece.subarray(0, read)]) : piece.subarray(0, read);
      let start = 0;
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i]!;
        if (byte !== 10 && byte !== 13) continue;
        // "\r\n" is one line end: a \n right after a \r (even across pieces) ends nothing.
        if (byte === 10 && lastWasCr && i === start) {
          lastWasCr = false;
          start = i + 1;
          continue;
        }
        visit(bytes.toString('utf8', start, i), ++lineNo);
        lastWasCr = byte === 13;
        start = i + 1;
      }
      if (start < bytes.length) lastWasCr = false;
      // The unfinished line is copied: `piece` is reused for the next read.
      carry = Buffer.from(bytes.subarray(start));
    }
    visit(carry.toString('utf8'), ++lineNo);
  } finally {
    closeSync(fd);
  }
}

/** A Float32Array that grows as values arrive (a .cube may name its size after its data). */
export class Float32Builder {
  data = new Float32Array(3 * 4096);
  length = 0;
  /** Sizes the table once when the file says how big it is before its data. */
  reserve(count: number): void {
    if (this.length === 0 && count > this.data.length) this.data = new Float32Array(count);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** The values, trimmed (a view when the size was right, so no copy of a 200 MB table). */
  finish(): Float32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}
