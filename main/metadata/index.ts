// Reading and writing tags with exiftool (exiftool-vendored: one process pool for the app). The model is a
// MetadataRecord (record.ts); tags.ts turns it into exactly the tags for a container. Three kinds of write:
//   writeRecord     a fresh file gets the record's tags and nothing else it did not already have (shots,
//                   exports: an export encodes pixels without metadata, then writes applyPolicy(record, policy))
//   writeLocation   geotagging a file in place: only the location tags change (null clears them)
//   restoreLocation undo: the location tags go back to a snapshot taken before
// auditMetadata reads a file back and lists what it holds beyond its record (what an export checks).
import { ExifTool, type WriteTags } from 'exiftool-vendored';
import { stat } from 'node:fs/promises';
import { DarkslideError } from '../shared/errors/index.ts';
import { applyPolicy, coarsen, COARSE_CELL_METRES, METADATA_POLICIES, type Location, type MetadataPolicy, type MetadataRecord } from './record.ts';
import { containerOf, encoderExif, LOCATION_TAGS, locationTags, recordTags, type Container, type EncoderExif, type Tags, type TagValue } from './tags.ts';
import { auditTags, locationTagsIn, type Finding } from './audit.ts';

export { applyPolicy, coarsen, COARSE_CELL_METRES, METADATA_POLICIES, type Location, type MetadataPolicy, type MetadataRecord };
export { containerOf, encoderExif, LOCATION_TAGS, locationTags, recordTags, type Container, type EncoderExif, type Tags };
export { auditTags, locationTagsIn, type Finding };
export { carryJpegMetadata, readJpegMetadata, type SourceBlocks } from './jpeg-carry.ts';

// -overwrite_original: without it exiftool leaves `<file>_original` next to every file it touches.
const WRITE_ARGS = ['-overwrite_original'];
// No -fast: in MP4/MOV the metadata may sit after the media data and -fast would skip it.
// -n keeps numbers numeric (signed coordinates via Composite tags), -G1 -a keeps every copy of a tag apart.
const READ_ARGS = ['-a', '-G1', '-n'];

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
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DarkslideError('file.not-found', { file }, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new DarkslideError('file.no-permission', { file, access: 'read' }, { cause: error });
    throw new DarkslideError('file.io', { file, access: 'read', detail: (error as Error).message }, { cause: error });
  }
  if (!isFile) throw new DarkslideError('file.is-folder', { file });
}

function invalid(file: string, field: string, detail: string): never {
  throw new DarkslideError('metadata.invalid', { file, field, detail }, { field });
}

function validateLocation(file: string, location: Location, prefix = 'location'): void {
  const { latitude, longitude, altitude, accuracy } = location;
  if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) invalid(file, `${prefix}.latitude`, 'must be a number between -90 and 90');
  if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) invalid(file, `${prefix}.longitude`, 'must be a number between -180 and 180');
  if (altitude !== undefined && !Number.isFinite(altitude)) invalid(file, `${prefix}.altitude`, 'must be a finite number of metres');
  if (accuracy !== undefined && !(Number.isFinite(accuracy) && accuracy >= 0)) invalid(file, `${prefix}.accuracy`, 'must be a positive number of metres');
}

function validateRecord(file: string, record: MetadataRecord): void {
  if (record.capture) {
    const { takenAt, utcOffsetMinutes } = record.capture;
    if (!(takenAt instanceof Date) || Number.isNaN(takenAt.getTime())) invalid(file, 'takenAt', 'must be a valid date');
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) invalid(file, 'utcOffsetMinutes', 'must be whole minutes between -840 and 840');
  }
  if (record.device) for (const field of ['make', 'model'] as const) if (!record.device[field]?.trim()) invalid(file, field, 'must not be empty');
  if (record.software !== undefined && !record.software.trim()) invalid(file, 'software', 'must not be empty');
  if (record.location) validateLocation(file, record.location);
}

