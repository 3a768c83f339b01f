// Google's location exports, read whole (JSON.parse copes with minified files, where exiftool's line-by-line
// reader does not). Four shapes, told apart by their top level:
//   Takeout Records.json           { locations: [{ latitudeE7, longitudeE7, timestamp | timestampMs, accuracy, altitude }] }
//   Semantic Location History      { timelineObjects: [{ activitySegment | placeVisit }] } (one file per month)
//   Android on-device Timeline     { semanticSegments: [{ timelinePath: [{ point: "48.1°, 11.5°", time }], visit, activity }], rawSignals }
//   iOS on-device Timeline         [ { startTime, endTime, visit | activity | timelinePath: [{ point: "geo:48.1,11.5", durationMinutesOffsetFromStartTime }] } ]
// Times carry their own offsets (the on-device exports write local time with an offset), so every instant is exact.
import { DarkslideError } from '../../shared/errors/index.ts';
import { Collector, parseInstant, type Track, type TrackFormat, type TrackOptions } from './collect.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** "48.1234567°, 11.5678901°" (Android) or "geo:48.1,11.5" (iOS) to degrees; null when it is neither. */
export function parseLatLng(value: unknown): { lat: number; lon: number } | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*(?:geo:)?\s*(-?\d+(?:\.\d+)?)\s*°?\s*,\s*(-?\d+(?:\.\d+)?)\s*°?\s*$/i.exec(value);
  return match ? { lat: Number(match[1]), lon: Number(match[2]) } : null;
}

