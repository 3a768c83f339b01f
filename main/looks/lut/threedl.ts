/**
 * Autodesk/Lustre .3dl reader: a first numeric line lists the input grid (its length is the cube side), then
 * side^3 integer triplets, blue index fastest. The output bit depth comes from a "Mesh <in> <out>" header
 * when present, otherwise from the largest value in the data (ffmpeg 5.1 only reads 17-point 12-bit files).
 */
import { LookError } from '../errors.ts';
import type { Lut3D } from './lut.ts';

function fail(file: string, line: number | null, fault: string): never {
  throw new LookError('invalid-lut', `${file}${line !== null ? `:${line}` : ''}: ${fault}`);
}

export function parse3dl(text: string, file: string): Lut3D {
  const lines = text.split(/\r\n|\n|\r/);
  let grid: number[] | null = null;
  let gridLine = 0;
  let outBits: number | null = null;
  const values: number[] = [];
  let firstDataLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (!line) continue;
    const tokens = line.split(/\s+/);
    if (/^mesh$/i.test(tokens[0]!)) {
      const out = Number(tokens[2]);
      if (!Number.isInteger(out) || out < 8 || out > 16) fail(file, lineNo, `Mesh line needs output bits 8..16, got "${tokens[2] ?? ''}"`);
      outBits = out;
      continue;
    }
    if (/^[a-z_]/i.test(tokens[0]!) && !/^(nan|inf)/i.test(tokens[0]!)) continue; // other vendor keywords (3DMESH, LUT8, gamma ...)
    const nums = tokens.map((t) => {
      const v = Number(t);
      if (!Number.isFinite(v)) fail(file, lineNo, `"${t}" is not a finite number`);
      return v;
    });
    if (!grid) {
      if (nums.length < 2) fail(file, lineNo, 'first line must list the input grid (at least 2 values)');
      for (let k = 1; k < nums.length; k++) if (!(nums[k]! > nums[k - 1]!)) fail(file, lineNo, 'input grid values must increase');
      grid = nums;
      gridLine = lineNo;
      continue;
    }
    if (nums.length !== 3) fail(file, lineNo, `expected 3 numbers per entry, found ${nums.length}`);
    if (!firstDataLine) firstDataLine = lineNo;
    values.push(nums[0]!, nums[1]!, nums[2]!);
  }
  if (!grid) fail(file, null, 'no input grid line: not a .3dl LUT');
  const n = grid.length;
  if (n > 256) fail(file, gridLine, `grid of ${n} points out of range (2..256)`);
  if (values.length !== n ** 3 * 3) fail(file, firstDataLine || gridLine, `wrong entry count: ${values.length / 3} entries, a ${n}-point grid needs ${n ** 3}`);
  let max = 0;
  for (const v of values) {
    if (v < 0) fail(file, null, `negative value ${v}`);
    if (v > max) max = v;
  }
  const bits = outBits ?? [8, 10, 12, 14, 16].find((b) => max < 2 ** b) ?? fail(file, null, `values up to ${max} exceed 16 bits`);
  // 10-bit-and-up 3dl files conventionally store 0..2^b-1; an 8-bit file with max 255 is rare but exists.
  const scale = 1 / (2 ** bits - 1);
  const data = new Float32Array(n ** 3 * 3);
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++)
      for (let b = 0; b < n; b++) {
        const src = ((r * n + g) * n + b) * 3;
        const dst = ((b * n + g) * n + r) * 3;
        data[dst] = values[src]! * scale;
        data[dst + 1] = values[src + 1]! * scale;
        data[dst + 2] = values[src + 2]! * scale;
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
