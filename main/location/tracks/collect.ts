import { DarkslideError } from '../../shared/errors/index.ts';

export type TrackFormat = 'gpx' | 'kml' | 'google-records' | 'google-semantic' | 'android-timeline' | 'ios-timeline';

/** One position the track knows, at one instant. */
export type Fix = {
  /** UTC, milliseconds since the epoch. */
  time: number;
  lat: number;
  lon: number;
  /** Metres above sea level, where the track says. */
  alt?: number;
  /** Reported horizontal accuracy in metres, where the track says. */
  accuracy?: number;
  /** Fixes in different segments are not interpolated across a gap longer than the limit either way. */
  segment: number;
  /** Where the fix is in the file: a line for XML, an entry number for JSON (see Track.refKind). */
  ref: number;
};

export type Track = {
  file: string;
  format: TrackFormat;
  /** 'line' when ref is a line number in the file, 'entry' when it is the position in the file's list. */
  refKind: 'line' | 'entry';
  /** Sorted by time; one fix per instant. */
  fixes: Fix[];
  dropped: { inaccurate: number; untimed: number };
};

export type TrackOptions = {
  /** Fixes whose reported accuracy is worse than this many metres are dropped (default 100). */
  maxAccuracy?: number;
  /** A file with more fixes than this is refused rather than filling memory (default 5,000,000). */
  maxFixes?: number;
  /** JSON is read whole: larger files are refused (default 256 MiB). XML streams and has no byte limit. */
  maxJsonBytes?: number;
};

export const DEFAULT_MAX_ACCURACY = 100;
export const DEFAULT_MAX_FIXES = 5_000_000;
export const DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024;

export type RawFix = { time: number | null; lat: number; lon: number; alt?: number | undefined; accuracy?: number | undefined; ref: number };

/** Validates fixes as a parser finds them and turns them into a Track, or the error that names why not. */
export class Collector {
  readonly fixes: Fix[] = [];
  private untimed = 0;
  private inaccurate = 0;
  private firstUntimed = 0;
  segment = 0;
  private readonly maxAccuracy: number;
  private readonly maxFixes: number;

  readonly file: string;
  readonly refKind: 'line' | 'entry';

  constructor(file: string, refKind: 'line' | 'entry', options: TrackOptions) {
    this.file = file;
    this.refKind = refKind;
    this.maxAccuracy = options.maxAccuracy ?? DEFAULT_MAX_ACCURACY;
    this.maxFixes = options.maxFixes ?? DEFAULT_MAX_FIXES;
  }

  where(ref: number): string {
    return this.refKind === 'line' ? `line ${ref}` : `entry ${ref}`;
  }

  badPoint(ref: number, detail: string): DarkslideError {
    return new DarkslideError('location.track-bad-point', { file: this.file, where: this.where(ref), detail });
  }

  add(raw: RawFix): void {
    const { lat, lon } = raw;
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw this.badPoint(raw.ref, `latitude ${String(lat)} is not between -90 and 90`);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw this.badPoint(raw.ref, `longitude ${String(lon)} is not between -180 and 180`);
    if (raw.time === null || !Number.isFinite(raw.time)) {
      if (this.untimed++ === 0) this.firstUntimed = raw.ref;
      return;
    }
    if (raw.accuracy !== undefined && Number.isFinite(raw.accuracy) && raw.accuracy > this.maxAccuracy) {
      this.inaccurate++;
      return;
    }
    if (this.fixes.length >= this.maxFixes) {
      throw new DarkslideError('location.track-too-many-points', { file: this.file, where: this.where(raw.ref), limit: this.maxFixes });
    }
    const fix: Fix = { time: raw.time, lat, lon, segment: this.segment, ref: raw.ref };
    if (raw.alt !== undefined && Number.isFinite(raw.alt)) fix.alt = raw.alt;
    if (raw.accuracy !== undefined && Number.isFinite(raw.accuracy)) fix.accuracy = raw.accuracy;
    this.fixes.push(fix);
  }

  finish(format: TrackFormat): Track {
    if (this.fixes.length === 0) {
      if (this.untimed > 0) throw new DarkslideError('location.track-no-times', { file: this.file, where: this.where(this.firstUntimed) });
      if (this.inaccurate > 0) throw new DarkslideError('location.track-all-inaccurate', { file: this.file, count: this.inaccurate, limit: this.maxAccuracy });
      throw new DarkslideError('location.track-empty', { file: this.file });
    }
    // Stable sort, then one fix per instant: the later one in the file wins, as in exiftool (it keys fixes by time).
    const sorted = this.fixes.sort((a, b) => a.time - b.time);
    const fixes: Fix[] = [];
    for (const fix of sorted) {
      if (fixes.length > 0 && fixes[fixes.length - 1]!.time === fix.time) fixes[fixes.length - 1] = fix;
      else fixes.push(fix);
    }
    return { file: this.file, format, refKind: this.refKind, fixes, dropped: { inaccurate: this.inaccurate, untimed: this.untimed } };
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant from a track: ISO 8601 with a zone (Z or an offset; a time without one is not an instant), or
 * milliseconds since the epoch (Google's timestampMs, a string of digits). Anything else is null.
 */
export function parseInstant(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{9,15}$/.test(text)) return Number(text);
  if (!ISO_TIME.test(text)) return null;
  // Date.parse wants +HH:MM; GPX writers sometimes omit the colon.
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : ms;
}
