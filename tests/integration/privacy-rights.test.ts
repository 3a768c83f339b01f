// The person's rights over what Darkslide keeps, through the app's own API on real services (SQLite, files,
// sharp): every store listed with what the disk holds, one zip of their data written whole into a picked folder,
// erasing personal data or everything (behind the typed word) and reading the disk back, an erase interrupted
// midway finished by the next start, and retention applied to the trash.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';
import { seedAlbum, type Seeded } from '../support/seed.ts';

let dir: string;
let libraryRoot: string;
let dataDir: string;
let outDir: string;
let app: Darkslide;
let seeded: Seeded[];
const progress: unknown[] = [];

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(method as never, input as never);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

/** Bytes of every regular file under `target`, summed by find(1), not by the code under test. */
function diskBytes(target: string): number {
  if (!existsSync(target)) return 0;
  return execFileSync('find', [target, '-type', 'f', '-printf', '%s\\n'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line), 0);
}

type Store = { id: string; paths: string[]; bytes: number; files: number; items: number | null; erasable: boolean };

async function open(): Promise<Darkslide> {
  return createDarkslide({ libraryRoot, dataDir, pickFiles: async () => [outDir] });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'darkslide-rights-'));
  libraryRoot = path.join(dir, 'Pictures');
  dataDir = path.join(dir, 'data');
  outDir = path.join(dir, 'out');
  mkdirSync(outDir);
  app = await open();
  app.onEvent((event, payload) => {
    if (event === 'privacy.progress') progress.push(payload);
  });
  await call('privacy.decide', { accept: true, locale: 'en' });
  await call('privacy.setAge', { minor: false });
  seeded = await seedAlbum(app.library, 5);
  await call('library.trash', { ids: [seeded[4]!.id] });
  // A camera use in the record, a place chosen, a user file the library must leave alone.
  app.privacy.usage.begin('camera', 'viewfinder', 'demo')();
  writeFileSync(path.join(dataDir, 'location.json'), JSON.stringify({ attach: true, place: { name: 'Test', latitude: 51.4773, longitude: -0.0013 } }));
  writeFileSync(path.join(libraryRoot, 'my-notes.txt'), 'mine');
}, 120_000);
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what Darkslide keeps', () => {
  test('every store is listed with its path, and the disk agrees with its size and count', async () => {
    const { stores, dataDir: shownData } = await call<{ stores: Store[]; dataDir: string }>('privacy.stores');
    expect(shownData).toBe(dataDir);
    const byId = Object.fromEntries(stores.map((store) => [store.id, store]));
    expect(Object.keys(byId).sort()).toEqual(['caches', 'catalog', 'consent', 'diagnostics', 'jobs', 'location', 'logs', 'looks', 'originals', 'photos', 'settings', 'thumbnails', 'trash', 'usage']);
    const years = readdirSync(libraryRoot).filter((name) => /^\d{4}$/.test(name));
    expect(byId.photos!.paths).toEqual(years.map((name) => path.join(libraryRoot, name)));
    expect(byId.photos).toMatchObject({ items: 4, bytes: years.reduce((sum, name) => sum + diskBytes(path.join(libraryRoot, name)), 0) });
    expect(byId.trash).toMatchObject({ items: 1, bytes: diskBytes(path.join(libraryRoot, '.trash')) });
    expect(byId.catalog).toMatchObject({ items: 5, bytes: diskBytes(path.join(dataDir, 'catalog.sqlite')) + diskBytes(path.join(dataDir, 'catalog.sqlite-wal')) + diskBytes(path.join(dataDir, 'catalog.sqlite-shm')) });
    expect(byId.usage!.items).toBe(1);
    expect(byId.consent!.items).toBe(2);
    expect(byId.logs!.bytes).toBe(diskBytes(path.join(dataDir, 'logs')));
    expect(byId.logs!.bytes).toBeGreaterThan(0);
    expect(byId.location).toMatchObject({ files: 1, paths: [path.join(dataDir, 'location.json'), path.join(dataDir, 'geotag-runs')] });
    // The user's own file in the library root belongs to no store.
    expect(stores.some((store) => store.paths.includes(path.join(libraryRoot, 'my-notes.txt')))).toBe(false);
    expect(byId.photos!.erasable).toBe(false);
    expect(byId.logs!.erasable).toBe(true);
  });

  test('a store\'s files can be seen; the browser host cannot open a folder and says so', async () => {
    const { files } = await call<{ files: { path: string; bytes: number }[] }>('privacy.storeFiles', { store: 'logs' });
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => file.path.startsWith(path.join(dataDir, 'logs')))).toBe(true);
    expect(await call('privacy.reveal', { store: 'logs' })).toEqual({ opened: false });
  });
});