/** exiftool wants numbers written as given (ValueConv) for coordinates: a trailing # asks for that. */
function numeric(tags: Tags): Tags {
  const out: Tags = {};
  for (const [name, value] of Object.entries(tags)) out[typeof value === 'number' ? `${name}#` : name] = value;
  return out;
}

async function write(file: string, tags: Tags, what: string): Promise<void> {
  try {
    await exiftool().write(file, numeric(tags) as WriteTags, { writeArgs: WRITE_ARGS });
  } catch (error) {
    throw new DarkslideError('metadata.write-failed', { file, what, detail: (error as Error).message }, { cause: error });
  }
}

/** Writes everything in `record` into `file` (a shot just made, or an export just encoded without metadata). */
export async function writeRecord(file: string, record: MetadataRecord): Promise<void> {
  validateRecord(file, record);
  await assertFile(file);
  await write(file, recordTags(containerOf(file), record), 'metadata');
}

/** Every tag in the file, grouped (-a -G1 -n): "GPS:GPSLatitude", "Keys:GPSCoordinates", ... */
export async function readMetadata(file: string): Promise<Record<string, unknown>> {
  await assertFile(file);
  try {
    return { ...((await exiftool().readRaw(file, { readArgs: READ_ARGS })) as Record<string, unknown>) };
  } catch (error) {
    throw new DarkslideError('metadata.read-failed', { file, detail: (error as Error).message }, { cause: error });
  }
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The location a file holds, from a read with readMetadata; null if it has none. */
export function locationFromTags(tags: Record<string, unknown>): Location | null {
  let latitude = numberOf(tags['Composite:GPSLatitude']);
  let longitude = numberOf(tags['Composite:GPSLongitude']);
  let altitude = numberOf(tags['Composite:GPSAltitude']);
  if (latitude === undefined || longitude === undefined) {
    latitude = numberOf(tags['XMP-exif:GPSLatitude']);
    longitude = numberOf(tags['XMP-exif:GPSLongitude']);
  }
  if (latitude === undefined || longitude === undefined) {
    for (const name of ['Keys:GPSCoordinates', 'UserData:GPSCoordinates', 'ItemList:GPSCoordinates']) {
      const parts = typeof tags[name] === 'string' ? (tags[name] as string).trim().split(/[\s,]+/).map(Number) : [];
      if (parts.length >= 2 && parts.every(Number.isFinite)) {
        [latitude, longitude] = parts as [number, number];
        altitude = parts[2];
        break;
      }
    }
  }
  if (latitude === undefined || longitude === undefined) return null;
  const location: Location = { latitude, longitude };
  if (altitude !== undefined) location.altitude = altitude;
  const accuracy = numberOf(tags['GPS:GPSHPositioningError'] ?? tags['XMP-exif:GPSHPositioningError'] ?? tags['Keys:LocationAccuracyHorizontal']);
  if (accuracy !== undefined) location.accuracy = accuracy;
  return location;
}

export async function readLocation(file: string): Promise<Location | null> {
  return locationFromTags(await readMetadata(file));
}

/** The capture time as written in a file's tags (see main/location/time.ts for turning it into an instant). */
export type CaptureTags = { wallClock: string; subSec?: string; offset?: string; utc?: boolean };

const OFFSET = /([+-]\d{2}:\d{2}|Z)$/;

export function captureFromTags(tags: Record<string, unknown>): CaptureTags | null {
  const text = (name: string) => (typeof tags[name] === 'string' && !/^0000/.test(tags[name] as string) ? (tags[name] as string).trim() : undefined);
  const sub = (name: string) => (tags[name] === undefined ? undefined : String(tags[name]));
  const original = text('ExifIFD:DateTimeOriginal');
  if (original) {
    const out: CaptureTags = { wallClock: original };
    const subSec = sub('ExifIFD:SubSecTimeOriginal');
    if (subSec) out.subSec = subSec;
    const offset = text('ExifIFD:OffsetTimeOriginal') ?? text('ExifIFD:OffsetTime');
    if (offset) out.offset = offset;
    return out;
  }
  const digitized = text('ExifIFD:CreateDate');
  if (digitized) {
    const out: CaptureTags = { wallClock: digitized };
    const subSec = sub('ExifIFD:SubSecTimeDigitized');
    if (subSec) out.subSec = subSec;
    const offset = text('ExifIFD:OffsetTimeDigitized') ?? text('ExifIFD:OffsetTime');
    if (offset) out.offset = offset;
    return out;
  }
  // Dates that carry their offset inline: Keys:CreationDate (Apple's, and ours on videos), XMP dates.
  for (const name of ['Keys:CreationDate', 'XMP-exif:DateTimeOriginal', 'XMP-photoshop:DateCreated', 'XMP-xmp:CreateDate']) {
    const value = text(name);
    if (!value) continue;
    const offset = OFFSET.exec(value)?.[1];
    const wallClock = value.replace(OFFSET, '').replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1:$2:$3');
    return offset ? { wallClock, offset: offset === 'Z' ? '+00:00' : offset } : { wallClock };
  }
  // QuickTime's CreateDate is UTC by specification (0000:00:00 when a muxer left it empty).
  const quicktime = text('QuickTime:CreateDate');
  if (quicktime) return { wallClock: quicktime, utc: true };
  const modify = text('IFD0:ModifyDate');
  if (modify) return { wallClock: modify };
  return null;
}

/**
 * The camera data a person looks for in a file's EXIF (make, model, lens, exposure, ISO...), from a read with
 * readMetadata (-n: numbers as stored), in this order; what the file lacks is left out. Text is trimmed and
 * cut to 500 characters: it is shown, not kept.
 */
export const CAMERA_TAGS = [
  ['make', ['IFD0:Make']],
  ['model', ['IFD0:Model']],
  ['lens', ['ExifIFD:LensModel', 'XMP-aux:Lens']],
  ['exposureTime', ['ExifIFD:ExposureTime']],
  ['fNumber', ['ExifIFD:FNumber']],
  ['iso', ['ExifIFD:ISO']],
  ['focalLength', ['ExifIFD:FocalLength']],
  ['software', ['IFD0:Software']],
  ['artist', ['IFD0:Artist']],
  ['copyright', ['IFD0:Copyright']],
] as const;
export type CameraTagName = (typeof CAMERA_TAGS)[number][0];

export function cameraTagsFromTags(tags: Record<string, unknown>): { name: CameraTagName; value: string | number }[] {
  const out: { name: CameraTagName; value: string | number }[] = [];
  for (const [name, sources] of CAMERA_TAGS) {
    for (const source of sources) {
      const value = tags[source];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
        out.push({ name, value });
        break;
      }
      if (typeof value === 'string' && value.trim() !== '') {
        out.push({ name, value: value.trim().slice(0, 500) });
        break;
      }
    }
  }
  return out;
}

