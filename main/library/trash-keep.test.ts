// The trash is kept as long as the person's retention says (7, 30 or 90 days, or any whole number of days), by
// the purge the library runs on its own at open as by purgeTrash, in-process and in the worker thread. Rows are
// written straight into a real catalog with real files in .trash; what should be left is worked out here from
// the ages the rows were given.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, openLibraryInWorker, type Library } from './index.ts';

const DAY = 24 * 3600 * 1000;
/** How many days ago each row was trashed. */
const AGES = [1, 6, 8, 29, 31, 60, 89, 91, 200];
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ds-trash-keep-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A library folder whose catalog holds one trashed photo (with its file in .trash) per age in AGES. */
async function seed(name: string): Promise<{ root: string; dataDir: string; ids: Map<number, string> }> {
  const root = path.join(work, name, 'root');
  const dataDir = path.join(work, name, 'data');
  await (await openLibrary({ root, dataDir })).close();
  const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'));
  const insert = db.prepare(
    `INSERT INTO items (id, kind, file_name, rel_path, width, height, taken_at, taken_at_ms, look_id, look_name, recipe, trashed_at, bytes, state,
       created_at, location, added_at_ms)
     VALUES (?, 'photo', ?, ?, 4, 3, '2026-01-01T12:00:00.000+00:00', ?, 'harbor-400', 'Harbor 400', '{}', ?, 1, 'done', '2026-01-01T00:00:00Z', 'trash', ?)`,
  );
  const ids = new Map<number, string>();
  for (const [index, age] of AGES.entries()) {
    const id = (index + 1).toString(16).padStart(16, '0');
    const rel = `2026/2026-01-01/DS_${id}.jpg`;
    insert.run(id, `DS_${id}.jpg`, rel, Date.UTC(2026, 0, 1, 12), new Date(Date.now() - age * DAY).toISOString(), Date.UTC(2026, 0, 1));
    const file = path.join(root, '.trash', rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'jpeg');
    ids.set(age, id);
  }
  db.close();
  return { root, dataDir, ids };
}

async function trashedIds(library: Library): Promise<string[]> {
  return (await library.album.range({ trashed: true }, 0, 500)).map((item) => item.id).sort();
}

const younger = (ids: Map<number, string>, days: number) => AGES.filter((age) => age < days).map((age) => ids.get(age)!).sort();

describe('trash retention', () => {
  for (const days of [7, 30, 90]) {
    it(`kept ${days} days: the purge at open deletes older rows and their files, and purgeAt says ${days} days`, async () => {
      const { root, dataDir, ids } = await seed(`keep-${days}`);
      const library = await openLibrary({ root, dataDir, trashKeepDays: days });
      try {
        expect(await trashedIds(library)).toEqual(younger(ids, days));
        for (const age of AGES) {
          const file = path.join(root, '.trash', '2026', '2026-01-01', `DS_${ids.get(age)}.jpg`);
          expect(existsSync(file), `trashed ${age} days ago`).toBe(age < days);
        }
        for (const item of await library.album.range({ trashed: true }, 0, 500)) {
          expect(Date.parse(item.purgeAt!) - Date.parse(item.trashedAt!)).toBe(days * DAY);
        }
        const first = younger(ids, days)[0]!;
        expect((await library.get(first))!.purgeAt).toBe(new Date(Date.parse((await library.get(first))!.trashedAt!) + days * DAY).toISOString());
        // Two days on, what was trashed days-2 .. days days ago goes too, no more.
        const purged = await library.purgeTrash(Date.now() + 2 * DAY);
        expect(purged).toBe(AGES.filter((age) => age < days && age + 2 > days).length);
        expect(await trashedIds(library)).toEqual(younger(ids, days - 2));
      } finally {
        await library.close();
      }
    });
  }

  it('a change of retention while open is followed by purgeTrash and purgeAt, in the worker thread too', async () => {
    const { root, dataDir, ids } = await seed('change');
    const library = await openLibraryInWorker({ root, dataDir, trashKeepDays: 90 });
    try {
      expect(await trashedIds(library)).toEqual(younger(ids, 90));
      await library.setTrashKeepDays(30);
      const [item] = await library.album.range({ trashed: true }, 0, 1);
      expect(Date.parse(item!.purgeAt!) - Date.parse(item!.trashedAt!)).toBe(30 * DAY);
      expect(await library.purgeTrash()).toBe(AGES.filter((age) => age >= 30 && age < 90).length);
      expect(await trashedIds(library)).toEqual(younger(ids, 30));
      await expect(library.setTrashKeepDays(0)).rejects.toMatchObject({ code: 'library.invalid-input', field: 'trashKeepDays' });
      await expect(library.setTrashKeepDays(2.5)).rejects.toMatchObject({ code: 'library.invalid-input' });
    } finally {
      await library.close();
    }
    await expect(openLibrary({ root, dataDir, trashKeepDays: -1 })).rejects.toMatchObject({ code: 'library.invalid-input', field: 'trashKeepDays' });
  });

  it('without a retention given the library keeps the trash 30 days', async () => {
    const { root, dataDir, ids } = await seed('default');
    const library = await openLibrary({ root, dataDir });
    try {
      expect(await trashedIds(library)).toEqual(younger(ids, 30));
    } finally {
      await library.close();
    }
  });
});
