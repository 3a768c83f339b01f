/**
 * Autodesk/Lustre .3dl reader: a first numeric line lists the input grid (its length is the cube side), then
 * side^3 integer triplets, blue index fastest. The output bit depth comes from a "Mesh <in> <out>" header
 * when present, otherwise from the largest value in the data (ffmpeg 5.1 only reads 17-point 12-bit files).
 * Read line by line (as .cube), and every refusal names the file and the line.
 */
import { fileError } from '../../shared/errors/file-system.ts';
import { lutError, lutNumber } from './cube.ts';
import { Float32Builder, forEachLine, type LineSource } from './lines.ts';
import type { Lut3D } from './lut.ts';

export function parse3dl(text: string, file: string): Lut3D {
  return parse3dlSource({ text }, file);
}

export function parse3dlFile(file: string, name = file): Lut3D {
  try {
    return parse3dlSource({ file }, name);
  } catch (error) {
    throw fileError(error, name);
  }
}

function parse3dlSource(source: LineSource, file: string): Lut3D {
  let grid: number[] | null = null;
  let gridLine = 0;
  let outBits: number | null = null;
  const values = new Float32Builder();
  let firstDataLine = 0;
  let max = 0;
  let maxLine = 0;
  forEachLine(source, (rawLine, lineNo) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) return;
    const tokens = line.split(/\s+/);
    if (/^mesh$/i.test(tokens[0]!)) {
      const out = Number(tokens[2]);
      if (!Number.isInteger(out) || out < 8 || out > 16) throw lutError('lut.3dl-mesh-bits', file, lineNo, { value: (tokens[2] ?? '').slice(0, 20) });
      outBits = out;
      return;
    }
    if (/^[a-z_]/i.test(tokens[0]!) && !/^(nan|inf)/i.test(tokens[0]!)) return; // other vendor keywords (3DMESH, LUT8, gamma ...)
    if (!grid) {
      const nums = tokens.map((token) => lutNumber(token, file, lineNo));
      if (nums.length < 2 || nums.length > 256) throw lutError('lut.3dl-grid', file, lineNo);
      for (let k = 1; k < nums.length; k++) if (!(nums[k]! > nums[k - 1]!)) throw lutError('lut.3dl-grid', file, lineNo);
      grid = nums;
      gridLine = lineNo;
      values.reserve(nums.length ** 3 * 3);
      return;
    }
    if (tokens.length !== 3) throw lutError('lut.entry-width', file, lineNo, { found: tokens.length });
    if (!firstDataLine) firstDataLine = lineNo;
    for (const token of tokens) {
      const value = lutNumber(token, file, lineNo);
      if (value < 0) throw lutError('lut.3dl-negative', file, lineNo, { value: token.slice(0, 20) });
      if (value > max) {
        max = value;
        maxLine = lineNo;
      }
      values.push(value);
    }
  });
  if (!grid) throw lutError('lut.3dl-no-grid', file, null);
  const n = (grid as number[]).length;
  if (values.length !== n ** 3 * 3) throw lutError('lut.entry-count', file, firstDataLine || gridLine, { entries: values.length / 3, grid: `a ${n}-point grid`, expected: n ** 3 });
  const bits = outBits ?? [8, 10, 12, 14, 16].find((b) => max < 2 ** b);
  if (bits === undefined) throw lutError('lut.3dl-too-deep', file, maxLine, { value: max });
  // 10-bit-and-up 3dl files conventionally store 0..2^b-1; an 8-bit file with max 255 is rare but exists.
  const scale = 1 / (2 ** bits - 1);
  const raw = values.finish();
  const data = new Float32Array(n ** 3 * 3);
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++)
      for (let b = 0; b < n; b++) {
        const src = ((r * n + g) * n + b) * 3;
        const dst = ((b * n + g) * n + r) * 3;
        data[dst] = raw[src]! * scale;
        data[dst + 1] = raw[src + 1]! * scale;
        data[dst + 2] = raw[src + 2]! * scale;
      }
  return { size: n, data };
}

export function format3dl(lut: Lut3D, bits = 12): string {
  const n = lut.size;
  const max = 2 ** bits - 1;
  const inMax = 1023;
  const lines = [Array.from({ length: n }, (_, i) => Math.round((i * inMax) / (n - 1))).join(' ')];
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++)
      for (let b = 0; b < n; b++) {
        const o = ((b * n + g) * n + r) * 3;
        lines.push([0, 1, 2].map((c) => Math.round(Math.min(Math.max(lut.data[o + c]!, 0), 1) * max)).join(' '));
      }
  return lines.join('\n') + '\n';
}
