// The geotag job on the real jobs engine, catalog and exiftool: positions written and recorded in the catalog,
// a missing item listed with its error while the job goes on, an item redone (as after a crash) keeping the
// snapshot taken before its first write, and undo giving back exactly the earlier tags. Read back by Debian's
// exiftool.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobEngine } from '../../jobs/index.ts';
import { openLibrary } from '../../library/index.ts';
import { closeMetadata, writeShotMetadata } from '../../metadata/index.ts';
import { geotagKind, undoGeotagJob, type GeotagInput } from './geotag.ts';
import { jobKinds } from './index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'ds-geotag-job-'));
afterAll(async () => {
  await closeMetadata();
  rmSync(work, { recursive: true, force: true });
});

function gps(file: string): { lat: number; lon: number } | null {
  const tags = (JSON.parse(execFileSync('/usr/bin/exiftool', ['-j', '-n', '-Composite:GPSLatitude', '-Composite:GPSLongitude', file], { encoding: 'utf8' })) as Record<string, number>[])[0]!;
  return tags.GPSLatitude === undefined ? null : { lat: tags.GPSLatitude, lon: tags.GPSLongitude! };
}

describe('geotag job', () => {
  it('writes each position, goes on past a missing item, keeps the first snapshot when an item is redone, and undoes', async () => {
    const library = await openLibrary({ root: path.join(work, 'root'), dataDir: path.join(work, 'data') });
    const jobs = createJobEngine({ library, kinds: jobKinds });
    try {
      const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#446688' } }).jpeg().toBuffer();
      const ids: string[] = [];
      for (const [i, place] of [{ latitude: 48.8584, longitude: 2.2945 }, null].entries()) {
        const takenAt = new Date(Date.UTC(2024, 4, 1, 9, i));
        const item = await library.addShot({
          kind: 'photo', data, ext: 'jpg', width: 64, height: 48, takenAt, lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, location: place,
          beforeCommit: (temp) => writeShotMetadata(temp, { takenAt, utcOffsetMinutes: 0, make: 'Darkslide', model: 'Harbor 400', software: 'test', gps: place }),
        });
        ids.push(item.id);
      }
      const [paris, plain] = ids as [string, string];
      const inputs: GeotagInput[] = [
        { itemId: paris, name: 'paris.jpg', location: { latitude: 38.7139, longitude: -9.1394, accuracy: 12, fixTime: '2024-05-01T09:00:00.000Z' } },
        { itemId: plain, name: 'plain.jpg', location: { latitude: -33.8568, longitude: 151.2153 } },
        { itemId: 'gone', name: 'gone.jpg', location: { latitude: 1, longitude: 2 } },
      ];
      const started = await jobs.start('geotag', {}, inputs);
      const end = await jobs.settled(started.jobId);
      expect(end).toMatchObject({ kind: 'geotag', state: 'finished', total: 3, failed: 1 });
      expect((await jobs.errors(started.jobId)).items.map((item) => [item.label, item.error.code])).toEqual([['gone.jpg', 'album.item-not-found']]);

      const parisFile = await library.mediaPath(paris, 'original');
      const plainFile = await library.mediaPath(plain, 'original');
      expect(gps(parisFile)?.lat).toBeCloseTo(38.7139, 6);
      expect(gps(plainFile)?.lon).toBeCloseTo(151.2153, 6);
      expect((await library.get(plain))!.location).toEqual({ latitude: -33.8568, longitude: 151.2153 });

      // Redone, as the engine does after a crash: the position is written again, the snapshot stays the first one.
      await geotagKind.run(inputs[0]!, { jobId: started.jobId, params: {}, signal: new AbortController().signal, library });

      const undone = await undoGeotagJob(library, started.jobId);
      expect(undone).toEqual({ restored: 2, failed: [] });
      expect(gps(parisFile)?.lat).toBeCloseTo(48.8584, 6);
      expect(gps(plainFile)).toBeNull();
      expect((await library.get(paris))!.location).toEqual({ latitude: 48.8584, longitude: 2.2945 });
      expect((await library.get(plain))!.location).toBeNull();
      await expect(undoGeotagJob(library, 'no-such-job')).rejects.toMatchObject({ code: 'location.unknown-run' });
    } finally {
      await jobs.close();
      await library.close();
    }
  });
});
