import { writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp.ts';
import { readTrack } from './index.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('tracks');
});
afterAll(() => dir.remove());

function file(name: string, text: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
}

const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Lisbon walk</name><trkseg>
    <trkpt lat="38.7139" lon="-9.1394"><ele>12.5</ele><time>2024-05-01T10:00:00Z</time></trkpt>
    <trkpt lat="38.7150" lon="-9.1400"><ele>20</ele><time>2024-05-01T10:01:00.500Z</time></trkpt>
    <trkpt lat="38.7160" lon="-9.1410"></trkpt>
    <trkpt lat="38.7170" lon="-9.1420"><time>2024-05-01T12:02:00+02:00</time></trkpt>
  </trkseg></trk>
</gpx>`;

describe('GPX', () => {
  it('reads points with time, elevation and their line; counts points without time', async () => {
    const track = await readTrack(file('walk.gpx', GPX));
    expect(track.format).toBe('gpx');
    expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon, fix.alt, fix.ref])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), 38.7139, -9.1394, 12.5, 4],
      [Date.UTC(2024, 4, 1, 10, 1, 0, 500), 38.715, -9.14, 20, 5],
      // 12:02 at +02:00 is 10:02 UTC.
      [Date.UTC(2024, 4, 1, 10, 2, 0), 38.717, -9.142, undefined, 7],
    ]);
    expect(track.dropped).toEqual({ inaccurate: 0, untimed: 1 });
  });

  it('reads the same track minified onto one line', async () => {
    const track = await readTrack(file('one-line.gpx', GPX.replace(/\n\s*/g, '')));
    expect(track.fixes).toHaveLength(3);
    expect(track.fixes.every((fix) => fix.ref === 1)).toBe(true);
  });

  it('refuses a time without a zone, naming the line', async () => {
    const text = GPX.replace('2024-05-01T10:01:00.500Z', '2024-05-01T10:01:00');
    await expect(readTrack(file('no-zone.gpx', text))).rejects.toMatchObject({ code: 'location.track-bad-point', params: { where: 'line 5' } });
  });

  it('says which line a point out of range is on', async () => {
    await expect(readTrack(file('bad.gpx', GPX.replace('lat="38.7150"', 'lat="98.7150"')))).rejects.toMatchObject({
      code: 'location.track-bad-point',
      params: { where: 'line 5' },
      message: expect.stringContaining('latitude 98.715'),
    });
  });
});

describe('KML', () => {
  it('reads gx:Track (when/coord pairs) and Placemarks with a TimeStamp', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
  <Placemark><gx:Track>
    <when>2024-05-01T10:00:00Z</when>
    <when>2024-05-01T10:00:30Z</when>
    <gx:coord>-9.1394 38.7139 12</gx:coord>
    <gx:coord>-9.1400 38.7150 14</gx:coord>
  </gx:Track></Placemark>
  <Placemark><TimeStamp><when>2024-05-01T11:00:00Z</when></TimeStamp>
    <Point><coordinates>-9.15,38.72,30</coordinates></Point></Placemark>
</Document></kml>`;
    const track = await readTrack(file('track.kml', kml));
    expect(track.format).toBe('kml');
    expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon, fix.alt, fix.ref])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), 38.7139, -9.1394, 12, 7],
      [Date.UTC(2024, 4, 1, 10, 0, 30), 38.715, -9.14, 14, 8],
      [Date.UTC(2024, 4, 1, 11, 0, 0), 38.72, -9.15, 30, 11],
    ]);
  });

  it('refuses a gx:Track whose times and positions do not pair up', async () => {
    const kml = `<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><Placemark><gx:Track>
<when>2024-05-01T10:00:00Z</when><when>2024-05-01T10:00:30Z</when>
<gx:coord>-9.1394 38.7139 12</gx:coord>
</gx:Track></Placemark></kml>`;
    await expect(readTrack(file('odd.kml', kml))).rejects.toMatchObject({ code: 'location.track-bad-point', message: expect.stringContaining('2 times but 1 positions') });
  });
});

