// The live preview is the still: the real viewfinder module (WebGL2, bundled with esbuild) in headless
// Chromium against developStill, for every built-in camera. The still side uses a clone of each camera
// without frame, date stamp, light leaks and digital-camera character: those are drawn by other layers
// (or, for leaks and the CCD character, not in the live view at all).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listLooks, previewLook, setUserLooksDir, viewfinderGrainPlate } from '../../main/looks/index.ts';
import { compareImages } from '../../main/looks/color/deltaE2000.ts';
import { PreviewHarness, type PreviewLook } from '../parity/harness.ts';
import { boxDownscale, developRaw, exactSizeForAspect, grainRmsByBand, sizeForAspect, writeStillClone } from '../parity/parity.ts';
import { makeTestImage } from '../parity/test-image.ts';
import { tempDir } from '../support/temp.ts';

const PREVIEW_HEIGHT = 360;
/** Grain tests run smaller: the still's JS grain and SwiftShader's grain plate cost per pixel. */
const GRAIN_HEIGHT = 240;
/** The grain comparison's still is this many times the preview's size. */
const FULL_FACTOR = 3;
const SEED = 11;

const lookIds = listLooks().map((c) => c.id);
const figures: string[] = [];

function maxCodeDifference(a: Uint8Array, b: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** What one camera's tests compare against: its inputs and the still side, developed ahead (see `stillsFor`). */
type CameraCase = {
  look: PreviewLook;
  size: { width: number; height: number };
  image: Buffer;
  small: { width: number; height: number };
  smallImage: Buffer;
  /** developStill of `image` without grain. */
  colour: Promise<Uint8Array>;
  /** developStill of `smallImage` with the camera's grain. */
  grain: Promise<Uint8Array> | null;
  /** The FULL_FACTOR-times still without and with grain of amount 1, box-downscaled to `small`. */
  strength: Promise<[Float32Array, Float32Array]> | null;
};

function withGrain(look: PreviewLook, amountCodes: number | null): PreviewLook {
  const grain = look.params.grain as { amountCodes: number } | null;
  return { ...look, params: { ...look.params, grain: grain && amountCodes !== null ? { ...grain, amountCodes } : null } };
}

describe('live preview matches the still renderer, camera by camera', () => {
  const looks = tempDir('preview-parity');
  let harness: PreviewHarness;
  const clones = new Map<string, { still: string; noGrain: string; fullGrain: string }>();
  const cases = new Map<string, CameraCase>();
  /** The still side's work, one job at a time in test order (two at once would only share the CPU). */
  let stillQueue: Promise<unknown> = Promise.resolve();
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const job = stillQueue.then(work);
    stillQueue = job.catch(() => undefined);
    // Awaited by its test; failing before the test gets to it is not an unhandled rejection.
    job.catch(() => undefined);
    return job;
  };

  /**
   * Camera `index`'s inputs with its stills started, and the next camera's too: Node develops the next stills
   * while Chromium draws this camera's preview (its grain plate in software WebGL takes seconds), so neither
   * side waits for the other. Before, each test drew, then developed, one after the other.
   */
  function stillsFor(index: number): CameraCase {
    const id = lookIds[index]!;
    let found = cases.get(id);
    if (!found) {
      const look = previewLook(id) as PreviewLook;
      const size = sizeForAspect(look.params.aspect as string | null, PREVIEW_HEIGHT);
      const image = makeTestImage(size.width, size.height);
      const small = exactSizeForAspect(look.params.aspect as string | null, GRAIN_HEIGHT);
      const smallImage = makeTestImage(small.width, small.height);
      const names = clones.get(id)!;
      const hasGrain = Boolean(look.params.grain);
      const full = { width: small.width * FULL_FACTOR, height: small.height * FULL_FACTOR };
      const downscaled = (fullImage: Buffer, lookId: string) =>
        developRaw(fullImage, full.width, full.height, lookId, SEED).then((still) => boxDownscale(still, full.width, full.height, FULL_FACTOR));
      found = {
        look,
        size,
        image,
        small,
        smallImage,
        colour: queued(() => developRaw(image, size.width, size.height, names.noGrain, SEED)),
        grain: hasGrain ? queued(() => developRaw(smallImage, small.width, small.height, names.still, SEED)) : null,
        strength: hasGrain
          ? queued(() => {
              const fullImage = makeTestImage(full.width, full.height);
              return Promise.all([downscaled(fullImage, names.noGrain), downscaled(fullImage, names.fullGrain)]);
            })
          : null,
      };
      cases.set(id, found);
    }
    if (index + 1 < lookIds.length && !cases.has(lookIds[index + 1]!)) stillsFor(index + 1);
    return found;
  }

  beforeAll(async () => {
    for (const id of lookIds) {
      clones.set(id, {
        still: writeStillClone(looks.path, id, 'still'),
        noGrain: writeStillClone(looks.path, id, 'nograin', (d) => void ((d.grain as { amount: number }).amount = 0)),
        // Amount 1 (14 codes): the grain field's structure without 8-bit rounding of faint grain in the way.
        fullGrain: writeStillClone(looks.path, id, 'fullgrain', (d) => void ((d.grain as { amount: number }).amount = 1)),
      });
    }
    setUserLooksDir(looks.path);
    harness = await PreviewHarness.open();
  });

  afterAll(async () => {
    await harness?.close();
    setUserLooksDir(null);
    looks.remove();
    console.log(['preview parity (dE00 vs developStill; grain RMS ratio preview/still per luma band):', ...figures].join('\n'));
  });

  for (const [index, id] of lookIds.entries()) {
    const look = previewLook(id) as PreviewLook;
    const grain = look.params.grain as { amountCodes: number } | null;
    const small = exactSizeForAspect(look.params.aspect as string | null, GRAIN_HEIGHT);

    test(`${id}: colour, halation/bloom and radial gain match the still (grain off)`, async () => {
      const { size: { width, height }, image, colour } = stillsFor(index);
      await harness.setFrame(image, width, height);
      await harness.setLook(withGrain(look, null));
      const preview = await harness.draw({ seed: SEED });
      const still = await colour;
      const stats = compareImages(preview.rgb, still);
      const line = `${id} ${width}x${height} grain off: dE00 mean ${stats.mean.toFixed(4)} p99 ${stats.p99.toFixed(4)} max ${stats.max.toFixed(3)}, max code diff ${maxCodeDifference(preview.rgb, still)}`;
      figures.push(line);
      console.log(line);
      expect(stats.mean).toBeLessThan(0.3);
      expect(stats.p99).toBeLessThan(1.0);
    });

    test.skipIf(!grain)(`${id}: same size and seed, the grain is the still's pixel for pixel`, async () => {
      const { small: { width, height }, smallImage, grain: grainStill } = stillsFor(index);
      await harness.setFrame(smallImage, width, height);
      await harness.setLook(look);
      const preview = await harness.draw({ seed: SEED });
      const still = (await grainStill)!;
      const stats = compareImages(preview.rgb, still);
      const maxCode = maxCodeDifference(preview.rgb, still);
      const line = `${id} ${width}x${height} grain on, same seed: dE00 mean ${stats.mean.toFixed(4)} p99 ${stats.p99.toFixed(4)}, max code diff ${maxCode} (grain plate ${preview.ms.toFixed(0)} ms)`;
      figures.push(line);
      console.log(line);
      expect(stats.mean).toBeLessThan(0.3);
      expect(stats.p99).toBeLessThan(1.0);
      // Float rounding may tip a value across .5, never more.
      expect(maxCode).toBeLessThanOrEqual(2);
    });

    test.skipIf(!grain)(`${id}: grain at ${small.width}x${small.height} has the strength a ${FULL_FACTOR}x still shows downscaled`, async () => {
      const { small: { width, height }, smallImage, strength } = stillsFor(index);
      const full = { width: width * FULL_FACTOR, height: height * FULL_FACTOR };

      // Same size and seed as the test before: the grain plate is reused.
      await harness.setFrame(smallImage, width, height);
      await harness.setLook(withGrain(look, null));
      const previewNoGrain = (await harness.draw({ seed: SEED })).rgb;
      await harness.setLook(withGrain(look, 14));
      const previewGrain = (await harness.draw({ seed: SEED })).rgb;
      const [fullNoGrain, fullGrain] = (await strength)!;

      const previewRms = grainRmsByBand(previewGrain, previewNoGrain).rms;
      const stillRms = grainRmsByBand(fullGrain, fullNoGrain).rms;
      const ratios = previewRms.map((v, b) => v / stillRms[b]!);
      const show = (values: number[]) => values.map((v) => (Number.isNaN(v) ? '-' : v.toFixed(3))).join(' ');
      const line = `${id} grain RMS (amount 1) by luma band, preview ${width}x${height} [${show(previewRms)}] vs still ${full.width}x${full.height}/${FULL_FACTOR} [${show(stillRms)}]: ratio [${show(ratios)}]`;
      figures.push(line);
      console.log(line);
      const bands = ratios.filter((r) => !Number.isNaN(r));
      expect(bands.length).toBeGreaterThanOrEqual(3);
      for (const r of bands) expect(Math.abs(r - 1)).toBeLessThan(0.1);
    });
  }

  test('a new grain plate is built over several frames without stalling, and ends as the one-go plate', async () => {
    const id = lookIds.find((c) => previewLook(c).params.grain)!;
    const look = previewLook(id) as PreviewLook;
    const { width, height } = sizeForAspect(look.params.aspect as string | null, PREVIEW_HEIGHT);
    const fresh = SEED + 1;
    await harness.setFrame(makeTestImage(width, height), width, height);
    await harness.setLook(withGrain(look, null));
    const noGrain = await harness.draw({ seed: fresh });
    await harness.setLook(look);
    const first = await harness.draw({ seed: fresh, progressive: true });
    const frames = await harness.framesUntilGrain(5000);
    const progressive = await harness.draw({ seed: fresh });
    // Another seed, then back: the plate is rebuilt in one go.
    await harness.draw({ seed: fresh + 1 });
    const atOnce = await harness.draw({ seed: fresh });
    figures.push(`${id} ${width}x${height}: grain plate built progressively over ${frames + 1} frames`);
    expect(Buffer.from(first.rgb).equals(Buffer.from(noGrain.rgb))).toBe(true);
    expect(frames).toBeGreaterThan(1);
    expect(frames).toBeLessThan(5000);
    expect(Buffer.from(progressive.rgb).equals(Buffer.from(atOnce.rgb))).toBe(true);
    expect(Buffer.from(progressive.rgb).equals(Buffer.from(noGrain.rgb))).toBe(false);
  });

  test("main's grain plate is the one the GPU builds, and the viewfinder uses it as soon as it comes", async () => {
    const id = lookIds.find((c) => previewLook(c).params.grain)!;
    const look = previewLook(id) as PreviewLook;
    const { width, height } = sizeForAspect(look.params.aspect as string | null, PREVIEW_HEIGHT);
    const seed = SEED + 5;
    await harness.setFrame(makeTestImage(width, height), width, height);
    await harness.setLook(look);
    const gpu = await harness.draw({ seed });
    const gpuPlate = await harness.gpuPlate();
    const mainPlate = await viewfinderGrainPlate(id, width, height, seed);
    expect(mainPlate).not.toBeNull();
    expect(mainPlate!.length).toBe(width * height * 3);
    let largest = 0;
    let spread = 0;
    for (let i = 0; i < mainPlate!.length; i++) {
      largest = Math.max(largest, Math.abs(mainPlate![i]! - gpuPlate[i]!));
      spread = Math.max(spread, Math.abs(gpuPlate[i]!));
    }
    // Unit-variance noise, summed in f32 on the GPU and in f64 rounded to f32 by the kernel: they part in the
    // fifth decimal (1.3e-4 at most, measured), a fiftieth of a code at full grain, enough only to tip a rounding.
    expect(spread).toBeGreaterThan(1);
    expect(largest).toBeLessThan(1e-3);

    // Another seed, then back with main's plate given: grain from the next frame on, the same picture.
    await harness.draw({ seed: seed + 1 });
    const frames = await harness.framesUntilGivenPlate(seed, mainPlate!);
    const given = await harness.draw({ seed });
    const maxCode = maxCodeDifference(given.rgb, gpu.rgb);
    figures.push(`${id} ${width}x${height}: main's grain plate vs the GPU's: largest difference ${largest.toExponential(1)}, ${frames} frames until grain, max code diff ${maxCode}`);
    expect(frames).toBeLessThanOrEqual(2);
    expect(maxCode).toBeLessThanOrEqual(1);
  });

  test('a mirrored preview is the still of the mirrored frame (effects stay in screen space)', async () => {
    const id = lookIds.find((c) => {
      const p = previewLook(c).params;
      return p.radial && (p.halation || p.bloom);
    }) ?? lookIds[0]!;
    const look = previewLook(id) as PreviewLook;
    const { width, height } = sizeForAspect(look.params.aspect as string | null, PREVIEW_HEIGHT);
    const image = makeTestImage(width, height);
    const flipped = Buffer.alloc(image.length);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) image.copy(flipped, (y * width + x) * 3, (y * width + width - 1 - x) * 3, (y * width + width - x) * 3);
    // Developed while the preview draws.
    const developing = queued(() => developRaw(flipped, width, height, clones.get(id)!.noGrain, SEED));
    await harness.setFrame(image, width, height);
    await harness.setLook(withGrain(look, null));
    const preview = await harness.draw({ seed: SEED, mirror: true });
    const still = await developing;
    const stats = compareImages(preview.rgb, still);
    figures.push(`${id} mirrored: dE00 mean ${stats.mean.toFixed(4)} p99 ${stats.p99.toFixed(4)}`);
    expect(stats.mean).toBeLessThan(0.3);
    expect(stats.p99).toBeLessThan(1.0);
  });

  test('the viewfinder frames what the photo keeps: outside the crop is dimmed, inside untouched', async () => {
    const id = 'moment-square'; // an instant camera: the photo is square
    const look = previewLook(id) as PreviewLook;
    expect(look.params.aspect).toBe('1:1');
    const width = 640;
    const height = 360;
    await harness.setFrame(makeTestImage(width, height), width, height);
    await harness.setLook(withGrain(look, null));
    const plain = await harness.draw({ seed: SEED });
    const framed = await harness.draw({ seed: SEED, showCrop: true });
    const left = (width - height) / 2;
    let inside = 0;
    let outsideDimmed = 0;
    let outside = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        const keep = x >= left && x < left + height;
        for (let c = 0; c < 3; c++) {
          if (keep) inside = Math.max(inside, Math.abs(framed.rgb[i + c]! - plain.rgb[i + c]!));
          else {
            outside += 1;
            if (Math.abs(framed.rgb[i + c]! - Math.round(plain.rgb[i + c]! * 0.3)) <= 1) outsideDimmed += 1;
          }
        }
      }
    expect(inside).toBe(0);
    expect(outsideDimmed / outside).toBeGreaterThan(0.99);
  });
});