/** The line a JSON.parse error points at, from V8's "(line L column C)" or "position P". */
function errorLine(text: string, error: Error): number {
  const line = /line (\d+)/.exec(error.message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(error.message);
  const end = position ? Number(position[1]) : text.length;
  let count = 1;
  for (let i = 0; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

export function parseJsonTrack(text: string, file: string, options: TrackOptions): Track {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = (error as Error).message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new DarkslideError('location.track-unreadable', { file, where: `line ${errorLine(text, error as Error)}`, detail });
  }
  const collect = new Collector(file, 'entry', options);
  let format: TrackFormat;
  if (Array.isArray(data)) {
    format = 'ios-timeline';
    readIos(collect, data);
  } else if (isObject(data) && Array.isArray(data.locations)) {
    format = 'google-records';
    readRecords(collect, data.locations);
  } else if (isObject(data) && Array.isArray(data.timelineObjects)) {
    format = 'google-semantic';
    readSemantic(collect, data.timelineObjects);
  } else if (isObject(data) && (Array.isArray(data.semanticSegments) || Array.isArray(data.rawSignals))) {
    format = 'android-timeline';
    readAndroid(collect, data);
  } else {
    throw new DarkslideError('location.track-unknown-format', { file, detail: 'JSON without locations, timelineObjects or semanticSegments' });
  }
  return collect.finish(format);
}

function e7(collect: Collector, value: Json, latKey: string, lonKey: string, ref: number) {
  const lat = num(value[latKey]);
  const lon = num(value[lonKey]);
  if (lat === undefined || lon === undefined) throw collect.badPoint(ref, `${latKey} or ${lonKey} is missing`);
  // Some exports wrote longitudes past 180 as unsigned 32-bit overflows; Google's own tools wrap them back.
  const wrap = (v: number) => (v > 1_800_000_000 ? v - 4_294_967_296 : v);
  return { lat: wrap(lat) / 1e7, lon: wrap(lon) / 1e7 };
}

function readRecords(collect: Collector, locations: unknown[]): void {
  locations.forEach((entry, i) => {
    if (!isObject(entry)) throw collect.badPoint(i, 'not an object');
    const time = parseInstant(entry.timestamp ?? entry.timestampMs ?? null);
    collect.add({ ...e7(collect, entry, 'latitudeE7', 'longitudeE7', i), time, alt: num(entry.altitude), accuracy: num(entry.accuracy), ref: i });
  });
}

function readSemantic(collect: Collector, objects: unknown[]): void {
  objects.forEach((object, i) => {
    if (!isObject(object)) return;
    const segment = isObject(object.activitySegment) ? object.activitySegment : null;
    const visit = isObject(object.placeVisit) ? object.placeVisit : null;
    const duration = isObject((segment ?? visit)?.duration) ? ((segment ?? visit)!.duration as Json) : {};
    const start = parseInstant(duration.startTimestamp ?? duration.startTimestampMs ?? null);
    const end = parseInstant(duration.endTimestamp ?? duration.endTimestampMs ?? null);
    collect.segment++;
    if (segment) {
      const startLocation = isObject(segment.startLocation) ? segment.startLocation : null;
      const endLocation = isObject(segment.endLocation) ? segment.endLocation : null;
      if (startLocation) collect.add({ ...e7(collect, startLocation, 'latitudeE7', 'longitudeE7', i), time: start, accuracy: num(startLocation.accuracyMetres ?? startLocation.accuracyMeters), ref: i });
      const raw = isObject(segment.simplifiedRawPath) ? list(segment.simplifiedRawPath.points) : [];
      for (const point of raw) {
        if (!isObject(point)) continue;
        collect.add({
          ...e7(collect, point, 'latE7', 'lngE7', i),
          time: parseInstant(point.timestamp ?? point.timestampMs ?? null),
          accuracy: num(point.accuracyMeters ?? point.accuracyMetres),
          ref: i,
        });
      }
      if (endLocation) collect.add({ ...e7(collect, endLocation, 'latitudeE7', 'longitudeE7', i), time: end, accuracy: num(endLocation.accuracyMetres ?? endLocation.accuracyMeters), ref: i });
    } else if (visit) {
      const location = isObject(visit.location) ? visit.location : null;
      if (!location) return;
      const where = location.latitudeE7 !== undefined ? e7(collect, location, 'latitudeE7', 'longitudeE7', i) : e7(collect, visit, 'centerLatE7', 'centerLngE7', i);
      // A visit is a stay: the place holds from its start to its end.
      collect.add({ ...where, time: start, ref: i });
      collect.add({ ...where, time: end, ref: i });
    }
  });
}

function latLng(collect: Collector, value: unknown, ref: number) {
  const point = parseLatLng(value);
  if (!point) throw collect.badPoint(ref, `"${String(value).slice(0, 40)}" is not "latitude°, longitude°"`);
  return point;
}

function readAndroid(collect: Collector, data: Json): void {
  list(data.semanticSegments).forEach((segment, i) => {
    if (!isObject(segment)) return;
    collect.segment++;
    const start = parseInstant(segment.startTime ?? null);
    const end = parseInstant(segment.endTime ?? null);
    for (const point of list(segment.timelinePath)) {
      if (!isObject(point)) continue;
      collect.add({ ...latLng(collect, point.point, i), time: parseInstant(point.time ?? null), ref: i });
    }
    const visit = isObject(segment.visit) && isObject(segment.visit.topCandidate) ? segment.visit.topCandidate : null;
    const place = visit && isObject(visit.placeLocation) ? visit.placeLocation.latLng : undefined;
    if (place !== undefined) {
      const where = latLng(collect, place, i);
      collect.add({ ...where, time: start, ref: i });
      collect.add({ ...where, time: end, ref: i });
    }
    const activity = isObject(segment.activity) ? segment.activity : null;
    if (activity) {
      const from = isObject(activity.start) ? activity.start.latLng : undefined;
      const to = isObject(activity.end) ? activity.end.latLng : undefined;
      if (from !== undefined) collect.add({ ...latLng(collect, from, i), time: start, ref: i });
      if (to !== undefined) collect.add({ ...latLng(collect, to, i), time: end, ref: i });
    }
  });
  collect.segment++;
  list(data.rawSignals).forEach((signal, i) => {
    const position = isObject(signal) && isObject(signal.position) ? signal.position : null;
    if (!position) return;
    collect.add({
      ...latLng(collect, position.LatLng ?? position.latLng, i),
      time: parseInstant(position.timestamp ?? null),
      alt: num(position.altitudeMeters),
      accuracy: num(position.accuracyMeters),
      ref: i,
    });
  });
}

function readIos(collect: Collector, entries: unknown[]): void {
  entries.forEach((entry, i) => {
    if (!isObject(entry)) throw collect.badPoint(i, 'not an object');
    collect.segment++;
    const start = parseInstant(entry.startTime ?? null);
    const end = parseInstant(entry.endTime ?? null);
    const visit = isObject(entry.visit) && isObject(entry.visit.topCandidate) ? entry.visit.topCandidate : null;
    if (visit && visit.placeLocation !== undefined) {
      const where = latLng(collect, visit.placeLocation, i);
      collect.add({ ...where, time: start, ref: i });
      collect.add({ ...where, time: end, ref: i });
    }
    const activity = isObject(entry.activity) ? entry.activity : null;
    if (activity) {
      if (activity.start !== undefined) collect.add({ ...latLng(collect, activity.start, i), time: start, ref: i });
      if (activity.end !== undefined) collect.add({ ...latLng(collect, activity.end, i), time: end, ref: i });
    }
    for (const point of list(entry.timelinePath)) {
      if (!isObject(point)) continue;
      const minutes = num(point.durationMinutesOffsetFromStartTime);
      const time = start === null || minutes === undefined ? null : start + minutes * 60_000;
      collect.add({ ...latLng(collect, point.point, i), time, ref: i });
    }
  });
}
