import { randomUUID } from 'node:crypto';
import * as location from '../../location/index.ts';
import * as metadata from '../../metadata/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import type { locationMethods } from '../../shared/contract/methods/location.ts';
import { geotagRunsDir, itemTargets, toApiResult, trackPath } from '../geotag.ts';
import type { AppContext, DomainHandlers } from './context.ts';

const KEEP_TRACKS = 4;

export function locationHandlers({ library, locationStore, files, dataDir, emit }: AppContext): DomainHandlers<typeof locationMethods> {
  // Tracks stay parsed while the dialog moves the offset; capture times are read once per item.
  const tracks = new Map<string, location.Track>();
  const captures = new Map<string, location.Capture>();
  const running = new Map<string, AbortController>();

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
      if (!(await library.get(id))) throw new DarkslideError('location.unknown-item', { id });
      const tags = await metadata.readMetadata(await library.mediaPath(id, 'original'));
      const capture = metadata.captureFromTags(tags);
      const where = metadata.locationFromTags(tags);
      const near = where ? location.nearestPlace(where.latitude, where.longitude) : null;
      return {
        capture: capture ? { wallClock: capture.wallClock, offset: capture.offset ?? null, utc: capture.utc ?? false } : null,
        location: where && { latitude: where.latitude, longitude: where.longitude, ...(where.altitude !== undefined ? { altitude: where.altitude } : {}), ...(where.accuracy !== undefined ? { accuracy: where.accuracy } : {}) },
        nearest: near && { name: near.place.name, country: near.place.country, distanceMetres: near.distanceMetres },
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
      const controller = new AbortController();
      running.set(input.jobId, controller);
      // Until geotagging is a kind of the jobs engine (main/jobs), its events carry the engine's JobProgress shape.
      const createdAt = new Date().toISOString();
      const progress = (done: number, total: number, finished = false) =>
        emit('job.progress', {
          jobId: input.jobId, kind: 'geotag', state: finished ? 'finished' : 'running', done, total, skipped: 0, failed: 0,
          current: [], etaSec: null, finished, ownedHere: true, createdAt,
        });
      try {
        const results = location.matchCaptures(parsed, await capturesFor(input.ids), options(input));
        const total = results.filter((result) => result.status === 'tagged').length;
        progress(0, total);
        const run = await location.writeGeotags(results, {
          signal: controller.signal,
          onProgress: (done) => progress(done, total),
          // The catalog follows the file, for the album's location filter.
          onWritten: (entry, where) => library.setLocation(entry.id, { latitude: where.latitude, longitude: where.longitude }),
        });
        if (run.written.length > 0) {
          location.reportLocationUse('geotag');
          await location.saveRun(geotagRunsDir(dataDir), run);
        }
        progress(run.written.length + run.failed.length, total, true);
        return {
          runId: run.runId,
          written: run.written.length,
          failed: run.failed.map(({ id, error }) => ({ id, error })),
          cancelled: controller.signal.aborted,
          results: results.map((result) => toApiResult(result, parsed.refKind)),
        };
      } finally {
        running.delete(input.jobId);
      }
    },

    'geotag.cancel'({ jobId }) {
      const controller = running.get(jobId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },

    async 'geotag.undo'({ runId }) {
      const run = await location.loadRun(geotagRunsDir(dataDir), runId);
      const undone = await location.undoGeotags(run.written, {
        onRestored: (entry, where) => library.setLocation(entry.id, where && { latitude: where.latitude, longitude: where.longitude }),
      });
      return { restored: undone.restored.length, failed: undone.failed.map(({ id, error }) => ({ id, error })) };
    },
  };
}
