// A record as exiftool tags, per container. Pure: the same record always gives the same tags, and a field the
// record does not hold gives no tag at all. Where other software reads location:
//   photos  EXIF GPS (unsigned values + N/S/E/W refs, altitude + ref, GPSHPositioningError, datum, fix time)
//           and the same in XMP-exif (signed), which Lightroom, digiKam and darktable read from sidecars too;
//   videos  QuickTime Keys:GPSCoordinates (com.apple.quicktime.location.ISO6709: Apple Photos, Google Photos,
//           which ignores more than 5 decimals), UserData:GPSCoordinates (©xyz: what Android writes) and XMP.
import { extname } from 'node:path';
import type { Location, MetadataRecord } from './record.ts';

export type Container = 'photo' | 'quicktime';
export type TagValue = string | number | null;
export type Tags = Record<string, TagValue>;

const QUICKTIME_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.3gp']);

export function containerOf(file: string): Container {
  return QUICKTIME_EXTENSIONS.has(extname(file).toLowerCase()) ? 'quicktime' : 'photo';
}

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.abs(minutes) / 60)}:${pad(Math.abs(minutes) % 60)}`;
}

/** Wall-clock parts of `instant` as seen at `offsetMinutes` from UTC (not the machine's own zone). */
export function localParts(instant: Date, offsetMinutes: number) {
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000);
  return {
    date: `${shifted.getUTCFullYear()}:${pad(shifted.getUTCMonth() + 1)}:${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
    subSec: pad(shifted.getUTCMilliseconds(), 3),
  };
}

/** Every tag a location write sets or clears, per container: what geotag snapshots for undo. */
export const LOCATION_TAGS: Record<Container, readonly string[]> = {
  photo: [
    'GPS:GPSVersionID', 'GPS:GPSLatitudeRef', 'GPS:GPSLatitude', 'GPS:GPSLongitudeRef', 'GPS:GPSLongitude',
    'GPS:GPSAltitudeRef', 'GPS:GPSAltitude', 'GPS:GPSHPositioningError', 'GPS:GPSMapDatum', 'GPS:GPSDateStamp', 'GPS:GPSTimeStamp',
    'XMP-exif:GPSVersionID', 'XMP-exif:GPSLatitude', 'XMP-exif:GPSLongitude', 'XMP-exif:GPSAltitudeRef', 'XMP-exif:GPSAltitude',
    'XMP-exif:GPSHPositioningError', 'XMP-exif:GPSMapDatum', 'XMP-exif:GPSDateTime',
  ],
  quicktime: [
    'Keys:GPSCoordinates', 'Keys:LocationAccuracyHorizontal', 'UserData:GPSCoordinates', 'ItemList:GPSCoordinates',
    'XMP-exif:GPSLatitude', 'XMP-exif:GPSLongitude', 'XMP-exif:GPSAltitudeRef', 'XMP-exif:GPSAltitude', 'XMP-exif:GPSHPositioningError',
  ],
};

function fixTimeParts(when: Date) {
  const utc = localParts(when, 0);
  return { date: utc.date, time: `${utc.time}${when.getUTCMilliseconds() ? `.${utc.subSec}` : ''}` };
}

/** "lat, lon[, alt]" with at most 5 decimals, which exiftool turns into ISO 6709 as given (+38.71390-009.13940+12.0/). */
export function iso6709Input(location: Location): string {
  const parts = [location.latitude.toFixed(5), location.longitude.toFixed(5)];
  if (location.altitude !== undefined) parts.push(location.altitude.toFixed(1));
  return parts.join(', ');
}

/**
 * The location as tags for `container`; null clears every location tag Darkslide writes (so a write never
 * leaves an older location beside a new one, e.g. a stale ©xyz).
 */
export function locationTags(container: Container, location: Location | null): Tags {
  const tags: Tags = Object.fromEntries(LOCATION_TAGS[container].map((name) => [name, null]));
  if (!location) return tags;
  const { latitude, longitude, altitude, accuracy, fixTime } = location;
  if (container === 'quicktime') {
    const coordinates = iso6709Input(location);
    tags['Keys:GPSCoordinates'] = coordinates;
    tags['UserData:GPSCoordinates'] = coordinates;
    if (accuracy !== undefined) tags['Keys:LocationAccuracyHorizontal'] = String(accuracy);
  } else {
    tags['GPS:GPSVersionID'] = '2 3 0 0';
    tags['GPS:GPSLatitude'] = Math.abs(latitude);
    tags['GPS:GPSLatitudeRef'] = latitude < 0 ? 'S' : 'N';
    tags['GPS:GPSLongitude'] = Math.abs(longitude);
    tags['GPS:GPSLongitudeRef'] = longitude < 0 ? 'W' : 'E';
    tags['GPS:GPSMapDatum'] = 'WGS-84';
    if (altitude !== undefined) {
      tags['GPS:GPSAltitude'] = Math.abs(altitude);
      tags['GPS:GPSAltitudeRef'] = altitude < 0 ? 1 : 0;
    }
    if (accuracy !== undefined) tags['GPS:GPSHPositioningError'] = accuracy;
    if (fixTime) {
      const { date, time } = fixTimeParts(fixTime);
      tags['GPS:GPSDateStamp'] = date;
      tags['GPS:GPSTimeStamp'] = time;
      tags['XMP-exif:GPSDateTime'] = `${date} ${time}Z`;
    }
    tags['XMP-exif:GPSVersionID'] = '2.3.0.0';
    tags['XMP-exif:GPSMapDatum'] = 'WGS-84';
  }
  tags['XMP-exif:GPSLatitude'] = latitude;
  tags['XMP-exif:GPSLongitude'] = longitude;
  if (altitude !== undefined) {
    tags['XMP-exif:GPSAltitude'] = Math.abs(altitude);
    tags['XMP-exif:GPSAltitudeRef'] = altitude < 0 ? 1 : 0;
  }
  if (accuracy !== undefined) tags['XMP-exif:GPSHPositioningError'] = accuracy;
  return tags;
}

