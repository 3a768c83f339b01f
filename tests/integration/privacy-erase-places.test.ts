// "Erase personal data but keep my photos" takes the location out of every file of the library (photos, videos,
// kept originals, the trash, thumbnails) and out of the catalog, through the app's own API on real services
// (SQLite, exiftool, files). The files are made by Debian's exiftool with location everywhere phones and apps put
// it, and read back with Debian's exiftool (a separate build from the one the app uses); the catalog is read
// with SQLite directly. A file exiftool cannot rewrite is named in the report and the others are still cleaned.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';
import { FIXTURE, LEAK, richJpeg, richVideo } from '../support/export-fixtures.ts';
import { numberedJpeg } from '../support/seed.ts';
import { tempDir } from '../support/temp.ts';

const work = tempDir('erase-places');
const libraryRoot = path.join(work.path, 'Pictures');
const dataDir = path.join(work.path, 'data');
const sources = path.join(work.path, 'sources');
let app: Darkslide;
let badFile: string;
let located: number;

type Report = {
  erased: string[];
  failed: unknown[];
  places: { files: number; rows: number; jobs: number; left: { path: string; error: { code: string; message: string } }[] };
};

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(method as never, input as never);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

/** Every regular file under the folders, as find(1) lists them. */
function filesUnder(...dirs: string[]): string[] {
  return dirs.flatMap((dir) => execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean)).sort();
}

