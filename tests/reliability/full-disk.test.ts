// A full disk for real (a small tmpfs, no mocked fs): developing with the CLI, uploading a file into the app,
// and developing into the album. Each fault must come back as "the disk is full" naming the person's file,
// the batch must go on, and no temp file or half-written row may be left.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide } from '../../main/app/index.ts';
import { isPartialName } from '../../main/export/index.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';
import { darkslide } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';
import { fillDisk, mountSmallDisk, type SmallDisk } from './support/small-disk.ts';

const work = tempDir('rel-full-disk');
let disk: SmallDisk | null = null;
const photos: string[] = [];

beforeAll(async () => {
  disk = mountSmallDisk(24);
  for (const [i, side] of [[1, 1600], [2, 1600], [3, 64]] as const) {
    const file = path.join(work.path, `photo-${i}.jpg`);
    // Noise: a developed copy is megabytes, so a nearly full disk cannot take it.
    await sharp(Buffer.from(Array.from({ length: side * side * 3 }, (_, k) => (k * 7919 + i * 104729) % 251)), { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 100 })
      .toFile(file);
    photos.push(file);
  }
});
afterAll(() => {
  disk?.unmount();
  work.remove();
});

const skipReason = () => (disk ? '' : 'mount -t tmpfs is not allowed here (not root?): the full-disk cases need a real small file system');

