// develop.sample: the develop dialogs preview the chosen camera on the person's own photo (issue 14), through
// the real app (dispatcher, files domain, library, look engine, sharp). The photos are plain colours in known
// orientations, so a sample can be told apart from the stock sample picture and from each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';

let dir: string;
let app: Darkslide;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'darkslide-develop-sample-'));
  app = await createDarkslide({ libraryRoot: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(method as never, input as never);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

const photo = (width: number, height: number, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 92 }).toBuffer();
const RED_PORTRAIT = { width: 600, height: 900, colour: { r: 200, g: 70, b: 50 } };
const BLUE_LANDSCAPE = { width: 1200, height: 800, colour: { r: 40, g: 80, b: 210 } };

async function upload(name: string, data: Buffer): Promise<{ id: string }> {
  const { uploadId } = await call<{ uploadId: string }>('files.uploadBegin', { name, bytes: data.length });
  await call('files.uploadChunk', { uploadId, offset: 0, data: new Uint8Array(data) });
  return call('files.uploadEnd', { uploadId });
}

/** Size and mean colour of a sample's centre (frames and vignettes stay out of the mean). */
async function read(sample: { jpeg: Uint8Array; width: number; height: number }) {
  const image = sharp(Buffer.from(sample.jpeg));
  const { width, height, format } = await image.metadata();
  const centre = await image
    .extract({ left: Math.round(width * 0.35), top: Math.round(height * 0.35), width: Math.round(width * 0.3), height: Math.round(height * 0.3) })
    .stats();
  const [r, g, b] = centre.channels.map((channel) => channel.mean);
  return { width, height, format, r: r!, g: g!, b: b! };
}

describe('develop.sample', () => {
  test('a picture the page sends comes back through the camera, small, in its own orientation and colour', async () => {
    const picture = await photo(BLUE_LANDSCAPE.width, BLUE_LANDSCAPE.height, BLUE_LANDSCAPE.colour);
    const sample = await call<{ jpeg: Uint8Array; width: number; height: number }>('develop.sample', {
      lookId: 'harbor-400',
      subject: { picture: new Uint8Array(picture), name: 'lake.jpg' },
    });
    const seen = await read(sample);
    expect(seen.format).toBe('jpeg');
    expect({ width: seen.width, height: seen.height }).toEqual({ width: sample.width, height: sample.height });
    expect(Math.max(seen.width, seen.height)).toBeLessThanOrEqual(720);
    expect(seen.width).toBeGreaterThan(seen.height);
    expect(seen.b).toBeGreaterThan(seen.r + 40);
  });

  test('an album item is previewed from its kept original, and nothing is added to the album', async () => {
    const handle = await upload('portrait.jpg', await photo(RED_PORTRAIT.width, RED_PORTRAIT.height, RED_PORTRAIT.colour));
    const item = await call<{ id: string }>('develop.photo', { lookId: 'silverline-100', file: handle.id });
    const before = await call<{ items: unknown[] }>('library.list', {});
    const sample = await read(await call('develop.sample', { lookId: 'harbor-400', subject: { item: item.id } }));
    // Silverline is black and white: a red sample can only have come from the colour original.
    expect(sample.height).toBeGreaterThan(sample.width);
    expect(sample.r).toBeGreaterThan(sample.b + 40);
    expect((await call<{ items: unknown[] }>('library.list', {})).items.length).toBe(before.items.length);

    // A file the picker gave is read where it is.
    const fromFile = await read(await call('develop.sample', { lookId: 'harbor-400', subject: { file: handle.id } }));
    expect(fromFile.height).toBeGreaterThan(fromFile.width);
    expect(fromFile.r).toBeGreaterThan(fromFile.b + 40);
  });

  test('the strength slider changes the sample: none keeps the photo colour, full is the camera', async () => {
    const picture = new Uint8Array(await photo(900, 600, { r: 128, g: 128, b: 128 }));
    const none = await read(await call('develop.sample', { lookId: 'silverline-100', strength: 0, grain: 0, subject: { picture, name: 'grey.jpg' } }));
    const full = await read(await call('develop.sample', { lookId: 'nightreel-500t', strength: 1, grain: 0, subject: { picture, name: 'grey.jpg' } }));
    expect(Math.abs(none.r - none.b)).toBeLessThan(6);
    // A tungsten-balanced film pushes a grey card blue.
    expect(full.b - full.r).toBeGreaterThan(6);
  });

  test('what is not a photo is refused by name; a picture over the limit is refused by the contract', async () => {
    const result = await app.dispatch('develop.sample' as never, { lookId: 'harbor-400', subject: { picture: new Uint8Array(Buffer.from('not a picture at all')), name: 'notes.txt' } } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'develop.not-a-photo', message: expect.stringContaining('notes.txt') } });
    const tooBig = await app.dispatch('develop.sample' as never, { lookId: 'harbor-400', subject: { picture: new Uint8Array(5 * 1024 * 1024), name: 'huge.jpg' } } as never);
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
  });
});
