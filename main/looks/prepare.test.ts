/**
 * A shot prepared ahead (its sub-pixel grain drawn before the press) develops to exactly the bytes of one
 * developed without preparing: preparing only moves work earlier, it never changes the picture.
 */
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { developStill, prepareStill, stopKernelWorkers } from './index.ts';
import { forgetPreparedStills, grainPlatesWaiting } from './develop.ts';
import { colourTablesFilled } from './render/pool.ts';
import { sampleSceneSvg } from './tools/make-samples.ts';

async function frame(width: number, height: number) {
  const raw = await sharp(Buffer.from(sampleSceneSvg(width, height))).removeAlpha().raw().toBuffer();
  return { raw, width, height, channels: 3 as const };
}

describe('prepareStill', () => {
  beforeEach(() => forgetPreparedStills());

  it.each([
    ['harbor-400', 1280, 720],
    ['nocturne-3200', 1280, 720],
    ['moment-square', 960, 540],
    // Through the colour table (1080p and larger).
    ['harbor-400', 1920, 1080],
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

  it('a 1080p shot has its look\'s colour table filled ahead, so the press fills none; a 720p shot needs none', async () => {
    // A strength no other test uses: a table of its own.
    const options = { lookId: 'harbor-400', seed: 5, strength: 0.77, format: 'jpeg' as const };
    const before = colourTablesFilled();
    await prepareStill({ width: 1280, height: 720 }, options);
    await developStill(await frame(1280, 720), options);
    expect(colourTablesFilled()).toBe(before);
    await prepareStill({ width: 1920, height: 1080 }, options);
    expect(colourTablesFilled()).toBe(before + 1);
    // Developed with the copy prepareStill put in each worker beforehand...
    const input = await frame(1920, 1080);
    const held = await developStill(input, options);
    await prepareStill({ width: 1920, height: 1080 }, { ...options, seed: 6 });
    expect(colourTablesFilled()).toBe(before + 1);
    // ...and by new workers that copy the same table in as their first band runs: the same picture.
    await stopKernelWorkers();
    expect((await developStill(input, options)).data.equals(held.data)).toBe(true);
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

  it('a preparation abandoned (another look chosen) stops, leaves no plate, and the shot is the same without it', async () => {
    const options = { lookId: 'harbor-400', format: 'jpeg' as const };
    // Abandoned before it began: nothing is drawn, nothing is kept.
    const never = new AbortController();
    never.abort();
    await prepareStill({ width: 960, height: 540 }, { ...options, seed: 98, signal: never.signal });
    expect(grainPlatesWaiting()).toBe(0);
    // Abandoned while drawing (a plate large enough to take a while): the bands not yet started are dropped.
    const abandon = new AbortController();
    const preparing = prepareStill({ width: 2560, height: 1440 }, { ...options, seed: 99, signal: abandon.signal });
    await vi.waitFor(() => expect(grainPlatesWaiting()).toBe(1), { timeout: 30_000, interval: 5 });
    abandon.abort();
    await preparing;
    expect(grainPlatesWaiting()).toBe(0);
    const input = await frame(960, 540);
    const plain = await developStill(input, { ...options, seed: 98 });
    await prepareStill({ width: 960, height: 540 }, { ...options, seed: 98 });
    expect((await developStill(input, { ...options, seed: 98 })).data.equals(plain.data)).toBe(true);
  });

  it('a develop asked for while the next shot is drawn ahead goes first: the press is not queued behind it', async () => {
    // A small press (large enough for the workers) against a large plate (eight bands over the two workers): queued first come, first served,
    // the press would wait for all of them; going first, it waits for at most the bands already in hand. With a
    // 720p press against a 1080p plate the two were close enough for a loaded machine to swap them.
    const input = await frame(960, 540);
    const order: string[] = [];
    const ahead = prepareStill({ width: 2560, height: 1440 }, { lookId: 'harbor-400', seed: 5 }).then(() => order.push('drawn ahead'));
    const press = developStill(input, { lookId: 'harbor-400', seed: 6, effects: false, format: 'jpeg' }).then(() => order.push('press'));
    await Promise.all([ahead, press]);
    expect(order).toEqual(['press', 'drawn ahead']);
    // Drawn ahead in full all the same (the first test shows a press using it).
    expect(grainPlatesWaiting()).toBe(1);
  });
});
