// Darkslide's geotagging against the reference, `exiftool -geotag` (Debian's 12.57, which shares no code
// with Darkslide's matcher), on the same photos and the same track: the same photos are tagged, and every
// position agrees within a metre. 12.57 ignores OffsetTimeOriginal when it reads a photo's time, so it is
// handed the time with its offset (-Geotime<SubSecDateTimeOriginal), or with the zone the user states.
import { copyFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { closeMetadata, writeRecord } from '../../main/metadata/index.ts';
import { distanceMetres, matchCaptures, readCaptures, readTrack, writeGeotags } from '../../main/location/index.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('geotag-exiftool');
});
afterAll(async () => {
  await closeMetadata();
  dir.remove();
});

const START = Date.UTC(2024, 4, 1, 9, 0, 0);
const OFFSET_SECONDS = 90; // the camera clock was 90 s behind the GPS
const ZONE = '+01:00';

/** A walk with uneven fix intervals, a climb, a 45-minute gap, and a second segment. */
function gpx(): string {
  const points: string[] = [];
  let t = 0;
  let i = 0;
  const segment = (until: number) => {
    const out: string[] = [];
    while (t < until) {
      const lat = 38.7 + 0.01 * Math.sin(t / 900) + t * 1e-6;
      const lon = -9.14 + 0.015 * Math.cos(t / 1300);
      const ele = 20 + 60 * Math.sin(t / 2000);
      out.push(`<trkpt lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"><ele>${ele.toFixed(2)}</ele><time>${new Date(START + t * 1000).toISOString()}</time></trkpt>`);
      t += 7 + ((i++ * 37) % 17);
    }
    return out.join('\n');
  };
  points.push(`<trkseg>\n${segment(3600)}\n</trkseg>`);
  t += 45 * 60;
  points.push(`<trkseg>\n${segment(3600 + 45 * 60 + 3600)}\n</trkseg>`);
  return `<?xml version="1.0"?>\n<gpx version="1.1" creator="test"><trk>\n${points.join('\n')}\n</trk></gpx>\n`;
}

for (const maxGap of [1800, 600]) {
it(`tags the same photos as exiftool -geotag, every position within 1 metre (largest gap ${maxGap} s)`, async () => {
  const track = join(dir.path, `walk-${maxGap}.gpx`);
  writeFileSync(track, gpx());
  const base = join(dir.path, `base-${maxGap}.jpg`);
  await sharp({ create: { width: 32, height: 24, channels: 3, background: '#777777' } }).jpeg().toFile(base);

  // Photo times in seconds from START (GPS time), across the whole track, its edges, the gap and beyond.
  const seconds = [-2400, -1700, -10, 0, 3.25, 61.7, 600, 1234.5, 1799, 2500, 3590, 3700, 4500, 5200, 6000, 6300, 6400, 7000, 8000, 9000, 9900, 10500, 11500, 12100];
  const ours: { id: string; file: string }[] = [];
  const theirs: { file: string; withOffset: boolean }[] = [];
  for (const [n, s] of seconds.entries()) {
    const withOffset = n % 3 !== 0;
    // The camera's clock: GPS time minus the offset, written as local wall-clock time at +01:00.
    const takenAt = new Date(START + s * 1000 - OFFSET_SECONDS * 1000);
    const a = join(dir.path, `ours-${maxGap}-${n}.jpg`);
    copyFileSync(base, a);
    await writeRecord(a, { capture: { takenAt, utcOffsetMinutes: 60 }, device: { make: 'Test', model: 'Cam' } });
    ours.push({ id: String(n), file: a });
    theirs.push({ file: join(dir.path, `theirs-${maxGap}-${n}.jpg`), withOffset });
  }
  // A third of the photos have no UTC offset: one exiftool run strips it from all of them.
  execFileSync('/usr/bin/exiftool', ['-q', '-overwrite_original', '-OffsetTimeOriginal=', '-OffsetTimeDigitized=', ...ours.filter((_, n) => !theirs[n]!.withOffset).map((o) => o.file)]);
  for (const [n, o] of ours.entries()) copyFileSync(o.file, theirs[n]!.file);

  const parsed = await readTrack(track);
  const results = matchCaptures(parsed, await readCaptures(ours), { offsetSeconds: OFFSET_SECONDS, zone: ZONE, maxGapSeconds: maxGap });
  await writeGeotags(results);

  const common = ['-q', '-q', '-m', '-overwrite_original', '-api', `GeoMaxIntSecs=${maxGap}`, '-api', `GeoMaxExtSecs=${maxGap}`, '-geotag', track, `-geosync=+${OFFSET_SECONDS}`];
  const run = (files: string[], geotime: string) => {
    try {
      execFileSync('/usr/bin/exiftool', [...common, geotime, ...files], { encoding: 'utf8' });
    } catch {
      // exiftool exits non-zero when some files could not be tagged (too far from the track): expected here.
    }
  };
  run(theirs.filter((t) => t.withOffset).map((t) => t.file), '-Geotime<SubSecDateTimeOriginal');
  run(theirs.filter((t) => !t.withOffset).map((t) => t.file), `-Geotime<\${DateTimeOriginal}.\${SubSecTimeOriginal}${ZONE}`);

  // One exiftool run reads every file (a Perl start per file costs seconds on a busy machine).
  const readAll = (files: string[]) => {
    const rows = JSON.parse(execFileSync('/usr/bin/exiftool', ['-j', '-n', '-Composite:GPSLatitude', '-Composite:GPSLongitude', '-GPS:GPSAltitude', ...files], { encoding: 'utf8' })) as (Record<string, number> & { SourceFile: string })[];
    const bySource = new Map(rows.map((tags) => [tags.SourceFile, tags.GPSLatitude === undefined ? null : { lat: tags.GPSLatitude, lon: tags.GPSLongitude!, alt: tags.GPSAltitude }]));
    return files.map((file) => bySource.get(file) ?? null);
  };
  const oursRead = readAll(ours.map((o) => o.file));
  const theirsRead = readAll(theirs.map((t) => t.file));

  let worst = 0;
  let tagged = 0;
  const rows: string[] = [];
  for (const [n, s] of seconds.entries()) {
    const a = oursRead[n]!;
    const b = theirsRead[n]!;
    expect(a === null, `photo at ${s} s: Darkslide ${a ? 'tagged' : 'did not tag'} it, exiftool ${b ? 'did' : 'did not'}`).toBe(b === null);
    expect(results[n]!.status, `photo at ${s} s`).toBe(a ? 'tagged' : 'too-far');
    if (!a || !b) continue;
    tagged++;
    const d = distanceMetres(a, b);
    worst = Math.max(worst, d);
    expect(Math.abs((a.alt ?? 0) - (b.alt ?? 0)), `altitude at ${s} s`).toBeLessThan(0.01);
    rows.push(`${s}s ${d.toFixed(4)} m`);
  }
  console.log(`geotag vs exiftool -geotag (largest gap ${maxGap} s): ${tagged} of ${seconds.length} photos tagged by both, worst distance ${worst.toFixed(4)} m (${(worst * 1000).toFixed(3)} mm)`);
  expect(tagged).toBeGreaterThan(12);
  expect(tagged).toBeLessThan(seconds.length - (maxGap < 1800 ? 3 : 1));
  expect(worst).toBeLessThan(1);
});
}
