// A shot's EXIF is written by the encoder as it encodes (no exiftool round trip): the file must say exactly
// what the exiftool path wrote into the same pixels, read back by exiftool.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/index.ts';
import { developStill, stopKernelWorkers } from '../looks/index.ts';
import { closeMetadata, readMetadata, recordTags, writeRecord } from '../metadata/index.ts';
import { shoot, shotExif, shotMetadata } from './shoot.ts';

let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-shoot-'));
  library = await openLibrary({ root: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
});
afterAll(async () => {
  library.close();
  await Promise.all([closeMetadata(), stopKernelWorkers()]);
  await rm(dir, { recursive: true, force: true });
});

/** exiftool's group names for the tags recordTags writes through exiftool (EXIF:Make is read as IFD0:Make). */
function readName(tag: string, tags: Record<string, unknown>): string | undefined {
  const name = tag.split(':')[1]!;
  return Object.keys(tags).find((key) => key.endsWith(`:${name}`) && !key.startsWith('Composite:') && !key.startsWith('File:'));
}

describe('a shot carries its metadata from the encoder', () => {
  it('has every tag the exiftool path writes, with the same values, and sRGB declared', async () => {
    const raw = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#6a8caf' } }).raw().toBuffer();
    // Milliseconds: the part a formatter gets wrong first.
    const takenAt = new Date(Date.UTC(2026, 2, 14, 9, 26, 53, 589));
    const item = await shoot({ library, frame: { raw, width: 640, height: 360, channels: 3, at: takenAt }, lookId: 'harbor-400', seed: 3 });
    const file = path.join(dir, 'library', item.relPath);
    const embedded = await readMetadata(file);

    const record = shotMetadata(takenAt, 'Harbor 400');
    const reference = path.join(dir, 'reference.jpg');
    await sharp(raw, { raw: { width: 640, height: 360, channels: 3 } }).jpeg().toFile(reference);
    await writeRecord(reference, record);
    const expected = await readMetadata(reference);

    const written = Object.keys(recordTags('photo', record));
    expect(written.length).toBeGreaterThanOrEqual(9);
    for (const tag of written) {
      const want = readName(tag, expected);
      const got = readName(tag, embedded);
      expect(got, tag).toBe(want);
      expect(embedded[got!], tag).toEqual(expected[want!]);
    }
    expect(embedded['IFD0:Model']).toBe('Harbor 400');
    expect(embedded['ExifIFD:ColorSpace']).toBe(1);
  });

  it('brings its album thumbnail along, made from the print: in the cache before any request, and the picture the album would make from the photo', async () => {
    const raw = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#b0704a' } })
      .composite([{ input: Buffer.from('<svg width="1280" height="720"><circle cx="400" cy="300" r="200" fill="#eee"/><rect x="800" y="100" width="300" height="500" fill="#124"/></svg>') }])
      .removeAlpha()
      .raw()
      .toBuffer();
    const takenAt = new Date(Date.UTC(2026, 4, 2, 18, 5, 7, 12));
    const stages: string[] = [];
    const item = await shoot({ library, frame: { raw, width: 1280, height: 720, channels: 3, at: takenAt }, lookId: 'harbor-400', seed: 11, onStage: (stage) => stages.push(stage) });
    expect(stages.sort()).toEqual(['develop', 'file', 'original']);
    const cached = path.join(dir, 'data', 'thumbs', `${item.id}.jpg`);
    const brought = await readFile(cached);
    // The album's own way (the first request for an item without one), from the filed photo.
    await rm(cached);
    const made = await readFile(await library.mediaPath(item.id, 'thumb'));
    const pixels = async (jpeg: Buffer) => sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const [a, b] = await Promise.all([pixels(brought), pixels(made)]);
    expect([a.info.width, a.info.height]).toEqual([400, 225]);
    expect([b.info.width, b.info.height]).toEqual([400, 225]);
    // Made before the JPEG encode rather than after it: the two differ by compression noise only.
    let diff = 0;
    for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i]! - b.data[i]!);
    expect(diff / a.data.length).toBeLessThan(2);
    // The file is exactly what developStill gives for this frame and seed: filing changed nothing.
    const alone = await developStill({ raw, width: 1280, height: 720, channels: 3 }, { lookId: 'harbor-400', seed: 11, dateStamp: takenAt, format: 'jpeg', quality: 92, optimiseCoding: false, exif: shotExif(takenAt, 'Harbor 400') });
    expect((await readFile(path.join(dir, 'library', item.relPath))).equals(alone.data)).toBe(true);
  });
});
