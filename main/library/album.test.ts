// Album views over a generated catalog: rows written straight into SQLite (the views are about queries, not files),
// expected values computed here from the generated data, in JavaScript.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type AlbumQuery, type Library } from './index.ts';

const COUNT = 5000;
const DAY = 24 * 3600 * 1000;
let work: string;
let library: Library;
type Gen = { id: string; ms: number; day: string; kind: 'photo' | 'video'; look: string; trashed: boolean; added: number; old: boolean };
const generated: Gen[] = [];

const pad = (n: number) => String(n).padStart(2, '0');

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'ds-album-'));
  const options = { root: path.join(work, 'root'), dataDir: path.join(work, 'data') };
  await (await openLibrary(options)).close();
  const db = new DatabaseSync(path.join(options.dataDir, 'catalog.sqlite'));
  const insert = db.prepare(
    `INSERT INTO items (id, kind, file_name, rel_path, width, height, taken_at, taken_at_ms, look_id, look_name, recipe, trashed_at, bytes, state,
       created_at, location, added_at_ms)
     VALUES (?, ?, ?, ?, 4000, 3000, ?, ?, ?, 'L', '{}', ?, 1, 'done', '2026-01-01T00:00:00Z', ?, ?)`,
  );
  db.exec('BEGIN');
  const start = Date.UTC(2025, 0, 1, 12);
  for (let i = 0; i < COUNT; i++) {
    // Uneven days: some hold one item, some hundreds; all times UTC here, so the local day is the UTC date.
    const ms = start + Math.floor(Math.sqrt(i) * 3) * DAY + (i % 97) * 60_000;
    const date = new Date(ms);
    const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    const id = i.toString(16).padStart(16, '0');
    const gen: Gen = { id, ms, day, kind: i % 9 === 0 ? 'video' : 'photo', look: i % 3 === 0 ? 'glacier-50' : 'harbor-400', trashed: i % 50 === 7, added: Date.UTC(2026, 0, 1) + ((i * 7919) % COUNT) * 1000, old: Math.floor(i / 50) % 2 === 1 };
    generated.push(gen);
    insert.run(id, gen.kind, `f${i}.jpg`, `x/f${i}.jpg`, `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:00.000+00:00`, ms, gen.look, gen.trashed ? new Date(Date.now() - (gen.old ? 31 : 29) * DAY).toISOString() : null, gen.trashed ? 'trash' : 'home', gen.added);
  }
  db.exec('COMMIT');
  db.close();
  library = await openLibrary(options);
}, 120_000);

afterAll(async () => {
  await library.close();
  rmSync(work, { recursive: true, force: true });
});

function expected(query: AlbumQuery): Gen[] {
  const key = (gen: Gen) => (query.sort === 'added' ? gen.added : gen.ms);
  return generated
    // Trashed 31 days ago: purged when the library opened.
    .filter((gen) => !(gen.trashed && gen.old))
    .filter((gen) => !gen.trashed === !query.trashed && (!query.kind || gen.kind === query.kind) && (!query.lookId || gen.look === query.lookId))
    .sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : -1));
}

describe('album views', () => {
  it('lays out a view: total, and day and month sections in order with offsets that add up', async () => {
    const want = expected({});
    const layout = await library.album.layout();
    expect(layout.total).toBe(want.length);
    const days: { day: string; offset: number; count: number }[] = [];
    want.forEach((gen, index) => {
      const last = days[days.length - 1];
      if (last?.day === gen.day) last.count++;
      else days.push({ day: gen.day, offset: index, count: 1 });
    });
    expect(layout.days).toEqual(days);
    const months = new Map<string, number>();
    for (const gen of want) months.set(gen.day.slice(0, 7), (months.get(gen.day.slice(0, 7)) ?? 0) + 1);
    expect(layout.months.map((month) => [month.day, month.count])).toEqual([...months]);
    expect(layout.months.at(-1)!.offset + layout.months.at(-1)!.count).toBe(want.length);
  });

  it('serves any range by position, at the end as at the top, for every sort and filter', async () => {
    for (const query of [{}, { sort: 'added' }, { kind: 'video' }, { lookId: 'glacier-50', sort: 'added' }, { trashed: true }] as AlbumQuery[]) {
      const want = expected(query).map((gen) => gen.id);
      for (const offset of [0, 1, 255, 256, 257, Math.floor(want.length / 2), want.length - 3]) {
        const got = (await library.album.range(query, offset, 40)).map((item) => item.id);
        expect(got, `${JSON.stringify(query)} @${offset}`).toEqual(want.slice(offset, offset + 40));
      }
      expect(await library.album.range(query, want.length, 10)).toEqual([]);
      const middle = want[Math.floor(want.length / 3)]!;
      expect(await library.album.position(query, middle)).toBe(Math.floor(want.length / 3));
    }
    await expect(library.album.range({}, 0, 501)).rejects.toMatchObject({ code: 'library.invalid-input' });
  });

  it('marks favourites, filters by them, and the layout follows the change', async () => {
    const want = expected({});
    const picked = [want[3]!.id, want[1000]!.id, want[2000]!.id];
    const events: string[][] = [];
    const stop = library.onChange((event) => event.reason === 'updated' && events.push(event.ids));
    expect(await library.setFavourite(picked, true)).toEqual(picked);
    expect(await library.setFavourite(picked.slice(0, 1), true)).toEqual([]);
    stop();
    expect(events).toEqual([picked]);
    expect((await library.album.layout({ favourite: true })).total).toBe(3);
    expect((await library.album.range({ favourite: true }, 0, 10)).map((item) => item.id)).toEqual(picked);
    expect((await library.get(picked[0]!))!.favourite).toBe(true);
    await library.setFavourite(picked, false);
    expect((await library.album.layout({ favourite: true })).total).toBe(0);
  });

  it('purges what has been in the trash more than 30 days, and shows when each trashed item goes', async () => {
    const trashed = await library.album.range({ trashed: true }, 0, 500);
    for (const item of trashed) expect(Date.parse(item.purgeAt!) - Date.parse(item.trashedAt!)).toBe(30 * DAY);
    // The catalog was opened after the rows were written: the ones trashed 31 days ago went then.
    const old = generated.filter((gen) => gen.trashed && gen.old).map((gen) => gen.id);
    const recent = generated.filter((gen) => gen.trashed && !gen.old).map((gen) => gen.id);
    expect(old.length).toBeGreaterThan(10);
    expect(recent.length).toBeGreaterThan(10);
    expect(trashed.map((item) => item.id).sort()).toEqual(recent.sort());
    for (const id of old) expect(await library.get(id)).toBeNull();
    // Two days later the rest go too.
    expect(await library.purgeTrash(Date.now() + 2 * DAY)).toBe(recent.length);
    expect((await library.album.layout({ trashed: true })).total).toBe(0);
  });
});