describe('export my data', () => {
  test('one zip in the picked folder: catalog rows, jobs, settings, consent ledger, usage record, logs, location', async () => {
    const { handles } = await call<{ handles: { id: string }[] }>('files.pick', { purpose: 'export', folders: true });
    const result = await call<{ name: string; bytes: number; entries: number }>('privacy.exportData', { folder: handles[0]!.id });
    const stamp = new Date().toISOString().slice(0, 10);
    expect(result.name).toBe(`darkslide-data-${stamp}.zip`);
    // Nothing but the finished zip: its temp file is gone.
    expect(readdirSync(outDir)).toEqual([result.name]);
    const zip = path.join(outDir, result.name);
    const names = execFileSync('zipinfo', ['-1', zip], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining(['catalog.json', 'jobs.json', 'settings.json', 'consent-ledger.json', 'usage-record.ndjson', 'location.json']));
    expect(names.some((name) => /^logs\/app\..*\.log$/.test(name))).toBe(true);
    expect(result.entries).toBe(names.length);
    const read = (name: string) => execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' });
    const catalog = JSON.parse(read('catalog.json')) as { items: { id: string }[] };
    expect(catalog.items.map((item) => item.id).sort()).toEqual(seeded.map((item) => item.id).sort());
    expect((JSON.parse(read('consent-ledger.json')) as { ledger: { event: string }[] }).ledger.map((entry) => entry.event)).toEqual(['accepted', 'age']);
    expect(read('usage-record.ndjson').trim().split('\n').map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['camera']);
    expect(JSON.parse(read('location.json'))).toMatchObject({ place: { latitude: 51.4773 } });
    const events = progress.filter((entry) => (entry as { task: string }).task === 'export') as { done: number; total: number }[];
    expect(events.at(-1)).toEqual({ task: 'export', done: events.at(-1)!.total, total: events.at(-1)!.total });
    expect(events.length).toBeGreaterThan(3);
    // A second export on the same day gets its own name; the first is not overwritten.
    const again = await call<{ name: string }>('privacy.exportData', { folder: handles[0]!.id });
    expect(again.name).toBe(`darkslide-data-${stamp} (2).zip`);
    expect(readdirSync(outDir).sort()).toEqual([result.name, again.name].sort());
  });
});