export async function readCaptureTags(file: string): Promise<CaptureTags | null> {
  return captureFromTags(await readMetadata(file));
}

/** The values of every location tag Darkslide writes, as they are now: what undo puts back. */
export type LocationSnapshot = { container: Container; tags: Record<string, TagValue> };

export function snapshotFromTags(file: string, tags: Record<string, unknown>): LocationSnapshot {
  const container = containerOf(file);
  const values: Record<string, TagValue> = {};
  for (const name of LOCATION_TAGS[container]) {
    const value = tags[name];
    values[name] = typeof value === 'number' || typeof value === 'string' ? value : null;
  }
  return { container, tags: values };
}

/** Sets (or with null, clears) the location of a file in place; every other tag is left as it is. */
export async function writeLocation(file: string, location: Location | null): Promise<void> {
  if (location) validateLocation(file, location);
  await assertFile(file);
  await write(file, locationTags(containerOf(file), location), 'location');
}

/** Puts the location tags back as a snapshot had them (tags absent then are removed). */
export async function restoreLocation(file: string, snapshot: LocationSnapshot): Promise<void> {
  await assertFile(file);
  const tags: Tags = {};
  for (const [name, value] of Object.entries(snapshot.tags)) {
    // Snapshot values were read with -n, so they go back as values (#), not as printed text.
    tags[value === null ? name : `${name}#`] = value;
  }
  try {
    await exiftool().write(file, tags as WriteTags, { writeArgs: WRITE_ARGS });
  } catch (error) {
    throw new DarkslideError('metadata.write-failed', { file, what: 'location', detail: (error as Error).message }, { cause: error });
  }
}

