// Geotagging album items or plain files, for the app's dialog and `darkslide geotag`: the same steps
// (main/location: read captures, match, write with undo), with the library's items resolved to their files.
import path from 'node:path';
import { copyFile } from 'node:fs/promises';
import type { Library } from '../library/index.ts';
import type * as location from '../location/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import type { GeotagItemResultT } from '../shared/contract/api.ts';

/** Where geotag runs are kept for undo: beside the catalog. */
export function geotagRunsDir(dataDir: string): string {
  return path.join(dataDir, 'geotag-runs');
}

/** Album items to their developed files (what is shared, so what gets the location). */
export async function itemTargets(library: Library, ids: string[]): Promise<location.GeotagTarget[]> {
  const targets: location.GeotagTarget[] = [];
  for (const id of ids) {
    if (!(await library.get(id))) throw new DarkslideError('location.unknown-item', { id });
    targets.push({ id, file: await library.mediaPath(id, 'original') });
  }
  return targets;
}

/** A result as the contract carries it: plain numbers and ISO times. */
export function toApiResult(result: location.GeotagResult, refKind: 'line' | 'entry'): GeotagItemResultT {
  const out: GeotagItemResultT = { id: result.id, status: result.status };
  if (result.status === 'tagged') {
    out.latitude = result.location.latitude;
    out.longitude = result.location.longitude;
    if (result.location.altitude !== undefined) out.altitude = result.location.altitude;
    out.time = new Date(result.time).toISOString();
    out.zoneFrom = result.zoneFrom;
    out.method = result.method;
    out.fixes = result.fixes.map((fix) => ({ time: new Date(fix.time).toISOString(), ref: fix.ref }));
    out.refKind = refKind;
  } else if (result.status === 'too-far') {
    out.time = new Date(result.time).toISOString();
    out.zoneFrom = result.zoneFrom;
    out.nearestSeconds = result.nearestSeconds;
    out.where = result.where;
  } else if (result.status === 'no-zone') {
    out.wallClock = result.wallClock;
  } else if (result.status === 'unreadable') {
    out.error = { code: result.error.code, message: result.error.message, ...(result.error.params ? { params: result.error.params } : {}) };
  }
  return out;
}

/** exiftool's way with files it geotags in place: `<file>_original` beside it, only when asked. */
export async function backupFile(file: string): Promise<void> {
  await copyFile(file, `${file}_original`);
}

/** The track's shape for drawing: every fix when few, else an even sample (always the first and last). */
export function trackPath(track: location.Track, max = 1500): [number, number][] {
  const { fixes } = track;
  const step = Math.max(1, Math.ceil(fixes.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < fixes.length; i += step) out.push([fixes[i]!.lon, fixes[i]!.lat]);
  const last = fixes[fixes.length - 1];
  if (last && (fixes.length - 1) % step !== 0) out.push([last.lon, last.lat]);
  return out;
}
