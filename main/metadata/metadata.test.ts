import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExifTool } from 'exiftool-vendored';
import {
  cameraTagsFromTags,
  closeMetadata,
  locationTagsIn,
  readMetadata,
  stripLocation,
  writeShotMetadata,
  type ShotMetadata,
} from './index.ts';

// Debian's exiftool (12.57) is an independent build: it checks what exiftool-vendored (13.x) wrote.
function debianExiftool(file: string): Record<string, unknown> {
  const json = execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-n', '-j', file], { encoding: 'utf8' });
  return (JSON.parse(json) as Record<string, unknown>[])[0]!;
}

function ffprobeTags(file: string): Record<string, string> {
  const json = execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', file], {
    encoding: 'utf8',
  });
  return ((JSON.parse(json) as { format?: { tags?: Record<string, string> } }).format?.tags ?? {}) as Record<string, string>;
}

let dir: string;

async function makeJpeg(name: string): Promise<string> {
  const file = join(dir, name);
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } }).jpeg({ quality: 90 }).toFile(file);
  return file;
}

function makeMp4(name: string, extraArgs: string[] = []): string {
  const file = join(dir, name);
  execFileSync('/usr/bin/ffmpeg', [
    '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=10', '-t', '0.3',
    ...extraArgs, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file,
  ]);
  return file;
}

const shot: ShotMetadata = {
  // 10:20:30.456 UTC is 12:20:30.456 at +02:00.
  takenAt: new Date('2026-06-01T10:20:30.456Z'),
  utcOffsetMinutes: 120,
  make: 'Darkslide',
  model: 'Portra Dream',
  software: 'Darkslide 0.1.0',
  imageDescription: 'A test shot',
  gps: { latitude: -33.8688, longitude: 151.2093, altitude: 12.5 },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ds-metadata-'));
});

afterAll(async () => {
  await closeMetadata();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeShotMetadata on a JPEG', () => {
  it('writes dates with offset and sub-seconds, camera tags and signed GPS, readable by both exiftools', async () => {
    const file = await makeJpeg('shot.jpg');
    await writeShotMetadata(file, shot);

    for (const tags of [await readMetadata(file), debianExiftool(file)]) {
      expect(tags['ExifIFD:DateTimeOriginal']).toBe('2026:06:01 12:20:30');
      expect(tags['ExifIFD:OffsetTimeOriginal']).toBe('+02:00');
      expect(String(tags['ExifIFD:SubSecTimeOriginal'])).toBe('456');
      expect(tags['Composite:SubSecDateTimeOriginal']).toBe('2026:06:01 12:20:30.456+02:00');
      expect(tags['IFD0:Make']).toBe('Darkslide');
      expect(tags['IFD0:Model']).toBe('Portra Dream');
      expect(tags['IFD0:Software']).toBe('Darkslide 0.1.0');
      expect(tags['IFD0:ImageDescription']).toBe('A test shot');
      expect(tags['GPS:GPSLatitudeRef']).toBe('S');
      expect(tags['GPS:GPSLongitudeRef']).toBe('E');
      expect(tags['Composite:GPSLatitude']).toBeCloseTo(-33.8688, 4);
      expect(tags['Composite:GPSLongitude']).toBeCloseTo(151.2093, 4);
      expect(tags['GPS:GPSAltitude']).toBeCloseTo(12.5, 3);
    }
    // The image itself survives the rewrite.
    const meta = await sharp(file).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
    expect(readdirSync(dir).filter((name) => name.endsWith('_original'))).toEqual([]);
  });

  it('uses the given offset, not the machine zone, for the wall-clock time (negative, half-hour offsets)', async () => {
    const file = await makeJpeg('offset.jpg');
    await writeShotMetadata(file, { ...shot, gps: null, utcOffsetMinutes: -(3 * 60 + 30), takenAt: new Date('2026-01-01T02:00:00.007Z') });
    const tags = debianExiftool(file);
    expect(tags['ExifIFD:DateTimeOriginal']).toBe('2025:12:31 22:30:00');
    expect(tags['ExifIFD:OffsetTimeOriginal']).toBe('-03:30');
    expect(String(tags['ExifIFD:SubSecTimeOriginal'])).toBe('007');
    expect(locationTagsIn(tags)).toEqual([]);
  });

  it('rejects bad input with an error naming the field', async () => {
    const file = await makeJpeg('bad.jpg');
    await expect(writeShotMetadata(file, { ...shot, takenAt: new Date('nope') })).rejects.toMatchObject({
      code: 'metadata.invalid',
      message: expect.stringContaining('takenAt'),
    });
    await expect(writeShotMetadata(file, { ...shot, gps: { latitude: 91, longitude: 0 } })).rejects.toMatchObject({
      code: 'metadata.invalid',
      message: expect.stringContaining('location.latitude'),
    });
    const missing = join(dir, 'missing.jpg');
    await expect(writeShotMetadata(missing, shot)).rejects.toMatchObject({ code: 'file.not-found' });
    await expect(readMetadata(missing)).rejects.toMatchObject({ code: 'file.not-found', message: expect.stringContaining(missing) });
  });

  it('reports a clear error when the file is not an image exiftool can write', async () => {
    const file = join(dir, 'not-a-photo.jpg');
    writeFileSync(file, 'hello, I am text');
    await expect(writeShotMetadata(file, shot)).rejects.toMatchObject({ code: 'metadata.write-failed', message: expect.stringContaining(file) });
  });
});

