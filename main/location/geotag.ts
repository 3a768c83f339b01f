// Geotagging photos and videos you already have, in three steps so the dialog can preview before anything is
// written: read each file's capture time once (readCaptures), match them to a track for any offset/zone/gap
// (matchCaptures: pure, cheap, re-run as the user moves the offset), then write the tagged ones (writeGeotags),
// keeping each file's previous location tags so undoGeotags can put them back.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DarkslideError, toErrorData, type ErrorData } from '../shared/errors/index.ts';
import * as metadata from '../metadata/index.ts';
import { DEFAULT_MAX_GAP_SECONDS, matchInstant } from './match.ts';
import { captureInstant, type CaptureTime } from './time.ts';
import type { Track } from './tracks/index.ts';

export type GeotagTarget = { id: string; file: string };

export type Capture = GeotagTarget & ({ capture: CaptureTime | null } | { error: ErrorData });

export type GeotagOptions = {
  /** Seconds added to the camera's clock to get the track's time (exiftool's Geosync). */
  offsetSeconds?: number;
  /** The longest gap between fixes to interpolate across, and the furthest a photo may be from a fix (s). */
  maxGapSeconds?: number;
  /** The zone for photos whose time has no offset: "+02:00" or "Europe/Lisbon". */
  zone?: string | undefined;
};

export type FixRef = { time: number; ref: number };

export type GeotagResult = GeotagTarget &
  (
    | {
        status: 'tagged';
        /** The photo's instant (ms UTC), after the offset. */
        time: number;
        zoneFrom: 'photo' | 'stated' | 'utc';
        location: metadata.Location;
        method: 'interpolated' | 'nearest';
        fixes: FixRef[];
      }
    | { status: 'too-far'; time: number; zoneFrom: 'photo' | 'stated' | 'utc'; nearestSeconds: number; where: 'before' | 'after' | 'gap' }
    | { status: 'no-capture-time' }
    | { status: 'no-zone'; wallClock: string }
    | { status: 'unreadable'; error: ErrorData }
  );

/** Reads every target's capture time; a file that cannot be read is reported, the batch goes on. */
export async function readCaptures(targets: GeotagTarget[], options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<Capture[]> {
  const out: Capture[] = [];
  for (const target of targets) {
    options.signal?.throwIfAborted();
    try {
      out.push({ ...target, capture: await metadata.readCaptureTags(target.file) });
    } catch (error) {
      out.push({ ...target, error: toErrorData(error) });
    }
    options.onProgress?.(out.length, targets.length);
  }
  return out;
}

export function matchCaptures(track: Track, captures: Capture[], options: GeotagOptions = {}): GeotagResult[] {
  const maxGap = options.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS;
  return captures.map((item): GeotagResult => {
    const target = { id: item.id, file: item.file };
    if ('error' in item) return { ...target, status: 'unreadable', error: item.error };
    const instant = captureInstant(item.capture, { zone: options.zone, offsetSeconds: options.offsetSeconds });
    if (!instant.ok) {
      return instant.reason === 'no-zone' && item.capture ? { ...target, status: 'no-zone', wallClock: item.capture.wallClock } : { ...target, status: 'no-capture-time' };
    }
    const match = matchInstant(track.fixes, instant.time, maxGap);
    if (match.status === 'too-far') {
      return { ...target, status: 'too-far', time: instant.time, zoneFrom: instant.zoneFrom, nearestSeconds: match.nearestSeconds, where: match.where };
    }
    const location: metadata.Location = { latitude: match.lat, longitude: match.lon, fixTime: new Date(instant.time) };
    if (match.alt !== undefined) location.altitude = match.alt;
    if (match.accuracy !== undefined) location.accuracy = match.accuracy;
    return {
      ...target,
      status: 'tagged',
      time: instant.time,
      zoneFrom: instant.zoneFrom,
      location,
      method: match.method,
      fixes: match.fixes.map((fix) => ({ time: fix.time, ref: fix.ref })),
    };
  });
}

export type UndoEntry = GeotagTarget & { snapshot: metadata.LocationSnapshot };
export type GeotagRun = { runId: string; at: string; written: UndoEntry[]; failed: (GeotagTarget & { error: ErrorData })[] };

/**
 * Writes the tagged results. Before each write the file's current location tags are read, so the run can be
 * undone; a file that fails is reported and the others go on. Cancelling stops before the next file: the run
 * then holds what was written so far (and can be undone).
 */
export async function writeGeotags(
  results: GeotagResult[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; onWritten?: (entry: UndoEntry, location: metadata.Location) => Promise<void> | void } = {},
): Promise<GeotagRun> {
  const run: GeotagRun = { runId: randomUUID(), at: new Date().toISOString(), written: [], failed: [] };
  const tagged = results.filter((result) => result.status === 'tagged');
  let done = 0;
  for (const result of tagged) {
    if (options.signal?.aborted) break;
    const target = { id: result.id, file: result.file };
    try {
      const snapshot = metadata.snapshotFromTags(result.file, await metadata.readMetadata(result.file));
      await metadata.writeLocation(result.file, result.location);
      const entry = { ...target, snapshot };
      run.written.push(entry);
      await options.onWritten?.(entry, result.location);
    } catch (error) {
      run.failed.push({ ...target, error: toErrorData(error) });
    }
    options.onProgress?.(++done, tagged.length);
  }
  return run;
}

export async function undoGeotags(
  entries: UndoEntry[],
  options: { onRestored?: (entry: UndoEntry, location: metadata.Location | null) => Promise<void> | void } = {},
): Promise<{ restored: GeotagTarget[]; failed: (GeotagTarget & { error: ErrorData })[] }> {
  const restored: GeotagTarget[] = [];
  const failed: (GeotagTarget & { error: ErrorData })[] = [];
  for (const entry of entries) {
    try {
      await metadata.restoreLocation(entry.file, entry.snapshot);
      restored.push({ id: entry.id, file: entry.file });
      await options.onRestored?.(entry, await metadata.readLocation(entry.file));
    } catch (error) {
      failed.push({ id: entry.id, file: entry.file, error: toErrorData(error) });
    }
  }
  return { restored, failed };
}

/** Runs are kept as JSON files so a run can be undone after a restart (and from the CLI). */
export async function saveRun(dir: string, run: GeotagRun): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${run.runId}.json`);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(run));
  await rename(temp, file);
}

export async function loadRun(dir: string, runId: string): Promise<GeotagRun> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) throw new DarkslideError('location.unknown-run');
  try {
    return JSON.parse(await readFile(join(dir, `${runId}.json`), 'utf8')) as GeotagRun;
  } catch {
    throw new DarkslideError('location.unknown-run');
  }
}
