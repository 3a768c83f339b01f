// Every location tag Darkslide writes, read back by tools that share no code with the writer: Debian's exiftool
// (12.57, a separate build from exiftool-vendored's 13.x), exiv2 for photos, ffprobe for videos.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import {
  applyPolicy,
  auditMetadata,
  closeMetadata,
  readLocation,
  readMetadata,
  restoreLocation,
  snapshotFromTags,
  writeLocation,
  writeRecord,
  type MetadataPolicy,
  type MetadataRecord,
} from './index.ts';

function debianExiftool(file: string): Record<string, unknown> {
  return (JSON.parse(execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-n', '-j', file], { encoding: 'utf8' })) as Record<string, unknown>[])[0]!;
}

/** exiv2's raw values ("-Pkv"): key → value text. */
function exiv2(file: string): Record<string, string> {
  let text: string;
  try {
    text = execFileSync('/usr/bin/exiv2', ['-Pkv', file], { encoding: 'utf8' });
  } catch (error) {
    // exiv2 exits 253 when a file has no metadata of a kind; its stdout is still the answer.
    text = String((error as { stdout?: string }).stdout ?? '');
  }
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** "33/1 52/1 192/25" → 33.8688 */
function rationalDms(text: string | undefined): number {
  const [d, m, s] = (text ?? '').split(' ').map((part) => {
    const [a, b] = part.split('/').map(Number);
    return a! / b!;
  });
  return d! + m! / 60 + s! / 3600;
}

/** XMP "33,52.128S" → -33.8688 */
function xmpDegrees(text: string | undefined): number {
  const m = /^(\d+),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])$/.exec(text ?? '');
  if (!m) return Number.NaN;
  const value = Number(m[1]) + Number(m[2]) / 60 + Number(m[3] ?? 0) / 3600;
  return /[SW]/.test(m[4]!) ? -value : value;
}

function ffprobeTags(file: string): Record<string, string> {
  const json = execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', file], { encoding: 'utf8' });
  return (JSON.parse(json) as { format?: { tags?: Record<string, string> } }).format?.tags ?? {};
}

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('metadata-location');
});
afterAll(async () => {
  await closeMetadata();
  dir.remove();
});

async function photo(name: string, format: 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' = 'jpeg'): Promise<string> {
  const file = join(dir.path, name);
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#446688' } }).toFormat(format).toFile(file);
  return file;
}

