// What an exported file may say comes from one record per item: built from the source file's own tags (a
// photo someone brought in keeps its camera and capture time), with the album's catalog where the file is
// silent. Only the record's fields ever reach an output (see main/metadata/README.md): maker notes, IPTC,
// XMP and QuickTime boxes of the source are never copied, whatever the policy.
import { captureFromTags, locationFromTags, type Location, type MetadataRecord } from '../metadata/index.ts';

/** What the album knows about an item, for fields its file does not hold. */
export type CatalogFacts = {
  /** ISO 8601 with the offset of the place (or machine) it was taken at. */
  takenAt: string;
  /** The film camera (look) it went through: Darkslide's shots say Make "Darkslide", Model "<look>". */
  lookName: string;
  location: { latitude: number; longitude: number } | null;
};

function text(tags: Record<string, unknown>, names: string[]): string | undefined {
  for (const name of names) {
    const value = tags[name];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value).trim();
  }
  return undefined;
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

function offsetMinutes(offset: string | undefined): number | null {
  const match = offset ? OFFSET.exec(offset) : null;
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : null;
}

/** "2024:05:01 10:20:30" (+ sub-seconds) at `offset` minutes → the instant. */
function instant(wallClock: string, subSec: string | undefined, offset: number): Date | null {
  const match = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(wallClock);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = subSec ? Math.round(Number(`0.${subSec.replace(/\D/g, '')}`) * 1000) : 0;
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, Number.isFinite(ms) ? ms : 0) - offset * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc);
}

function catalogCapture(takenAt: string): MetadataRecord['capture'] {
  const when = new Date(takenAt);
  if (Number.isNaN(when.getTime())) return undefined;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(takenAt);
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return { takenAt: when, utcOffsetMinutes: offset };
}

/** The capture time: the file's own when it carries its offset (or is UTC by definition), else the catalog's. */
function captureOf(tags: Record<string, unknown>, facts: CatalogFacts): MetadataRecord['capture'] {
  const fromCatalog = catalogCapture(facts.takenAt);
  const own = captureFromTags(tags);
  if (own) {
    const offset = own.utc ? (fromCatalog?.utcOffsetMinutes ?? 0) : offsetMinutes(own.offset);
    if (offset !== null) {
      const when = instant(own.wallClock, own.subSec, own.utc ? 0 : offset);
      if (when) return { takenAt: when, utcOffsetMinutes: offset };
    }
  }
  return fromCatalog;
}

/** The source's record: everything Darkslide knows about the shot, before any policy. */
export function sourceRecord(tags: Record<string, unknown>, facts: CatalogFacts): MetadataRecord {
  const record: MetadataRecord = {};
  const capture = captureOf(tags, facts);
  if (capture) record.capture = capture;
  const make = text(tags, ['IFD0:Make', 'Keys:Make', 'UserData:Make', 'ItemList:Make']);
  const model = text(tags, ['IFD0:Model', 'Keys:Model', 'UserData:Model', 'ItemList:Model']);
  record.device = make || model ? { make: make ?? model!, model: model ?? make! } : { make: 'Darkslide', model: facts.lookName };
  const software = text(tags, ['IFD0:Software', 'Keys:Software', 'UserData:Software', 'XMP-xmp:CreatorTool']);
  if (software) record.software = software;
  const description = text(tags, ['IFD0:ImageDescription', 'Keys:Description', 'UserData:Description', 'XMP-dc:Description']);
  if (description) record.description = description;
  const location: Location | null = locationFromTags(tags) ?? (facts.location ? { ...facts.location } : null);
  if (location && Number.isFinite(location.latitude) && Number.isFinite(location.longitude)) record.location = location;
  return record;
}
