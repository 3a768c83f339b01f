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

describe('the thumbnail made beside the encode', () => {
  const scene = async (width: number, height: number) => {
    const { data, info } = await sharp(Buffer.from(sampleSceneSvg(width, height))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { raw: data, width: info.width, height: info.height, channels: 3 as const };
  };
  const pixels = async (jpeg: Buffer) => sharp(jpeg).raw().toBuffer({ resolveWithObject: true });

  it('is the whole print, border included, at the long side asked for, and what a reduction of the file shows', async () => {
    const frame = await scene(960, 720);
    // An instant print: its border makes the print another shape than the picture.
    const print = await developStill(frame, { lookId: 'moment-wide', seed: 3, dateStamp: null, thumbnail: { size: 200, quality: 80 } });
    const thumb = await pixels(print.thumbnail!);
    expect(Math.max(thumb.info.width, thumb.info.height)).toBe(200);
    expect(Math.abs(thumb.info.width / thumb.info.height - print.width / print.height)).toBeLessThan(0.02);
    const reduced = await sharp(print.data).resize(thumb.info.width, thumb.info.height, { fit: 'fill' }).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < reduced.length; i++) diff += Math.abs(reduced[i]! - thumb.data[i]!);
    // Grain reduced before and after JPEG compression: a few codes apart on average (a print without its
    // border, or another picture, is tens of codes off).
    expect(diff / reduced.length).toBeLessThan(5);
    // None asked for, none made; a thumbnail larger than the print is the print's size, never enlarged.
    expect((await developStill(frame, { lookId: 'moment-wide', seed: 3, dateStamp: null })).thumbnail).toBeUndefined();
    const small = await developStill(await scene(160, 90), { lookId: 'harbor-400', seed: 3, thumbnail: { size: 400, quality: 80 } });
    expect((await pixels(small.thumbnail!)).info.width).toBe(160);
  });

  it('refuses a size that is not a whole number of pixels from 16 to 4096, or a quality outside 1 to 100, before reading the picture', async () => {
    for (const size of [0, 15, 4097, 1.5, Number.NaN]) {
      await expect(developStill('/no/such/picture.jpg', { lookId: 'harbor-400', thumbnail: { size, quality: 80 } })).rejects.toMatchObject({ code: 'look.invalid-option', params: { option: 'thumbnail.size' } });
    }
    for (const quality of [0, 101, 79.5]) {
      await expect(developStill('/no/such/picture.jpg', { lookId: 'harbor-400', thumbnail: { size: 400, quality } })).rejects.toMatchObject({ code: 'look.invalid-option', params: { option: 'thumbnail.quality' } });
    }
  });

  it('is encoded at the quality asked for', async () => {
    const frame = await scene(960, 720);
    const low = await developStill(frame, { lookId: 'harbor-400', seed: 3, dateStamp: null, thumbnail: { size: 400, quality: 30 } });
    const high = await developStill(frame, { lookId: 'harbor-400', seed: 3, dateStamp: null, thumbnail: { size: 400, quality: 95 } });
    // The same pixels at a much lower quality make a much smaller file.
    expect(low.thumbnail!.length).toBeLessThan(high.thumbnail!.length / 2);
  });
});
