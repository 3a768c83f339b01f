// Settings → Library on a real library (SQLite catalog, JPEG files, thumbnails, an imported look): moving it
// whole, what a move refuses and why, cancelling, writes held off while it copies, and choosing another library.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createJobEngine } from '../jobs/index.ts';
import { openLibrary, openLibraryInWorker, otherLiveOpeners, type Library } from '../library/index.ts';
import { getLook, setUserLooksDir } from '../looks/index.ts';
import { openSettings, readLibraryFolder } from '../settings/index.ts';
import { format } from '../shared/i18n/index.ts';
import { makeLibrary, sha, type LibraryFixture } from '../../tests/support/library-fixture.ts';
import { tempDir } from '../../tests/support/temp.ts';
import { createLibraryControl, type MoveState } from './library-control.ts';
import { placeFor } from './library-folder.ts';
import { createSwitchableLibrary } from './switchable-library.ts';

let work: ReturnType<typeof tempDir>;
let fx: LibraryFixture;

beforeEach(async () => {
  work = tempDir('library-folder');
  fx = await makeLibrary(work.path);
});
afterEach(() => {
  setUserLooksDir(null);
  work.remove();
});

async function openControl() {
  const settings = openSettings(fx.appData);
  const place = placeFor(settings.libraryFolder(), fx.place);
  const library = createSwitchableLibrary(await openLibrary(place));
  setUserLooksDir(path.join(place.dataDir, 'looks'));
  const jobs = createJobEngine({ library, kinds: [] });
  const moves: MoveState[] = [];
  const control = createLibraryControl({
    library,
    settings,
    jobs,
    appData: fx.appData,
    defaults: fx.place,
    isRecording: () => false,
    open: (next) => openLibrary(next),
    onMove: (state) => moves.push(state),
  });
  return {
    control,
    library,
    settings,
    moves,
    async close() {
      await jobs.close();
      await library.close();
    },
  };
}

/** Every item, kept and trashed, with its file's hash: what must be the same after a move. */
async function contents(library: Library): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const trashed of [false, true]) {
    const { items } = await library.list({ trashed, limit: 500 });
    for (const item of items) out.set(item.id, sha(await library.mediaPath(item.id, 'original')));
  }
  return out;
}

async function errorOf(work: Promise<unknown>): Promise<{ code: string; message: string; params: Record<string, string> }> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  if (!error) throw new Error('expected a refusal');
  return error as { code: string; message: string; params: Record<string, string> };
}

