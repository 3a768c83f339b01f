// What Darkslide knows about a shot, as data, and what each export policy lets out of it. Files get their
// metadata written from a record (tags.ts turns one into exactly the tags for a container), so an output
// carries what its record holds and nothing else: metadata is built, never left over from a copy.

export type Location = {
  latitude: number;
  longitude: number;
  /** Metres above sea level. */
  altitude?: number;
  /** Horizontal accuracy in metres (EXIF GPSHPositioningError), where known. */
  accuracy?: number;
  /** The instant of the fix (UTC), for GPSDateStamp/GPSTimeStamp, where known. */
  fixTime?: Date;
};

export type MetadataRecord = {
  /** When the shot was taken, and the UTC offset of the place it was taken at. */
  capture?: { takenAt: Date; utcOffsetMinutes: number };
  /** The capturing device: Darkslide writes its own name as make and the look's name as model. */
  device?: { make: string; model: string };
  software?: string;
  description?: string;
  location?: Location;
};

/**
 * What leaves the machine in an exported file.
 *  keep         everything in the record
 *  no-location  everything but the location
 *  coarse       location rounded to a cell about 1 km across, no altitude, no fix time
 *  none         nothing personal: no location, capture time, device, software or description
 */
export type MetadataPolicy = 'keep' | 'no-location' | 'coarse' | 'none';
export const METADATA_POLICIES: readonly MetadataPolicy[] = ['keep', 'no-location', 'coarse', 'none'];

/** About 1 km: the side of a coarse cell, in metres, and the accuracy a coarse location declares. */
export const COARSE_CELL_METRES = 1000;
const METRES_PER_DEGREE = 111_320;

/**
 * Snaps a location to the centre of a cell ~1 km on a side (latitude steps of 1 km; longitude steps widened by
 * 1/cos(latitude) so cells stay ~1 km wide away from the equator). Every point in a cell gives the same answer,
 * so a set of photos taken around one flat all say the same, neighbourhood-sized place.
 */
export function coarsen(location: Location): Location {
  const latStep = COARSE_CELL_METRES / METRES_PER_DEGREE;
  const latitude = Math.min(90, Math.max(-90, (Math.floor(location.latitude / latStep) + 0.5) * latStep));
  const lonStep = latStep / Math.max(Math.cos((latitude * Math.PI) / 180), 0.01);
  let longitude = (Math.floor((location.longitude + 180) / lonStep) + 0.5) * lonStep - 180;
  if (longitude > 180) longitude = 180;
  // Four decimals (11 m) is more than enough for a 1 km cell, and hides the floating-point tail.
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { latitude: round(latitude), longitude: round(longitude), accuracy: COARSE_CELL_METRES };
}

/** A new record holding only what `policy` allows from `record`. */
export function applyPolicy(record: MetadataRecord, policy: MetadataPolicy): MetadataRecord {
  if (policy === 'none') return {};
  const out: MetadataRecord = {};
  if (record.capture) out.capture = { ...record.capture };
  if (record.device) out.device = { ...record.device };
  if (record.software !== undefined) out.software = record.software;
  if (record.description !== undefined) out.description = record.description;
  if (record.location && policy === 'keep') out.location = { ...record.location };
  if (record.location && policy === 'coarse') out.location = coarsen(record.location);
  return out;
}
