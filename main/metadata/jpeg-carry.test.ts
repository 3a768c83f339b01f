// The JPEG splice, read back by exiftool, against its source and against exiftool doing the batch's copy
// (METADATA_COPY_ARGS, the fallback): a rich source (EXIF in both byte orders with GPS and a thumbnail, XMP,
// IPTC, a comment, turned 90 degrees) keeps every tag, upright, with no trace of the thumbnail, and its EXIF
// reads as exiftool's copy's does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import fc from 'fast-check';
import { ExifTool, type Tags } from 'exiftool-vendored';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_COPY_ARGS } from '../looks/batch.ts';
import { carryJpegMetadata, readJpegMetadata, uprightExif } from './jpeg-carry.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ds-carry-'));
const exiftool = new ExifTool({ maxProcs: 1 });
let thumbnail: Buffer;
let developed: Buffer;

beforeAll(async () => {
  // A thumbnail with its own look, so its bytes can be searched for afterwards.
  thumbnail = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#c03020', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  writeFileSync(path.join(dir, 'thumb.jpg'), thumbnail);
  // What the encoder gives a develop: pixels and a JFIF header, no metadata.
  developed = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#406080' } }).jpeg({ quality: 90 }).toBuffer();
});

afterAll(async () => {
  await exiftool.end();
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

async function richSource(name: string, byteOrder: 'II' | 'MM'): Promise<string> {
  const file = path.join(dir, name);
  await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } }).jpeg().toFile(file);
  await exiftool.write(
    file,
    {
      Make: 'TestMaker',
      Model: 'T-1',
      Orientation: 6,
      DateTimeOriginal: '2026:05:04 10:20:30',
      OffsetTimeOriginal: '+01:00',
      'XMP:Title': 'Holiday',
      'XMP:Subject': ['sea', 'sun'],
      'XMP-tiff:Orientation': 6,
      'IPTC:City': 'Lisbon',
      'IPTC:Keywords': ['beach'],
      Comment: 'a comment',
    } as never,
    { writeArgs: ['-overwrite_original', `-ExifByteOrder=${byteOrder}`, `-ThumbnailImage<=${path.join(dir, 'thumb.jpg')}`, '-n'] },
  );
  await exiftool.write(file, { GPSLatitude: 38.7075, GPSLatitudeRef: 'N', GPSLongitude: -9.1364, GPSLongitudeRef: 'W' }, { writeArgs: ['-overwrite_original'] });
  return file;
}

/** Every tag exiftool reads, by group, less what describes the file rather than its metadata. */
async function tagsOf(file: string): Promise<Record<string, unknown>> {
  const tags = (await exiftool.read(file, { readArgs: ['-a', '-G1', '-n'] })) as Tags & Record<string, unknown>;
  return Object.fromEntries(Object.entries(tags).filter(([key]) => (/^(IFD0|ExifIFD|GPS|IFD1|IPTC|XMP-\w+|Photoshop|InteropIFD):/.test(key) || key === 'File:Comment')));
}