describe('Google exports', () => {
  const records = {
    locations: [
      { latitudeE7: 387139000, longitudeE7: -91394000, accuracy: 12, altitude: 40, timestamp: '2024-05-01T10:00:00.000Z' },
      { latitudeE7: 387150000, longitudeE7: -91400000, accuracy: 900, timestamp: '2024-05-01T10:00:30Z' },
      { latitudeE7: 387160000, longitudeE7: -91410000, accuracy: 20, timestampMs: String(Date.UTC(2024, 4, 1, 10, 1, 0)) },
    ],
  };

  it('reads Records.json (timestamp and the older timestampMs) and drops fixes worse than the accuracy limit', async () => {
    const track = await readTrack(file('Records.json', JSON.stringify(records, null, 2)));
    expect(track.format).toBe('google-records');
    expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon, fix.accuracy, fix.ref])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), 38.7139, -9.1394, 12, 0],
      [Date.UTC(2024, 4, 1, 10, 1, 0), 38.716, -9.141, 20, 2],
    ]);
    expect(track.fixes[0]!.alt).toBe(40);
    expect(track.dropped.inaccurate).toBe(1);
    // A looser limit keeps it.
    expect((await readTrack(file('Records2.json', JSON.stringify(records)), { maxAccuracy: 1000 })).fixes).toHaveLength(3);
  });

  it('reads a minified file exactly as a pretty one', async () => {
    const pretty = await readTrack(file('pretty.json', JSON.stringify(records, null, 2)));
    const minified = await readTrack(file('minified.json', JSON.stringify(records)));
    expect(minified.fixes).toEqual(pretty.fixes);
  });

  it('reads Semantic Location History: activity raw paths and place visits', async () => {
    const semantic = {
      timelineObjects: [
        {
          placeVisit: {
            location: { latitudeE7: 387000000, longitudeE7: -91000000, name: 'Café' },
            duration: { startTimestamp: '2024-05-01T09:00:00Z', endTimestamp: '2024-05-01T09:30:00Z' },
          },
        },
        {
          activitySegment: {
            startLocation: { latitudeE7: 387000000, longitudeE7: -91000000 },
            endLocation: { latitudeE7: 388000000, longitudeE7: -92000000 },
            duration: { startTimestampMs: String(Date.UTC(2024, 4, 1, 9, 30)), endTimestampMs: String(Date.UTC(2024, 4, 1, 10, 0)) },
            simplifiedRawPath: { points: [{ latE7: 387500000, lngE7: -91500000, timestamp: '2024-05-01T09:45:00Z', accuracyMeters: 10 }] },
          },
        },
      ],
    };
    const track = await readTrack(file('2024_MAY.json', JSON.stringify(semantic)));
    expect(track.format).toBe('google-semantic');
    expect(track.fixes.map((fix) => [new Date(fix.time).toISOString().slice(11, 16), fix.lat, fix.lon])).toEqual([
      ['09:00', 38.7, -9.1],
      // The visit's end and the activity's start share 09:30: one fix per instant, the later entry's.
      ['09:30', 38.7, -9.1],
      ['09:45', 38.75, -9.15],
      ['10:00', 38.8, -9.2],
    ]);
  });

  it('reads the Android on-device Timeline ("lat°, lon°" points with local offsets)', async () => {
    const android = {
      semanticSegments: [
        {
          startTime: '2024-05-01T12:00:00.000+02:00',
          endTime: '2024-05-01T13:00:00.000+02:00',
          timelinePath: [
            { point: '48.1374300°, 11.5754900°', time: '2024-05-01T12:00:00.000+02:00' },
            { point: '48.1400000°, 11.5800000°', time: '2024-05-01T12:10:00.000+02:00' },
          ],
        },
        { startTime: '2024-05-01T13:00:00.000+02:00', endTime: '2024-05-01T14:00:00.000+02:00', visit: { topCandidate: { placeLocation: { latLng: '48.15°, 11.59°' } } } },
      ],
      rawSignals: [{ position: { LatLng: '48.1500000°, 11.5900000°', accuracyMeters: 250, altitudeMeters: 520, timestamp: '2024-05-01T13:30:00.000+02:00' } }],
    };
    const track = await readTrack(file('Timeline.json', JSON.stringify(android)));
    expect(track.format).toBe('android-timeline');
    expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0), 48.13743, 11.57549],
      [Date.UTC(2024, 4, 1, 10, 10), 48.14, 11.58],
      [Date.UTC(2024, 4, 1, 11, 0), 48.15, 11.59],
      [Date.UTC(2024, 4, 1, 12, 0), 48.15, 11.59],
    ]);
    // The raw signal at 250 m is past the 100 m default.
    expect(track.dropped.inaccurate).toBe(1);
  });

  it('reads the iOS export (a bare array with geo: points and minute offsets)', async () => {
    const ios = [
      {
        startTime: '2024-05-01T08:00:00.000-04:00',
        endTime: '2024-05-01T09:00:00.000-04:00',
        timelinePath: [
          { point: 'geo:40.712800,-74.006000', durationMinutesOffsetFromStartTime: '0' },
          { point: 'geo:40.720000,-74.000000', durationMinutesOffsetFromStartTime: '15' },
        ],
      },
      { startTime: '2024-05-01T09:00:00.000-04:00', endTime: '2024-05-01T10:00:00.000-04:00', activity: { start: 'geo:40.72,-74.0', end: 'geo:40.75,-73.98' } },
    ];
    const track = await readTrack(file('location-history.json', JSON.stringify(ios)));
    expect(track.format).toBe('ios-timeline');
    expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon])).toEqual([
      [Date.UTC(2024, 4, 1, 12, 0), 40.7128, -74.006],
      [Date.UTC(2024, 4, 1, 12, 15), 40.72, -74],
      [Date.UTC(2024, 4, 1, 13, 0), 40.72, -74],
      [Date.UTC(2024, 4, 1, 14, 0), 40.75, -73.98],
    ]);
  });
});

