/**
 * JPEGs skip the per-picture Huffman tables unless asked (four times the encode for a file 5% smaller): the
 * file may differ, the pixels and the EXIF written by the encoder must not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { developStill, stopKernelWorkers } from './index.ts';
import { sampleSceneSvg } from './tools/make-samples.ts';

afterAll(() => stopKernelWorkers());

describe('a JPEG without optimised Huffman tables', () => {
  it('has the same pixels and EXIF as the optimised one, in a different file', async () => {
    const { data, info } = await sharp(Buffer.from(sampleSceneSvg(640, 360))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const frame = { raw: data, width: info.width, height: info.height, channels: 3 as const };
    const options = { lookId: 'harbor-400', seed: 7, dateStamp: new Date(2026, 11, 7, 9, 0), format: 'jpeg' as const, quality: 92, exif: { IFD0: { Make: 'Darkslide', Model: 'Harbor 400' } } };
    const optimised = await developStill(frame, { ...options, optimiseCoding: true });
    const quick = await developStill(frame, options);
    expect(quick.data.equals(optimised.data)).toBe(false);
    const pixels = async (jpeg: Buffer) => sharp(jpeg).raw().toBuffer();
    expect((await pixels(quick.data)).equals(await pixels(optimised.data))).toBe(true);
    // The exiftool reading of a shot's tags is main/app/shoot.test.ts's; here only that the encoder wrote them.
    const exif = (await sharp(quick.data).metadata()).exif;
    expect(exif?.includes('Darkslide')).toBe(true);
    expect(exif?.includes('Harbor 400')).toBe(true);
  });
});
