/**
 * Adobe/Resolve .cube reader and writer. Keywords (TITLE, LUT_1D_SIZE, LUT_3D_SIZE, DOMAIN_MIN/MAX,
 * LUT_*_INPUT_RANGE) are honoured wherever they stand in the file (ffmpeg 5.1 ignores DOMAIN lines before
 * the size line; we do not). Non-default domains are resampled to a 0..1 grid once at load. Files are read
 * line by line into one Float32Array: a 256-point cube (450 MB of text) costs its 200 MB table, not gigabytes.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { DarkslideError, type ErrorCode } from '../../shared/errors/index.ts';
import { fileError } from '../../shared/errors/file-system.ts';
import { Float32Builder, forEachLine, type LineSource } from './lines.ts';
import { lutFromFunction, sampleTetrahedral, type Lut3D } from './lut.ts';

export type ParsedCube = { kind: '3d' | '1d'; title: string | null; size: number; lut: Lut3D };

/** Grid used when a 1D .cube (a tone curve) is turned into a 3D table. */
const ONE_D_AS_3D_SIZE = 65;
/** Values a 1D curve can have (65536 entries of 3): kept in doubles for the curve's exact maths. */
const ONE_D_MAX_VALUES = 65536 * 3;

export function lutError(code: ErrorCode, file: string, line: number | null, params: Record<string, string | number> = {}): DarkslideError {
  return new DarkslideError(code, { file, ...(line !== null ? { line } : {}), ...params });
}

/**
 * A number in a LUT: finite, and finite once stored as float32 (1e39 is a double but Infinity in the table,
 * which nothing downstream can use).
 */
export function lutNumber(token: string, file: string, lineNo: number): number {
  const value = Number(token);
  if (token === '' || !Number.isFinite(value)) throw lutError('lut.not-a-number', file, lineNo, { token: token.slice(0, 40) });
  if (!Number.isFinite(Math.fround(value))) throw lutError('lut.value-too-large', file, lineNo, { token: token.slice(0, 40) });
  return value;
}

/** Splits on runs of spaces and tabs without a regular expression: this runs 16 million times for a 256³ file. */
function splitTokens(line: string, out: string[]): number {
  let count = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    if (count < out.length) out[count] = line.slice(start, i);
    count++;
  }
  return count;
}

/** Parses .cube text (tests, small files) or a .cube file read piece by piece; `name` is what errors call it. */
export function parseCube(text: string, name: string): ParsedCube {
  return parseCubeSource({ text }, name);
}

export function parseCubeFile(file: string, name = file): ParsedCube {
  try {
    return parseCubeSource({ file }, name);
  } catch (error) {
    throw fileError(error, name);
  }
}

