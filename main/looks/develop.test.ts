/**
 * Large pictures are decoded as two row ranges at once and developed while the second range is still
 * decoding. The result must be byte for byte the picture developed from one whole decode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developStill } from './index.ts';
import { decodesInParts } from './develop.ts';
import { sampleSceneSvg } from './tools/make-samples.ts';

// 6 MP, 3:2: over the split threshold, and still over it once cropped to 16:9 or 1:1. Split rows (1200 for
// the full picture, 507 and 1012 into the 16:9 and 1:1 crops) that are not on JPEG block boundaries.
const W = 3000;
const H = 2000;
let dir: string;
let jpeg420: string;
let png: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'develop-split-'));
  const scene = await sharp(Buffer.from(sampleSceneSvg(1200, 800))).resize(W, H).png().toBuffer();
  jpeg420 = join(dir, 'scene.jpg');
  png = join(dir, 'scene.png');
  await sharp(scene).jpeg({ quality: 88, chromaSubsampling: '4:2:0' }).toFile(jpeg420);
  await sharp(scene).png({ compressionLevel: 1 }).toFile(png);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function wholeDecode(file: string) {
  const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { raw: data, width: info.width, height: info.height, channels: 3 as const };
}

describe('developing a large picture decoded in two parts', () => {
  const cases: [string, 'jpeg 4:2:0' | 'png', { width: number; height: number }][] = [
    // grain and vignette, the whole picture
    ['harbor-400', 'jpeg 4:2:0', { width: W, height: H }],
    ['harbor-400', 'png', { width: W, height: H }],
    // light leaks (drawn without the pixels), 3:2
    ['attic-200', 'jpeg 4:2:0', { width: W, height: H }],
    // halation: highlight bands summed per part, split on a band boundary
    ['velvet-160', 'jpeg 4:2:0', { width: W, height: H }],
    // a 16:9 centre crop with halation and bloom
    ['nightreel-500t', 'jpeg 4:2:0', { width: W, height: 1688 }],
    ['nightreel-500t', 'png', { width: W, height: 1688 }],
    // a 1:1 crop with bloom, then the instant frame around it
    ['moment-square', 'jpeg 4:2:0', { width: Math.round(H * 1.12), height: H + Math.round(H * 0.06) + Math.round(H * 0.24) }],
  ];
  for (const [lookId, kind, size] of cases) {
    it(`${lookId}, ${kind}: the same bytes as from one whole decode`, { timeout: 60_000 }, async () => {
      const file = kind === 'png' ? png : jpeg420;
      const options = { lookId, seed: 99, dateStamp: null };
      expect(await decodesInParts(file, options)).toBe(true);
      const split = await developStill(file, options);
      const whole = await developStill(await wholeDecode(file), options);
      expect({ width: split.width, height: split.height }).toEqual(size);
      expect(split.data.equals(whole.data)).toBe(true);
    });
  }

  it('decodes in one piece what needs turning, resizing, or is too small', async () => {
    const turned = join(dir, 'turned.jpg');
    await sharp(jpeg420).withMetadata({ orientation: 6 }).jpeg().toFile(turned);
    expect(await decodesInParts(turned, { lookId: 'harbor-400' })).toBe(false);
    expect(await decodesInParts(jpeg420, { lookId: 'harbor-400', longEdge: 1600 })).toBe(false);
    expect(await decodesInParts(await wholeDecode(jpeg420), { lookId: 'harbor-400' })).toBe(false);
    const small = join(dir, 'small.jpg');
    await sharp(jpeg420).resize(1600).toFile(small);
    expect(await decodesInParts(small, { lookId: 'harbor-400' })).toBe(false);
  });

  it('names the file when one of the parts cannot be decoded', async () => {
    const broken = join(dir, 'broken.jpg');
    const bytes = await sharp(jpeg420).toBuffer();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(developStill(broken, { lookId: 'harbor-400', seed: 1 })).rejects.toThrow(/broken\.jpg" could not be read as a picture \(.+\)\. The file may be damaged/);
  });
});
