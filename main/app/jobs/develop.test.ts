// The develop job for real: sharp, the look kernel, exiftool and the catalog; photos made here.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobEngine, type JobEngine } from '../../jobs/index.ts';
import { openLibrary, type Library } from '../../library/index.ts';
import * as looks from '../../looks/index.ts';
import { closeMetadata, readLocation, readMetadata, writeLocation } from '../../metadata/index.ts';
import { jobKinds } from './index.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const work = mkdtempSync(path.join(tmpdir(), 'ds-develop-job-'));
const photos = path.join(work, 'photos');
const LOOK = 'harbor-400';

/** Photo-like JPEGs (noise over a gradient), each different, so each develops into its own item. */
async function makePhotos(count: number, width: number, height: number, prefix: string): Promise<string[]> {
  mkdirSync(photos, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(photos, `${prefix}${i}.jpg`);
    await sharp({ create: { width, height, channels: 3, background: { r: 40 + i * 20, g: 90, b: 160 - i * 10 }, noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
      .jpeg({ quality: 90 })
      .toFile(file);
    files.push(file);
  }
  return files;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

async function openFresh(name: string): Promise<Library> {
  return openLibrary({ root: path.join(work, name, 'root'), dataDir: path.join(work, name, 'data') });
}

let small: string[];

beforeAll(async () => {
  small = await makePhotos(3, 640, 480, 'small');
});

afterAll(async () => {
  await Promise.all([closeMetadata(), looks.stopKernelWorkers()]);
  rmSync(work, { recursive: true, force: true });
});

describe('develop job', () => {
  it('files each photo into the album with its original, lists a bad file with its error, and goes on', async () => {
    const library = await openFresh('basic');
    const broken = path.join(photos, 'broken.jpg');
    writeFileSync(broken, 'this is not a photo');
    const jobs: JobEngine = createJobEngine({ library, kinds: jobKinds });
    try {
      const { jobId } = await jobs.start('develop', { lookId: LOOK }, [...small, broken].map((file) => ({ file })));
      const end = await jobs.settled(jobId);
      expect(end).toMatchObject({ state: 'finished', total: 4, done: 4, failed: 1, skipped: 0 });
      const errors = await jobs.errors(jobId);
      expect(errors.items).toEqual([{ seq: 3, label: 'broken.jpg', error: expect.objectContaining({ code: 'develop.not-a-photo', message: expect.stringContaining('broken.jpg') }) as unknown }]);
      const { items } = await library.list();
      expect(items).toHaveLength(3);
      for (const item of items) {
        expect(item).toMatchObject({ kind: 'photo', lookId: LOOK, hasOriginal: true, width: 640, height: 480 });
        expect((item.recipe as { lookId: string }).lookId).toBe(LOOK);
        // A shot's tags, with the photo's own time (these have no EXIF: the file's modification time).
        const tags = await readMetadata(await library.mediaPath(item.id, 'original'));
        expect(tags['IFD0:Make']).toBe('Darkslide');
        expect(tags['IFD0:Model']).toBe(looks.getLook(LOOK).name);
        expect(String(tags['ExifIFD:DateTimeOriginal'])).toContain(new Date(item.takenAt).getFullYear().toString());
      }
    } finally {
      await jobs.close();
      await library.close();
    }
  });

  it('develops nothing the second time the same batch runs (same sources, recipe and renderer), and again with another recipe', async () => {
    const library = await openFresh('twice');
    const jobs = createJobEngine({ library, kinds: jobKinds });
    try {
      const inputs = small.map((file) => ({ file }));
      const first = await jobs.settled((await jobs.start('develop', { lookId: LOOK }, inputs)).jobId);
      expect(first).toMatchObject({ done: 3, skipped: 0 });
      const second = await jobs.settled((await jobs.start('develop', { lookId: LOOK }, inputs)).jobId);
      expect(second).toMatchObject({ state: 'finished', done: 3, skipped: 3, failed: 0 });
      expect((await library.list()).items).toHaveLength(3);
      // A copy of a photo under another name is the same source.
      const copy = path.join(work, 'copy-of-small0.jpg');
      writeFileSync(copy, readFileSync(small[0]!));
      const copied = await jobs.settled((await jobs.start('develop', { lookId: LOOK }, [{ file: copy }])).jobId);
      expect(copied).toMatchObject({ done: 1, skipped: 1 });
      // Another strength is another recipe: developed.
      const stronger = await jobs.settled((await jobs.start('develop', { lookId: LOOK, strength: 0.5 }, inputs.slice(0, 1))).jobId);
      expect(stronger).toMatchObject({ done: 1, skipped: 0 });
      expect((await library.list()).items).toHaveLength(4);
    } finally {
      await jobs.close();
      await library.close();
    }
  });

  it('develops album items again from their kept originals through another camera', async () => {
    const library = await openFresh('again');
    const jobs = createJobEngine({ library, kinds: jobKinds });
    try {
      await jobs.settled((await jobs.start('develop', { lookId: LOOK }, small.slice(0, 2).map((file) => ({ file })))).jobId);
      const { items } = await library.list();
      const end = await jobs.settled((await jobs.start('develop', { lookId: 'glacier-50' }, items.map((item) => ({ itemId: item.id, name: item.fileName })))).jobId);
      expect(end).toMatchObject({ done: 2, skipped: 0, failed: 0 });
      const after = (await library.list()).items;
      expect(after.filter((item) => item.lookId === 'glacier-50')).toHaveLength(2);
      expect(after).toHaveLength(4);
      // A geotagged item developed again keeps its place, in the catalog and in the new file.
      const placed = after.find((item) => item.lookId === 'glacier-50')!;
      const lisbon = { latitude: 38.7075, longitude: -9.1364 };
      await writeLocation(await library.mediaPath(placed.id, 'original'), lisbon);
      await library.setLocation(placed.id, lisbon);
      await jobs.settled((await jobs.start('develop', { lookId: 'velvet-160' }, [{ itemId: placed.id, name: placed.fileName }])).jobId);
      const again = (await library.list()).items.find((item) => item.lookId === 'velvet-160')!;
      expect(again.location?.latitude).toBeCloseTo(lisbon.latitude, 4);
      expect((await readLocation(await library.mediaPath(again.id, 'original')))?.longitude).toBeCloseTo(lisbon.longitude, 4);
    } finally {
      await jobs.close();
      await library.close();
    }
  });

  it('after a SIGKILL mid-batch the next start resumes: every photo once, at most the items in hand redone, no partial file', async () => {
    const files = await makePhotos(8, 1600, 1200, 'kill');
    const root = path.join(work, 'kill', 'root');
    const dataDir = path.join(work, 'kill', 'data');
    const child = spawn(process.execPath, [path.join(here, 'fixtures', 'develop-child.ts'), root, dataDir, LOOK, ...files]);
    let out = '';
    let jobId = '';
    let doneAtKill = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const lines = out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; jobId?: string; done?: number });
        jobId ||= lines.find((line) => line.type === 'started')?.jobId ?? '';
        const done = Math.max(0, ...lines.map((line) => line.done ?? 0));
        // Killed in the middle: some photos filed, others in hand.
        if (done >= 3 && child.exitCode === null) {
          doneAtKill = done;
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited by itself (${code}): ${out}`))));
    });
    expect(jobId).not.toBe('');

    // What the killed process left: its job still running in the journal, owned by a dead process.
    const library = await openLibrary({ root, dataDir });
    const jobs = createJobEngine({ library, kinds: jobKinds });
    try {
      const before = await library.jobs.get(jobId);
      expect(before).toMatchObject({ state: 'running', ownedHere: false });
      const filedBefore = (await library.list()).items.length;
      const resumed = await jobs.resumeInterrupted();
      expect(resumed.map((job) => job.jobId)).toEqual([jobId]);
      const end = await jobs.settled(jobId);
      expect(end).toMatchObject({ state: 'finished', total: 8, done: 8, failed: 0 });
      // The dead process recorded `before.done` items; it may have filed up to two more (its items in hand) without
      // recording them. Those are recognised by their key and skipped, not filed twice; the rest are developed.
      expect(before!.done).toBeGreaterThanOrEqual(doneAtKill);
      expect(filedBefore - before!.done).toBeGreaterThanOrEqual(0);
      expect(filedBefore - before!.done).toBeLessThanOrEqual(2);
      expect(end.skipped).toBe(filedBefore - before!.done);
      const { items } = await library.list();
      expect(items).toHaveLength(8);
      // One item per source: the develop keys are all different.
      const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
      const keys = db.prepare("SELECT COUNT(DISTINCT develop_key) AS n, COUNT(*) AS total FROM items WHERE state = 'done'").get() as { n: number; total: number };
      db.close();
      expect(keys).toEqual({ n: 8, total: 8 });
      // No partial file anywhere: every file under the root is a developed photo or its original.
      const leftovers = walk(root).filter((file) => path.basename(file).startsWith('.ds-tmp-') || file.includes('_exiftool_tmp'));
      expect(leftovers).toEqual([]);
      expect(walk(root).filter((file) => !file.includes(`${path.sep}.originals${path.sep}`))).toHaveLength(8);
      expect(walk(path.join(root, '.originals'))).toHaveLength(8);
    } finally {
      await jobs.close();
      await library.close();
    }
  }, 240_000);
});