describe('files Darkslide must refuse, with the file and the place in it', () => {
  it('a billion-laughs entity bomb', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<gpx><trk><name>&lol3;</name></trk></gpx>`;
    const path = file('bomb.gpx', bomb);
    await expect(readTrack(path)).rejects.toMatchObject({ code: 'location.track-entities', params: { file: path, where: 'line 6' } });
  });

  it('an external entity (file disclosure)', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<gpx><wpt lat="1" lon="2"><name>&xxe;</name></wpt></gpx>`;
    await expect(readTrack(file('xxe.gpx', xxe))).rejects.toMatchObject({ code: 'location.track-entities', params: { where: 'line 2' } });
  });

  it('an entity used without being declared is an error, not an expansion', async () => {
    await expect(readTrack(file('undeclared.gpx', `<gpx>\n<wpt lat="1" lon="2"><name>&xxe;</name></wpt></gpx>`))).rejects.toMatchObject({
      code: 'location.track-unreadable',
      params: { where: 'line 2' },
    });
  });

  it('a truncated GPX', async () => {
    const cut = GPX.slice(0, GPX.indexOf('<trkpt lat="38.7160"') + 10);
    await expect(readTrack(file('cut.gpx', cut))).rejects.toMatchObject({ code: 'location.track-unreadable', params: { where: 'line 6' } });
  });

  it('a truncated JSON export', async () => {
    const text = JSON.stringify({ locations: [{ latitudeE7: 1, longitudeE7: 2, timestamp: '2024-05-01T10:00:00Z' }] }, null, 2);
    const path = file('cut.json', text.slice(0, text.length - 20));
    await expect(readTrack(path)).rejects.toMatchObject({ code: 'location.track-unreadable', params: { file: path, where: 'line 6' } });
  });

  it('a track without any time stamps (a route)', async () => {
    const route = `<gpx>\n<rte>\n<rtept lat="1" lon="2"/>\n<rtept lat="1.1" lon="2.1"/>\n</rte></gpx>`;
    await expect(readTrack(file('route.gpx', route))).rejects.toMatchObject({ code: 'location.track-no-times', params: { where: 'line 3' } });
  });

  it('JSON of another kind, XML of another kind, an empty file, a missing file, a folder', async () => {
    await expect(readTrack(file('other.json', '{"hello": 1}'))).rejects.toMatchObject({ code: 'location.track-unknown-format' });
    await expect(readTrack(file('other.xml', '<html><body/></html>'))).rejects.toMatchObject({ code: 'location.track-unknown-format' });
    await expect(readTrack(file('empty.gpx', ''))).rejects.toMatchObject({ code: 'file.empty' });
    await expect(readTrack(join(dir.path, 'nope.gpx'))).rejects.toMatchObject({ code: 'file.not-found' });
    await expect(readTrack(dir.path)).rejects.toMatchObject({ code: 'file.is-folder' });
  });

  it('more points than the limit, naming where it stopped', async () => {
    await expect(readTrack(file('many.gpx', GPX), { maxFixes: 2 })).rejects.toMatchObject({ code: 'location.track-too-many-points', params: { where: 'line 7' } });
  });

  it('a JSON export larger than the limit is refused before it is read', async () => {
    await expect(readTrack(file('big.json', JSON.stringify(records(2000))), { maxJsonBytes: 10_000 })).rejects.toMatchObject({ code: 'location.track-too-large' });
  });

  it('50 MB of GPX points streams through (memory holds fixes, not the document)', async () => {
    const path = join(dir.path, 'huge.gpx');
    const out = createWriteStream(path);
    out.write('<?xml version="1.0"?>\n<gpx version="1.1"><trk><trkseg>\n');
    const start = Date.UTC(2024, 0, 1);
    let bytes = 0;
    let count = 0;
    while (bytes < 50 * 1024 * 1024) {
      const line = `<trkpt lat="${(45 + (count % 1000) / 1e4).toFixed(6)}" lon="${(7 + count / 1e7).toFixed(7)}"><ele>100.0</ele><time>${new Date(start + count * 1000).toISOString()}</time></trkpt>\n`;
      bytes += line.length;
      count++;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end('</trkseg></trk></gpx>\n');
    await once(out, 'finish');
    const track = await readTrack(path);
    expect(track.fixes).toHaveLength(count);
    expect(track.fixes[count - 1]!.time).toBe(start + (count - 1) * 1000);
    expect(track.fixes[count - 1]!.ref).toBe(count + 2);
  });
});

function records(n: number) {
  return { locations: Array.from({ length: n }, (_, i) => ({ latitudeE7: 1e7, longitudeE7: 2e7, timestamp: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString() })) };
}
