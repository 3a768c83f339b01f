import { ExifTool, type WriteTags } from 'exiftool-vendored';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';

export type ShotMetadata = {
  /** The instant the shot was taken. */
  takenAt: Date;
  /** Local offset from UTC at that instant, e.g. 120 for +02:00. */
  utcOffsetMinutes: number;
  make: string;
  /** The camera look's name. */
  model: string;
  software: string;
  imageDescription?: string;
  gps?: { latitude: number; longitude: number; altitude?: number } | null;
};

export class MetadataError extends Error {
  code: string;
  file: string | undefined;
  constructor(code: string, message: string, file?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetadataError';
    this.code = code;
    this.file = file;
  }
}

// -overwrite_original: without it exiftool leaves `<file>_original` next to every file it touches.
const WRITE_ARGS = ['-overwrite_original'];
// No -fast: in MP4/MOV the metadata may sit after the media data and -fast would skip it.
// -n keeps numbers numeric (signed coordinates via Composite tags), -G1 -a keeps every copy of a tag apart.
const READ_ARGS = ['-a', '-G1', '-n'];

const QUICKTIME_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.3gp']);

let shared: ExifTool | null = null;

function exiftool(): ExifTool {
  // One process pool for the whole app: spawning perl costs ~100 ms, and end() must be called exactly once.
  if (!shared || shared.ended) shared = new ExifTool({ maxProcs: 2, taskTimeoutMillis: 30_000 });
  return shared;
}

export async function closeMetadata(): Promise<void> {
  const instance = shared;
  shared = null;
  if (instance && !instance.ended) await instance.end();
}

