/**
 * A shot prepared ahead (its sub-pixel grain drawn before the press) develops to exactly the bytes of one
 * developed without preparing: preparing only moves work earlier, it never changes the picture.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { developStill, prepareStill } from './index.ts';
import { grainPlatesWaiting } from './develop.ts';
import { sampleSceneSvg } from './tools/make-samples.ts';

async function frame(width: number, height: number) {
  const raw = await sharp(Buffer.from(sampleSceneSvg(width, height))).removeAlpha().raw().toBuffer();
  return { raw, width, height, channels: 3 as const };
}

describe('prepareStill', () => {
  it.each([
    ['harbor-400', 1280, 720],
    ['nocturne-3200', 1280, 720],
    ['moment-square', 960, 540],
  ])('%s at %ix%i: the prepared shot is byte for byte the unprepared one, and uses the plate', async (lookId, width, height) => {
    const input = await frame(width, height);
    const options = { lookId, seed: 4242, dateStamp: new Date(2026, 5, 1, 12, 0), format: 'jpeg' as const, quality: 92 };
    const plain = await developStill(input, options);
    expect(grainPlatesWaiting()).toBe(0);
    await prepareStill({ width, height }, options);
    expect(grainPlatesWaiting()).toBe(1);
    const prepared = await developStill(input, options);
    expect(grainPlatesWaiting()).toBe(0);
    expect(prepared.data.equals(plain.data)).toBe(true);
    expect(prepared.recipe).toEqual(plain.recipe);
  });

  it('a plate for another seed or size is not used', async () => {
    const input = await frame(1280, 720);
    const options = { lookId: 'harbor-400', seed: 7, format: 'jpeg' as const };
    await prepareStill({ width: 1280, height: 720 }, { ...options, seed: 8 });
    await prepareStill({ width: 1920, height: 1080 }, options);
    const developed = await developStill(input, options);
    expect(grainPlatesWaiting()).toBe(2);
    const again = await developStill(input, options);
    expect(again.data.equals(developed.data)).toBe(true);
  });
});