describe('a full disk', () => {
  test('during `darkslide develop`: each big output is "disk full" by its own name, the small one still develops, no temp is left', async (context) => {
    if (!disk) return context.skip(skipReason());
    const out = path.join(disk.path, 'developed');
    execFileSync('mkdir', ['-p', out]);
    fillDisk(disk.path, 600 * 1024);
    const result = await darkslide('develop', ...photos, '--look', 'harbor-400', '--out', out, '--json');
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as { input: string; output?: string; error?: { code: string; message: string } }[];
    expect(results.map((entry) => entry.error?.code ?? 'ok')).toEqual(['file.disk-full', 'file.disk-full', 'ok']);
    expect(results[0]!.error!.message).toBe(`The disk is full: "${path.join(out, 'photo-1-harbor-400.jpg')}" could not be written. Free some space or choose a folder on another disk, then try again.`);
    expect(readdirSync(out).filter((name) => name.startsWith('.ds-'))).toEqual([]);
    expect(readdirSync(out).filter((name) => !name.startsWith('.'))).toEqual(['photo-3-harbor-400.jpg']);
    execFileSync('rm', ['-f', path.join(disk.path, 'ballast')]);
    execFileSync('rm', ['-rf', out]);
  });

  test('during `darkslide import` into an album on a full disk: what does not fit is "disk full" naming the file, the rest is filed, no partial file or row is left', async (context) => {
    if (!disk) return context.skip(skipReason());
    const library = path.join(disk.path, 'import-library');
    fillDisk(disk.path, 900 * 1024);
    const result = await darkslide('import', ...photos, '--look', 'harbor-400', '--library', library, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { job: { total: number; failed: number; done: number }; errors: { code: string; message: string }[] };
    expect(report.job.total).toBe(3);
    expect(report.job.failed).toBeGreaterThanOrEqual(1);
    expect(report.errors.map((error) => error.code)).toEqual(Array(report.job.failed).fill('file.disk-full'));
    // The message names the album file that could not be written (the job's list names the photo it came from).
    for (const error of report.errors) expect(error.message).toMatch(new RegExp(`^The disk is full: "${library}/\\d{4}/[^"]+\\.jpg" could not be written\\. Free some space`));
    // Every row has its file, every filed photo has its row, and nothing half-written is left in the library.
    const listed = JSON.parse((await darkslide('library', '--library', library, '--json')).stdout) as { relPath: string }[];
    expect(listed).toHaveLength(report.job.done - report.job.failed);
    const files = execFileSync('find', [library, '-path', path.join(library, '.darkslide'), '-prune', '-o', '-type', 'f', '-print'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files.filter((file) => !file.includes('/.originals/')).map((file) => path.relative(library, file)).sort()).toEqual(listed.map((item) => item.relPath).sort());
    expect(files.filter((file) => /\.tmp|\.ds-|partial/.test(path.basename(file)))).toEqual([]);
    execFileSync('rm', ['-rf', library, path.join(disk.path, 'ballast')]);
  });

  test('during `darkslide export` to a full disk: each file that does not fit is "disk full" by its own name, the rest are written, no partial file is left', async (context) => {
    if (!disk) return context.skip(skipReason());
    const library = path.join(work.path, 'export-library');
    const imported = await darkslide('import', ...photos, '--library', library, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    await agreeToPrivacyNotice(path.join(library, '.darkslide'));
    const out = path.join(disk.path, 'exported');
    execFileSync('mkdir', ['-p', out]);
    fillDisk(disk.path, 600 * 1024);
    const result = await darkslide('export', '--all', '--out', out, '--library', library, '--format', 'png', '--metadata', 'none', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { job: { total: number; failed: number }; items: { label: string; state: string; file?: string; error?: { code: string; message: string } }[] };
    expect(report.job.total).toBe(3);
    const failed = report.items.filter((item) => item.error);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const item of failed) {
      expect(item.error!.code).toBe('file.disk-full');
      expect(item.error!.message).toMatch(/^The disk is full: ".+\.png" could not be written\. Free some space/);
    }
    const names = readdirSync(out);
    expect(names.filter((name) => isPartialName(name))).toEqual([]);
    expect(names.sort()).toEqual(report.items.filter((item) => item.state === 'done').map((item) => item.file!).sort());
    execFileSync('rm', ['-rf', out, path.join(disk.path, 'ballast')]);
  });

  test('during an upload into the app, and developing into an album on a full disk', async (context) => {
    if (!disk) return context.skip(skipReason());
    const library = path.join(disk.path, 'library');
    const app = await createDarkslide({ libraryRoot: library, dataDir: path.join(library, '.darkslide'), log: false });
    try {
      fillDisk(disk.path, 400 * 1024);
      const data = readFileSync(photos[0]!);
      const call = async (method: string, input: unknown) => {
        const result = await app.dispatch(method, input);
        if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
        return result.value as Record<string, unknown>;
      };
      const { uploadId } = await call('files.uploadBegin', { name: 'holiday.jpg', bytes: data.length });
      let failure: { code?: string; message?: string } | null = null;
      for (let offset = 0; offset < data.length && !failure; offset += 256 * 1024) {
        await call('files.uploadChunk', { uploadId, offset, data: new Uint8Array(data.subarray(offset, offset + 256 * 1024)) }).catch((error: { code: string; message: string }) => (failure = error));
      }
      expect(failure).toMatchObject({ code: 'file.disk-full', message: expect.stringContaining('"holiday.jpg" could not be written') });
      expect(readdirSync(path.join(library, '.darkslide', 'uploads', String(process.pid)))).toEqual([]);

      // Room for the upload, not for the developed photo and its original in the album.
      execFileSync('rm', ['-f', path.join(disk.path, 'ballast')]);
      const small = readFileSync(photos[2]!);
      const { uploadId: second } = await call('files.uploadBegin', { name: 'small.jpg', bytes: small.length });
      await call('files.uploadChunk', { uploadId: second, offset: 0, data: new Uint8Array(small) });
      const handle = await call('files.uploadEnd', { uploadId: second });
      const big = readFileSync(photos[1]!);
      const { uploadId: third } = await call('files.uploadBegin', { name: 'big.jpg', bytes: big.length });
      for (let offset = 0; offset < big.length; offset += 4 * 1024 * 1024) await call('files.uploadChunk', { uploadId: third, offset, data: new Uint8Array(big.subarray(offset, offset + 4 * 1024 * 1024)) });
      const bigHandle = await call('files.uploadEnd', { uploadId: third });
      fillDisk(disk.path, 40 * 1024);
      const developed = await app.dispatch('develop.photo', { lookId: 'harbor-400', file: bigHandle.id });
      expect(developed.ok).toBe(false);
      expect(developed.ok === false && developed.error.code).toMatch(/^(file\.disk-full|library\.)/);
      // The album holds no row without its file.
      const { items } = await app.library.list({});
      for (const item of items) expect(readdirSync(path.dirname(path.join(library, item.relPath)))).toContain(path.basename(item.relPath));
      expect(handle.name).toBe('small.jpg');
    } finally {
      await app.close();
      execFileSync('rm', ['-rf', library, path.join(disk.path, 'ballast')]);
    }
  });
});
