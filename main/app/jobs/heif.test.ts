// The HEIF decoder in its worker thread, on real HEIC files made here with heif-enc: the pixels are libheif's
// (compared with heic-decode run inline, as the import job did before) and close to the picture encoded.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- heic-decode has no types
/// <reference path="./heic-decode.d.ts" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import decodeHeic from 'heic-decode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DarkslideError } from '../../shared/errors/index.ts';
import { decodeHeif, stopHeifDecoder } from './heif.ts';

const work = mkdtempSync(path.join(tmpdir(), 'ds-heif-'));
const pictures: Record<string, { heic: Buffer; rgb: Buffer; width: number; height: number }> = {};

/** A picture whose every row and column differs (a channel or stride mix-up shows), encoded to HEIC. */
async function make(name: string, width: number, height: number): Promise<void> {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      rgb[o] = Math.round((x / width) * 255);
      rgb[o + 1] = Math.round((y / height) * 255);
      rgb[o + 2] = 60;
    }
  }
  const png = path.join(work, `${name}.png`);
  await sharp(rgb, { raw: { width, height, channels: 3 } }).png().toFile(png);
  const heic = path.join(work, `${name}.heic`);
  execFileSync('heif-enc', ['-q', '95', '-o', heic, png], { stdio: 'ignore' });
  pictures[name] = { heic: readFileSync(heic), rgb, width, height };
}

beforeAll(async () => {
  await make('wide', 320, 200);
  await make('tall', 144, 256);
}, 60_000);

afterAll(async () => {
  await stopHeifDecoder();
  rmSync(work, { recursive: true, force: true });
});

describe('decodeHeif (libheif in a worker thread)', () => {
  it("gives libheif's own pixels as RGB, close to the picture that was encoded, and leaves the caller's bytes alone", async () => {
    const { heic, rgb, width, height } = pictures.wide!;
    const kept = Buffer.from(heic);
    const decoded = await decodeHeif(heic, 'wide.heic');
    expect({ width: decoded.width, height: decoded.height, channels: decoded.channels, bytes: decoded.raw.length }).toEqual({ width, height, channels: 3, bytes: width * height * 3 });
    const inline = await decodeHeic({ buffer: heic });
    const expected = Buffer.alloc(width * height * 3);
    for (let p = 0; p < width * height; p++) {
      expected[p * 3] = inline.data[p * 4]!;
      expected[p * 3 + 1] = inline.data[p * 4 + 1]!;
      expected[p * 3 + 2] = inline.data[p * 4 + 2]!;
    }
    expect(decoded.raw.equals(expected)).toBe(true);
    let diff = 0;
    for (let i = 0; i < rgb.length; i++) diff += Math.abs(decoded.raw[i]! - rgb[i]!);
    expect(diff / rgb.length).toBeLessThan(4);
    expect(heic.equals(kept)).toBe(true);
  });

  it('answers decodes asked for at once each with its own picture', async () => {
    const [wide, tall] = await Promise.all([decodeHeif(pictures.wide!.heic, 'wide.heic'), decodeHeif(pictures.tall!.heic, 'tall.heic')]);
    expect([wide.width, wide.height, tall.width, tall.height]).toEqual([320, 200, 144, 256]);
    // The tall picture's top-left is dark red-green, its bottom-left green: its own pixels, not the wide one's.
    const last = (tall.height - 1) * tall.width * 3;
    expect(tall.raw[last + 1]!).toBeGreaterThan(230);
  });

  it('refuses what is not a HEIF file with the file named, and the next decode still works', async () => {
    const error = await decodeHeif(Buffer.from('not a heic at all, just text'), 'broken.heic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DarkslideError);
    expect(error).toMatchObject({ code: 'develop.not-a-photo', params: { file: 'broken.heic' } });
    expect((await decodeHeif(pictures.tall!.heic, 'tall.heic')).width).toBe(144);
  });

  it('a decoder that goes down mid-decode says so, naming the file, instead of calling it not a photo', async () => {
    const decoding = decodeHeif(pictures.wide!.heic, 'wide.heic').catch((e: unknown) => e);
    // What an out-of-memory end of the worker looks like from here: the thread exits with the decode unanswered.
    await stopHeifDecoder();
    expect(await decoding).toMatchObject({ code: 'develop.decoder-crashed', params: { file: 'wide.heic' } });
  });

  it('starts a new worker for a decode after it was stopped', async () => {
    await decodeHeif(pictures.wide!.heic, 'wide.heic');
    await stopHeifDecoder();
    const again = await decodeHeif(pictures.wide!.heic, 'wide.heic');
    expect(again.width).toBe(320);
  });
});
