// Property-based fuzzing of every parser that takes the person's files: .cube, .3dl, HaldCLUT images and
// picture headers. Each input either parses into something usable or is refused with a DarkslideError that
// names the file (and, for text LUTs, the line); nothing else may escape, nothing may hang, nothing may yield
// a table with a value the kernel cannot use. CI runs a fixed seed; `npm run fuzz` runs longer with a new one
// (FUZZ_RUNS, FUZZ_SEED). The location engineer adds GPX/KML/Google JSON here.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { developStill, readLutFile, stopKernelWorkers } from '../../main/looks/index.ts';
import { parseCube } from '../../main/looks/lut/cube.ts';
import { parse3dl } from '../../main/looks/lut/threedl.ts';
import { DarkslideError } from '../../main/shared/errors/index.ts';
import { tempDir } from '../support/temp.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 300;
const SEED = Number(process.env.FUZZ_SEED ?? 0) || 20261206;
const settings = (scale = 1): fc.Parameters<unknown> => ({ numRuns: Math.max(10, Math.round(RUNS * scale)), seed: SEED, endOnFailure: true });

const work = tempDir('rel-fuzz');
afterAll(async () => {
  work.remove();
  await stopKernelWorkers();
});

/** A refusal in the house's words: a DarkslideError of the expected family, naming the file. */
function expectRefusal(error: unknown, file: string, families: RegExp): void {
  if (!(error instanceof DarkslideError)) throw new Error(`not a DarkslideError: ${String((error as Error)?.stack ?? error)}`);
  expect(error.code).toMatch(families);
  expect(error.message).toContain(file);
  if (error.params.line !== undefined) expect(error.message).toContain(`${file}:${error.params.line}`);
}

function expectUsableLut(lut: { size: number; data: Float32Array }): void {
  expect(lut.size).toBeGreaterThanOrEqual(2);
  expect(lut.data.length).toBe(lut.size ** 3 * 3);
  for (const value of lut.data) if (!Number.isFinite(value)) throw new Error(`non-finite value ${value} in the table`);
}

const number = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -5, max: 70000 }).map(String),
  fc.constantFrom('1e39', '-1e39', '3.5e38', 'NaN', 'Infinity', '-0', '.5', '+1', '1.', '0x10', '1e', '', '١', '0.000001'),
);
const entry = fc.array(number, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(fc.sample(fc.constantFrom(' ', '\t', '  '), 1)[0]));
const keyword = fc.oneof(
  fc.tuple(fc.constantFrom('LUT_3D_SIZE', 'LUT_1D_SIZE'), fc.oneof(fc.integer({ min: -1, max: 300 }).map(String), number)).map(([k, v]) => `${k} ${v}`),
  fc.tuple(fc.constantFrom('DOMAIN_MIN', 'DOMAIN_MAX'), fc.array(number, { minLength: 0, maxLength: 4 })).map(([k, v]) => `${k} ${v.join(' ')}`),
  fc.tuple(fc.constantFrom('LUT_3D_INPUT_RANGE', 'LUT_1D_INPUT_RANGE'), fc.array(number, { maxLength: 3 })).map(([k, v]) => `${k} ${v.join(' ')}`),
  fc.string({ maxLength: 30 }).map((title) => `TITLE "${title}"`),
  fc.constantFrom('# comment', '', '   ', 'FOO 1', 'nan 1 2', 'Mesh 4 12', 'Mesh x y', '3DMESH'),
);
const line = fc.oneof({ weight: 4, arbitrary: entry }, { weight: 2, arbitrary: keyword }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) });
const newline = fc.constantFrom('\n', '\r\n', '\r');

/** Small valid .cube text, then damaged: lines dropped, doubled or replaced. */
const damagedCube = fc
  .record({
    size: fc.integer({ min: 2, max: 5 }),
    values: fc.array(fc.double({ min: -2, max: 3, noNaN: true }), { minLength: 375, maxLength: 375 }),
    edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'double', 'replace'), line), { maxLength: 4 }),
    eol: newline,
  })
  .map(({ size, values, edits, eol }) => {
    const lines = [`LUT_3D_SIZE ${size}`];
    for (let i = 0; i < size ** 3; i++) lines.push(`${values[i * 3 % 375]} ${values[(i * 3 + 1) % 375]} ${values[(i * 3 + 2) % 375]}`);
    for (const [at, edit, replacement] of edits) {
      const index = at % lines.length;
      if (edit === 'drop') lines.splice(index, 1);
      else if (edit === 'double') lines.splice(index, 0, lines[index]!);
      else lines[index] = replacement;
    }
    return lines.join(eol);
  });

const randomText = fc.tuple(fc.array(line, { maxLength: 40 }), newline).map(([lines, eol]) => lines.join(eol));

