// The CLI as a user runs it: a separate process on the project's Node, real
// ffmpeg, sharp, exiftool and SQLite underneath.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { darkslide, darkslideWith } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';



describe('darkslide CLI', () => {
  const library = tempDir('cli');
  afterAll(() => library.remove());

  test('looks --json lists the built-in cameras', async () => {
    const result = await darkslide('looks', '--json');
    expect(result.code).toBe(0);
    const looks = JSON.parse(result.stdout) as { id: string; name: string }[];
    expect(looks.length).toBeGreaterThanOrEqual(3);
    expect(looks.every((look) => look.id && look.name)).toBe(true);
  });

  test('devices --json always has the demo camera', async () => {
    const result = await darkslide('devices', '--json');
    expect(result.code).toBe(0);
    const devices = JSON.parse(result.stdout) as { cameras: { id: string }[] };
    expect(devices.cameras.map((camera) => camera.id)).toContain('demo');
  });

  test('shoot puts a developed photo in the library, and library lists it', async () => {
    const look = (JSON.parse((await darkslide('looks', '--json')).stdout) as { id: string }[])[0]!.id;
    const shot = await darkslide('shoot', '--device', 'demo', '--look', look, '--library', library.path, '--json');
    expect(shot.stderr).not.toMatch(/darkslide:/);
    expect(shot.code).toBe(0);
    const [item, ...more] = JSON.parse(shot.stdout) as { id: string; relPath: string; width: number; height: number; lookId: string }[];
    expect(more).toEqual([]);
    expect(item!.lookId).toBe(look);
    expect(existsSync(path.join(library.path, item!.relPath))).toBe(true);
    // Developed from the demo camera's 1920x1080 frame (a look may crop to its aspect), never the 1280x720 preview.
    expect(Math.min(item!.width, item!.height)).toBeGreaterThanOrEqual(1080);

    const listed = await darkslide('library', '--library', library.path, '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((entry) => entry.id)).toEqual([item!.id]);
  });

  test('a bad look fails with a message naming it and a non-zero exit', async () => {
    const result = await darkslide('shoot', '--device', 'demo', '--look', 'no-such-film', '--library', library.path, '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-such-film');
    expect(result.stdout).toBe('');
  });

  test('a bad device fails clearly', async () => {
    const look = (JSON.parse((await darkslide('looks', '--json')).stdout) as { id: string }[])[0]!.id;
    const result = await darkslide('shoot', '--device', 'file:/nonexistent/clip.mp4', '--look', look, '--library', library.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/clip.mp4');
  });

  test('usage errors exit 2 with the usage text', async () => {
    const result = await darkslide('shoot', '--look');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
    expect((await darkslide('frobnicate')).code).toBe(2);
  });

  test('a command loads its own modules only: develop into a folder brings in no other command, the app or the HEIF decoder', async () => {
    const photo = path.join(library.path, 'small.png');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 120, b: 90 } } }).png().toFile(photo);
    const loaded = async (...args: string[]) => {
      const log = path.join(library.path, `modules-${args[0]}.txt`);
      const result = await darkslideWith({ DARKSLIDE_MODULES_LOG: log, NODE_OPTIONS: `--import ${path.resolve('tests/support/record-modules.mjs')}` }, ...args);
      expect(result.code, result.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n').filter(Boolean);
    };
    const version = await loaded('--version');
    expect(version.some((url) => url.endsWith('/main/cli/index.ts'))).toBe(true);
    expect(version.filter((url) => /\/main\/(looks|library|capture|metadata)\/|\/cli\/commands\/|\/node_modules\/sharp\//.test(url))).toEqual([]);
    const develop = await loaded('develop', photo, '--look', 'harbor-400', '--out', path.join(library.path, 'developed'));
    expect(existsSync(path.join(library.path, 'developed', 'small-harbor-400.jpg'))).toBe(true);
    expect(develop.some((url) => url.endsWith('/main/looks/index.ts'))).toBe(true);
    expect(develop.filter((url) => url.includes('/main/cli/commands/')).map((url) => path.basename(url))).toEqual(['develop.ts']);
    expect(develop.filter((url) => /\/main\/app\/index\.ts|\/main\/app\/jobs\/index\.ts|\/main\/capture\/|\/main\/export\/|heif-worker|heic-decode|libheif/.test(url))).toEqual([]);
  });
});
