// Reading an exported file the way a suspicious recipient would: Debian's exiftool (a different build from the
// exiftool-vendored Darkslide writes and audits with) over every group (-a -G1), plus a scan of the raw bytes
// for the fixtures' LEAK- markers and identifying words. Shared by the export tests (unit, CLI, e2e, reliability).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { FIXTURE, LEAK } from './export-fixtures.ts';

export type Policy = 'keep' | 'no-location' | 'coarse' | 'none';

export function exiftoolAll(file: string): Record<string, unknown> {
  return (JSON.parse(execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-n', '-j', file], { encoding: 'utf8' })) as Record<string, unknown>[])[0]!;
}

/** Tags stored in the file (not the ones about the file on disk, or exiftool's derived Composite tags). */
function stored(tags: Record<string, unknown>): [string, unknown][] {
  return Object.entries(tags).filter(([key]) => key.includes(':') && !/^(System|File|ExifTool|Composite):/.test(key));
}

const LOCATION_KEY = /GPS|Location|City|Country|State|Province|Sub-?location/i;
const DATE_KEY = /Date|Time(?!Scale)|OffsetTime|SubSec/i;
// Muxers write zero for "unset": 0000:00:00 dates, and QuickTime's preview/poster/selection times of 0.
const ZERO_DATE = /^(0000[:-]00[:-]00|0)$|^0000[:-]00[:-]00 /;

export type Found = {
  location: string;
  captureTime: string;
  device: string;
  software: string;
  description: string;
  groups: string[];
  tagCount: number;
};

/** What exiftool finds in `file`, in words for the report table. */
export function found(file: string): Found {
  const tags = exiftoolAll(file);
  const entries = stored(tags);
  const lat = tags['Composite:GPSLatitude'] as number | undefined;
  const lon = tags['Composite:GPSLongitude'] as number | undefined;
  const alt = tags['Composite:GPSAltitude'] as number | undefined;
  const value = (...names: string[]) => names.map((name) => tags[name]).find((v) => v !== undefined && v !== '');
  const dates = entries.filter(([key, v]) => DATE_KEY.test(key.split(':')[1]!) && !/^(ICC|Track\d|QuickTime:(TimeScale|Duration))/.test(key) && !ZERO_DATE.test(String(v)) && !/GPS/.test(key));
  return {
    location: lat === undefined ? '—' : `${lat.toFixed(5)}, ${lon!.toFixed(5)}${alt === undefined ? '' : `, ${alt} m`}`,
    captureTime: dates.length ? String(dates[0]![1]) : '—',
    device: String(value('IFD0:Make', 'Keys:Make') ?? '—') + (value('IFD0:Model', 'Keys:Model') ? ` / ${String(value('IFD0:Model', 'Keys:Model'))}` : ''),
    software: String(value('IFD0:Software', 'Keys:Software') ?? '—'),
    description: String(value('IFD0:ImageDescription', 'Keys:Description') ?? '—'),
    groups: [...new Set(entries.map(([key]) => key.split(':')[0]!))].sort(),
    tagCount: entries.length,
  };
}

// Groups the record model never writes: a source's maker notes, IPTC, thumbnail, Photoshop blocks, its ICC.
const NEVER_GROUPS = /^(MakerNotes|Canon|Apple|IPTC|IFD1|Photoshop|JFXX|APP\d+|ItemList)$/;

/**
 * Checks `file` (exported with `policy` from a fixture of tests/support/export-fixtures.ts) holds exactly what
 * the policy allows, read by Debian's exiftool and by the raw bytes.
 */
export function expectPolicy(file: string, kind: 'photo' | 'video', policy: Policy, label = file): void {
  const tags = exiftoolAll(file);
  const entries = stored(tags);
  const bytes = readFileSync(file);
  const text = JSON.stringify(entries);
  // Never, whatever the policy: the fixtures' markers, in tags or bytes; the source's maker notes, IPTC,
  // thumbnail, cover picture; x264's banner and ffmpeg's signature inside the streams.
  expect(text, `${label}: a LEAK marker in the tags`).not.toContain(LEAK);
  expect(bytes.includes(LEAK), `${label}: a LEAK marker in the bytes`).toBe(false);
  for (const word of ['x264', 'Lavf', 'LEAK', 'sP3C']) expect(bytes.includes(word), `${label}: "${word}" in the bytes`).toBe(false);
  expect(entries.map(([key]) => key.split(':')[0]!).filter((group) => NEVER_GROUPS.test(group)), `${label}: groups`).toEqual([]);
  expect(tags['IFD0:Orientation'] ?? 1, `${label}: orientation`).toBe(1);

  const location = entries.filter(([key]) => LOCATION_KEY.test(key.split(':')[1]!) && key !== 'GPS:GPSVersionID' && !/GPSMapDatum|XMP-exif:GPSVersionID/.test(key));
  const lat = tags['Composite:GPSLatitude'] as number | undefined;
  const lon = tags['Composite:GPSLongitude'] as number | undefined;
  const record = kind === 'photo' ? FIXTURE.photo : FIXTURE.video;
  if (policy === 'keep') {
    expect(lat, `${label}: latitude`).toBeCloseTo(FIXTURE.latitude, 4);
    expect(lon, `${label}: longitude`).toBeCloseTo(FIXTURE.longitude, 4);
    expect(tags['Composite:GPSAltitude'], `${label}: altitude`).toBeCloseTo(FIXTURE.altitude, 1);
  }
  if (policy === 'coarse') {
    // Within a kilometre of the flat, but not the flat, and nothing finer: no altitude, fix time, heading or speed.
    expect(Math.abs(lat! - FIXTURE.latitude), `${label}: coarse latitude`).toBeLessThan(0.009);
    expect(Math.abs(lon! - FIXTURE.longitude), `${label}: coarse longitude`).toBeLessThan(0.012);
    expect(Math.abs(lat! - FIXTURE.latitude) + Math.abs(lon! - FIXTURE.longitude), `${label}: not exact`).toBeGreaterThan(0.0002);
    expect(location.filter(([key]) => /Altitude|DateStamp|TimeStamp|GPSDateTime|ImgDirection|Speed|Area/.test(key)), `${label}: coarse detail`).toEqual([]);
    for (const exact of [FIXTURE.latitude.toFixed(4), Math.abs(FIXTURE.longitude).toFixed(4)]) expect(text, `${label}: exact coordinate`).not.toContain(exact);
  }
  if (policy === 'no-location' || policy === 'none') expect(location, `${label}: location tags`).toEqual([]);
  if (policy === 'none') {
    const dates = entries.filter(([key, v]) => DATE_KEY.test(key.split(':')[1]!) && !ZERO_DATE.test(String(v)) && !/^ICC/.test(key) && !/QuickTime:(TimeScale|Duration)|Track\d+:(TrackDuration|MediaDuration|MediaTimeScale)/.test(key));
    expect(dates, `${label}: dates`).toEqual([]);
    for (const word of [record.make, record.model, record.software, record.description, '2024']) {
      expect(text, `${label}: "${word}" in the tags`).not.toContain(word);
      expect(bytes.includes(word), `${label}: "${word}" in the bytes`).toBe(false);
    }
  } else {
    expect(text, `${label}: device`).toContain(record.model);
    expect(text, `${label}: software`).toContain(record.software);
    expect(text, `${label}: description`).toContain(record.description);
    expect(text, `${label}: capture time`).toMatch(/2024:05:01 10:20:30/);
  }
}
