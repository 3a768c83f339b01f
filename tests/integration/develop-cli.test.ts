// `darkslide develop` on a real folder: good photos developed, a bad one
// reported and skipped, inputs untouched, EXIF kept.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { darkslide, darkslideWith } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const run = promisify(execFile);


describe('darkslide develop', () => {
  const work = tempDir('develop');
  const inputs = path.join(work.path, 'in');
  const before = new Map<string, Buffer>();

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(inputs);
    for (const [name, hue] of [['beach.jpg', 20], ['forest.jpg', 120]] as const) {
      const gradient = Buffer.alloc(320 * 240 * 3);
      for (let i = 0; i < 320 * 240; i++) {
        gradient[i * 3] = (i % 320) * 0.8;
        gradient[i * 3 + 1] = Math.floor(i / 320) + hue;
        gradient[i * 3 + 2] = 128;
      }
      await sharp(gradient, { raw: { width: 320, height: 240, channels: 3 } })
        .withExif({ IFD0: { Make: 'TestCam', Model: 'T-1', Artist: 'Ada' } })
        .jpeg()
        .toFile(path.join(inputs, name));
    }
    writeFileSync(path.join(inputs, 'broken.jpg'), 'this is not a photo');
    for (const name of readdirSync(inputs)) before.set(name, readFileSync(path.join(inputs, name)));
  });
  afterAll(() => work.remove());

  test('a batch goes on past a bad file, reports it, and exits non-zero', async () => {
    const out = path.join(work.path, 'out');
    const result = await darkslide('develop', inputs, '--look', 'harbor-400', '--out', out, '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.jpg');
    const results = JSON.parse(result.stdout) as { input: string; output?: string; error?: { message: string } }[];
    expect(results.filter((entry) => entry.output)).toHaveLength(2);
    expect(results.find((entry) => entry.input.endsWith('broken.jpg'))?.error?.message).toContain('broken.jpg');
    for (const [name, bytes] of before) expect(readFileSync(path.join(inputs, name)).equals(bytes)).toBe(true);
    const developed = results.find((entry) => entry.input.endsWith('beach.jpg'))!.output!;
    const meta = await sharp(developed).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    const { stdout } = await run('exiftool', ['-json', '-Make', '-Artist', developed]);
    expect(JSON.parse(stdout)[0]).toMatchObject({ Make: 'TestCam', Artist: 'Ada' });
  });

  test('the same develop run again skips what is done; another recipe never overwrites the first', async () => {
    const out = path.join(work.path, 'twice');
    await darkslide('develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--seed', '7', '--out', out);
    const again = await darkslide('develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--seed', '7', '--out', out, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ skipped: true, output: path.join(out, 'beach-harbor-400.jpg') })]);
    await darkslide('develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--seed', '8', '--out', out);
    expect(readdirSync(out).filter((name) => !name.startsWith('.')).sort()).toEqual(['beach-harbor-400-2.jpg', 'beach-harbor-400.jpg']);
  });

  test('a LUT given to --look leaves no scratch folder behind (defect 3)', async () => {
    const cube = path.join(work.path, 'scratch-test.cube');
    writeFileSync(cube, ['LUT_3D_SIZE 2', '0 0 0', '1 0 0', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1', ''].join('\n'));
    const tmp = path.join(work.path, 'tmp');
    (await import('node:fs')).mkdirSync(tmp);
    const result = await darkslideWith({ TMPDIR: tmp }, 'develop', path.join(inputs, 'beach.jpg'), '--look', cube, '--out', path.join(work.path, 'lut-out'));
    expect(result.code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('looks export writes a .cube that develop can use as a look', async () => {
    const cube = path.join(work.path, 'harbor.cube');
    const exported = await darkslide('looks', 'export', 'harbor-400', cube);
    expect(exported.code).toBe(0);
    expect(readFileSync(cube, 'utf8')).toMatch(/LUT_3D_SIZE \d+/);
    const out = path.join(work.path, 'cube-out');
    const result = await darkslide('develop', path.join(inputs, 'forest.jpg'), '--look', cube, '--no-effects', '--format', 'png', '--out', out, '--json');
    expect(result.code).toBe(0);
    const [entry] = JSON.parse(result.stdout) as { output: string }[];
    expect(entry!.output.endsWith('.png')).toBe(true);
  });

  test('--library files into that album as a job; the same command again develops nothing; quiet when piped', async () => {
    const album = path.join(work.path, 'album');
    const first = await darkslide('develop', inputs, '--look', 'harbor-400', '--library', album, '--json');
    expect(first.code).toBe(1);
    const outcome = JSON.parse(first.stdout) as { job: { state: string; done: number; total: number; failed: number; skipped: number }; errors: { label: string; code: string }[] };
    expect(outcome.job).toMatchObject({ state: 'finished', done: 3, total: 3, failed: 1, skipped: 0 });
    expect(outcome.errors).toEqual([expect.objectContaining({ label: 'broken.jpg', code: 'develop.not-a-photo' })]);
    // Piped stderr: no progress bar (it redraws with \r), the failed file's line and --json's error record.
    expect(first.stderr).not.toContain('\r');
    expect(first.stderr.trim().split('\n')).toEqual([expect.stringContaining('broken.jpg'), expect.stringContaining('"code":"partial"')]);
    for (const [name, bytes] of before) expect(readFileSync(path.join(inputs, name)).equals(bytes)).toBe(true);
    const again = await darkslide('develop', path.join(inputs, 'beach.jpg'), path.join(inputs, 'forest.jpg'), '--look', 'harbor-400', '--library', album);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Developed 0 of 2 into the album (2 developed before, skipped)');
    const listed = JSON.parse((await darkslide('library', '--library', album, '--json')).stdout) as { lookId: string; hasOriginal: boolean }[];
    expect(listed).toHaveLength(2);
    expect(listed.every((item) => item.lookId === 'harbor-400' && item.hasOriginal)).toBe(true);
    // The album's catalog lives inside it, beside nothing else of the user's.
    expect(readdirSync(path.join(album, '.darkslide'))).toContain('catalog.sqlite');
  });

  test("--library naming the app's own album uses the app's catalog, not a second one inside the folder", async () => {
    const app = { DARKSLIDE_LIBRARY: path.join(work.path, 'app-pictures'), DARKSLIDE_DATA: path.join(work.path, 'app-data') };
    const result = await darkslideWith(app, 'develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--library', `${app.DARKSLIDE_LIBRARY}/`);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(app.DARKSLIDE_DATA, 'catalog.sqlite'))).toBe(true);
    expect(existsSync(path.join(app.DARKSLIDE_LIBRARY, '.darkslide'))).toBe(false);
    const listed = JSON.parse((await darkslideWith(app, 'library', '--json')).stdout) as { recovered: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ recovered: false })]);
  });

  test('import adds a folder to the album with originals kept; the same import again adds nothing', async () => {
    const album = path.join(work.path, 'imported');
    const first = await darkslide('import', inputs, '--library', album, '--look', 'glacier-50', '--json');
    const outcome = JSON.parse(first.stdout) as { job: { done: number; total: number; failed: number; skipped: number } };
    expect(outcome.job).toMatchObject({ total: 3, done: 3, failed: 1, skipped: 0 });
    expect(first.code).toBe(1);
    const again = await darkslide('import', inputs, '--library', album, '--look', 'glacier-50');
    expect(again.stdout).toContain('Imported 0 of 3 (2 already in the album)');
    const listed = JSON.parse((await darkslide('library', '--library', album, '--json')).stdout) as { lookId: string; hasOriginal: boolean; sourceName: string }[];
    expect(listed.map((item) => item.sourceName).sort()).toEqual(['beach.jpg', 'forest.jpg']);
    expect(listed.every((item) => item.lookId === 'glacier-50' && item.hasOriginal)).toBe(true);
    for (const [name, bytes] of before) expect(readFileSync(path.join(inputs, name)).equals(bytes)).toBe(true);
  });

  test('bad options name the flag', async () => {
    const result = await darkslide('develop', inputs, '--look', 'harbor-400', '--strength', '3');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--strength');
  });
});