/**
 * What `file` holds beyond `record`: location where the record has none (or a finer one than it has), a capture
 * time, device, software or description it does not hold. An empty list means the file says no more than the
 * record. Export runs this on every file it writes.
 */
export async function auditMetadata(file: string, record: MetadataRecord): Promise<Finding[]> {
  return auditTags(await readMetadata(file), record);
}

// Everything that can place a shot on a map. `GPS*` with a wildcard reaches EXIF GPS, XMP-exif GPS*,
// Keys/UserData/ItemList GPSCoordinates and vendor GPS tags in one go; the rest are named places.
const LOCATION_DELETE_ARGS = [
  '-GPS:all=', '-GPS*=', '-XMP:Geotag=', '-LocationName=', '-Location=', '-City=', '-State=', '-Province-State=',
  '-Country=', '-CountryCode=', '-Country-PrimaryLocationName=', '-Country-PrimaryLocationCode=', '-Sub-location=',
  '-XMP-iptcExt:LocationCreated*=', '-XMP-iptcExt:LocationShown*=', '-Keys:LocationName=', '-Keys:LocationBody=',
  '-Keys:LocationNote=', '-Keys:LocationRole=', '-Keys:LocationDate=', '-Keys:LocationAccuracyHorizontal=',
  '-UserData:LocationInformation=',
];

/**
 * Removes every location a file holds (not only the ones Darkslide writes) and checks by reading it back.
 * For files Darkslide keeps; an export never needs it, because it writes only what the policy allows.
 */
export async function stripLocation(file: string): Promise<void> {
  await assertFile(file);
  try {
    // All deletions are exiftool arguments: they use wildcards and shortcuts the tag-name check rejects.
    await exiftool().write(file, {}, { writeArgs: [...WRITE_ARGS, ...LOCATION_DELETE_ARGS] });
  } catch (error) {
    const message = (error as Error).message;
    // "Nothing to write"/"Nothing to do" means there was no location to begin with.
    if (!/nothing to (write|do)/i.test(message)) throw new DarkslideError('metadata.write-failed', { file, what: 'location', detail: message }, { cause: error });
  }
  const left = locationTagsIn(await readMetadata(file));
  if (left.length > 0) throw new DarkslideError('metadata.location-left', { file, tags: left.join(', ') });
}

// ---- Shots (the capture path) -------------------------------------------------------------------------------

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
  gps?: Location | null;
};

export function shotRecord(meta: ShotMetadata): MetadataRecord {
  const record: MetadataRecord = {
    capture: { takenAt: meta.takenAt, utcOffsetMinutes: meta.utcOffsetMinutes },
    device: { make: meta.make, model: meta.model },
    software: meta.software,
  };
  if (meta.imageDescription) record.description = meta.imageDescription;
  if (meta.gps) record.location = meta.gps;
  return record;
}

export async function writeShotMetadata(file: string, meta: ShotMetadata): Promise<void> {
  await writeRecord(file, shotRecord(meta));
}

export function isQuickTimeFile(file: string): boolean {
  return containerOf(file) === 'quicktime';
}

/**
 * When a photo was taken, from its own metadata (DateTimeOriginal with its offset, else CreateDate), or null
 * when it does not say. Without an offset the wall clock is read in the machine's zone (the develop path's
 * best guess for sorting; geotagging never guesses and uses main/location/time.ts instead).
 */
export async function captureDate(file: string): Promise<Date | null> {
  const tags = await readMetadata(file).catch(() => null);
  const capture = tags && captureFromTags(tags);
  if (!capture) return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(capture.wallClock);
  if (!match) return null;
  const zone = capture.utc ? 'Z' : capture.offset && /^[+-]\d{2}:\d{2}$/.test(capture.offset) ? capture.offset : '';
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
