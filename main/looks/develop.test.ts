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
import { sampleSceneSvg } from './tools/make-samples.ts';

// 4.3 MP (over the split threshold), 3:2, and a split row (1020) that is not on a JPEG block boundary.
const W = 2550;
const H = 1700;
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
  // harbor: grain and vignette; attic: 3:2 with light leaks (no pixels needed); velvet: halation (waits for both parts).
  for (const cameraId of ['harbor-400', 'attic-200', 'velvet-160']) {
    for (const kind of ['jpeg 4:2:0', 'png'] as const) {
      it(`${cameraId}, ${kind}: the same bytes as from one whole decode`, { timeout: 60_000 }, async () => {
        const file = kind === 'png' ? png : jpeg420;
        const options = { cameraId, seed: 99, dateStamp: null };
        const split = await developStill(file, options);
        const whole = await developStill(await wholeDecode(file), options);
        expect(split.width).toBe(W);
        expect(split.height).toBe(H);
        expect(split.data.equals(whole.data)).toBe(true);
      });
    }
  }

  it('names the file when one of the parts cannot be decoded', async () => {
    const broken = join(dir, 'broken.jpg');
    const bytes = await sharp(jpeg420).toBuffer();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(developStill(broken, { cameraId: 'harbor-400', seed: 1 })).rejects.toThrow(/broken\.jpg: cannot decode image/);
  });
});