/** A short MP4; `clean` as an export makes one: bitexact, so ffmpeg writes no Encoder tag of its own. */
function mp4(name: string, clean = false): string {
  const file = join(dir.path, name);
  const bitexact = clean ? ['-fflags', '+bitexact', '-flags:v', '+bitexact'] : [];
  execFileSync('/usr/bin/ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=10', '-t', '0.3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...bitexact, file]);
  return file;
}

// Sydney Opera House, below sea level for the sake of the altitude ref, 8 m accuracy, fix at a known instant.
const sydney = { latitude: -33.856784, longitude: 151.215297, altitude: -12.5, accuracy: 8, fixTime: new Date('2024-05-01T10:20:30.500Z') };

describe('a photo geotagged in place', () => {
  it('gets EXIF GPS with refs, altitude, accuracy, datum and fix time, and XMP GPS: read back by exiftool and exiv2', async () => {
    const file = await photo('sydney.jpg');
    await writeRecord(file, { capture: { takenAt: new Date('2024-05-01T10:20:30.500Z'), utcOffsetMinutes: 600 }, device: { make: 'Darkslide', model: 'Harbor 400' } });
    await writeLocation(file, sydney);

    const et = debianExiftool(file);
    expect(et['GPS:GPSLatitudeRef']).toBe('S');
    expect(et['GPS:GPSLatitude']).toBeCloseTo(33.856784, 6);
    expect(et['GPS:GPSLongitudeRef']).toBe('E');
    expect(et['GPS:GPSLongitude']).toBeCloseTo(151.215297, 6);
    expect(et['GPS:GPSAltitudeRef']).toBe(1);
    expect(et['GPS:GPSAltitude']).toBeCloseTo(12.5, 6);
    expect(et['GPS:GPSHPositioningError']).toBe(8);
    expect(et['GPS:GPSMapDatum']).toBe('WGS-84');
    expect(et['GPS:GPSDateStamp']).toBe('2024:05:01');
    expect(et['GPS:GPSTimeStamp']).toBe('10:20:30.5');
    expect(et['GPS:GPSVersionID']).toBe('2 3 0 0');
    expect(et['XMP-exif:GPSLatitude']).toBeCloseTo(-33.856784, 6);
    expect(et['XMP-exif:GPSLongitude']).toBeCloseTo(151.215297, 6);
    expect(et['XMP-exif:GPSAltitude']).toBeCloseTo(12.5, 6);
    expect(et['XMP-exif:GPSAltitudeRef']).toBe(1);
    expect(et['XMP-exif:GPSHPositioningError']).toBe(8);
    expect(et['XMP-exif:GPSDateTime']).toBe('2024:05:01 10:20:30.500Z');
    // What was there before is untouched.
    expect(et['ExifIFD:DateTimeOriginal']).toBe('2024:05:01 20:20:30');
    expect(et['IFD0:Model']).toBe('Harbor 400');

    const ex = exiv2(file);
    expect(ex['Exif.GPSInfo.GPSLatitudeRef']).toBe('S');
    expect(rationalDms(ex['Exif.GPSInfo.GPSLatitude'])).toBeCloseTo(33.856784, 6);
    expect(ex['Exif.GPSInfo.GPSLongitudeRef']).toBe('E');
    expect(rationalDms(ex['Exif.GPSInfo.GPSLongitude'])).toBeCloseTo(151.215297, 6);
    expect(ex['Exif.GPSInfo.GPSAltitudeRef']).toBe('1');
    expect(ex['Exif.GPSInfo.GPSAltitude']).toMatch(/^25\/2$|^12\.5/);
    expect(ex['Exif.GPSInfo.GPSHPositioningError']).toBe('8/1');
    expect(ex['Exif.GPSInfo.GPSMapDatum']).toBe('WGS-84');
    expect(ex['Exif.GPSInfo.GPSDateStamp']).toBe('2024:05:01');
    expect(xmpDegrees(ex['Xmp.exif.GPSLatitude'])).toBeCloseTo(-33.856784, 5);
    expect(xmpDegrees(ex['Xmp.exif.GPSLongitude'])).toBeCloseTo(151.215297, 5);
    expect(ex['Xmp.exif.GPSHPositioningError']).toBe('8/1');

    expect(await readLocation(file)).toMatchObject({ latitude: expect.closeTo(-33.856784, 6), longitude: expect.closeTo(151.215297, 6), altitude: expect.closeTo(-12.5, 6), accuracy: 8 });
  });

  it('writes no altitude or accuracy tags when they are not known, and replaces an older location whole', async () => {
    const file = await photo('replace.jpg');
    await writeLocation(file, sydney);
    await writeLocation(file, { latitude: 38.7139, longitude: -9.1394 });
    const et = debianExiftool(file);
    expect(et['GPS:GPSLatitudeRef']).toBe('N');
    expect(et['GPS:GPSLongitudeRef']).toBe('W');
    expect(et['XMP-exif:GPSLongitude']).toBeCloseTo(-9.1394, 6);
    for (const gone of ['GPS:GPSAltitude', 'GPS:GPSAltitudeRef', 'GPS:GPSHPositioningError', 'GPS:GPSDateStamp', 'XMP-exif:GPSAltitude', 'XMP-exif:GPSHPositioningError', 'XMP-exif:GPSDateTime']) {
      expect(et[gone], gone).toBeUndefined();
    }
  });

  it('undo puts back exactly the location tags there were (an older location, or none)', async () => {
    const had = await photo('had.jpg');
    await writeLocation(had, { latitude: 48.8584, longitude: 2.2945, altitude: 35 });
    const before = debianExiftool(had);
    const snapshot = snapshotFromTags(had, await readMetadata(had));
    await writeLocation(had, sydney);
    expect(debianExiftool(had)['GPS:GPSLatitudeRef']).toBe('S');
    await restoreLocation(had, snapshot);
    const after = debianExiftool(had);
    for (const key of Object.keys({ ...before, ...after }).filter((key) => /^(GPS|XMP-exif):/.test(key))) {
      if (typeof before[key] === 'number') expect(after[key], key).toBeCloseTo(before[key], 7);
      else expect(after[key], key).toEqual(before[key]);
    }

    const none = await photo('none.jpg');
    const empty = snapshotFromTags(none, await readMetadata(none));
    await writeLocation(none, sydney);
    await restoreLocation(none, empty);
    expect(Object.keys(debianExiftool(none)).filter((key) => /GPS/.test(key))).toEqual([]);
  });
});

describe('a video geotagged in place', () => {
  it('gets Keys and UserData GPSCoordinates (ISO 6709, 5 decimals) and XMP: read back by exiftool and ffprobe', async () => {
    const file = mp4('clip.mp4');
    await writeLocation(file, { latitude: 38.7139123, longitude: -9.1394456, altitude: 12, accuracy: 30 });
    const et = debianExiftool(file);
    // exiftool -n gives "lat lon alt".
    expect(String(et['Keys:GPSCoordinates']).split(' ').map(Number)).toEqual([38.71391, -9.13945, 12]);
    expect(String(et['UserData:GPSCoordinates']).split(' ').map(Number)).toEqual([38.71391, -9.13945, 12]);
    expect(Number(et['Keys:LocationAccuracyHorizontal'])).toBe(30);
    expect(et['XMP-exif:GPSLatitude']).toBeCloseTo(38.7139123, 6);
    expect(et['XMP-exif:GPSLongitude']).toBeCloseTo(-9.1394456, 6);
    expect(et['XMP-exif:GPSAltitude']).toBe(12);

    const probe = ffprobeTags(file);
    // ffprobe shows the Keys atom under its key, and the ©xyz user data as `location`: the raw ISO 6709 text.
    expect(probe['com.apple.quicktime.location.ISO6709']).toBe('+38.71391-009.13945+12.000/');
    expect(probe['location']).toBe('+38.71391-009.13945+12.000/');
    for (const value of [probe['com.apple.quicktime.location.ISO6709'], probe['location']]) {
      for (const part of value!.match(/[+-][\d.]+/g)!) expect((part.split('.')[1] ?? '').length).toBeLessThanOrEqual(5);
    }
    // Still a playable video.
    execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
  });

  it('undo removes them again', async () => {
    const file = mp4('undo.mp4');
    const snapshot = snapshotFromTags(file, await readMetadata(file));
    await writeLocation(file, { latitude: 1, longitude: 2 });
    await restoreLocation(file, snapshot);
    expect(Object.keys(debianExiftool(file)).filter((key) => /GPS|Location/.test(key))).toEqual([]);
    expect(Object.keys(ffprobeTags(file)).filter((key) => /location/i.test(key))).toEqual([]);
  });
});

describe('records written by construction, per export policy', () => {
  const full: MetadataRecord = {
    capture: { takenAt: new Date('2024-05-01T10:20:30.500Z'), utcOffsetMinutes: 60 },
    device: { make: 'Darkslide', model: 'Harbor 400' },
    software: 'Darkslide 0.1.0',
    description: 'Tram 28',
    location: { latitude: 38.713912, longitude: -9.139446, altitude: 80, accuracy: 6 },
  };
  const policies: MetadataPolicy[] = ['keep', 'no-location', 'coarse', 'none'];
  const formats = ['jpeg', 'png', 'webp', 'tiff', 'avif'] as const;

  for (const format of formats) {
    it(`${format}: each policy's file holds exactly what the policy allows`, async () => {
      for (const policy of policies) {
        const file = await photo(`${policy}.${format === 'jpeg' ? 'jpg' : format}`, format);
        const record = applyPolicy(full, policy);
        await writeRecord(file, record);
        expect(await auditMetadata(file, record), `${format} ${policy}`).toEqual([]);
        const et = debianExiftool(file);
        const text = JSON.stringify(et);
        const lat = et['Composite:GPSLatitude'] as number | undefined;
        if (policy === 'keep') expect(lat).toBeCloseTo(38.713912, 6);
        if (policy === 'coarse') {
          // Within a kilometre, but not the flat: not the same to 4 decimals (11 m).
          expect(Math.abs(lat! - 38.713912)).toBeLessThan(0.009);
          expect(Math.round(lat! * 1e4)).not.toBe(Math.round(38.713912 * 1e4));
          expect(text).not.toMatch(/38\.7139|9\.1394/);
        }
        if (policy === 'no-location' || policy === 'none') expect(Object.keys(et).filter((key) => /GPS|Location/.test(key))).toEqual([]);
        if (policy === 'none') expect(text).not.toMatch(/2024|Darkslide|Harbor|Tram/);
        else expect(text).toMatch(/Harbor 400/);
      }
    });
  }

  it('mp4: each policy likewise, and the audit catches a location the record does not allow', async () => {
    for (const policy of policies) {
      const file = mp4(`${policy}.mp4`, true);
      const record = applyPolicy(full, policy);
      await writeRecord(file, record);
      expect(await auditMetadata(file, record), policy).toEqual([]);
      const tags = ffprobeTags(file);
      if (policy === 'keep') expect(tags['location']).toBe('+38.71391-009.13945+80.000/');
      if (policy === 'coarse') expect(tags['location']).toMatch(/^\+38\.71\d{1,3}-009\.1\d{2,4}\/$/);
      if (policy === 'no-location' || policy === 'none') expect(Object.keys(tags).filter((key) => /location/i.test(key))).toEqual([]);
    }
    // Without bitexact, ffmpeg signs the file (ItemList:Encoder): the audit reports it as software.
    expect((await auditMetadata(mp4('signed.mp4'), {})).map((finding) => [finding.tag, finding.kind])).toEqual([['ItemList:Encoder', 'software']]);
    const leaky = mp4('leaky.mp4', true);
    await writeRecord(leaky, full);
    const findings = await auditMetadata(leaky, applyPolicy(full, 'no-location'));
    expect(findings.map((finding) => finding.tag)).toEqual(expect.arrayContaining(['Keys:GPSCoordinates', 'UserData:GPSCoordinates', 'XMP-exif:GPSLatitude']));
    expect(findings.every((finding) => finding.kind === 'location')).toBe(true);
  });
});
