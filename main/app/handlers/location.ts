import { randomUUID } from 'node:crypto';
import * as location from '../../location/index.ts';
import * as metadata from '../../metadata/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { locationMethods } from '../../shared/contract/methods/location.ts';
import { itemTargets, toApiResult, trackPath } from '../geotag.ts';
import { undoGeotagJob, type GeotagInput } from '../jobs/geotag.ts';
import type { AppContext, DomainHandlers } from './context.ts';

const KEEP_TRACKS = 4;

export function locationHandlers({ library, locationStore, files, jobs }: AppContext): DomainHandlers<typeof locationMethods> {
  // Tracks stay parsed while the dialog moves the offset; capture times are read once per item.
  const tracks = new Map<string, location.Track>();
  const captures = new Map<string, location.Capture>();

  const status = () => {
    const settings = locationStore.get();
    const gate = location.mayAttachLocation();
    return { ...settings, allowed: gate.allowed, blockedBy: gate.allowed ? null : gate.reason, osLocation: 'unavailable' as const };
  };

  const track = (trackId: string) => {
    const found = tracks.get(trackId);
    if (!found) throw new DarkslideError('location.track-closed');
    return found;
  };

  async function capturesFor(ids: string[]): Promise<location.Capture[]> {
    const missing = ids.filter((id) => !captures.has(id));
    if (missing.length > 0) for (const capture of await location.readCaptures(await itemTargets(library, missing))) captures.set(capture.id, capture);
    return ids.map((id) => captures.get(id)!);
  }

  function options(input: { offsetSeconds: number; maxGapSeconds: number; zone?: string | undefined }): location.GeotagOptions {
    return { offsetSeconds: input.offsetSeconds, maxGapSeconds: input.maxGapSeconds, zone: input.zone ? location.checkZone(input.zone) : undefined };
  }

  return {
    'location.status': () => status(),
    async 'location.set'({ attach, place }) {
      await locationStore.set({ attach, place });
      return status();
    },
    'location.places': ({ query, limit }) => location.searchPlaces(query, limit),
    'location.resolve': ({ text }) => location.resolvePlace(text),
    async 'location.itemInfo'({ id }) {
      const item = await library.get(id);
      if (!item) throw new DarkslideError('location.unknown-item', { id });
      // The camera that took it: an import's or a developed file's kept original has its own camera's data; the
      // developed file has Darkslide's (and a shot's kept frame has none, so the file's are shown). Both read at once.
      const [tags, keptTags] = await Promise.all([
        library.mediaPath(id, 'original').then(metadata.readMetadata),
        item.hasOriginal ? library.mediaPath(id, 'undeveloped').then(metadata.readMetadata) : null,
      ]);
      const kept = keptTags ? metadata.cameraTagsFromTags(keptTags) : [];
      const exif = kept.length > 0 ? kept : metadata.cameraTagsFromTags(tags);
      const exifFrom: 'original' | 'file' = kept.length > 0 ? 'original' : 'file';
      const capture = metadata.captureFromTags(tags);
      const where = metadata.locationFromTags(tags);
      const near = where ? location.nearestPlace(where.latitude, where.longitude) : null;
      return {
        capture: capture ? { wallClock: capture.wallClock, offset: capture.offset ?? null, utc: capture.utc ?? false } : null,
        location: where && { latitude: where.latitude, longitude: where.longitude, ...(where.altitude !== undefined ? { altitude: where.altitude } : {}), ...(where.accuracy !== undefined ? { accuracy: where.accuracy } : {}) },
        nearest: near && { name: near.place.name, country: near.place.country, distanceMetres: near.distanceMetres },
        exif,
        exifFrom,
      };
    },

    async 'geotag.openTrack'({ file }) {
      const chosen = files.resolve(file, { kind: 'file' });
      const parsed = await location.readTrack(chosen.path, { name: chosen.name });
      const trackId = randomUUID();
      tracks.set(trackId, parsed);
      while (tracks.size > KEEP_TRACKS) tracks.delete(tracks.keys().next().value!);
      const first = parsed.fixes[0]!;
      const last = parsed.fixes[parsed.fixes.length - 1]!;
      return {
        trackId,
        name: chosen.name,
        format: parsed.format,
        fixes: parsed.fixes.length,
        start: new Date(first.time).toISOString(),
        end: new Date(last.time).toISOString(),
        dropped: parsed.dropped,
        path: trackPath(parsed),
      };
    },

    async 'geotag.preview'(input) {
      const parsed = track(input.trackId);
      const results = location.matchCaptures(parsed, await capturesFor(input.ids), options(input));
      return { results: results.map((result) => toApiResult(result, parsed.refKind)) };
    },

    async 'geotag.apply'(input) {
      const parsed = track(input.trackId);
      const results = location.matchCaptures(parsed, await capturesFor(input.ids), options(input));
      const inputs: GeotagInput[] = [];
      for (const result of results) {
        if (result.status !== 'tagged') continue;
        const { fixTime, ...where } = result.location;
        const item = await library.get(result.id);
        inputs.push({ itemId: result.id, name: item?.fileName ?? result.id, location: { ...where, ...(fixTime ? { fixTime: fixTime.toISOString() } : {}) } });
      }
      if (inputs.length === 0) throw new DarkslideError('location.no-items');
      location.reportLocationUse('geotag');
      return jobs.start('geotag', {}, inputs);
    },

    'geotag.undo': ({ runId }) => undoGeotagJob(library, runId),
  };
}
