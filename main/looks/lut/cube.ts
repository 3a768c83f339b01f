/**
 * Adobe/Resolve .cube reader and writer. Keywords (TITLE, LUT_1D_SIZE, LUT_3D_SIZE, DOMAIN_MIN/MAX,
 * LUT_*_INPUT_RANGE) are honoured wherever they stand in the file (ffmpeg 5.1 ignores DOMAIN lines before
 * the size line; we do not). Non-default domains are resampled to a 0..1 grid once at load.
 */
import { LookError } from '../errors.ts';
import { lutFromFunction, sampleTetrahedral, type Lut3D } from './lut.ts';

export type ParsedCube = { kind: '3d' | '1d'; title: string | null; size: number; lut: Lut3D };

/** Grid used when a 1D .cube (a tone curve) is turned into a 3D table. */
const ONE_D_AS_3D_SIZE = 65;

function fail(file: string, line: number | null, fault: string): never {
  throw new LookError('invalid-lut', `${file}${line !== null ? `:${line}` : ''}: ${fault}`);
}

export function parseCube(text: string, file: string): ParsedCube {
  let title: string | null = null;
  let size3 = 0;
  let size1 = 0;
  let sizeLine = 0;
  let dmin: [number, number, number] = [0, 0, 0];
  let dmax: [number, number, number] = [1, 1, 1];
  const values: number[] = [];
  let firstDataLine = 0;
  const lines = text.split(/\r\n|\n|\r/);
  const num = (token: string, lineNo: number): number => {
    const v = Number(token);
    if (token === '' || !Number.isFinite(v)) fail(file, lineNo, `"${token}" is not a finite number`);
    return v;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const rawLine = lines[i]!;
    const hash = rawLine.indexOf('#');
    const line = (hash >= 0 ? rawLine.slice(0, hash) : rawLine).trim();
    if (!line) continue;
    const first = line.charCodeAt(0);
    // Fast path for data lines (the bulk of a 65^3 or 256^3 file).
    if ((first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43) {
      const tokens = line.split(/\s+/);
      if (tokens.length !== 3) fail(file, lineNo, `expected 3 numbers per entry, found ${tokens.length}`);
      if (!firstDataLine) firstDataLine = lineNo;
      values.push(num(tokens[0]!, lineNo), num(tokens[1]!, lineNo), num(tokens[2]!, lineNo));
      continue;
    }
    const tokens = line.split(/\s+/);
    const key = tokens[0]!.toUpperCase();
    if (/^[A-Z_]/.test(key)) {
      switch (key) {
        case 'TITLE':
          title = line.slice(5).trim().replace(/^"|"$/g, '');
          break;
        case 'LUT_3D_SIZE': {
          const n = num(tokens[1] ?? '', lineNo);
          if (!Number.isInteger(n) || n < 2 || n > 256) fail(file, lineNo, `LUT_3D_SIZE ${tokens[1]} out of range (2..256)`);
          size3 = n;
          sizeLine = lineNo;
          break;
        }
        case 'LUT_1D_SIZE': {
          const n = num(tokens[1] ?? '', lineNo);
          if (!Number.isInteger(n) || n < 2 || n > 65536) fail(file, lineNo, `LUT_1D_SIZE ${tokens[1]} out of range (2..65536)`);
          size1 = n;
          sizeLine = lineNo;
          break;
        }
        case 'DOMAIN_MIN':
        case 'DOMAIN_MAX': {
          if (tokens.length !== 4) fail(file, lineNo, `${key} needs three numbers`);
          const v: [number, number, number] = [num(tokens[1]!, lineNo), num(tokens[2]!, lineNo), num(tokens[3]!, lineNo)];
          if (key === 'DOMAIN_MIN') dmin = v;
          else dmax = v;
          break;
        }
        case 'LUT_1D_INPUT_RANGE':
        case 'LUT_3D_INPUT_RANGE': {
          if (tokens.length !== 3) fail(file, lineNo, `${key} needs two numbers`);
          const lo = num(tokens[1]!, lineNo);
          const hi = num(tokens[2]!, lineNo);
          dmin = [lo, lo, lo];
          dmax = [hi, hi, hi];
          break;
        }
        default:
          if (/^(NAN|INF|-?INF)/i.test(key)) fail(file, lineNo, `"${tokens[0]}" is not a finite number`);
          fail(file, lineNo, `unknown keyword "${tokens[0]}"`);
      }
      continue;
    }
    if (tokens.length !== 3) fail(file, lineNo, `expected 3 numbers per entry, found ${tokens.length}`);
    if (!firstDataLine) firstDataLine = lineNo;
    values.push(num(tokens[0]!, lineNo), num(tokens[1]!, lineNo), num(tokens[2]!, lineNo));
  }
  if (size3 && size1) fail(file, sizeLine, 'both LUT_1D_SIZE and LUT_3D_SIZE given');
  if (!size3 && !size1) fail(file, null, 'no LUT_3D_SIZE or LUT_1D_SIZE line: not a .cube LUT');
  for (let c = 0; c < 3; c++)
    if (!(dmax[c]! > dmin[c]!)) fail(file, null, `DOMAIN_MAX must exceed DOMAIN_MIN in every channel`);
  const entries = values.length / 3;
  const expected = size3 ? size3 ** 3 : size1;
  if (entries !== expected)
    fail(file, firstDataLine || sizeLine, `wrong entry count: ${entries} entries, LUT_${size3 ? '3D' : '1D'}_SIZE ${size3 || size1} needs ${expected}`);

  const defaultDomain = dmin.every((v) => v === 0) && dmax.every((v) => v === 1);
  if (size3) {
    const raw: Lut3D = { size: size3, data: Float32Array.from(values) };
    if (defaultDomain) return { kind: '3d', title, size: size3, lut: raw };
    const tmp = new Float32Array(3);
    const lut = lutFromFunction(size3, (r, g, b) => {
      sampleTetrahedral(
        raw,
        (r - dmin[0]) / (dmax[0] - dmin[0]),
        (g - dmin[1]) / (dmax[1] - dmin[1]),
        (b - dmin[2]) / (dmax[2] - dmin[2]),
        tmp,
      );
      return [tmp[0]!, tmp[1]!, tmp[2]!];
    });
    return { kind: '3d', title, size: size3, lut };
  }
  const curve = (c: number, x: number): number => {
    const t = Math.min(Math.max((x - dmin[c]!) / (dmax[c]! - dmin[c]!), 0), 1) * (size1 - 1);
    const i = Math.min(Math.floor(t), size1 - 2);
    const f = t - i;
    return values[i * 3 + c]! * (1 - f) + values[(i + 1) * 3 + c]! * f;
  };
  const lut = lutFromFunction(ONE_D_AS_3D_SIZE, (r, g, b) => [curve(0, r), curve(1, g), curve(2, b)]);
  return { kind: '1d', title, size: size1, lut };
}

export function formatCube(lut: Lut3D, title: string): string {
  const parts: string[] = [`TITLE "${title.replace(/"/g, "'")}"`, '# Written by Darkslide', `LUT_3D_SIZE ${lut.size}`, 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1'];
  const d = lut.data;
  for (let i = 0; i < d.length; i += 3) parts.push(`${d[i]!.toFixed(6)} ${d[i + 1]!.toFixed(6)} ${d[i + 2]!.toFixed(6)}`);
  return parts.join('\n') + '\n';
}

