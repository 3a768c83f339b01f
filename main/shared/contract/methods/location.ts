// Location: the place new shots get, the offline town list, what the info panel shows about an item, and
// geotagging album items from a track (open, preview for any offset, apply as a job with progress and
// cancel, undo).
import { z } from 'zod';
import { id, method, nothing } from './define.ts';
import { JobProgress } from './jobs.ts';

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const Place = z.object({ id: z.number(), name: z.string(), country: z.string(), latitude, longitude, population: z.number() });

export const SessionPlace = z
  .object({ latitude, longitude, name: z.string().max(200).optional(), country: z.string().max(3).optional(), placeId: z.number().int().optional() })
  .strict();

export const LocationStatus = z.object({
  attach: z.boolean(),
  place: SessionPlace.nullable(),
  /** False while a rule (e.g. a guardian profile) keeps location off; `blockedBy` names the rule. */
  allowed: z.boolean(),
  blockedBy: z.string().nullable(),
  /** The operating system's location is not used on any platform (main/location/README.md says why). */
  osLocation: z.literal('unavailable'),
});

const Location = z.object({ latitude, longitude, altitude: z.number().optional(), accuracy: z.number().optional() });

/** The camera data the viewer's info shows, when the file has it (EXIF names; numbers as the file stores them). */
export const EXIF_SHOWN = ['make', 'model', 'lens', 'exposureTime', 'fNumber', 'iso', 'focalLength', 'software', 'artist', 'copyright'] as const;

export const ItemInfo = z.object({
  /** The capture time as the file has it: wall clock ("YYYY:MM:DD HH:MM:SS"), its offset, or UTC by definition. */
  capture: z.object({ wallClock: z.string(), offset: z.string().nullable(), utc: z.boolean() }).nullable(),
  location: Location.nullable(),
  nearest: z.object({ name: z.string(), country: z.string(), distanceMetres: z.number() }).nullable(),
  /** Camera data (make, model, exposure...) in EXIF_SHOWN's order; what the file lacks is left out. */
  exif: z.array(z.object({ name: z.enum(EXIF_SHOWN), value: z.union([z.string().max(500), z.number()]) })).max(EXIF_SHOWN.length),
  /** Whose data `exif` is: the kept original's (an import, a developed photo) or the item's own file's (a shot). */
  exifFrom: z.enum(['original', 'file']),
});

export const TrackSummary = z.object({
  trackId: id,
  name: z.string(),
  format: z.string(),
  fixes: z.number(),
  start: z.string(),
  end: z.string(),
  dropped: z.object({ inaccurate: z.number(), untimed: z.number() }),
  /** The track's shape for drawing, [longitude, latitude], at most ~1500 points. */
  path: z.array(z.tuple([z.number(), z.number()])),
});

const ErrorData = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const GeotagItemResult = z.object({
  id,
  status: z.enum(['tagged', 'too-far', 'no-capture-time', 'no-zone', 'unreadable']),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  altitude: z.number().optional(),
  /** The photo's instant after the offset (ISO, UTC). */
  time: z.string().optional(),
  zoneFrom: z.enum(['photo', 'stated', 'utc']).optional(),
  method: z.enum(['interpolated', 'nearest']).optional(),
  /** The fixes used: their times and lines (XML) or entries (JSON) in the track file. */
  fixes: z.array(z.object({ time: z.string(), ref: z.number() })).optional(),
  refKind: z.enum(['line', 'entry']).optional(),
  nearestSeconds: z.number().optional(),
  where: z.enum(['before', 'after', 'gap']).optional(),
  wallClock: z.string().optional(),
  error: ErrorData.optional(),
});

const GeotagInput = z
  .object({
    trackId: id,
    ids: z.array(id).min(1).max(10_000),
    /** Seconds added to the camera's clock to get track time. */
    offsetSeconds: z.number().min(-7 * 86_400).max(7 * 86_400),
    maxGapSeconds: z.number().int().min(1).max(7 * 86_400),
    /** For photos whose time has no offset: "+02:00" or an IANA zone. */
    zone: z.string().max(64).optional(),
  })
  .strict();

export const locationMethods = {
  'location.status': method(nothing, LocationStatus),
  'location.set': method(z.object({ attach: z.boolean(), place: SessionPlace.nullable() }).strict(), LocationStatus),
  'location.places': method(z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(), z.array(Place)),
  /** Typed text to a place: "38.71, -9.14" or a town's name. */
  'location.resolve': method(z.object({ text: z.string().min(1).max(200) }).strict(), SessionPlace),
  'location.itemInfo': method(z.object({ id }).strict(), ItemInfo),
  /** A track file the person chose (a files-domain handle id, picked with purpose 'geotag' or uploaded). */
  'geotag.openTrack': method(z.object({ file: id }).strict(), TrackSummary),
  'geotag.preview': method(GeotagInput, z.object({ results: z.array(GeotagItemResult) })),
  /**
   * Writes the positions the preview gives as a job (kind 'geotag'): progress comes as job.progress events, and
   * job.cancel, job.pause and job.errors work on it like on any job. Its jobId is what geotag.undo takes.
   */
  'geotag.apply': method(GeotagInput, JobProgress),
  /** Puts back the location tags a geotag job replaced. */
  'geotag.undo': method(z.object({ runId: id }).strict(), z.object({ restored: z.number(), failed: z.array(z.object({ id, error: ErrorData })) })),
};

export type LocationStatusT = z.output<typeof LocationStatus>;
export type SessionPlaceT = z.output<typeof SessionPlace>;
export type PlaceT = z.output<typeof Place>;
export type ItemInfoT = z.output<typeof ItemInfo>;
export type TrackSummaryT = z.output<typeof TrackSummary>;
export type GeotagItemResultT = z.output<typeof GeotagItemResult>;