describe('cameraTagsFromTags (the viewer\'s camera data)', () => {
  it('reads a camera\'s EXIF as both exiftools give it, in a fixed order, leaving out what the file lacks', async () => {
    const file = join(dir, 'camera.jpg');
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#777' } })
      .withExif({ IFD0: { Make: 'Pentax ', Model: 'K-1 Mark II' }, IFD2: { ExposureTime: '1/250', FNumber: '56/10', ISOSpeedRatings: '200', FocalLength: '50/1', LensModel: 'HD FA 50mm' } })
      .jpeg()
      .toFile(file);
    const expected = [
      { name: 'make', value: 'Pentax' },
      { name: 'model', value: 'K-1 Mark II' },
      { name: 'lens', value: 'HD FA 50mm' },
      { name: 'exposureTime', value: 0.004 },
      { name: 'fNumber', value: 5.6 },
      { name: 'iso', value: 200 },
      { name: 'focalLength', value: 50 },
    ];
    expect(cameraTagsFromTags(await readMetadata(file))).toEqual(expected);
    expect(cameraTagsFromTags(debianExiftool(file))).toEqual(expected);
  });

  it('gives nothing for a file without camera data, and cuts text it only shows', () => {
    expect(cameraTagsFromTags({ 'File:FileSize': 1234, 'IFD0:Make': '  ', 'ExifIFD:FNumber': 0 })).toEqual([]);
    expect(cameraTagsFromTags({ 'IFD0:Artist': 'x'.repeat(2000) })).toEqual([{ name: 'artist', value: 'x'.repeat(500) }]);
  });
});

describe('stripLocation', () => {
  it('removes EXIF GPS, XMP GPS and IPTC/XMP place names from a JPEG', async () => {
    const file = await makeJpeg('located.jpg');
    await writeShotMetadata(file, shot);
    // Add the other places a location hides, with a separate exiftool so the module under test does not set them up.
    const helper = new ExifTool({ maxProcs: 1 });
    try {
      await helper.write(
        file,
        { 'XMP-exif:GPSLatitude': 48.8584, 'XMP-exif:GPSLongitude': 2.2945, 'XMP-photoshop:City': 'Paris', 'IPTC:City': 'Paris', 'XMP-iptcExt:LocationCreatedCity': 'Paris' } as never,
        { writeArgs: ['-overwrite_original'] },
      );
    } finally {
      await helper.end();
    }
    expect(locationTagsIn(debianExiftool(file)).length).toBeGreaterThan(5);

    await stripLocation(file);

    const after = debianExiftool(file);
    expect(locationTagsIn(after)).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/Paris|33\.868|151\.209|48\.858/);
    // Only location goes: the rest of the shot's metadata stays.
    expect(after['IFD0:Model']).toBe('Portra Dream');
    expect(after['ExifIFD:OffsetTimeOriginal']).toBe('+02:00');
    expect(readdirSync(dir).filter((name) => name.endsWith('_original'))).toEqual([]);
  });

  it('removes Keys/UserData/ItemList GPSCoordinates, loci and XMP GPS from an MP4 made by ffmpeg', async () => {
    // ffmpeg's `location` writes UserData location; writeShotMetadata adds Keys and UserData GPSCoordinates.
    const file = makeMp4('located.mp4', ['-metadata', 'location=+48.8584+002.2945/']);
    await writeShotMetadata(file, { ...shot, gps: { latitude: 48.8584, longitude: 2.2945, altitude: 35 } });
    const helper = new ExifTool({ maxProcs: 1 });
    try {
      await helper.write(file, { 'ItemList:GPSCoordinates': '48.8584, 2.2945', 'XMP-exif:GPSLatitude': 48.8584, 'XMP-exif:GPSLongitude': 2.2945, 'Keys:LocationName': 'Eiffel Tower' } as never, {
        writeArgs: ['-overwrite_original'],
      });
    } finally {
      await helper.end();
    }
    const before = debianExiftool(file);
    expect(before['Keys:GPSCoordinates']).toBeDefined();
    expect(before['UserData:GPSCoordinates']).toBeDefined();
    expect(before['ItemList:GPSCoordinates']).toBeDefined();
    expect(before['Keys:CreationDate']).toBe('2026:06:01 12:20:30.456+02:00');
    expect(Object.keys(ffprobeTags(file)).some((key) => /location/i.test(key))).toBe(true);

    await stripLocation(file);

    const after = debianExiftool(file);
    expect(locationTagsIn(after)).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/48\.858|2\.294|Eiffel/);
    expect(Object.entries(ffprobeTags(file)).filter(([key, value]) => /location|xyz/i.test(key) || /48\.85/.test(value))).toEqual([]);
    expect(after['Keys:Model']).toBe('Portra Dream');
    // The video still decodes after the rewrite.
    execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
  });

  it('is a no-op, not an error, on a file without location', async () => {
    const file = await makeJpeg('clean.jpg');
    await stripLocation(file);
    expect(locationTagsIn(await readMetadata(file))).toEqual([]);
  });
});

describe('closeMetadata', () => {
  it('ends the shared process and a later call starts a new one', async () => {
    const file = await makeJpeg('after-close.jpg');
    await closeMetadata();
    await closeMetadata();
    const tags = await readMetadata(file);
    expect(tags['File:ImageWidth']).toBe(64);
  });
});