describe('.cube', () => {
  test(`random and damaged .cube text: usable or refused with file:line (${RUNS * 2} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(randomText, damagedCube), (text) => {
        try {
          expectUsableLut(parseCube(text, 'fuzz.cube').lut);
        } catch (error) {
          expectRefusal(error, 'fuzz.cube', /^lut\./);
        }
      }),
      settings(2),
    );
  });

  test(`the same through a file, read piece by piece (${Math.round(RUNS / 2)} inputs)`, async () => {
    const file = path.join(work.path, 'fuzz-file.cube');
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomText, damagedCube), async (text) => {
        writeFileSync(file, text);
        const fromText = (() => {
          try {
            return parseCube(text, file).lut;
          } catch (error) {
            return error as Error;
          }
        })();
        try {
          const { lut } = await readLutFile(file);
          expectUsableLut(lut);
          // Streaming the file gives exactly what parsing the whole text gives.
          expect(fromText instanceof Error ? fromText.message : Array.from(fromText.data)).toEqual(Array.from(lut.data));
        } catch (error) {
          if (text.length === 0) {
            expect((error as DarkslideError).code).toBe('file.empty');
            return;
          }
          expectRefusal(error, file, /^lut\./);
          expect((fromText as Error).message).toBe((error as Error).message);
        }
      }),
      settings(0.5),
    );
  });
});

describe('.3dl', () => {
  const damaged3dl = fc
    .record({
      size: fc.integer({ min: 2, max: 4 }),
      bits: fc.constantFrom(10, 12, 16),
      edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'double', 'replace'), line), { maxLength: 3 }),
      eol: newline,
    })
    .map(({ size, bits, edits, eol }) => {
      const lines = [Array.from({ length: size }, (_, i) => Math.round((i * 1023) / (size - 1))).join(' ')];
      for (let i = 0; i < size ** 3; i++) lines.push(`${(i * 37) % 2 ** bits} ${(i * 91) % 2 ** bits} ${(i * 13) % 2 ** bits}`);
      for (const [at, edit, replacement] of edits) {
        const index = at % lines.length;
        if (edit === 'drop') lines.splice(index, 1);
        else if (edit === 'double') lines.splice(index, 0, lines[index]!);
        else lines[index] = replacement;
      }
      return lines.join(eol);
    });
  test(`random and damaged .3dl text: usable or refused with file:line (${RUNS * 2} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(randomText, damaged3dl), (text) => {
        try {
          expectUsableLut(parse3dl(text, 'fuzz.3dl'));
        } catch (error) {
          expectRefusal(error, 'fuzz.3dl', /^lut\./);
        }
      }),
      settings(2),
    );
  });
});

/** A small valid picture of a format, whose bytes are then damaged at random places. */
async function picture(format: 'png' | 'jpeg' | 'tiff' | 'webp', side: number): Promise<Buffer> {
  const img = sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });
  return format === 'png' ? img.png().toBuffer() : format === 'jpeg' ? img.jpeg().toBuffer() : format === 'tiff' ? img.tiff().toBuffer() : img.webp().toBuffer();
}
const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
function damaged(bytes: Buffer, edits: [number, number][], truncateAt: number | null): Buffer {
  const out = Buffer.from(bytes);
  for (const [at, value] of edits) out[at % out.length] = value;
  return truncateAt === null ? out : out.subarray(0, truncateAt % out.length);
}

describe('HaldCLUT images', () => {
  test(`damaged and truncated HaldCLUT PNG and TIFF files: usable or refused by name (${Math.round(RUNS / 6)} inputs)`, async () => {
    const hald = { png: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toBuffer(), tif: await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).tiff().toBuffer() };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('png', 'tif') as fc.Arbitrary<'png' | 'tif'>, damage, fc.option(fc.nat(), { nil: null }), async (ext, edits, cut) => {
        const file = path.join(work.path, `hald.${ext}`);
        writeFileSync(file, damaged(hald[ext], edits, cut));
        try {
          expectUsableLut((await readLutFile(file)).lut);
        } catch (error) {
          expectRefusal(error, file, /^(lut\.|file\.empty)/);
        }
      }),
      settings(1 / 6),
    );
  });
});

describe('picture headers', () => {
  test(`damaged, truncated and lying picture files develop or are refused by name (${Math.round(RUNS / 6)} inputs)`, async () => {
    const samples = { png: await picture('png', 24), jpeg: await picture('jpeg', 24), tiff: await picture('tiff', 24), webp: await picture('webp', 24) };
    // A PNG header that declares a huge picture (the 775 KB 16000x16000 kind): refused from the header alone.
    const liar = Buffer.from(samples.png);
    liar.writeUInt32BE(60000, 16);
    liar.writeUInt32BE(60000, 20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('png', 'jpeg', 'tiff', 'webp', 'liar') as fc.Arbitrary<keyof typeof samples | 'liar'>, damage, fc.option(fc.nat(), { nil: null }), async (kind, edits, cut) => {
        const file = path.join(work.path, `photo.${kind === 'liar' ? 'png' : kind}`);
        writeFileSync(file, kind === 'liar' ? liar : damaged(samples[kind], edits, cut));
        try {
          const result = await developStill(file, { lookId: 'harbor-400', effects: false, format: 'jpeg', seed: 1 });
          expect(result.data.length).toBeGreaterThan(100);
        } catch (error) {
          expectRefusal(error, file, /^(develop\.(undecodable|too-many-pixels)|file\.empty)$/);
        }
      }),
      settings(1 / 6),
    );
  });
});
