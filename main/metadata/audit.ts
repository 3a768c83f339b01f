// Reading a file back against its record: which tags say more than the record allows. Tags are matched by
// name in every group exiftool reports (-a -G1), so a copy in XMP, IPTC, maker notes or a QuickTime Keys,
// UserData or ItemList box is found as readily as the EXIF one.
import type { MetadataRecord } from './record.ts';

export type Finding = {
  /** Group-qualified tag name as exiftool reports it, e.g. "UserData:GPSCoordinates". */
  tag: string;
  value: unknown;
  kind: 'location' | 'capture-time' | 'device' | 'software' | 'description';
};

// Groups that describe the file on disk or are derived from other tags, not stored in it.
const NOT_IN_FILE = new Set(['System', 'File', 'ExifTool', 'Composite']);

function nameOf(key: string): { group: string; name: string } {
  const colon = key.lastIndexOf(':');
  return colon === -1 ? { group: '', name: key } : { group: key.slice(0, colon), name: key.slice(colon + 1) };
}

const LOCATION = /^GPS|Location|^City$|^State$|^Province|^Country|^Sub-?location/i;
const CAPTURE = /(DateTime|Date$|^DateCreated|CreateDate|ModifyDate|CreationDate|^OffsetTime|^SubSecTime|^TimeCreated|^DigitalCreation)/i;
const DEVICE = /^(Make|Model|UniqueCameraModel|LensMake|LensModel|LensID|LensSerialNumber|SerialNumber|InternalSerialNumber|BodySerialNumber|CameraSerialNumber|OwnerName|CameraOwnerName|Artist|Author|Creator|AndroidModel|AndroidMake|AndroidManufacturer|HostComputer)$/i;
const SOFTWARE = /^(Software|CreatorTool|Encoder|EncodingTool|HistorySoftwareAgent|ProcessingSoftware|AndroidVersion|ApplicationRecordVersion)$/i;
const DESCRIPTION = /^(ImageDescription|Description|Caption-Abstract|UserComment|Comment|Title|Headline|Keywords|Subject)$/i;

/** Tag names (group-prefixed) that reveal where the file was made, after a read with `-a -G1 -n`. */
export function locationTagsIn(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((key) => {
    const { group, name } = nameOf(key);
    if (NOT_IN_FILE.has(group) && group !== 'Composite') return false;
    // Composite tags are derived from the others; they vanish with them, and are reported if they do not.
    return LOCATION.test(name) && name !== 'GPSVersionID';
  });
}

function empty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const text = String(value).trim();
  // Muxers write zero dates for "unset" (QuickTime 0000:00:00 00:00:00, i.e. 1904).
  return text === '' || /^0000[:-]00[:-]00/.test(text) || text === '0';
}

/** Within `tolerance` degrees of the record's location: a coarse export may hold exactly its coarse cell. */
function sameLocation(record: MetadataRecord, tags: Record<string, unknown>): boolean {
  const lat = Number(tags['Composite:GPSLatitude'] ?? tags['XMP-exif:GPSLatitude']);
  const lon = Number(tags['Composite:GPSLongitude'] ?? tags['XMP-exif:GPSLongitude']);
  if (!record.location || !Number.isFinite(lat) || !Number.isFinite(lon)) return false;
  return Math.abs(lat - record.location.latitude) < 1e-5 && Math.abs(lon - record.location.longitude) < 1e-5;
}

export function auditTags(tags: Record<string, unknown>, record: MetadataRecord): Finding[] {
  const findings: Finding[] = [];
  const locationOk = record.location !== undefined && sameLocation(record, tags);
  for (const [key, value] of Object.entries(tags)) {
    const { group, name } = nameOf(key);
    if (NOT_IN_FILE.has(group) || empty(value)) continue;
    if (group === 'MakerNotes' || /^MakerNotes|^Apple$|^Canon|^Nikon|^Sony|^Olympus|^Panasonic|^FujiFilm|^Samsung/i.test(group)) {
      findings.push({ tag: key, value, kind: 'device' });
    } else if (LOCATION.test(name) && name !== 'GPSVersionID' && name !== 'GPSMapDatum') {
      if (!record.location || !locationOk) findings.push({ tag: key, value, kind: 'location' });
      else if (/Altitude|DateStamp|TimeStamp|GPSDateTime|Speed|Track|ImgDirection|DestL/i.test(name) && !/HPositioningError/.test(name)) {
        // A coarse location is latitude and longitude only: any finer detail is a leak.
        if (record.location.altitude === undefined && /Altitude/.test(name)) findings.push({ tag: key, value, kind: 'location' });
        if (!record.location.fixTime && /DateStamp|TimeStamp|GPSDateTime/.test(name)) findings.push({ tag: key, value, kind: 'location' });
      }
    } else if (CAPTURE.test(name)) {
      if (!record.capture) findings.push({ tag: key, value, kind: 'capture-time' });
    } else if (DEVICE.test(name)) {
      if (!record.device) findings.push({ tag: key, value, kind: 'device' });
    } else if (SOFTWARE.test(name)) {
      if (record.software === undefined) findings.push({ tag: key, value, kind: 'software' });
    } else if (DESCRIPTION.test(name)) {
      if (record.description === undefined) findings.push({ tag: key, value, kind: 'description' });
    }
  }
  return findings;
}
