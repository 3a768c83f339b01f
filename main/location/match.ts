// Position at an instant from a track, the way exiftool's -geotag does it (Geotag.pm SetGeoValues), so the two
// agree: linear interpolation of latitude, longitude (the short way round the antimeridian) and altitude between
// the fixes either side; when those are further apart than the gap limit, or the instant is before the first or
// after the last fix, the nearest fix if it is within the limit; else the photo is too far from the track.
// One limit serves both of exiftool's (GeoMaxIntSecs and GeoMaxExtSecs, both 1800 s by default).
import type { Fix } from './tracks/index.ts';

export const DEFAULT_MAX_GAP_SECONDS = 1800;

export type Matched = {
  status: 'tagged';
  lat: number;
  lon: number;
  alt?: number;
  /** The worse of the fixes' reported accuracies, in metres. */
  accuracy?: number;
  method: 'interpolated' | 'nearest';
  /** The fixes used: two when interpolated, one when the nearest was taken. */
  fixes: Fix[];
};

export type TooFar = {
  status: 'too-far';
  /** Seconds to the nearest fix. */
  nearestSeconds: number;
  where: 'before' | 'after' | 'gap';
};

export type Match = Matched | TooFar;

function nearest(fix: Fix): Matched {
  const out: Matched = { status: 'tagged', lat: fix.lat, lon: fix.lon, method: 'nearest', fixes: [fix] };
  if (fix.alt !== undefined) out.alt = fix.alt;
  if (fix.accuracy !== undefined) out.accuracy = fix.accuracy;
  return out;
}

/** Where the track was at `time` (ms UTC). `fixes` sorted by time, one per instant (as readTrack returns them). */
export function matchInstant(fixes: readonly Fix[], time: number, maxGapSeconds = DEFAULT_MAX_GAP_SECONDS): Match {
  const maxGap = maxGapSeconds * 1000;
  const first = fixes[0];
  const last = fixes[fixes.length - 1];
  if (!first || !last) return { status: 'too-far', nearestSeconds: Number.POSITIVE_INFINITY, where: 'gap' };
  if (time < first.time) {
    return first.time - time > maxGap ? { status: 'too-far', nearestSeconds: (first.time - time) / 1000, where: 'before' } : nearest(first);
  }
  if (time > last.time) {
    return time - last.time > maxGap ? { status: 'too-far', nearestSeconds: (time - last.time) / 1000, where: 'after' } : nearest(last);
  }
  let lo = 0;
  let hi = fixes.length - 1;
  while (hi > lo + 1) {
    const mid = (lo + hi) >> 1;
    if (time < fixes[mid]!.time) hi = mid;
    else lo = mid;
  }
  const a = fixes[lo]!;
  const b = fixes[hi]!;
  if (b.time - a.time > maxGap) {
    const closer = time - a.time < b.time - time ? a : b;
    const distance = Math.abs(time - closer.time);
    return distance > maxGap ? { status: 'too-far', nearestSeconds: distance / 1000, where: 'gap' } : nearest(closer);
  }
  const f = b.time === a.time ? 0 : (time - a.time) / (b.time - a.time);
  let lonA = a.lon;
  let lonB = b.lon;
  if (Math.abs(lonB - lonA) > 180) {
    if (lonA < lonB) lonA += 360;
    else lonB += 360;
  }
  let lon = lonB * f + lonA * (1 - f);
  if (lon >= 180) lon -= 360;
  const out: Matched = { status: 'tagged', lat: b.lat * f + a.lat * (1 - f), lon, method: 'interpolated', fixes: a === b ? [a] : [a, b] };
  if (a.alt !== undefined && b.alt !== undefined) out.alt = b.alt * f + a.alt * (1 - f);
  if (a.accuracy !== undefined || b.accuracy !== undefined) out.accuracy = Math.max(a.accuracy ?? 0, b.accuracy ?? 0);
  return out;
}

/** Great-circle distance in metres (haversine on the WGS-84 mean radius). */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
