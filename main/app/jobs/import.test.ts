// The import job for real: files of every kind made here with sharp, heif-enc and ffmpeg, imported into a fresh
// library through the engine, the album and the disk checked afterwards.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobEngine, type JobEngine } from '../../jobs/index.ts';
import { openLibrary, type Library } from '../../library/index.ts';
import * as looks from '../../looks/index.ts';
import { closeMetadata } from '../../metadata/index.ts';
import { jobKinds } from './index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'ds-import-'));
const source = path.join(work, 'card');
const W = 480;
const H = 320;
/** The colour every photo is made of, so a real decode can be told from a wrong one. */
const COLOUR = { r: 200, g: 90, b: 40 };
let library: Library;
let jobs: JobEngine;
const before = new Map<string, { bytes: Buffer; mtimeMs: number }>();

function snapshot(): void {
  for (const file of walk(source)) before.set(file, { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

beforeAll(async () => {
  mkdirSync(path.join(source, 'DCIM', '100APPLE'), { recursive: true });
  mkdirSync(path.join(source, 'gifs'), { recursive: true });
  mkdirSync(path.join(source, '.hidden'), { recursive: true });
  const base = sharp({ create: { width: W, height: H, channels: 3, background: COLOUR } });
  await base.clone().jpeg({ quality: 95 }).toFile(path.join(source, 'DCIM', 'IMG_0001.jpg'));
  await base.clone().png().toFile(path.join(source, 'DCIM', 'scan.png'));
  await base.clone().tiff().toFile(path.join(source, 'DCIM', 'scan.tif'));
  await base.clone().webp({ quality: 95 }).toFile(path.join(source, 'DCIM', 'web.webp'));
  await base.clone().avif({ quality: 80 }).toFile(path.join(source, 'DCIM', 'phone.avif'));
  await base.clone().png().toFile(path.join(work, 'for-heic.png'));
  execFileSync('heif-enc', ['-q', '90', '-o', path.join(source, 'DCIM', '100APPLE', 'IMG_0002.HEIC'), path.join(work, 'for-heic.png')], { stdio: 'ignore' });
  // Two frames: the first is the photo's colour, the second black.
  execFileSync('ffmpeg', [
    '-y', '-v', 'error', '-filter_complex',
    `color=c=0x${[COLOUR.r, COLOUR.g, COLOUR.b].map((v) => v.toString(16).padStart(2, '0')).join('')}:s=${W}x${H}:r=2:d=0.5[a];color=c=black:s=${W}x${H}:r=2:d=0.5[b];[a][b]concat=n=2,split[x][y];[x]palettegen[p];[y][p]paletteuse`,
    path.join(source, 'gifs', 'anim.gif'),
  ]);
  for (const [name, extra] of [['clip.mp4', []], ['clip.mov', ['-f', 'mov']]] as const) {
    execFileSync('ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...extra, path.join(source, 'DCIM', name)]);
  }
  writeFileSync(path.join(source, 'DCIM', 'notes.txt'), 'not a photo');
  await base.clone().jpeg().toFile(path.join(source, '.hidden', 'secret.jpg'));
  snapshot();
  library = await openLibrary({ root: path.join(work, 'album'), dataDir: path.join(work, 'data') });
  jobs = createJobEngine({ library, kinds: jobKinds });
}, 120_000);

afterAll(async () => {
  await jobs?.close();
  await library?.close();
  await Promise.all([closeMetadata(), looks.stopKernelWorkers()]);
  rmSync(work, { recursive: true, force: true });
});

async function importAll(inputs: string[], params: Record<string, unknown> = {}) {
  const started = await jobs.start('import', { lookId: 'harbor-400', strength: 0, grain: 0, ...params }, inputs);
  return jobs.settled(started.jobId);
}

describe('import job', () => {
  it('imports every photo and video under a folder, recursively: originals untouched and kept, photos developed', async () => {
    const end = await importAll([source]);
    const errors = await jobs.errors(end.jobId);
    expect(errors.items).toEqual([]);
    // 7 photos (jpg, png, tif, webp, avif, heic, gif) and 2 videos; the .txt and the hidden folder are not looked at.
    expect(end).toMatchObject({ state: 'finished', total: 9, done: 9, skipped: 0, failed: 0 });
    const { items } = await library.list({ limit: 100 });
    expect(items).toHaveLength(9);
    const byName = new Map(items.map((item) => [item.sourceName, item]));
    const middle = async (id: string) => {
      const { data } = await sharp(await library.mediaPath(id, 'original')).extract({ left: W / 2 - 20, top: H / 2 - 20, width: 40, height: 40 }).raw().toBuffer({ resolveWithObject: true });
      return [0, 1, 2].map((c) => data.filter((_, i) => i % 3 === c).reduce((sum, v) => sum + v, 0) / (data.length / 3));
    };
    // Every source is the same colour, so every developed photo should look like the JPEG's.
    const reference = await middle(byName.get('IMG_0001.jpg')!.id);
    expect([...byName.keys()].sort()).toEqual(['IMG_0001.jpg', 'IMG_0002.HEIC', 'anim.gif', 'clip.mov', 'clip.mp4', 'phone.avif', 'scan.png', 'scan.tif', 'web.webp']);
    for (const [name, item] of byName) {
      const sourceFile = [...before.keys()].find((file) => path.basename(file) === name)!;
      if (name!.startsWith('clip.')) {
        expect(item).toMatchObject({ kind: 'video', width: 320, height: 240, lookId: 'original', hasOriginal: false });
        expect(item.durationSec).toBeCloseTo(1, 0);
        // Kept as it is: the album's file is the same bytes.
        expect(readFileSync(await library.mediaPath(item.id, 'original')).equals(before.get(sourceFile)!.bytes)).toBe(true);
        continue;
      }
      expect(item).toMatchObject({ kind: 'photo', width: W, height: H, lookId: 'harbor-400', hasOriginal: true });
      expect((item.recipe as { lookId: string }).lookId).toBe('harbor-400');
      // The original is the file as it came, byte for byte.
      expect(readFileSync(await library.mediaPath(item.id, 'undeveloped')).equals(before.get(sourceFile)!.bytes)).toBe(true);
      // Decoded for real (HEIC through libheif, GIF's first frame): the same colour came through the same camera.
      const mean = await middle(item.id);
      for (const c of [0, 1, 2]) expect(Math.abs(mean[c]! - reference[c]!), `${name} channel ${c}: ${mean} vs ${reference}`).toBeLessThan(12);
    }
    // The sources are exactly as they were.
    for (const [file, was] of before) {
      expect(readFileSync(file).equals(was.bytes)).toBe(true);
      expect(statSync(file).mtimeMs).toBe(was.mtimeMs);
    }
  }, 240_000);

  it('a rescan skips unchanged files without reading them, and the same content under another name is a duplicate', async () => {
    // Same size and modification time, different bytes: a rescan that read it would find new content.
    const jpeg = path.join(source, 'DCIM', 'IMG_0001.jpg');
    const was = statSync(jpeg, { bigint: true }).mtimeNs;
    const bytes = readFileSync(jpeg);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(jpeg, bytes);
    // Back to the exact nanosecond (utimes with a Date rounds through a float, which can move it by a millisecond).
    execFileSync('touch', ['-m', '-d', `@${was / 1_000_000_000n}.${String(was % 1_000_000_000n).padStart(9, '0')}`, jpeg]);
    expect(statSync(jpeg, { bigint: true }).mtimeNs).toBe(was);
    copyFileSync(path.join(source, 'DCIM', 'scan.png'), path.join(work, 'copy-of-scan.png'));
    const end = await importAll([source, path.join(work, 'copy-of-scan.png')]);
    expect(end).toMatchObject({ state: 'finished', total: 10, done: 10, skipped: 10, failed: 0 });
    expect((await library.list({ limit: 100 })).items).toHaveLength(9);
  }, 240_000);

  it('lists a file that is not a photo with its error and goes on', async () => {
    const bad = path.join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'broken.heic'), 'not a heic at all');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#123456' } }).jpeg().toFile(path.join(bad, 'fine.jpg'));
    const end = await importAll([bad, path.join(work, 'missing.jpg')]);
    expect(end).toMatchObject({ total: 3, done: 3, failed: 2 });
    const errors = (await jobs.errors(end.jobId)).items.map((item) => [item.label, item.error.code]);
    expect(errors).toEqual([
      ['broken.heic', 'develop.not-a-photo'],
      ['missing.jpg', 'file.not-found'],
    ]);
  }, 120_000);

  it('a file given with its name (a page upload, kept under a temp name) is listed and errs under that name', async () => {
    const uploads = path.join(work, 'uploads');
    mkdirSync(uploads);
    const temp = path.join(uploads, '01J9ZQ4T8W.jpg');
    writeFileSync(temp, 'not a jpeg');
    const started = await jobs.start('import', { lookId: 'harbor-400' }, [{ file: temp, name: 'Holiday 042.jpg' }]);
    const end = await jobs.settled(started.jobId);
    expect(end).toMatchObject({ total: 1, done: 1, failed: 1 });
    const [error] = (await jobs.errors(end.jobId)).items;
    expect(error?.label).toBe('Holiday 042.jpg');
    expect(error?.error.params).toMatchObject({ file: 'Holiday 042.jpg' });
  }, 120_000);
});