/** Everything in `record` as tags for `container`. Fields the record lacks are simply absent. */
export function recordTags(container: Container, record: MetadataRecord): Tags {
  const tags: Tags = {};
  const { capture, device, software, description, location } = record;
  if (container === 'quicktime') {
    if (capture) {
      const local = localParts(capture.takenAt, capture.utcOffsetMinutes);
      const utc = localParts(capture.takenAt, 0);
      const offset = formatOffset(capture.utcOffsetMinutes);
      // QuickTime's own dates are UTC by specification; the offset lives in Keys:CreationDate (what Apple writes).
      tags['QuickTime:CreateDate'] = `${utc.date} ${utc.time}`;
      tags['QuickTime:ModifyDate'] = `${utc.date} ${utc.time}`;
      tags['Keys:CreationDate'] = `${local.date} ${local.time}.${local.subSec}${offset}`;
      tags['XMP-exif:DateTimeOriginal'] = `${local.date} ${local.time}.${local.subSec}${offset}`;
    }
    if (device) {
      tags['Keys:Make'] = device.make;
      tags['Keys:Model'] = device.model;
    }
    if (software !== undefined) tags['Keys:Software'] = software;
    if (description !== undefined) tags['Keys:Description'] = description;
  } else {
    if (capture) {
      const local = localParts(capture.takenAt, capture.utcOffsetMinutes);
      const offset = formatOffset(capture.utcOffsetMinutes);
      tags['EXIF:DateTimeOriginal'] = `${local.date} ${local.time}`;
      tags['EXIF:OffsetTimeOriginal'] = offset;
      tags['EXIF:SubSecTimeOriginal'] = local.subSec;
      tags['EXIF:CreateDate'] = `${local.date} ${local.time}`;
      tags['EXIF:OffsetTimeDigitized'] = offset;
      tags['EXIF:SubSecTimeDigitized'] = local.subSec;
    }
    if (device) {
      tags['EXIF:Make'] = device.make;
      tags['EXIF:Model'] = device.model;
    }
    if (software !== undefined) tags['EXIF:Software'] = software;
    if (description !== undefined) tags['EXIF:ImageDescription'] = description;
  }
  if (location) {
    for (const [name, value] of Object.entries(locationTags(container, location))) if (value !== null) tags[name] = value;
  }
  return tags;
}

/** EXIF as the image encoder writes it (sharp's withExif): IFD0 and the Exif IFD, every value as text. */
export type EncoderExif = { IFD0: Record<string, string>; IFD2: Record<string, string> };

/**
 * The same tags recordTags gives a photo, for the encoder to write while it encodes, so a new shot needs no
 * exiftool round trip. Null when the record holds a location: GPS stays with exiftool, which writes it (and its
 * XMP copy) the way other software reads it. ColorSpace declares the sRGB the pixels are in.
 */
export function encoderExif(record: MetadataRecord): EncoderExif | null {
  if (record.location) return null;
  const IFD0: Record<string, string> = {};
  const IFD2: Record<string, string> = { ColorSpace: '1' };
  const { capture, device, software, description } = record;
  if (capture) {
    const local = localParts(capture.takenAt, capture.utcOffsetMinutes);
    const offset = formatOffset(capture.utcOffsetMinutes);
    IFD2.DateTimeOriginal = `${local.date} ${local.time}`;
    IFD2.OffsetTimeOriginal = offset;
    IFD2.SubSecTimeOriginal = local.subSec;
    IFD2.DateTimeDigitized = `${local.date} ${local.time}`;
    IFD2.OffsetTimeDigitized = offset;
    IFD2.SubSecTimeDigitized = local.subSec;
  }
  if (device) {
    IFD0.Make = device.make;
    IFD0.Model = device.model;
  }
  if (software !== undefined) IFD0.Software = software;
  if (description !== undefined) IFD0.ImageDescription = description;
  return { IFD0, IFD2 };
}
