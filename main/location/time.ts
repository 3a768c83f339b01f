// Turning a photo's capture time into an instant. A camera writes the wall clock (DateTimeOriginal) and, if it
// is a good camera, the offset it was at (OffsetTimeOriginal): that offset wins. Otherwise the zone the user
// states (a fixed offset or an IANA zone, whose offset is taken at that wall-clock time, so summer time is
// right). Without either the photo is reported as such: guessing the machine's zone is how trips go wrong.
import { DarkslideError } from '../shared/errors/index.ts';

/** The capture time as the file has it. */
export type CaptureTime = {
  /** "YYYY:MM:DD HH:MM:SS" as EXIF writes it, local to wherever the camera was. */
  wallClock: string;
  /** Fractional seconds digits (SubSecTimeOriginal), if any. */
  subSec?: string;
  /** "+02:00" from OffsetTimeOriginal (or the offset inside an XMP date), if the file has one. */
  offset?: string;
  /** True when the wall clock is UTC by definition (QuickTime CreateDate). */
  utc?: boolean;
};

/** How to read capture times: a zone for photos that do not carry their offset, and the camera clock's error. */
export type TimeOptions = {
  /** "+02:00", "-0530", "Z", "UTC" or an IANA zone ("Europe/Lisbon"). */
  zone?: string | undefined;
  /** Seconds added to the camera's clock to get the true (track) time, as exiftool's Geosync. */
  offsetSeconds?: number | undefined;
};

export type Instant =
  | { ok: true; time: number; zoneFrom: 'photo' | 'stated' | 'utc' }
  | { ok: false; reason: 'no-capture-time' | 'no-zone' };

const WALL = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/;
const FIXED = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i;

function wallMillis(capture: CaptureTime): number | null {
  const m = WALL.exec(capture.wallClock.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, inlineSub] = m;
  if (Number(y) < 1900 || y === '0000') return null;
  const digits = (capture.subSec ?? inlineSub ?? '').replace(/\D/g, '');
  const ms = digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  return Number.isNaN(t) ? null : t;
}

/** Minutes east of UTC for "+02:00" / "-0530" / "Z"; null if the text is not a fixed offset. */
export function parseFixedOffset(value: string): number | null {
  const text = value.trim();
  if (/^(Z|UTC|GMT)$/i.test(text)) return 0;
  const m = FIXED.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function ianaOffsetMinutes(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(instant));
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return parseFixedOffset(name.replace(/^GMT/, '') || 'Z') ?? 0;
}

/** Checks a zone the user typed; throws location.bad-zone naming it. */
export function checkZone(zone: string): string {
  const text = zone.trim();
  if (parseFixedOffset(text) !== null) return text;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
    return text;
  } catch {
    throw new DarkslideError('location.bad-zone', { value: zone }, { field: 'zone' });
  }
}

/** The UTC instant of a wall-clock time (given as if it were UTC) in `zone`. */
export function wallToInstant(wallAsUtc: number, zone: string): number {
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return wallAsUtc - fixed * 60_000;
  // Two passes find the offset in force at that wall-clock time, also across a change of summer time.
  const first = wallAsUtc - ianaOffsetMinutes(zone, wallAsUtc) * 60_000;
  return wallAsUtc - ianaOffsetMinutes(zone, first) * 60_000;
}

export function captureInstant(capture: CaptureTime | null | undefined, options: TimeOptions = {}): Instant {
  if (!capture) return { ok: false, reason: 'no-capture-time' };
  const wall = wallMillis(capture);
  if (wall === null) return { ok: false, reason: 'no-capture-time' };
  const shift = (options.offsetSeconds ?? 0) * 1000;
  if (capture.utc) return { ok: true, time: wall + shift, zoneFrom: 'utc' };
  const own = capture.offset === undefined ? null : parseFixedOffset(capture.offset);
  if (own !== null) return { ok: true, time: wall - own * 60_000 + shift, zoneFrom: 'photo' };
  if (options.zone) return { ok: true, time: wallToInstant(wall, options.zone) + shift, zoneFrom: 'stated' };
  return { ok: false, reason: 'no-zone' };
}

/** "±HH:MM:SS" (or "±SS", "±MM:SS") to seconds; throws location.bad-offset naming the value. */
export function parseTimeOffset(value: string): number {
  const m = /^\s*([+-])?(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?\s*$/.exec(value);
  if (!m) throw new DarkslideError('location.bad-offset', { value }, { field: 'offset' });
  const parts = [m[2], m[3], m[4]].filter((part): part is string => part !== undefined).map(Number);
  let seconds = 0;
  for (const part of parts) seconds = seconds * 60 + part;
  if (parts.slice(1).some((part) => part >= 60)) throw new DarkslideError('location.bad-offset', { value }, { field: 'offset' });
  return m[1] === '-' ? -seconds : seconds;
}

export function formatTimeOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}:${pad(abs % 60)}`;
}