describe('a JPEG develop carries its source metadata as exiftool would copy it', () => {
  for (const order of ['II', 'MM'] as const) {
    it(`EXIF (${order === 'II' ? 'little' : 'big'}-endian), GPS, XMP, IPTC and the comment: the same tags, upright, no thumbnail`, async () => {
      const source = await richSource(`rich-${order}.jpg`, order);
      const before = await tagsOf(source);
      expect(before['IFD0:Orientation']).toBe(6);
      expect(before['IFD1:ThumbnailLength']).toBe(thumbnail.length);

      const blocks = await readJpegMetadata(source);
      expect(blocks).not.toBeNull();
      const spliced = carryJpegMetadata(developed, blocks!);
      expect(spliced).not.toBeNull();
      const ours = path.join(dir, `ours-${order}.jpg`);
      writeFileSync(ours, spliced!);

      const reference = path.join(dir, `reference-${order}.jpg`);
      writeFileSync(reference, developed);
      await exiftool.write(reference, {}, { writeArgs: ['-overwrite_original', '-tagsFromFile', source, ...METADATA_COPY_ARGS] });

      const [got, copied] = await Promise.all([tagsOf(ours), tagsOf(reference)]);
      // Every tag of the source, less the thumbnail's directory, with the orientation made upright.
      const upright = Object.fromEntries(Object.entries(before).filter(([key]) => !key.startsWith('IFD1:')));
      expect(got).toEqual({ ...upright, 'IFD0:Orientation': 1, 'XMP-tiff:Orientation': 1 });
      // The EXIF directories as exiftool's copy has them (its XMP and IPTC differ: it rewrites some, see jpeg-carry.ts).
      const exif = (tags: Record<string, unknown>) => Object.fromEntries(Object.entries(tags).filter(([key]) => /^(IFD0|ExifIFD|GPS|InteropIFD):/.test(key)));
      expect(exif(got)).toEqual(exif(copied));
      expect(got['IFD0:Orientation']).toBe(1);
      expect(got['XMP-tiff:Orientation']).toBe(1);
      expect(got['GPS:GPSLatitude']).toBeCloseTo(38.7075, 4);
      expect(got['GPS:GPSLongitudeRef']).toBe('W');
      expect(got['IPTC:City']).toBe('Lisbon');
      expect(got['File:Comment']).toBe('a comment');
      expect(Object.keys(got).filter((key) => key.startsWith('IFD1:'))).toEqual([]);
      // No copy of the undeveloped picture: the thumbnail's bytes are nowhere in the file.
      expect(readFileSync(ours).indexOf(thumbnail.subarray(200, 264))).toBe(-1);
      // The pixels are the encoder's, untouched.
      const [a, b] = await Promise.all([sharp(spliced!).raw().toBuffer(), sharp(developed).raw().toBuffer()]);
      expect(a.equals(b)).toBe(true);
    });
  }

  it('gives way to exiftool where a splice would not be faithful: not a JPEG, extended XMP, an unreadable EXIF block', async () => {
    const png = path.join(dir, 'plain.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toFile(png);
    expect(await readJpegMetadata(png)).toBeNull();
    expect(carryJpegMetadata(developed, { exif: Buffer.from('Exif\0\0XX*\0', 'latin1') })).toBeNull();
    const head = Buffer.from([0xff, 0xd8]);
    const extension = Buffer.from('http://ns.adobe.com/xmp/extension/\0' + 'x'.repeat(40), 'latin1');
    const app1 = Buffer.alloc(4);
    app1[0] = 0xff;
    app1[1] = 0xe1;
    app1.writeUInt16BE(extension.length + 2, 2);
    const extended = path.join(dir, 'extended.jpg');
    writeFileSync(extended, Buffer.concat([head, app1, extension, developed.subarray(2)]));
    expect(await readJpegMetadata(extended)).toBeNull();
    // A block too large for one segment.
    expect(carryJpegMetadata(developed, { xmp: Buffer.alloc(70_000, 0x20) })).toBeNull();
  });

  it('a source without metadata gives the encoder\'s file as it is', async () => {
    const bare = path.join(dir, 'bare.jpg');
    writeFileSync(bare, developed);
    expect(carryJpegMetadata(developed, (await readJpegMetadata(bare))!)).toBe(developed);
  });

  it('a damaged source never throws: any bytes after an EXIF header give a block or null, any file head a list or null', async () => {
    const tiffHead = fc.constantFrom(Buffer.from('II*\0', 'latin1'), Buffer.from('MM\0*', 'latin1'));
    fc.assert(
      fc.property(tiffHead, fc.uint8Array({ maxLength: 400 }), fc.nat(400), (head, body, ifd) => {
        const tiff = Buffer.concat([head, Buffer.alloc(4), Buffer.from(body)]);
        if (head[0] === 0x49) tiff.writeUInt32LE(ifd, 4);
        else tiff.writeUInt32BE(ifd, 4);
        const block = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
        const out = uprightExif(block);
        return out === null || out.length === block.length;
      }),
      { numRuns: 2000 },
    );
    const real = readFileSync(await richSource('fuzz.jpg', 'II')).subarray(0, 3000);
    const file = path.join(dir, 'damaged.jpg');
    await fc.assert(
      fc.asyncProperty(fc.nat(real.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }), async (at, bytes) => {
        // A head cut short or with a few bytes changed: what a half-copied card gives.
        writeFileSync(file, Buffer.concat([real.subarray(0, at), Buffer.from(bytes)]));
        const blocks = await readJpegMetadata(file);
        if (blocks) carryJpegMetadata(developed, blocks);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
