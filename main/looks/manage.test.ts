// Renaming and deleting imported looks, on real files in a real looks folder, developing real pictures.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DarkslideError } from '../shared/errors/index.ts';
import { format } from '../shared/i18n/index.ts';
import { deleteLook, developStill, getLook, importLut, listLooks, renameLook, setUserLooksDir } from './index.ts';
import { formatCube } from './lut/cube.ts';
import { lutFromFunction } from './lut/lut.ts';

let dir: string;
let looksDir: string;
let photo: Buffer;
let counter = 0;

/** A fresh LUT each time (a different warm shift), so each import is a look of its own. */
async function importWarm(name: string): Promise<string> {
  counter += 1;
  const shift = counter / 50;
  const file = join(dir, `warm-${counter}.cube`);
  writeFileSync(file, formatCube(lutFromFunction(9, (r, g, b) => [Math.min(1, r + shift), g, Math.max(0, b - shift)]), 'Warm'));
  return (await importLut(file, { name })).id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'looks-manage-'));
  looksDir = join(dir, 'looks');
  setUserLooksDir(looksDir);
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 140, b: 90 } } }).jpeg().toBuffer();
});
afterAll(() => {
  setUserLooksDir(null);
  rmSync(dir, { recursive: true, force: true });
});

describe('rename', () => {
  it('changes the name on the list and on disk, keeps the id and version, and develops the same picture', async () => {
    const id = await importWarm('Warm one');
    const before = await developStill(photo, { lookId: id, seed: 7 });
    const renamed = renameLook(id, '  Summer\nevenings  ');
    expect(renamed).toMatchObject({ id, name: 'Summer evenings', version: 1 });
    expect(listLooks().find((look) => look.id === id)?.name).toBe('Summer evenings');
    expect(JSON.parse(readFileSync(join(looksDir, `${id}.json`), 'utf8'))).toMatchObject({ id, name: 'Summer evenings' });
    const after = await developStill(photo, { lookId: id, seed: 7 });
    expect(after.data.equals(before.data)).toBe(true);
    expect(after.recipe.lookId).toBe(id);
  });

  it('refuses an empty name and a shipped camera, saying which and what to do', async () => {
    const id = await importWarm('Warm two');
    expect(() => renameLook(id, ' \t ')).toThrow(expect.objectContaining({ code: 'look.invalid-name' }) as Error);
    const shipped = listLooks().find((look) => !look.id.startsWith('user-'))!;
    const error = (() => {
      try {
        renameLook(shipped.id, 'Mine');
      } catch (caught) {
        return caught as DarkslideError;
      }
      throw new Error('renaming a shipped camera went through');
    })();
    expect(error.code).toBe('look.not-imported');
    expect(error.message).toContain(shipped.name);
    expect(error.message).toMatch(/ships with Darkslide.*renamed/);
    expect(format('zh-CN', 'error.look.not-imported', error.params as Record<string, string>)).toContain('重命名');
    expect(getLook(shipped.id).name).toBe(shipped.name);
  });
});

describe('delete', () => {
  it('takes the look off the list, and a shot made with it still develops again to the same picture', async () => {
    const id = await importWarm('Going away');
    const shot = await developStill(photo, { lookId: id, seed: 3 });
    deleteLook(id);
    expect(listLooks().map((look) => look.id)).not.toContain(id);
    expect(existsSync(join(looksDir, `${id}.json`))).toBe(false);
    expect(existsSync(join(looksDir, `${id}.cube`))).toBe(false);
    const again = await developStill(photo, { lookId: shot.recipe.lookId, seed: shot.recipe.seed });
    expect(again.data.equals(shot.data)).toBe(true);
    // Deleted once is deleted: a second delete or a rename says there is no such camera.
    expect(() => deleteLook(id)).toThrow(expect.objectContaining({ code: 'look.unknown' }) as Error);
    expect(() => renameLook(id, 'Back')).toThrow(expect.objectContaining({ code: 'look.unknown' }) as Error);
  });

  it('importing the same LUT again brings it back under the same id', async () => {
    const file = join(dir, 'again.cube');
    writeFileSync(file, formatCube(lutFromFunction(9, (r, g, b) => [g, b, r]), 'Rotate'));
    const first = await importLut(file, { name: 'Rotate' });
    deleteLook(first.id);
    const second = await importLut(file, { name: 'Rotate' });
    expect(second.id).toBe(first.id);
    expect(listLooks().map((look) => look.id)).toContain(first.id);
  });

  it('a delete cut short after moving the LUT counts as done on the next read', async () => {
    const id = await importWarm('Half gone');
    // What deleteLook does first, then "the process dies".
    const retired = join(looksDir, '.deleted');
    rmSync(retired, { recursive: true, force: true });
    mkdirSync(retired, { recursive: true });
    renameSync(join(looksDir, `${id}.cube`), join(retired, `${id}.cube`));
    setUserLooksDir(looksDir);
    expect(listLooks().map((look) => look.id)).not.toContain(id);
    const developed = await developStill(photo, { lookId: id, seed: 1 });
    expect(developed.recipe.lookId).toBe(id);
  });

  it('refuses a shipped camera', () => {
    const shipped = listLooks().find((look) => !look.id.startsWith('user-'))!;
    expect(() => deleteLook(shipped.id)).toThrow(expect.objectContaining({ code: 'look.not-imported' }) as Error);
    expect(listLooks().map((look) => look.id)).toContain(shipped.id);
  });
});
