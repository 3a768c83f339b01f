// `darkslide develop` on a real folder: good photos developed, a bad one
// reported and skipped, inputs untouched, EXIF kept.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { darkslide } from '../support/cli.ts';
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

  test('a second run never overwrites the first', async () => {
    const out = path.join(work.path, 'twice');
    await darkslide('develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--out', out);
    await darkslide('develop', path.join(inputs, 'beach.jpg'), '--look', 'harbor-400', '--out', out);
    expect(readdirSync(out).sort()).toEqual(['beach-harbor-400-2.jpg', 'beach-harbor-400.jpg']);
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

  test('bad options name the flag', async () => {
    const result = await darkslide('develop', inputs, '--look', 'harbor-400', '--strength', '3');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--strength');
  });
});
