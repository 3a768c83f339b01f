// `darkslide location` and `darkslide geotag` as a user runs them: separate processes, real exiftool and
// SQLite, files read back with Debian's exiftool.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { darkslide } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';

function gps(file: string): { lat: number; lon: number } | null {
  const tags = (JSON.parse(execFileSync('/usr/bin/exiftool', ['-j', '-n', '-Composite:GPSLatitude', '-Composite:GPSLongitude', file], { encoding: 'utf8' })) as Record<string, number>[])[0]!;
  return tags.GPSLatitude === undefined ? null : { lat: tags.GPSLatitude, lon: tags.GPSLongitude! };
}

/** A straight walk north, one fix a minute, from `start` for an hour: latitude 38.7 + 0.001 per minute. */
function walk(start: number): string {
  const points = Array.from({ length: 61 }, (_, minute) => `<trkpt lat="${(38.7 + minute * 0.001).toFixed(4)}" lon="-9.14"><time>${new Date(start + minute * 60_000).toISOString()}</time></trkpt>`);
  return `<?xml version="1.0"?>\n<gpx version="1.1"><trk><trkseg>\n${points.join('\n')}\n</trkseg></trk></gpx>\n`;
}

describe('darkslide location', () => {
  const library = tempDir('location-cli');
  afterAll(() => library.remove());
  const lib = ['--library', library.path];
  beforeAll(() => agreeToPrivacyNotice(path.join(library.path, '.darkslide')));

  test('is off by default; set takes a town or coordinates; new shots get it; off stops it', { timeout: 240_000 }, async () => {
    const off = await darkslide('location', ...lib);
    expect(off.stdout).toContain('Location for new shots is off.');

    const set = await darkslide('location', 'set', 'Lisbon', ...lib, '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ attach: true, place: { name: 'Lisbon', country: 'PT' } });
    expect((await darkslide('location', ...lib)).stdout).toMatch(/New shots get Lisbon, Portugal \(38\.7\d+, -9\.1\d+\)/);

    const look = (JSON.parse((await darkslide('looks', '--json')).stdout) as { id: string }[])[0]!.id;
    // shoot --json prints a list, for one shot as for a burst.
    const [shot] = JSON.parse((await darkslide('shoot', '--device', 'demo', '--look', look, ...lib, '--json')).stdout) as { relPath: string }[];
    const where = gps(path.join(library.path, shot!.relPath));
    // Lisbon in GeoNames: 38.71667, -9.13333.
    expect(where?.lat).toBeCloseTo(38.7167, 3);
    expect(where?.lon).toBeCloseTo(-9.1333, 3);

    const south = await darkslide('location', 'set', '-33.8568,151.2153', ...lib, '--json');
    expect(JSON.parse(south.stdout)).toMatchObject({ attach: true, place: { latitude: -33.8568, longitude: 151.2153 } });

    expect((await darkslide('location', 'off', ...lib)).stdout).toContain('Location for new shots is off.');
    const [plain] = JSON.parse((await darkslide('shoot', '--device', 'demo', '--look', look, ...lib, '--json')).stdout) as { relPath: string }[];
    expect(gps(path.join(library.path, plain!.relPath))).toBeNull();
  });

  test('an unknown town or a bad position is refused with what to do', async () => {
    const nowhere = await darkslide('location', 'set', 'Atlantis Under The Sea', ...lib);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('No town or city called "Atlantis Under The Sea"');
    const bad = await darkslide('location', 'set', '95.1,200', ...lib);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"95.1,200" is not a position');
  });
});

describe('darkslide geotag', () => {
  const dir = tempDir('geotag-cli');
  const start = Date.UTC(2024, 4, 1, 9, 0, 0);
  let photo: string;
  const dataBefore = process.env.DARKSLIDE_DATA;
  beforeAll(async () => {
    // Runs for undo are kept in the data folder: a test's own, not the user's.
    process.env.DARKSLIDE_DATA = path.join(dir.path, 'data');
    writeFileSync(path.join(dir.path, 'walk.gpx'), walk(start));
    photo = path.join(dir.path, 'photo.jpg');
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#557799' } }).jpeg().toFile(photo);
    // Taken at 10:21:30 local (+01:00) by a camera 90 s slow: 09:23:00 UTC by the track = 23 minutes in.
    execFileSync('/usr/bin/exiftool', ['-q', '-overwrite_original', '-DateTimeOriginal=2024:05:01 10:21:30', '-OffsetTimeOriginal=+01:00', photo]);
  });
  afterAll(() => {
    if (dataBefore === undefined) delete process.env.DARKSLIDE_DATA;
    else process.env.DARKSLIDE_DATA = dataBefore;
    dir.remove();
  });

  test('tags a plain file in place, says from which fixes, keeps no backup unless asked, and undoes', async () => {
    const target = path.join(dir.path, 'a.jpg');
    copyFileSync(photo, target);
    const result = await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--offset', '+00:01:30', target, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { runId: string; results: { status: string; fixes: { ref: number }[]; refKind: string }[] };
    // Minute 23 is exactly a fix (line 3 + 23 = 26 in this file).
    expect(report.results[0]).toMatchObject({ status: 'tagged', refKind: 'line' });
    expect(report.results[0]!.fixes[0]!.ref).toBe(26);
    expect(gps(target)?.lat).toBeCloseTo(38.723, 6);
    expect(readdirSync(dir.path).filter((name) => name.endsWith('_original'))).toEqual([]);
    expect(readdirSync(path.join(dir.path, 'data', 'geotag-runs'))).toEqual([`${report.runId}.json`]);

    const undo = await darkslide('geotag', '--undo', report.runId);
    expect(undo.code).toBe(0);
    expect(gps(target)).toBeNull();
  });

  test('an undo that cannot restore every file says so per file and ends "partial", as develop and export do', async () => {
    const kept = path.join(dir.path, 'kept.jpg');
    const gone = path.join(dir.path, 'gone.jpg');
    copyFileSync(photo, kept);
    copyFileSync(photo, gone);
    const tagged = await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--offset', '+00:01:30', kept, gone, '--json');
    expect(tagged.code).toBe(0);
    const { runId } = JSON.parse(tagged.stdout) as { runId: string };
    rmSync(gone);
    const undo = await darkslide('geotag', '--undo', runId, '--json');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain('gone.jpg');
    const last = JSON.parse(undo.stderr.trim().split('\n').at(-1)!) as { error: { code: string; message: string } };
    expect(last.error).toEqual({ code: 'partial', message: '1 of 2 files could not be restored.' });
    expect(gps(kept)).toBeNull();
  });

  test('a negative offset, the human report, and --backup', async () => {
    const target = path.join(dir.path, 'b.jpg');
    copyFileSync(photo, target);
    // With the clock taken as 90 s fast instead, the photo is at 09:20:00 UTC: minute 20.
    const result = await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--offset', '-00:01:30', '--backup', target);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('b.jpg: tagged 38.720000, -9.140000 (between the fixes at line 23 and line 24)');
    expect(result.stdout).toMatch(/1 of 1 tagged\. Undo: darkslide geotag --undo [0-9a-f-]{36}/);
    expect(existsSync(`${target}_original`)).toBe(true);
    expect(gps(`${target}_original`)).toBeNull();
  });

  test('a photo without an offset is reported, not guessed, until a zone is given', async () => {
    const target = path.join(dir.path, 'c.jpg');
    copyFileSync(photo, target);
    execFileSync('/usr/bin/exiftool', ['-q', '-overwrite_original', '-OffsetTimeOriginal=', target]);
    const unsure = await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), target);
    expect(unsure.stdout).toContain('has no UTC offset; give the zone it was taken in with --zone');
    expect(gps(target)).toBeNull();
    const sure = await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--zone', 'Europe/Lisbon', target);
    expect(sure.code).toBe(0);
    // Lisbon is UTC+1 in May: 10:21:30 local is 09:21:30 UTC, minute 21.5.
    expect(gps(target)?.lat).toBeCloseTo(38.7215, 6);
  });

  test('a hostile track stops before any file is touched, naming the file and the line', async () => {
    const bomb = path.join(dir.path, 'bomb.gpx');
    writeFileSync(bomb, '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<gpx>&b;</gpx>');
    const target = path.join(dir.path, 'd.jpg');
    copyFileSync(photo, target);
    const result = await darkslide('geotag', '--track', bomb, target);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`"${bomb}" declares XML entities (line 2)`);
    expect(gps(target)).toBeNull();
  });

  test('bad options say what is wrong', async () => {
    expect((await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--offset', 'soon', photo)).stderr).toContain('"soon" is not a time offset');
    expect((await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'), '--zone', 'Mars/Base', photo)).stderr).toContain('"Mars/Base" is not a time zone');
    expect((await darkslide('geotag', '--track', path.join(dir.path, 'walk.gpx'))).stderr).toContain('Nothing to geotag');
  });
});
