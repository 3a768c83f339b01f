// The CLI as a user runs it: a separate process on the project's Node, real
// ffmpeg, sharp, exiftool and SQLite underneath.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { darkslide } from '../support/cli.ts';
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
});
