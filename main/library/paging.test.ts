import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library, type ListPage } from './index.ts';

const COUNT = 10_000;
let work: string;
let library: Library;
let db: DatabaseSync;

/** Catalog rows written straight into SQLite: paging is about the query, not the files. */
function generateCatalog(catalogFile: string): void {
  const direct = new DatabaseSync(catalogFile);
  const insert = direct.prepare(
    `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, look_id, look_name,
       recipe, trashed_at, recovered, bytes, state, created_at, location)
     VALUES (?, ?, ?, ?, 4000, 3000, NULL, ?, ?, 'cam', 'Cam', '{}', ?, 0, 1, 'done', '2026-01-01T00:00:00Z', ?)`,
  );
  direct.exec('BEGIN');
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < COUNT; i++) {
    // Bursts: groups of five share a millisecond, so the id tie-break is exercised across page borders.
    const ms = start + Math.floor(i / 5) * 1000;
    const id = i.toString(16).padStart(16, '0');
    const trashed = i % 10 === 3;
    const name = `DS_gen_${i}.jpg`;
    insert.run(id, i % 7 === 0 ? 'video' : 'photo', name, `2026/2026-01-01/${name}`, new Date(ms).toISOString(), ms, trashed ? new Date().toISOString() : null, trashed ? 'trash' : 'home');
  }
  direct.exec('COMMIT');
  direct.close();
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'ds-paging-'));
  const options = { root: path.join(work, 'root'), dataDir: path.join(work, 'data') };
  (await openLibrary(options)).close();
  generateCatalog(path.join(options.dataDir, 'catalog.sqlite'));
  library = await openLibrary(options);
  db = new DatabaseSync(path.join(options.dataDir, 'catalog.sqlite'), { readOnly: true });
});

afterAll(() => {
  db.close();
  library.close();
  rmSync(work, { recursive: true, force: true });
});

async function pageThrough(trashed: boolean, limit: number) {
  const ids: string[] = [];
  const stamps: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: ListPage = await library.list({ limit, trashed, ...(cursor ? { before: cursor } : {}) });
    for (const item of page.items) {
      ids.push(item.id);
      stamps.push(new Date(item.takenAt).getTime());
    }
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { ids, stamps, pages };
}

describe(`paging a ${COUNT}-item catalog`, () => {
  it('visits every live item exactly once, newest first, across pages', async () => {
    const { ids, stamps, pages } = await pageThrough(false, 250);
    const live = COUNT - COUNT / 10;
    expect(ids).toHaveLength(live);
    expect(new Set(ids).size).toBe(live);
    expect(pages).toBe(Math.ceil(live / 250));
    for (let i = 1; i < stamps.length; i++) {
      expect(stamps[i]! <= stamps[i - 1]!).toBe(true);
      if (stamps[i] === stamps[i - 1]) expect(ids[i]! < ids[i - 1]!).toBe(true);
    }
  });

  it('pages the trash the same way', async () => {
    const { ids } = await pageThrough(true, 97);
    expect(ids).toHaveLength(COUNT / 10);
    expect(new Set(ids).size).toBe(COUNT / 10);
  });

  it('uses the partial indexes: no table scan and no sort for any page', () => {
    const plans = [
      "SELECT * FROM items WHERE state = 'done' AND trashed_at IS NULL ORDER BY taken_at_ms DESC, id DESC LIMIT 101",
      "SELECT * FROM items WHERE state = 'done' AND trashed_at IS NULL AND (taken_at_ms, id) < (1767229200000, '0000000000000abc') ORDER BY taken_at_ms DESC, id DESC LIMIT 101",
      "SELECT * FROM items WHERE state = 'done' AND trashed_at IS NOT NULL AND (taken_at_ms, id) < (1767229200000, '0000000000000abc') ORDER BY taken_at_ms DESC, id DESC LIMIT 101",
    ].map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | '));
    expect(plans[0]).toMatch(/USING INDEX items_live/);
    expect(plans[1]).toMatch(/USING INDEX items_live \(/);
    expect(plans[2]).toMatch(/USING INDEX items_trashed \(/);
    for (const plan of plans) {
      expect(plan).not.toMatch(/TEMP B-TREE/);
      expect(plan).not.toMatch(/^SCAN items$/);
    }
  });
});