describe('local diagnostics', () => {
  test('the bundle shows versions, machine and settings, and no folder, place or device name; saving writes what was shown', async () => {
    await app.dispatch('settings.setDevice' as never, { deviceId: 'Logitech BRIO 4K', patch: { mirror: true } } as never);
    const bundle = await call<{ summary: string; log: string }>('privacy.diagnostics');
    const summary = JSON.parse(bundle.summary) as { versions: Record<string, string | null>; machine: { os: string }; settings: { devices: { device: string; mirror: boolean }[] } };
    expect(summary.versions.sharp).toMatch(/^\d+\.\d+/);
    expect(summary.versions.node).toBe(process.versions.node);
    expect(summary.machine.os).toBe('Linux');
    expect(summary.settings.devices).toContainEqual(expect.objectContaining({ mirror: true }));
    expect(bundle.log.trim().split('\n').length).toBeGreaterThan(3);
    for (const text of [bundle.summary, bundle.log]) {
      for (const secret of [dir, libraryRoot, dataDir, 'Logitech', '51.4773', homedir()]) expect(text).not.toContain(secret);
    }
    const { handles } = await call<{ handles: { id: string }[] }>('files.pick', { purpose: 'export', folders: true });
    const saved = await call<{ name: string }>('privacy.saveDiagnostics', { folder: handles[0]!.id });
    const zip = path.join(outDir, saved.name);
    expect(saved.name).toMatch(/^darkslide-diagnostics-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(execFileSync('unzip', ['-p', zip, 'diagnostics.json'], { encoding: 'utf8' })).toBe(bundle.summary);
    expect(execFileSync('unzip', ['-p', zip, 'log-tail.ndjson'], { encoding: 'utf8' })).toBe(bundle.log);
    rmSync(zip);
  });
});

describe('erase', () => {
  test('a library store cannot be erased on its own', async () => {
    await expect(call('privacy.erase', { scope: 'stores', stores: ['photos'] })).rejects.toMatchObject({ code: 'privacy.erase-not-alone' });
  });

  test('personal data: usage record, consent, logs and location go; photos stay; the disk is read back', async () => {
    const report = await call<{ erased: string[]; remaining: Store[]; failed: unknown[] }>('privacy.erase', { scope: 'personal' });
    expect(report.failed).toEqual([]);
    expect(report.remaining).toEqual([]);
    expect(report.erased.sort()).toEqual(['consent', 'diagnostics', 'location', 'logs', 'usage']);
    expect(existsSync(path.join(dataDir, 'location.json'))).toBe(false);
    expect(app.privacy.usage.list(365)).toEqual([]);
    expect(app.privacy.ledger()).toEqual([]);
    expect(app.privacy.status().firstRun).toBe(true);
    // The erased rows are not left in the file's free pages either.
    expect(readFileSync(path.join(dataDir, 'privacy.sqlite')).includes('viewfinder')).toBe(false);
    // Log lines written before the erase are gone (a new file may have started since).
    for (const name of readdirSync(path.join(dataDir, 'logs'))) expect(readFileSync(path.join(dataDir, 'logs', name), 'utf8')).not.toContain('"msg":"started"');
    expect((await app.library.album.layout({ trashed: false })).total).toBe(4);
    expect(existsSync(path.join(dataDir, 'erase-pending.json'))).toBe(false);
  });

  test('everything needs the typed word; without it nothing is erased', async () => {
    await expect(call('privacy.erase', { scope: 'everything', confirm: 'yes' })).rejects.toMatchObject({ code: 'privacy.confirm-mismatch' });
    expect((await app.library.album.layout({ trashed: false })).total).toBe(4);
  });

  test('everything: photos, originals, trash, catalog rows, thumbnails, settings go; the user\'s own file stays', async () => {
    await app.media(seeded[0]!.id, 'thumb');
    expect(diskBytes(path.join(dataDir, 'thumbs'))).toBeGreaterThan(0);
    // The catalog's bytes (its file and write-ahead log) that hold an item id, read straight from the disk.
    const catalogHolds = (id: string) => readdirSync(dataDir).filter((entry) => entry.startsWith('catalog.sqlite')).some((name) => readFileSync(path.join(dataDir, name)).includes(id));
    expect(catalogHolds(seeded[1]!.id)).toBe(true);
    // A settings write still under way when the erase starts must not bring the file back afterwards.
    const lateWrite = app.dispatch('settings.setDevice' as never, { deviceId: 'demo', patch: { mirror: true } } as never);
    const report = await call<{ remaining: Store[]; failed: unknown[] }>('privacy.erase', { scope: 'everything', confirm: 'erase' });
    await lateWrite;
    expect(report.failed).toEqual([]);
    expect(report.remaining).toEqual([]);
    expect(readdirSync(libraryRoot)).toEqual(['my-notes.txt']);
    expect(readFileSync(path.join(libraryRoot, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(diskBytes(path.join(dataDir, 'thumbs'))).toBe(0);
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(false);
    // Settings held in memory went too: the next read gives the defaults, for the device set before the erase.
    expect(await call('settings.device', { deviceId: 'Logitech BRIO 4K' })).toMatchObject({ mirror: false });
    expect(await call('settings.device', { deviceId: 'demo' })).toMatchObject({ mirror: false });
    // The catalog file was let go and removed, not emptied in place: the app runs on a new one holding none of it.
    for (const item of seeded) expect(catalogHolds(item.id), item.id).toBe(false);
    expect((await app.library.album.layout({ trashed: false })).total + (await app.library.album.layout({ trashed: true })).total).toBe(0);
    expect(await app.library.jobs.list()).toEqual([]);
    // The app goes on: a new shot files into the fresh catalog.
    await seedAlbum(app.library, 1);
    expect((await app.library.album.layout({ trashed: false })).total).toBe(1);
    const events = progress.filter((entry) => (entry as { task: string }).task === 'erase') as { done: number; total: number }[];
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
  });

  test('an erase interrupted midway is finished by the next start', async () => {
    await call('privacy.decide', { accept: true, locale: 'en' });
    app.privacy.usage.begin('microphone', 'recording', 'demo')();
    writeFileSync(path.join(dataDir, 'location.json'), JSON.stringify({ attach: false, place: null }));
    await app.close();
    // What a killed erase leaves: its note written, the work not done.
    writeFileSync(path.join(dataDir, 'erase-pending.json'), JSON.stringify({ scope: 'personal', stores: ['usage', 'consent', 'logs', 'location', 'diagnostics'], startedAt: new Date().toISOString() }));
    app = await open();
    expect(existsSync(path.join(dataDir, 'erase-pending.json'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'location.json'))).toBe(false);
    expect(app.privacy.usage.list(365)).toEqual([]);
    expect(app.privacy.ledger()).toEqual([]);
  });

  test('a resumed erase runs only the steps it had not finished, and a note of another shape does not stop the start', async () => {
    await call('privacy.decide', { accept: true, locale: 'en' });
    await seedAlbum(app.library, 2);
    const kept = { length: (await app.library.album.layout({ trashed: false })).total };
    await app.close();
    // Killed after its photo steps: the note says so, and the photos in the album now must stay.
    writeFileSync(
      path.join(dataDir, 'erase-pending.json'),
      JSON.stringify({ scope: 'everything', stores: ['photos', 'originals', 'trash', 'logs'], done: ['photos', 'originals', 'trash'], startedAt: new Date().toISOString() }),
    );
    app = await open();
    expect(existsSync(path.join(dataDir, 'erase-pending.json'))).toBe(false);
    expect((await app.library.album.layout({ trashed: false })).total).toBe(kept.length);
    await app.close();
    // A note of another shape is left for a person to look at, and the app starts all the same.
    writeFileSync(path.join(dataDir, 'erase-pending.json'), JSON.stringify({ scope: 'everything' }));
    app = await open();
    expect(existsSync(path.join(dataDir, 'erase-pending.json'))).toBe(true);
    expect((await app.library.album.layout({ trashed: false })).total).toBe(kept.length);
    rmSync(path.join(dataDir, 'erase-pending.json'));
  });
});

describe('retention', () => {
  test('the trash keeps what the retention says, and the last pass is shown', async () => {
    await call('privacy.decide', { accept: true, locale: 'en' });
    const [item] = await seedAlbum(app.library, 1);
    await call('library.trash', { ids: [item!.id] });
    await call('privacy.setRetention', { trash: 2 });
    expect((await app.library.album.layout({ trashed: true })).total).toBe(1);
    // Three days later, a 2-day trash is empty.
    const applied = await app.rights.applyRetention(Date.now() + 3 * 86_400_000);
    expect(applied.trash).toBe(1);
    expect((await app.library.album.layout({ trashed: true })).total).toBe(0);
    const { retention } = await call<{ retention: { trash: number } }>('privacy.stores');
    expect(retention).toMatchObject({ trash: 1 });
  });

  test('a 90-day trash keeps what a 30-day one would purge, at the next start too', async () => {
    const [item] = await seedAlbum(app.library, 1);
    await call('library.trash', { ids: [item!.id] });
    await call('privacy.setRetention', { trash: 90 });
    const shown = (await call<{ purgeAt: string; trashedAt: string }>('library.get', { id: item!.id }))!;
    expect(Date.parse(shown.purgeAt) - Date.parse(shown.trashedAt)).toBe(90 * 86_400_000);
    expect((await app.rights.applyRetention(Date.now() + 40 * 86_400_000)).trash).toBe(0);
    expect(await app.library.get(item!.id)).not.toBeNull();
    // Trashed 40 days ago (written into the catalog while the app is closed): the purge at open keeps it.
    await app.close();
    const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'));
    db.prepare('UPDATE items SET trashed_at = ? WHERE id = ?').run(new Date(Date.now() - 40 * 86_400_000).toISOString(), item!.id);
    db.close();
    app = await open();
    expect(await app.library.get(item!.id)).not.toBeNull();
    expect((await app.rights.applyRetention(Date.now() + 51 * 86_400_000)).trash).toBe(1);
    expect(await app.library.get(item!.id)).toBeNull();
  });

  test('crash dumps older than the diagnostics retention go; newer ones stay', async () => {
    const crashes = path.join(dataDir, 'crashes', 'completed');
    mkdirSync(crashes, { recursive: true });
    writeFileSync(path.join(crashes, 'old.dmp'), 'x');
    writeFileSync(path.join(crashes, 'new.dmp'), 'y');
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000);
    utimesSync(path.join(crashes, 'old.dmp'), fortyDaysAgo, fortyDaysAgo);
    const applied = await app.rights.applyRetention();
    expect(applied.diagnostics).toBe(1);
    expect(readdirSync(crashes)).toEqual(['new.dmp']);
  });
});
