// Property-based fuzzing of the track parsers (fast-check). Whatever the bytes, a parser either returns a track
// whose fixes are sorted, unique in time and in range, or throws a DarkslideError that names the file: never
// another exception, never a hang. Valid tracks come back exactly, however the stream is cut into chunks.
// (For the reliability suite: the same properties at more runs with FUZZ_RUNS=N.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DarkslideError } from '../../shared/errors/index.ts';
import { parseJsonTrack } from './google.ts';
import { parseXmlTrack } from './xml.ts';
import type { Track } from './collect.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const FILE = 'fuzz.gpx';

async function* chunked(text: string, cuts: number[]) {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(text.length, Math.max(at, cut));
    yield text.slice(at, end);
    at = end;
  }
  yield text.slice(at);
}

function wellFormed(track: Track): void {
  for (let i = 0; i < track.fixes.length; i++) {
    const fix = track.fixes[i]!;
    expect(Math.abs(fix.lat)).toBeLessThanOrEqual(90);
    expect(Math.abs(fix.lon)).toBeLessThanOrEqual(180);
    expect(Number.isFinite(fix.time)).toBe(true);
    if (i > 0) expect(fix.time).toBeGreaterThan(track.fixes[i - 1]!.time);
  }
}

/** Either a track, or our error naming the file: anything else fails the property. */
async function outcome(run: () => Promise<Track> | Track): Promise<Track | DarkslideError> {
  try {
    const track = await run();
    wellFormed(track);
    return track;
  } catch (error) {
    if (!(error instanceof DarkslideError)) throw error;
    expect(error.code).toMatch(/^(location|file)\./);
    expect(error.message).toContain(FILE);
    return error;
  }
}

const fixArb = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  ele: fc.option(fc.integer({ min: -400, max: 8800 }), { nil: undefined }),
  // Whole seconds across 1990..2060.
  time: fc.integer({ min: 631_152_000, max: 2_840_140_800 }).map((s) => s * 1000),
});

function gpx(fixes: { lat: number; lon: number; ele?: number | undefined; time: number }[]): string {
  const points = fixes.map(
    (fix) => `<trkpt lat="${fix.lat}" lon="${fix.lon}">${fix.ele === undefined ? '' : `<ele>${fix.ele}</ele>`}<time>${new Date(fix.time).toISOString()}</time></trkpt>`,
  );
  return `<?xml version="1.0"?>\n<gpx version="1.1"><trk><trkseg>\n${points.join('\n')}\n</trkseg></trk></gpx>\n`;
}

/** What a parser must return for these fixes: sorted by time, the later one kept where times repeat. */
function expected(fixes: { lat: number; lon: number; time: number }[]): [number, number, number][] {
  const byTime = new Map<number, [number, number, number]>();
  // + 0 turns -0 into 0, as any text form of it does.
  for (const fix of fixes) byTime.set(fix.time, [fix.time, fix.lat + 0, fix.lon + 0]);
  return [...byTime.values()].sort((a, b) => a[0] - b[0]);
}

describe('track parsers under fuzzing', () => {
  it('GPX: any valid track comes back exactly, however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fixArb, { minLength: 1, maxLength: 40 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 6 }), async (fixes, cuts) => {
        const text = gpx(fixes);
        const track = await parseXmlTrack(chunked(text, cuts), FILE, {});
        expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon])).toEqual(expected(fixes));
      }),
      { numRuns: RUNS },
    );
  });

  it('GPX: cut short or with a character changed anywhere, it parses or says why, naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fixArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom('truncate', 'replace', 'insert'),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (fixes, where, how, junk) => {
          const text = gpx(fixes);
          const at = where % text.length;
          const broken = how === 'truncate' ? text.slice(0, at) : how === 'replace' ? text.slice(0, at) + junk + text.slice(at + 1) : text.slice(0, at) + junk + text.slice(at);
          await outcome(() => parseXmlTrack(chunked(broken, []), FILE, {}));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('XML of any shape (random elements, attributes, DOCTYPEs, entities) never escapes as a non-Darkslide error', async () => {
    const name = fc.constantFrom('gpx', 'kml', 'trkpt', 'wpt', 'time', 'ele', 'Placemark', 'gx:Track', 'when', 'gx:coord', 'coordinates', 'x');
    const node: fc.Memo<string> = fc.memo((depth) =>
      depth <= 0
        ? fc.oneof(fc.string({ maxLength: 12 }).map((s) => s.replace(/[<&]/g, '')), fc.constantFrom('&amp;', '&lt;', '&xxe;', '2024-05-01T10:00:00Z', '1,2,3', '-9 38 12'))
        : fc
            .tuple(name, fc.array(fc.tuple(fc.constantFrom('lat', 'lon', 'x'), fc.oneof(fc.double().map(String), fc.string({ maxLength: 5 }).map((s) => s.replace(/["<&]/g, '')))), { maxLength: 2 }), fc.array(node(depth - 1), { maxLength: 4 }))
            .map(([tag, attrs, children]) => `<${tag}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}>${children.join('')}</${tag}>`),
    );
    const doctype = fc.constantFrom('', '<!DOCTYPE gpx>', '<!DOCTYPE gpx [<!ENTITY a "b">]>', '<!DOCTYPE gpx SYSTEM "http://example.invalid/x.dtd">');
    await fc.assert(
      fc.asyncProperty(doctype, node(4), async (head, body) => {
        await outcome(() => parseXmlTrack(chunked(`${head}\n${body}`, []), FILE, {}));
      }),
      { numRuns: RUNS },
    );
  });

  it('Google JSON: any Records.json comes back exactly, minified or pretty; any JSON value parses or says why', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fixArb, { minLength: 1, maxLength: 30 }), fc.boolean(), async (fixes, pretty) => {
        const records = { locations: fixes.map((fix) => ({ latitudeE7: Math.round(fix.lat * 1e7), longitudeE7: Math.round(fix.lon * 1e7), timestamp: new Date(fix.time).toISOString() })) };
        const track = parseJsonTrack(JSON.stringify(records, null, pretty ? 2 : undefined), FILE, {});
        const rounded = fixes.map((fix) => ({ time: fix.time, lat: Math.round(fix.lat * 1e7) / 1e7, lon: Math.round(fix.lon * 1e7) / 1e7 }));
        expect(track.fixes.map((fix) => [fix.time, fix.lat, fix.lon])).toEqual(expected(rounded));
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), fc.constantFrom('locations', 'timelineObjects', 'semanticSegments', 'rawSignals', null), async (json, key) => {
        // Random JSON, and random JSON under each format's key, so the format readers see odd shapes too.
        const text = key === null ? json : `{"${key}": ${safeJson(json)}}`;
        await outcome(() => parseJsonTrack(text, FILE, {}));
      }),
      { numRuns: RUNS },
    );
  });
});

function safeJson(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}