function parseCubeSource(source: LineSource, file: string): ParsedCube {
  let title: string | null = null;
  let size3 = 0;
  let size1 = 0;
  let sizeLine = 0;
  let domainLine = 0;
  let dmin: [number, number, number] = [0, 0, 0];
  let dmax: [number, number, number] = [1, 1, 1];
  const values = new Float32Builder();
  const exact: number[] = [];
  let firstDataLine = 0;
  const tokens: string[] = ['', '', '', ''];

  const pushEntry = (lineNo: number, count: number) => {
    if (count !== 3) throw lutError('lut.entry-width', file, lineNo, { found: count });
    if (!firstDataLine) firstDataLine = lineNo;
    for (let c = 0; c < 3; c++) {
      const value = lutNumber(tokens[c]!, file, lineNo);
      values.push(value);
      if (exact.length < ONE_D_MAX_VALUES) exact.push(value);
    }
  };

  forEachLine(source, (rawLine, lineNo) => {
    const hash = rawLine.indexOf('#');
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (!line) return;
    const count = splitTokens(line, tokens);
    const first = line.charCodeAt(0);
    // Fast path for data lines (the bulk of a 65^3 or 256^3 file).
    if ((first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43) return pushEntry(lineNo, count);
    const key = tokens[0]!.toUpperCase();
    if (!/^[A-Z_]/.test(key)) return pushEntry(lineNo, count);
    switch (key) {
      case 'TITLE':
        title = line.slice(5).trim().replace(/^"|"$/g, '');
        return;
      case 'LUT_3D_SIZE':
      case 'LUT_1D_SIZE': {
        const max = key === 'LUT_3D_SIZE' ? 256 : 65536;
        const n = count >= 2 ? Number(tokens[1]) : NaN;
        if (!Number.isInteger(n) || n < 2 || n > max) throw lutError('lut.size-out-of-range', file, lineNo, { keyword: key, value: (tokens[1] ?? '').slice(0, 20), min: 2, max });
        if ((key === 'LUT_3D_SIZE' && size1) || (key === 'LUT_1D_SIZE' && size3)) throw lutError('lut.both-sizes', file, lineNo);
        if (key === 'LUT_3D_SIZE') {
          size3 = n;
          values.reserve(n ** 3 * 3);
        } else size1 = n;
        sizeLine = lineNo;
        return;
      }
      case 'DOMAIN_MIN':
      case 'DOMAIN_MAX': {
        if (count !== 4) throw lutError('lut.keyword-arity', file, lineNo, { keyword: key, count: 3 });
        const v: [number, number, number] = [lutNumber(tokens[1]!, file, lineNo), lutNumber(tokens[2]!, file, lineNo), lutNumber(tokens[3]!, file, lineNo)];
        if (key === 'DOMAIN_MIN') dmin = v;
        else dmax = v;
        domainLine = lineNo;
        return;
      }
      case 'LUT_1D_INPUT_RANGE':
      case 'LUT_3D_INPUT_RANGE': {
        if (count !== 3) throw lutError('lut.keyword-arity', file, lineNo, { keyword: key, count: 2 });
        const lo = lutNumber(tokens[1]!, file, lineNo);
        const hi = lutNumber(tokens[2]!, file, lineNo);
        dmin = [lo, lo, lo];
        dmax = [hi, hi, hi];
        domainLine = lineNo;
        return;
      }
      default:
        if (/^(NAN|INF|-?INF)/i.test(key)) throw lutError('lut.not-a-number', file, lineNo, { token: tokens[0]!.slice(0, 40) });
        throw lutError('lut.unknown-keyword', file, lineNo, { keyword: tokens[0]!.slice(0, 40) });
    }
  });
  if (!size3 && !size1) throw lutError('lut.no-size', file, null);
  for (let c = 0; c < 3; c++) if (!(dmax[c]! > dmin[c]!)) throw lutError('lut.domain-order', file, domainLine);
  const entries = values.length / 3;
  const expected = size3 ? size3 ** 3 : size1;
  if (entries !== expected)
    throw lutError('lut.entry-count', file, firstDataLine || sizeLine, { entries, grid: `LUT_${size3 ? '3D' : '1D'}_SIZE ${size3 || size1}`, expected });

  const defaultDomain = dmin.every((v) => v === 0) && dmax.every((v) => v === 1);
  if (size3) {
    const raw: Lut3D = { size: size3, data: values.finish() };
    if (defaultDomain) return { kind: '3d', title, size: size3, lut: raw };
    const tmp = new Float32Array(3);
    const lut = lutFromFunction(size3, (r, g, b) => {
      sampleTetrahedral(raw, (r - dmin[0]) / (dmax[0] - dmin[0]), (g - dmin[1]) / (dmax[1] - dmin[1]), (b - dmin[2]) / (dmax[2] - dmin[2]), tmp);
      return [tmp[0]!, tmp[1]!, tmp[2]!];
    });
    return { kind: '3d', title, size: size3, lut };
  }
  const curve = (c: number, x: number): number => {
    const t = Math.min(Math.max((x - dmin[c]!) / (dmax[c]! - dmin[c]!), 0), 1) * (size1 - 1);
    const i = Math.min(Math.floor(t), size1 - 2);
    const f = t - i;
    return exact[i * 3 + c]! * (1 - f) + exact[(i + 1) * 3 + c]! * f;
  };
  const lut = lutFromFunction(ONE_D_AS_3D_SIZE, (r, g, b) => [curve(0, r), curve(1, g), curve(2, b)]);
  return { kind: '1d', title, size: size1, lut };
}

function cubeHeader(lut: Lut3D, title: string): string {
  return [`TITLE "${title.replace(/["\r\n]/g, "'")}"`, '# Written by Darkslide', `LUT_3D_SIZE ${lut.size}`, 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1', ''].join('\n');
}

function cubeRows(lut: Lut3D, from: number, to: number): string {
  const d = lut.data;
  let out = '';
  for (let i = from; i < to; i += 3) out += `${d[i]!.toFixed(6)} ${d[i + 1]!.toFixed(6)} ${d[i + 2]!.toFixed(6)}\n`;
  return out;
}

export function formatCube(lut: Lut3D, title: string): string {
  return cubeHeader(lut, title) + cubeRows(lut, 0, lut.data.length);
}

/**
 * Writes a .cube atomically (a temp file beside it, renamed over it) in pieces of 64k entries, so a 256-point
 * table is never one 450 MB string. A failed write leaves no temp file; errors name `name`, not the temp.
 */
export function writeCubeFile(file: string, lut: Lut3D, title: string, name = file): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, cubeHeader(lut, title));
      const step = 3 * 65536;
      for (let at = 0; at < lut.data.length; at += step) writeSync(fd, cubeRows(lut, at, Math.min(at + step, lut.data.length)));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw fileError(error, name, 'write');
  }
}