async function assertFile(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new MetadataError('NOT_A_FILE', `${file} is not a regular file; pass the path of a photo or video.`, file);
  } catch (error) {
    if (error instanceof MetadataError) throw error;
    throw new MetadataError('FILE_NOT_FOUND', `Cannot open ${file} for metadata: ${(error as Error).message}. Check that the file exists.`, file, { cause: error });
  }
}

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/** Wall-clock parts of `instant` as seen at `offsetMinutes` from UTC (not the machine's own zone). */
function localParts(instant: Date, offsetMinutes: number) {
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000);
  return {
    date: `${shifted.getUTCFullYear()}:${pad(shifted.getUTCMonth() + 1)}:${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
    subSec: pad(shifted.getUTCMilliseconds(), 3),
  };
}

function utcParts(instant: Date) {
  return localParts(instant, 0);
}

function validate(file: string, meta: ShotMetadata): void {
  const bad = (field: string, what: string) => {
    throw new MetadataError('INVALID_METADATA', `Cannot write metadata to ${file}: ${field} ${what}.`, file);
  };
  if (!(meta.takenAt instanceof Date) || Number.isNaN(meta.takenAt.getTime())) bad('takenAt', 'must be a valid Date');
  if (!Number.isInteger(meta.utcOffsetMinutes) || Math.abs(meta.utcOffsetMinutes) > 14 * 60) {
    bad('utcOffsetMinutes', 'must be a whole number of minutes between -840 and 840');
  }
  for (const field of ['make', 'model', 'software'] as const) {
    if (typeof meta[field] !== 'string' || meta[field].trim() === '') bad(field, 'must be a non-empty string');
  }
  if (meta.gps) {
    const { latitude, longitude, altitude } = meta.gps;
    if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) bad('gps.latitude', 'must be a number between -90 and 90');
    if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) bad('gps.longitude', 'must be a number between -180 and 180');
    if (altitude !== undefined && !Number.isFinite(altitude)) bad('gps.altitude', 'must be a finite number of metres');
  }
}

function stillTags(meta: ShotMetadata): Record<string, string | number> {
  const local = localParts(meta.takenAt, meta.utcOffsetMinutes);
  const offset = formatOffset(meta.utcOffsetMinutes);
  const tags: Record<string, string | number> = {
    'EXIF:DateTimeOriginal': `${local.date} ${local.time}`,
    'EXIF:OffsetTimeOriginal': offset,
    'EXIF:SubSecTimeOriginal': local.subSec,
    'EXIF:CreateDate': `${local.date} ${local.time}`,
    'EXIF:OffsetTimeDigitized': offset,
    'EXIF:SubSecTimeDigitized': local.subSec,
    'EXIF:Make': meta.make,
    'EXIF:Model': meta.model,
    'EXIF:Software': meta.software,
  };
  if (meta.imageDescription) tags['EXIF:ImageDescription'] = meta.imageDescription;
  if (meta.gps) {
    const { latitude, longitude, altitude } = meta.gps;
    // EXIF stores unsigned values plus a hemisphere reference; exiftool fills the refs only from signed input
    // for some writers, so both are given explicitly.
    tags['EXIF:GPSLatitude'] = Math.abs(latitude);
    tags['EXIF:GPSLatitudeRef'] = latitude < 0 ? 'S' : 'N';
    tags['EXIF:GPSLongitude'] = Math.abs(longitude);
    tags['EXIF:GPSLongitudeRef'] = longitude < 0 ? 'W' : 'E';
    if (altitude !== undefined) {
      tags['EXIF:GPSAltitude'] = Math.abs(altitude);
      tags['EXIF:GPSAltitudeRef'] = altitude < 0 ? 1 : 0;
    }
  }
  return tags;
}

function videoTags(meta: ShotMetadata): Record<string, string | number> {
  const local = localParts(meta.takenAt, meta.utcOffsetMinutes);
  const utc = utcParts(meta.takenAt);
  const offset = formatOffset(meta.utcOffsetMinutes);
  const tags: Record<string, string | number> = {
    // QuickTime's own dates are UTC by specification; the offset lives in Keys:CreationDate (what Apple writes).
    'QuickTime:CreateDate': `${utc.date} ${utc.time}`,
    'QuickTime:ModifyDate': `${utc.date} ${utc.time}`,
    'Keys:CreationDate': `${local.date} ${local.time}.${local.subSec}${offset}`,
    'XMP-exif:DateTimeOriginal': `${local.date} ${local.time}.${local.subSec}${offset}`,
    'Keys:Make': meta.make,
    'Keys:Model': meta.model,
    'Keys:Software': meta.software,
  };
  if (meta.imageDescription) tags['Keys:Description'] = meta.imageDescription;
  if (meta.gps) {
    const { latitude, longitude, altitude } = meta.gps;
    // GPSLatitude/Longitude alone only become XMP-exif tags in MP4; players read the ISO 6709 coordinates.
    const coordinates = altitude === undefined ? `${latitude}, ${longitude}` : `${latitude}, ${longitude}, ${altitude}`;
    tags['Keys:GPSCoordinates'] = coordinates;
    tags['UserData:GPSCoordinates'] = coordinates;
  }
  return tags;
}

export function isQuickTimeFile(file: string): boolean {
  return QUICKTIME_EXTENSIONS.has(extname(file).toLowerCase());
}

export async function writeShotMetadata(file: string, meta: ShotMetadata): Promise<void> {
  validate(file, meta);
  await assertFile(file);
  const tags = isQuickTimeFile(file) ? videoTags(meta) : stillTags(meta);
  try {
    await exiftool().write(file, tags as WriteTags, { writeArgs: WRITE_ARGS });
  } catch (error) {
    throw new MetadataError('WRITE_FAILED', `Could not write metadata to ${file}: ${(error as Error).message}`, file, { cause: error });
  }
}

export async function readMetadata(file: string): Promise<Record<string, unknown>> {
  await assertFile(file);
  try {
    const raw = (await exiftool().readRaw(file, { readArgs: READ_ARGS })) as Record<string, unknown>;
    return { ...raw };
  } catch (error) {
    throw new MetadataError('READ_FAILED', `Could not read metadata from ${file}: ${(error as Error).message}`, file, { cause: error });
  }
}

// Everything that can place a shot on a map. `GPS*` with a wildcard reaches EXIF GPS, XMP-exif GPS*,
// Keys/UserData/ItemList GPSCoordinates and vendor GPS tags in one go; the rest are named places.
const LOCATION_DELETE_ARGS = [
  '-GPS:all=',
  '-GPS*=',
  '-XMP:Geotag=',
  '-LocationName=',
  '-Location=',
  '-City=',
  '-State=',
  '-Province-State=',
  '-Country=',
  '-CountryCode=',
  '-Country-PrimaryLocationName=',
  '-Country-PrimaryLocationCode=',
  '-Sub-location=',
  '-XMP-iptcExt:LocationCreated*=',
  '-XMP-iptcExt:LocationShown*=',
  '-Keys:LocationName=',
  '-Keys:LocationBody=',
  '-Keys:LocationNote=',
  '-Keys:LocationRole=',
  '-Keys:LocationDate=',
  '-Keys:LocationAccuracyHorizontal=',
  '-UserData:LocationInformation=',
];

/** Tag names (group-prefixed) that still reveal where the file was made, after a read with `-a -G1 -n`. */
export function locationTagsIn(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((key) => {
    const name = key.includes(':') ? key.slice(key.lastIndexOf(':') + 1) : key;
    // Composite tags are derived from the others; they vanish with them, and are reported if they do not.
    return /^GPS|Location|^City$|^State$|^Province|^Country|^Sub-?location/i.test(name) && name !== 'GPSVersionID';
  });
}

export async function stripLocation(file: string): Promise<void> {
  await assertFile(file);
  const et = exiftool();
  try {
    // The tags argument is empty: all deletions are exiftool arguments because they use wildcards and
    // shortcuts that exiftool-vendored's tag-name check rejects.
    await et.write(file, {}, { writeArgs: [...WRITE_ARGS, ...LOCATION_DELETE_ARGS] });
  } catch (error) {
    const message = (error as Error).message;
    // "Nothing to write"/"Nothing to do" means there was no location to begin with.
    if (!/nothing to (write|do)/i.test(message)) {
      throw new MetadataError('WRITE_FAILED', `Could not remove location from ${file}: ${message}`, file, { cause: error });
    }
  }
  const left = locationTagsIn(await readMetadata(file));
  if (left.length > 0) {
    throw new MetadataError(
      'LOCATION_NOT_REMOVED',
      `Location is still present in ${file} after stripping (${left.join(', ')}); do not share this file until it is removed.`,
      file,
    );
  }
}

/**
 * When a photo was taken, from its own metadata (DateTimeOriginal with its
 * offset, else CreateDate), or null when it does not say.
 */
export async function captureDate(file: string): Promise<Date | null> {
  const tags = await readMetadata(file).catch(() => null);
  if (!tags) return null;
  const pick = (...names: string[]) => names.map((name) => tags[name]).find((value): value is string => typeof value === 'string');
  const when = pick('ExifIFD:DateTimeOriginal', 'ExifIFD:CreateDate', 'IFD0:ModifyDate', 'XMP-exif:DateTimeOriginal');
  const match = when && /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(when);
  if (!match) return null;
  const offset = pick('ExifIFD:OffsetTimeOriginal', 'ExifIFD:OffsetTime');
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : ''}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}
