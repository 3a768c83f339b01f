// The geotag job: album items get the positions a track gave them (matched before the job starts: each input
// carries its own position, so a job taken over after a crash needs no track). Before an item's file is first
// written, its location tags are kept in <data>/geotag-runs/<jobId>/<itemId>.json: redoing an item (after a
// crash) never overwrites that snapshot with the job's own position, so undo always gives back what was there.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { JobKind } from '../../jobs/index.ts';
import type { Library } from '../../library/index.ts';
import * as metadata from '../../metadata/index.ts';
import { DarkslideError, toErrorData, type ErrorData } from '../../shared/errors/index.ts';
import { geotagRunsDir } from '../geotag.ts';

export type GeotagInput = {
  itemId: string;
  name: string;
  location: { latitude: number; longitude: number; altitude?: number; accuracy?: number; fixTime?: string };
};

const NoParams = z.object({}).strict();

function snapshotFile(dataDir: string, jobId: string, itemId: string): string {
  return path.join(geotagRunsDir(dataDir), jobId, `${itemId}.json`);
}

export const geotagKind: JobKind<Record<string, never>, GeotagInput> = {
  kind: 'geotag',
  concurrency: 2,
  params(raw) {
    if (!NoParams.safeParse(raw ?? {}).success) throw new DarkslideError('job.invalid-settings', { field: 'params', problem: 'geotag takes no settings' });
    return {};
  },
  label: (input) => input.name,
  async run(input, { jobId, signal, library }) {
    if (signal.aborted) throw new DarkslideError('job.cancelled');
    if (!(await library.get(input.itemId))) throw new DarkslideError('album.item-not-found', { id: input.itemId });
    const file = await library.mediaPath(input.itemId, 'original');
    const keep = snapshotFile(library.dataDir, jobId, input.itemId);
    if (!existsSync(keep)) {
      const snapshot = metadata.snapshotFromTags(file, await metadata.readMetadata(file));
      await mkdir(path.dirname(keep), { recursive: true });
      const temp = `${keep}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(snapshot));
      await rename(temp, keep);
    }
    const { fixTime, ...where } = input.location;
    await metadata.writeLocation(file, { ...where, ...(fixTime ? { fixTime: new Date(fixTime) } : {}) });
    await library.setLocation(input.itemId, { latitude: where.latitude, longitude: where.longitude });
    return { result: { itemId: input.itemId } };
  },
};

/** Puts back the location tags a geotag job replaced, item by item; the catalog follows each file. */
export async function undoGeotagJob(library: Library, jobId: string): Promise<{ restored: number; failed: { id: string; error: ErrorData }[] }> {
  if (!/^[\w-]{1,64}$/.test(jobId)) throw new DarkslideError('location.unknown-run');
  const dir = path.join(geotagRunsDir(library.dataDir), jobId);
  const names = await readdir(dir).catch(() => null);
  if (!names) throw new DarkslideError('location.unknown-run');
  let restored = 0;
  const failed: { id: string; error: ErrorData }[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    const id = name.slice(0, -'.json'.length);
    try {
      const snapshot = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as metadata.LocationSnapshot;
      const file = await library.mediaPath(id, 'original');
      await metadata.restoreLocation(file, snapshot);
      const now = await metadata.readLocation(file);
      await library.setLocation(id, now && { latitude: now.latitude, longitude: now.longitude });
      restored++;
    } catch (error) {
      failed.push({ id, error: toErrorData(error) });
    }
  }
  return { restored, failed };
}
