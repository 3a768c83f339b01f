import { describe, expect, it } from 'vitest';
import { distanceMetres, matchInstant } from './match.ts';
import type { Fix } from './tracks/index.ts';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const fix = (seconds: number, lat: number, lon: number, extra: Partial<Fix> = {}): Fix => ({ time: T0 + seconds * 1000, lat, lon, segment: 0, ref: seconds, ...extra });

describe('matchInstant', () => {
  const track = [fix(0, 10, 20, { alt: 100, accuracy: 5 }), fix(100, 11, 22, { alt: 200, accuracy: 15 }), fix(5000, 12, 24)];

  it('interpolates linearly between the fixes either side, altitude too, with the worse accuracy', () => {
    const match = matchInstant(track, T0 + 25_000);
    expect(match).toMatchObject({ status: 'tagged', method: 'interpolated', lat: 10.25, lon: 20.5, alt: 125, accuracy: 15 });
    expect(match.status === 'tagged' && match.fixes.map((f) => f.ref)).toEqual([0, 100]);
  });

  it('takes a fix exactly at its time', () => {
    expect(matchInstant(track, T0 + 100_000)).toMatchObject({ status: 'tagged', lat: 11, lon: 22 });
  });

  it('takes the nearest fix within the limit before the start and after the end, not further', () => {
    expect(matchInstant(track, T0 - 1800_000)).toMatchObject({ status: 'tagged', method: 'nearest', lat: 10, lon: 20 });
    expect(matchInstant(track, T0 - 1801_000)).toEqual({ status: 'too-far', nearestSeconds: 1801, where: 'before' });
    expect(matchInstant(track, T0 + 7000_000)).toEqual({ status: 'too-far', nearestSeconds: 2000, where: 'after' });
    expect(matchInstant(track, T0 + 7000_000, 2000)).toMatchObject({ status: 'tagged', lat: 12, lon: 24 });
  });

  it('does not interpolate across a gap longer than the limit: nearest fix if close enough, else too far', () => {
    // 100 s .. 5000 s is a 4900 s gap; with a 1000 s limit:
    expect(matchInstant(track, T0 + 900_000, 1000)).toMatchObject({ status: 'tagged', method: 'nearest', lat: 11, lon: 22 });
    expect(matchInstant(track, T0 + 2500_000, 1000)).toEqual({ status: 'too-far', nearestSeconds: 2400, where: 'gap' });
    // With the default 1800 s limit the same gap still is not interpolated.
    expect(matchInstant(track, T0 + 4000_000)).toMatchObject({ status: 'tagged', method: 'nearest', lat: 12, lon: 24 });
  });

  it('goes the short way round the antimeridian', () => {
    const pacific = [fix(0, 0, 179), fix(100, 0, -179)];
    const match = matchInstant(pacific, T0 + 25_000);
    expect(match.status === 'tagged' && match.lon).toBeCloseTo(179.5, 9);
    const later = matchInstant(pacific, T0 + 75_000);
    expect(later.status === 'tagged' && later.lon).toBeCloseTo(-179.5, 9);
  });

  it('an empty track matches nothing', () => {
    expect(matchInstant([], T0).status).toBe('too-far');
  });
});

describe('distanceMetres', () => {
  it('gives one degree of latitude as about 111.2 km, and Lisbon to Madrid as about 502 km', () => {
    expect(distanceMetres({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
    expect(distanceMetres({ lat: 38.7223, lon: -9.1393 }, { lat: 40.4168, lon: -3.7038 }) / 1000).toBeCloseTo(502, 0);
  });
});