const PLACE = /GPS|Location|City|Country|Province|State$|Sub-?location/i;
/** Per file, the tags stored in it that can place it, read by one run of Debian's exiftool: "group:name" → value. */
function placeTags(files: string[]): Map<string, Record<string, unknown>> {
  const all = JSON.parse(execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-n', '-j', ...files], { encoding: 'utf8' })) as Record<string, unknown>[];
  return new Map(
    all.map((tags) => [
      tags.SourceFile as string,
      Object.fromEntries(Object.entries(tags).filter(([key]) => !/^(System|File|ExifTool|SourceFile)/.test(key) && PLACE.test(key.split(':').pop()!))),
    ]),
  );
}

beforeAll(async () => {
  mkdirSync(sources, { recursive: true });
  app = await createDarkslide({ libraryRoot, dataDir, log: false });
  await call('privacy.decide', { accept: true, locale: 'en' });
  await call('privacy.setAge', { minor: false });
  const where = { latitude: FIXTURE.latitude, longitude: FIXTURE.longitude };
  const meta = { takenAt: new Date(FIXTURE.takenAt), lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, location: where };
  const { library } = app;
  const photo = await library.addFile({ kind: 'photo', sourceFile: await richJpeg(sources, 'photo.jpg'), keepSource: true, width: 640, height: 480, ...meta });
  // A shot whose undeveloped original (kept for re-developing) carries the location too.
  await library.addShot({ kind: 'photo', data: await numberedJpeg(1), ext: 'jpg', width: 360, height: 240, original: readFileSync(await richJpeg(sources, 'original.jpg')), ...meta });
  await library.addFile({ kind: 'video', sourceFile: await richVideo(sources, 'clip.mp4'), keepSource: true, width: 320, height: 240, durationSec: 1, ...meta });
  await library.addFile({ kind: 'video', sourceFile: await richVideo(sources, 'clip.mov'), keepSource: true, width: 320, height: 240, durationSec: 1, ...meta });
  const trashed = await library.addFile({ kind: 'photo', sourceFile: await richJpeg(sources, 'trashed.jpg'), keepSource: true, width: 640, height: 480, ...meta });
  await library.trash([trashed.id]);
  // A file exiftool cannot rewrite: its bytes are no JPEG any more.
  const bad = await library.addFile({ kind: 'photo', sourceFile: await richJpeg(sources, 'bad.jpg'), keepSource: true, width: 640, height: 480, ...meta });
  badFile = await library.mediaPath(bad.id, 'original');
  writeFileSync(badFile, 'not a picture any more');
  await app.media(photo.id, 'thumb');
  // A geotag run in the journal: its inputs are positions.
  await library.jobs.create({ id: 'geotag-1', kind: 'geotag', params: {}, batchKey: 'geotag-1', inputs: [], state: 'running', items: [{ input: { itemId: photo.id, name: 'photo.jpg', location: where }, label: 'photo.jpg' }] });
  await library.jobs.setState('geotag-1', 'finished');
  const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
  located = (db.prepare('SELECT COUNT(*) AS n FROM items WHERE latitude IS NOT NULL').get() as { n: number }).n;
  db.close();
}, 120_000);

afterAll(async () => {
  await app.close();
  work.remove();
});

describe('erase personal data, keep my photos', () => {
  test('the fixtures hold locations to begin with (so the check below can fail)', () => {
    const files = filesUnder(libraryRoot).filter((file) => file !== badFile);
    // The photo, the shot's original (its developed file has none), both videos, the trashed photo.
    const withPlace = [...placeTags(files)].filter(([, tags]) => Object.keys(tags).length > 0).map(([file]) => file);
    expect(files.length).toBe(6);
    expect(withPlace.length).toBe(5);
    expect(withPlace.some((file) => file.includes(`${path.sep}.originals${path.sep}`))).toBe(true);
    expect(withPlace.some((file) => file.includes(`${path.sep}.trash${path.sep}`))).toBe(true);
    expect(located).toBe(6);
  });

  test('every file and row loses its location; the file that cannot be rewritten is named; the photos stay', async () => {
    const report = await call<Report>('privacy.erase', { scope: 'personal' });
    expect(report.failed).toEqual([]);
    const files = filesUnder(libraryRoot, path.join(dataDir, 'thumbs'));
    // Every file of the library and the thumbnail, except the broken one, was rewritten and read back clean.
    expect(report.places.files).toBe(files.length - 1);
    expect(report.places.rows).toBe(located);
    expect(report.places.jobs).toBe(1);
    expect(report.places.left.map((entry) => [entry.path, entry.error.code])).toEqual([[badFile, 'metadata.write-failed']]);
    expect(report.places.left[0]!.error.message).toContain(badFile);
    const clean = files.filter((name) => name !== badFile);
    for (const [file, tags] of placeTags(clean)) expect(tags, file).toEqual({});
    expect(execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-j', ...clean], { encoding: 'utf8' })).not.toMatch(/LEAK-(IPTC-CITY|IPTC-SUBLOCATION|IPTC-STATE|IPTC-COUNTRY|XMP-CITY|XMP-LOCATION|KEYS-LOCATIONNAME|XMP-SHOWN-CITY|GPS-AREA|LOCI)/);
    // exiftool rewrote each file beside itself and renamed it over: no copy or temp file is left.
    expect(files.filter((file) => /_original$|_exiftool_tmp$/.test(file))).toEqual([]);
    // The pictures are still pictures, and still in the album.
    expect(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', files.find((file) => file.endsWith('.mov'))!], { encoding: 'utf8' })).toContain('video');
    expect((await app.library.album.layout({ trashed: false })).total).toBe(5);
    expect((await app.library.album.layout({ trashed: true })).total).toBe(1);
    const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM items WHERE latitude IS NOT NULL OR longitude IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'geotag'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM job_items').get()).toEqual({ n: 0 });
    db.close();
    expect(readdirSync(dataDir)).not.toContain('erase-pending.json');
    expect(readFileSync(path.join(dataDir, 'catalog.sqlite')).includes(LEAK)).toBe(false);
  });

  test('erasing again finds nothing more to clean and names the same broken file', async () => {
    const report = await call<Report>('privacy.erase', { scope: 'personal' });
    expect(report.places.rows).toBe(0);
    expect(report.places.left.map((entry) => entry.path)).toEqual([badFile]);
  });
});
