// Twin Half in the app: the first press waits in main as the pending half, the second files the pair, and a
// half never paired is filed as a single half-frame print (the app calls finishHalf when it closes). Real
// library and look engine; the capture device is a stand-in that hands out frames of one colour per press.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/index.ts';
import { stopKernelWorkers } from '../looks/index.ts';
import { closeMetadata } from '../metadata/index.ts';
import { createJobEngine } from '../jobs/index.ts';
import { redevelop } from './develop.ts';
import { keepsPair } from './items.ts';
import { jobKinds } from './jobs/index.ts';
import type { RawFrame } from './shoot.ts';
import { createShutter } from './shutter.ts';
import { forgetPreparedStills, grainPlatesWaiting } from '../looks/develop.ts';

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-shutter-'));
  library = await openLibrary({ root: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
});
afterAll(async () => {
  library.close();
  await Promise.all([closeMetadata(), stopKernelWorkers()]);
  await rm(dir, { recursive: true, force: true });
});

function shutterWithFrames(colours: { r: number; g: number; b: number }[], options: { fullSize?: { width: number; height: number } } = {}) {
  const frame = async (background: { r: number; g: number; b: number }): Promise<RawFrame> => ({ raw: await sharp({ create: { width: 640, height: 360, channels: 3, background } }).raw().toBuffer(), width: 640, height: 360, channels: 3, at: new Date() });
  const control = { captureStill: () => ({ frame: frame(colours.shift()!), deviceId: 'demo' }), fullSize: () => options.fullSize ?? null, holdPreview: <T>(work: Promise<T>) => work };
  const settings = { device: () => ({ mirror: false, saveMirrored: false }) };
  const deps = { control, settings, library, locationStore: { forNewShot: () => null } };
  return createShutter(deps as unknown as Parameters<typeof createShutter>[0]);
}

const red = { r: 200, g: 50, b: 40 };
const blue = { r: 40, g: 60, b: 200 };

/** Colours halfway down a filed photo at shares of its width. */
async function sampleAcross(relPath: string, shares: number[]): Promise<{ width: number; height: number; at: { r: number; b: number }[] }> {
  const { data, info } = await sharp(path.join(dir, 'library', relPath)).raw().toBuffer({ resolveWithObject: true });
  const at = shares.map((share) => {
    const i = (Math.round(info.height / 2) * info.width + Math.round(info.width * share)) * 3;
    return { r: data[i]!, b: data[i + 2]! };
  });
  return { width: info.width, height: info.height, at };
}

describe('the shutter with a half-frame camera', () => {
  it('files nothing on the first press and the pair on the second: red on the left, blue on the right', async () => {
    const shutter = shutterWithFrames([red, blue]);
    const first = await shutter.press({ lookId: 'twin-half', grain: 0 });
    expect('half' in first).toBe(true);
    expect((await library.list({})).items).toHaveLength(0);
    const pair = await shutter.press({ lookId: 'twin-half', grain: 0 });
    expect('half' in pair).toBe(false);
    if ('half' in pair) return;
    const print = await sampleAcross(pair.relPath, [0.25, 0.75]);
    expect(print.at[0]!.r).toBeGreaterThan(print.at[0]!.b + 60);
    expect(print.at[1]!.b).toBeGreaterThan(print.at[1]!.r + 60);
    expect(await shutter.finishHalf()).toBeNull();
  });

  it('a half never paired is filed as a single half when finished (camera change, leaving, quitting)', async () => {
    const shutter = shutterWithFrames([red]);
    await shutter.press({ lookId: 'twin-half', grain: 0 });
    const alone = await shutter.finishHalf();
    expect(alone).not.toBeNull();
    // One tall half in its border: taller than wide.
    expect(alone!.height).toBeGreaterThan(alone!.width);
    expect(await shutter.finishHalf()).toBeNull();
  });

  it('a press with another camera files the waiting half first', async () => {
    const shutter = shutterWithFrames([red, blue]);
    const before = (await library.list({})).items.length;
    await shutter.press({ lookId: 'twin-half', grain: 0 });
    const other = await shutter.press({ lookId: 'harbor-400', grain: 0 });
    expect('half' in other).toBe(false);
    expect((await library.list({})).items.length).toBe(before + 2);
  });

  it('a pair developed again, alone or in a job, is the pair again; another camera develops the whole strip', async () => {
    const shutter = shutterWithFrames([red, blue]);
    await shutter.press({ lookId: 'twin-half', grain: 0 });
    const pair = await shutter.press({ lookId: 'twin-half', grain: 0 });
    if ('half' in pair) throw new Error('the second press should file the pair');
    expect(keepsPair(pair)).toBe(true);

    const again = await redevelop(library, { id: pair.id, lookId: 'twin-half', grain: 0 });
    const print = await sampleAcross(again.relPath, [0.25, 0.75]);
    // Two halves side by side: wider than tall, red on the left, blue on the right (one half alone is tall).
    expect(print.width).toBeGreaterThan(print.height);
    expect(print.at[0]!.r).toBeGreaterThan(print.at[0]!.b + 60);
    expect(print.at[1]!.b).toBeGreaterThan(print.at[1]!.r + 60);

    const whole = await redevelop(library, { id: pair.id, lookId: 'harbor-400', grain: 0 });
    const strip = await sampleAcross(whole.relPath, [0.2, 0.8]);
    expect(strip.at[0]!.r).toBeGreaterThan(strip.at[0]!.b + 40);
    expect(strip.at[1]!.b).toBeGreaterThan(strip.at[1]!.r + 40);
    // Developed from the same two exposures, it can become the pair again.
    expect(keepsPair(whole)).toBe(true);

    const jobs = createJobEngine({ library, kinds: jobKinds });
    try {
      const before = new Set((await library.list({})).items.map((item) => item.id));
      const end = await jobs.settled((await jobs.start('develop', { lookId: 'twin-half', grain: 0 }, [{ itemId: whole.id, name: whole.fileName }])).jobId);
      expect(end).toMatchObject({ state: 'finished', done: 1, failed: 0, skipped: 0 });
      const fromJob = (await library.list({})).items.find((item) => !before.has(item.id))!;
      const jobPrint = await sampleAcross(fromJob.relPath, [0.25, 0.75]);
      expect(jobPrint.width).toBeGreaterThan(jobPrint.height);
      expect(jobPrint.at[0]!.r).toBeGreaterThan(jobPrint.at[0]!.b + 60);
      expect(jobPrint.at[1]!.b).toBeGreaterThan(jobPrint.at[1]!.r + 60);
    } finally {
      await jobs.close();
    }
  });
});

describe('getting the next shot ready', () => {
  it('waits until the page has had the shot: the next grain is not drawn while the page shows this one', async () => {
    forgetPreparedStills();
    const shutter = shutterWithFrames([red], { fullSize: { width: 640, height: 360 } });
    await shutter.press({ lookId: 'harbor-400' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(grainPlatesWaiting()).toBe(0);
    await expect.poll(() => grainPlatesWaiting(), { timeout: 10_000 }).toBe(1);
    forgetPreparedStills();
  });
});
