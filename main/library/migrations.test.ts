import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DarkslideError } from '../shared/errors/index.ts';
import { LATEST_VERSION, migrate, migrations, schemaVersion } from './migrations/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshDb(): DatabaseSync {
  const dir = mkdtempSync(path.join(tmpdir(), 'ds-migrate-'));
  dirs.push(dir);
  return new DatabaseSync(path.join(dir, 'catalog.sqlite'));
}

function columns(db: DatabaseSync): string[] {
  return (db.prepare('PRAGMA table_info(items)').all() as { name: string }[]).map((column) => column.name);
}

function indexes(db: DatabaseSync): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

function insertV1Row(db: DatabaseSync, id: string, trashedAt: string | null): void {
  db.prepare(
    `INSERT INTO items (id, kind, file_name, rel_path, width, height, duration_sec, taken_at, taken_at_ms, camera_id, camera_name,
       recipe, trashed_at, recovered, bytes, state, created_at)
     VALUES (?, 'photo', ?, ?, 640, 480, NULL, '2026-06-01T12:00:00.000+00:00', 1780315200000, 'cam', 'Cam', '{"look":"x"}', ?, 0, 1234, 'done', '2026-06-01T12:00:00Z')`,
  ).run(id, `DS_20260601_120000_${id}.jpg`, `2026/2026-06-01/DS_20260601_120000_${id}.jpg`, trashedAt);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, matching their file order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  describe('001 items', () => {
    it('creates the items table and its list indexes on a fresh database', () => {
      const db = freshDb();
      expect(schemaVersion(db)).toBe(0);
      expect(migrate(db, 1)).toBe(1);
      expect(columns(db)).toEqual(expect.arrayContaining(['id', 'rel_path', 'taken_at_ms', 'state', 'temp_rel_path', 'recipe']));
      expect(indexes(db)).toEqual(['items_live', 'items_trashed', 'items_unsettled']);
      insertV1Row(db, 'a1', null);
      // The journal state is constrained: a typo cannot create a row recovery would not understand.
      expect(() => db.prepare("UPDATE items SET state = 'half' WHERE id = 'a1'").run()).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('002 trash_location', () => {
    it('applies on a fresh database', () => {
      const db = freshDb();
      expect(migrate(db, 2)).toBe(2);
      expect(columns(db)).toContain('location');
      expect(indexes(db)).toContain('items_misplaced');
      db.close();
    });

    it('keeps version-1 rows and marks their files as at home, trashed ones as misplaced for recovery to move', () => {
      const db = freshDb();
      migrate(db, 1);
      insertV1Row(db, 'kept', null);
      insertV1Row(db, 'binned', '2026-06-02T00:00:00Z');
      expect(migrate(db, 2)).toBe(2);
      const rows = db.prepare('SELECT id, location, bytes, recipe FROM items ORDER BY id').all() as Record<string, unknown>[];
      expect(rows).toEqual([
        { id: 'binned', location: 'home', bytes: 1234, recipe: '{"look":"x"}' },
        { id: 'kept', location: 'home', bytes: 1234, recipe: '{"look":"x"}' },
      ]);
      const misplaced = db.prepare("SELECT id FROM items WHERE (trashed_at IS NULL) <> (location = 'home')").all();
      expect(misplaced).toEqual([{ id: 'binned' }]);
      db.close();
    });
  });

  describe('003 originals', () => {
    it('applies on a fresh database', () => {
      const db = freshDb();
      expect(migrate(db, 3)).toBe(3);
      expect(columns(db)).toContain('original_rel_path');
      db.close();
    });

    it('keeps version-2 rows, with no original', () => {
      const db = freshDb();
      migrate(db, 2);
      insertV1Row(db, 'old', null);
      db.prepare("UPDATE items SET location = 'home' WHERE id = 'old'").run();
      expect(migrate(db, 3)).toBe(3);
      expect(db.prepare('SELECT id, original_rel_path, width FROM items').all()).toEqual([{ id: 'old', original_rel_path: null, width: 640 }]);
      db.close();
    });
  });

  describe('004 owners', () => {
    it('applies on a fresh database', () => {
      const db = freshDb();
      expect(migrate(db, 4)).toBe(4);
      expect(columns(db)).toEqual(expect.arrayContaining(['owner_pid', 'owner_nonce']));
      db.close();
    });

    it('keeps version-3 rows; their unsettled rows have no owner, so recovery treats them as orphans', () => {
      const db = freshDb();
      migrate(db, 3);
      insertV1Row(db, 'done', null);
      insertV1Row(db, 'half', null);
      db.prepare("UPDATE items SET state = 'pending' WHERE id = 'half'").run();
      expect(migrate(db, 4)).toBe(4);
      expect(db.prepare('SELECT id, state, owner_pid, owner_nonce, bytes FROM items ORDER BY id').all()).toEqual([
        { id: 'done', state: 'done', owner_pid: null, owner_nonce: null, bytes: 1234 },
        { id: 'half', state: 'pending', owner_pid: null, owner_nonce: null, bytes: 1234 },
      ]);
      db.close();
    });
  });

  describe('005 changes', () => {
    it('applies on a fresh database and keeps version-4 rows', () => {
      const db = freshDb();
      migrate(db, 4);
      insertV1Row(db, 'kept', null);
      expect(migrate(db, 5)).toBe(5);
      expect(db.prepare('SELECT id FROM items').all()).toEqual([{ id: 'kept' }]);
      db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('kept', 'added', 'o1', 1)").run();
      db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('kept', 'trashed', 'o1', 2)").run();
      expect(db.prepare('SELECT seq, reason FROM changes ORDER BY seq').all()).toEqual([{ seq: 1, reason: 'added' }, { seq: 2, reason: 'trashed' }]);
      // Only reasons listeners understand can be logged.
      expect(() => db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('kept', 'moved', 'o1', 3)").run()).toThrow(/CHECK/);
      db.close();
    });
  });

  it('a catalog migrated by another process while this one waited for the write lock is not migrated twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ds-migrate-'));
    dirs.push(dir);
    const file = path.join(dir, 'catalog.sqlite');
    // The other process holds the write lock with every migration applied but not yet committed.
    const script = `
      import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
      import { migrations } from ${JSON.stringify(path.join(here, 'migrations', 'index.ts'))};
      const db = new DatabaseSync(${JSON.stringify(file)});
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('BEGIN IMMEDIATE');
      for (const migration of migrations) db.exec(migration.sql);
      db.exec('PRAGMA user_version = ' + migrations.length);
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1000);
    `;
    const other = spawn(process.execPath, ['--input-type=module', '-e', script]);
    try {
      await new Promise<void>((resolve, reject) => {
        other.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        other.on('exit', (code) => reject(new Error(`migrating process exited with ${code}`)));
      });
      const db = new DatabaseSync(file, { timeout: 5000 });
      // Read before the other commits: this is the version migrate() starts from.
      expect(schemaVersion(db)).toBe(0);
      expect(migrate(db)).toBe(LATEST_VERSION);
      expect(columns(db)).toContain('owner_pid');
      db.close();
    } finally {
      other.kill('SIGKILL');
    }
  });

  describe('006 look names', () => {
    it('renames the look columns and moves recipe keys, keeping every value', () => {
      const db = freshDb();
      migrate(db, 5);
      insertV1Row(db, 'shot', null);
      insertV1Row(db, 'plain', null);
      db.prepare(`UPDATE items SET recipe = '{"cameraId":"harbor-400","cameraVersion":3,"strength":0.5}' WHERE id = 'shot'`).run();
      expect(migrate(db, 6)).toBe(6);
      expect(columns(db)).toEqual(expect.arrayContaining(['look_id', 'look_name']));
      expect(columns(db)).not.toContain('camera_id');
      const rows = db.prepare('SELECT id, look_id, look_name, recipe FROM items ORDER BY id').all() as { id: string; look_id: string; look_name: string; recipe: string }[];
      expect(rows.map((row) => [row.id, row.look_id, row.look_name, JSON.parse(row.recipe)])).toEqual([
        ['plain', 'cam', 'Cam', { look: 'x' }],
        ['shot', 'cam', 'Cam', { lookId: 'harbor-400', lookVersion: 3, strength: 0.5 }],
      ]);
      db.close();
    });
  });

  describe('007 item location', () => {
    it('adds latitude and longitude, empty for every earlier row, and an index for the "has location" filter', () => {
      const db = freshDb();
      migrate(db, 5);
      insertV1Row(db, 'old', null);
      migrate(db, 6);
      expect(migrate(db, 7)).toBe(7);
      expect(columns(db)).toEqual(expect.arrayContaining(['latitude', 'longitude']));
      expect(indexes(db)).toContain('items_located');
      expect(db.prepare('SELECT id, latitude, longitude FROM items').all()).toEqual([{ id: 'old', latitude: null, longitude: null }]);
      db.prepare("UPDATE items SET latitude = 38.7, longitude = -9.1 WHERE id = 'old'").run();
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT * FROM items WHERE state = 'done' AND trashed_at IS NULL AND latitude IS NOT NULL ORDER BY taken_at_ms DESC, id DESC LIMIT 10")
        .all() as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toContain('items_located');
      db.close();
    });
  });

  describe('008 jobs', () => {
    it('adds the jobs journal and develop keys, keeping version-7 rows without a key', () => {
      const db = freshDb();
      migrate(db, 5);
      insertV1Row(db, 'old', null);
      migrate(db, 7);
      expect(migrate(db, 8)).toBe(8);
      expect(columns(db)).toContain('develop_key');
      expect(indexes(db)).toContain('items_develop_key');
      expect(db.prepare('SELECT id, develop_key, bytes FROM items').all()).toEqual([{ id: 'old', develop_key: null, bytes: 1234 }]);
      db.prepare(
        "INSERT INTO jobs (id, kind, params, batch_key, inputs, state, created_at_ms, updated_at_ms) VALUES ('j1', 'develop', '{}', 'k', '[]', 'running', 1, 1)",
      ).run();
      db.prepare("INSERT INTO job_items (job_id, seq, input, label) VALUES ('j1', 0, '{}', 'a.jpg')").run();
      expect(db.prepare('SELECT state, total, done, failed FROM jobs').get()).toEqual({ state: 'running', total: 0, done: 0, failed: 0 });
      expect(db.prepare('SELECT state FROM job_items').get()).toEqual({ state: 'pending' });
      // Only states the engine understands can be journalled.
      expect(() => db.prepare("UPDATE jobs SET state = 'half' WHERE id = 'j1'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE job_items SET state = 'half'").run()).toThrow(/CHECK/);
      db.close();
    });
  });

  describe('009 imports', () => {
    it('adds source hashes and names (empty for earlier rows) and the table of files already looked at', () => {
      const db = freshDb();
      migrate(db, 5);
      insertV1Row(db, 'old', null);
      migrate(db, 8);
      expect(migrate(db, 9)).toBe(9);
      expect(columns(db)).toEqual(expect.arrayContaining(['source_hash', 'source_name']));
      expect(indexes(db)).toContain('items_source_hash');
      expect(db.prepare('SELECT id, source_hash, source_name FROM items').all()).toEqual([{ id: 'old', source_hash: null, source_name: null }]);
      db.prepare("INSERT INTO import_sources (path, size, mtime_ms, hash) VALUES ('/card/a.jpg', 10, 5, 'h')").run();
      // One row per path: a file seen again replaces what was known of it.
      expect(() => db.prepare("INSERT INTO import_sources (path, size, mtime_ms, hash) VALUES ('/card/a.jpg', 11, 6, 'g')").run()).toThrow(/UNIQUE|PRIMARY/);
      const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM items WHERE source_hash = 'h' AND state IN ('pending', 'done')").all() as { detail: string }[]).map((row) => row.detail).join(' ');
      expect(plan).toContain('items_source_hash');
      db.close();
    });
  });

  describe('010 album', () => {
    it('adds favourites and the date added (from when each row was created), keeps the change log, and lets it say "updated"', () => {
      const db = freshDb();
      migrate(db, 5);
      insertV1Row(db, 'old', null);
      db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('old', 'added', 'o', 1)").run();
      migrate(db, 9);
      expect(migrate(db, 10)).toBe(10);
      expect(db.prepare('SELECT favourite, added_at_ms FROM items').get()).toEqual({ favourite: 0, added_at_ms: Date.parse('2026-06-01T12:00:00Z') });
      expect(indexes(db)).toEqual(expect.arrayContaining(['items_live_added', 'items_favourites', 'items_trash_age']));
      expect(db.prepare('SELECT seq, item_id, reason FROM changes').all()).toEqual([{ seq: 1, item_id: 'old', reason: 'added' }]);
      db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('old', 'updated', 'o', 2)").run();
      expect(() => db.prepare("INSERT INTO changes (item_id, reason, origin, at_ms) VALUES ('old', 'moved', 'o', 3)").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE items SET favourite = 2").run()).toThrow(/CHECK/);
      const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM items WHERE state = 'done' AND trashed_at IS NULL ORDER BY added_at_ms DESC, id DESC LIMIT 10").all() as { detail: string }[]).map((row) => row.detail).join(' ');
      expect(plan).toContain('items_live_added');
      expect(plan).not.toContain('TEMP B-TREE');
      db.close();
    });
  });

  it('running again is a no-op', () => {
    const db = freshDb();
    migrate(db, 1);
    insertV1Row(db, 'x', null);
    migrate(db);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses a catalog written by a newer Darkslide, with a clear error', () => {
    const db = freshDb();
    db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db, undefined, '/data/catalog.sqlite')).toThrow(DarkslideError);
    try {
      migrate(db, undefined, '/data/catalog.sqlite');
    } catch (error) {
      expect((error as DarkslideError).code).toBe('library.catalog-too-new');
      expect((error as Error).message).toContain('/data/catalog.sqlite');
    }
    db.close();
  });

  it('leaves the previous version in place when a migration fails', () => {
    const db = freshDb();
    migrate(db, 1);
    // A column that 002 is about to add already exists: 002 fails and must roll back entirely.
    db.exec("ALTER TABLE items ADD COLUMN location TEXT");
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'library.migration-failed' }) as Error);
    expect(schemaVersion(db)).toBe(1);
    expect(indexes(db)).not.toContain('items_misplaced');
    db.close();
  });
});