describe('moving the library', () => {
  test('copies photos, catalog, thumbnails and looks, verifies, switches, and removes the old library but not the app data', async () => {
    const app = await openControl();
    const before = await app.control.status();
    expect(before).toMatchObject({ folder: fx.place.root, isDefault: true, items: 5, trashed: 1, move: null });
    expect(before.bytes).toBeGreaterThan(6 * 10_000);
    writeFileSync(path.join(fx.appData, 'privacy.json'), '{}');
    // A geotag run's snapshot (what Undo puts back) belongs to this library's items.
    mkdirSync(path.join(fx.place.dataDir, 'geotag-runs'), { recursive: true });
    writeFileSync(path.join(fx.place.dataDir, 'geotag-runs', 'run-1.json'), '{"items":[]}');

    const to = path.join(work.path, 'Drive', 'Photos');
    const started = await app.control.move(to);
    expect(started).toMatchObject({ state: 'running', to, total: expect.any(Number) as number });
    await app.control.settled();
    const last = app.moves.at(-1)!;
    expect(last).toMatchObject({ state: 'done', error: null });
    expect(app.moves.map((move) => move.stage)).toEqual(expect.arrayContaining(['copying', 'verifying', 'switching', 'removing']));

    // The app uses the new place, with every item and the same bytes; thumbnails and the look came along.
    expect(app.library.root).toBe(to);
    expect(await contents(app.library)).toEqual(fx.hashes);
    expect(readdirSync(path.join(to, '.darkslide', 'thumbs')).length).toBe(6);
    expect(existsSync(path.join(to, '.darkslide', 'looks', `${fx.lookId}.json`))).toBe(true);
    expect(existsSync(path.join(to, '.darkslide', 'geotag-runs', 'run-1.json'))).toBe(true);
    expect(existsSync(path.join(fx.place.dataDir, 'geotag-runs'))).toBe(false);
    expect(getLook(fx.lookId).name).toBe('Warm');
    expect(readLibraryFolder(fx.appData)).toBe(to);
    expect(await app.control.status()).toMatchObject({ folder: to, isDefault: false, items: 5, trashed: 1 });

    // The old library is gone; the app's own files stay where they were.
    expect(existsSync(fx.place.root)).toBe(false);
    expect(existsSync(path.join(fx.appData, 'catalog.sqlite'))).toBe(false);
    expect(existsSync(path.join(fx.appData, 'thumbs'))).toBe(false);
    expect(existsSync(path.join(fx.appData, 'looks'))).toBe(false);
    expect(existsSync(path.join(fx.appData, 'privacy.json'))).toBe(true);
    expect(readdirSync(to).filter((name) => name.startsWith('.darkslide-moving'))).toEqual([]);
    await app.close();

    // The next start (same settings file) opens the moved library.
    const again = await openControl();
    expect(again.library.root).toBe(to);
    expect(await contents(again.library)).toEqual(fx.hashes);
    await again.close();
  });

  test('refuses a folder inside the library, one that is not empty, one that holds a library, naming the folder and what to do', async () => {
    const app = await openControl();
    const inside = await errorOf(app.control.move(path.join(fx.place.root, 'sub')));
    expect(inside.code).toBe('library.move-inside');
    expect(inside.message).toContain(path.join(fx.place.root, 'sub'));
    expect(inside.message).toMatch(/Choose a folder outside/);

    const busy = path.join(work.path, 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const notEmpty = await errorOf(app.control.move(busy));
    expect(notEmpty.code).toBe('library.destination-not-empty');
    expect(notEmpty.message).toContain(busy);
    expect(format('zh-CN', 'error.library.destination-not-empty', { folder: busy })).toContain(busy);

    const other = path.join(work.path, 'other');
    mkdirSync(path.join(other, '.darkslide'), { recursive: true });
    writeFileSync(path.join(other, '.darkslide', 'catalog.sqlite'), '');
    expect((await errorOf(app.control.move(other))).code).toBe('library.destination-is-library');

    const file = path.join(work.path, 'a-file');
    writeFileSync(file, 'x');
    const notWritable = await errorOf(app.control.move(path.join(file, 'Photos')));
    expect(notWritable.code).toBe('library.destination-not-writable');
    expect(notWritable.message).toContain(path.join(file, 'Photos'));

    // Nothing moved, nothing written, and the library still takes changes.
    expect(readLibraryFolder(fx.appData)).toBe(null);
    expect(await contents(app.library)).toEqual(fx.hashes);
    expect(existsSync(path.join(work.path, 'busy', '.darkslide'))).toBe(false);
    const [id] = fx.hashes.keys();
    await expect(app.library.restore([id!])).resolves.toEqual([id]);
    await app.close();
  });

  test('refused while another process has the library open (the command line could file a shot mid-copy), allowed once it closes', async () => {
    const app = await openControl();
    const libraryModule = path.resolve(import.meta.dirname, '../library/index.ts');
    const script = `import { openLibrary } from ${JSON.stringify(libraryModule)};
      const library = await openLibrary(${JSON.stringify(fx.place)});
      process.stdout.write('open\\n');
      process.stdin.on('end', async () => { await library.close(); process.exit(0); });
      process.stdin.resume();`;
    const opener = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    await once(opener.stdout, 'data');
    const to = path.join(work.path, 'moved');
    const refused = await errorOf(app.control.move(to));
    expect(refused.code).toBe('library.busy');
    expect(refused.message).toMatch(/another Darkslide process/);
    // Refused before anything was frozen for good: the library still takes changes.
    const [id] = fx.hashes.keys();
    await expect(app.library.restore([id!])).resolves.toEqual([id]);

    opener.stdin.end();
    await once(opener, 'exit');
    await app.control.move(to);
    await app.control.settled();
    expect(await app.control.status()).toMatchObject({ folder: to });
    await app.close();
  });

  test("the app's own catalog worker does not count as another process having the library open", async () => {
    // The worker thread registers its own lock file (a nonce of its own, this process's pid).
    const inWorker = await openLibraryInWorker(fx.place);
    expect(readdirSync(fx.place.dataDir).filter((name) => /^catalog\.\d+\..*\.lock$/.test(name)).length).toBeGreaterThan(0);
    expect(otherLiveOpeners(fx.place.dataDir)).toEqual([]);
    await inWorker.close();
  });

  test('cancelled: the copy is removed, the library stays where it was and takes changes again', async () => {
    const app = await openControl();
    const to = path.join(work.path, 'Elsewhere');
    await app.control.move(to);
    // Writes wait for the move: refused with a message that says why and where to cancel.
    const refused = await errorOf(app.library.trash([[...fx.hashes.keys()][1]!]));
    expect(refused.code).toBe('library.moving');
    expect(refused.message).toMatch(/Settings → Library/);
    app.control.cancelMove();
    await app.control.settled();
    expect(app.moves.at(-1)).toMatchObject({ state: 'cancelled', error: { code: 'library.move-cancelled' } });
    expect(existsSync(to)).toBe(false);
    expect(readLibraryFolder(fx.appData)).toBe(null);
    expect(app.library.root).toBe(fx.place.root);
    expect(await contents(app.library)).toEqual(fx.hashes);
    await expect(app.library.trash([[...fx.hashes.keys()][1]!])).resolves.toHaveLength(1);
    await app.close();
  });
});

describe('choosing a library folder', () => {
  test('an empty folder starts a new library; the default folder brings the first one back; other folders are refused', async () => {
    const app = await openControl();
    const fresh = path.join(work.path, 'Fresh');
    mkdirSync(fresh);
    expect(await app.control.choose(fresh)).toMatchObject({ folder: fresh, isDefault: false, items: 0 });
    expect(existsSync(path.join(fresh, '.darkslide', 'catalog.sqlite'))).toBe(true);
    expect(readLibraryFolder(fx.appData)).toBe(fresh);
    // The first library's look is not this library's.
    expect(() => getLook(fx.lookId)).toThrow();

    const stranger = path.join(work.path, 'Documents');
    mkdirSync(stranger);
    writeFileSync(path.join(stranger, 'letter.txt'), 'hello');
    const refused = await errorOf(app.control.choose(stranger));
    expect(refused.code).toBe('library.not-a-library');
    expect(refused.message).toContain(stranger);
    expect(app.library.root).toBe(fresh);

    expect(await app.control.choose(fx.place.root)).toMatchObject({ folder: fx.place.root, isDefault: true, items: 5, trashed: 1 });
    expect(readLibraryFolder(fx.appData)).toBe(null);
    expect(await contents(app.library)).toEqual(fx.hashes);
    expect(getLook(fx.lookId).name).toBe('Warm');

    // And a moved library can be chosen again by its folder from a fresh app data folder's point of view.
    await app.close();
  });
});
