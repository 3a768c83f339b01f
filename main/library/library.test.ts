import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeMetadata, readMetadata, writeShotMetadata } from '../metadata/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { defaultPaths, openLibrary, thumbnailJpeg, type ChangeEvent, type Library } from './index.ts';

let work: string;
const workDirs: string[] = [];
let root: string;
let dataDir: string;
let library: Library | null = null;
let jpeg: Buffer;
let bigJpeg: Buffer;

const pad = (value: number) => String(value).padStart(2, '0');
/** Expected day folder and name stamp, computed from the Date's local fields as the spec states them. */
function expectedStamp(when: Date) {
  const ymd = `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}`;
  return {
    folder: `${when.getFullYear()}/${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`,
    prefix: `DS_${ymd}_${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}_`,
  };
}

function meta(takenAt = new Date(2026, 5, 1, 9, 30, 15, 250)) {
  return { width: 320, height: 240, takenAt, lookId: 'cam-1', lookName: 'Portra Dream', recipe: { look: 'portra', grain: 0.3 } };
}

function walk(dir: string, base = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : [rel];
  });
}

function makeVideo(file: string): void {
  execFileSync('/usr/bin/ffmpeg', ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=10', '-t', '0.5', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]);
}

async function open(): Promise<Library> {
  library = await openLibrary({ root, dataDir });
  return library;
}

function reopenDb(): DatabaseSync {
  library?.close();
  library = null;
  return new DatabaseSync(path.join(dataDir, 'catalog.sqlite'));
}

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#aa5522' } }).jpeg().toBuffer();
  bigJpeg = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#2255aa' } }).jpeg().toBuffer();
});

beforeEach(() => {
  library?.close();
  library = null;
  work = mkdtempSync(path.join(tmpdir(), 'ds-library-'));
  workDirs.push(work);
  root = path.join(work, 'Pictures', 'Darkslide');
  dataDir = path.join(work, 'data');
});

afterAll(async () => {
  library?.close();
  await closeMetadata();
  workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe('openLibrary', () => {
  it('creates the folders and a WAL catalog', async () => {
    await open();
    expect(statSync(root).isDirectory()).toBe(true);
    expect(existsSync(path.join(dataDir, 'catalog.sqlite'))).toBe(true);
    library!.close();
    const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('names the folder and what to do when the library root cannot be created or written', async () => {
    const blocker = path.join(work, 'not-a-folder');
    mkdirSync(work, { recursive: true });
    writeFileSync(blocker, 'a file where a folder should be');
    const badRoot = path.join(blocker, 'Darkslide');
    const error = await openLibrary({ root: badRoot, dataDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DarkslideError);
    expect((error as DarkslideError).code).toBe('library.folder-not-writable');
    expect((error as Error).message).toContain(badRoot);
    expect((error as Error).message).toMatch(/DARKSLIDE_LIBRARY|choose another/i);
  });

  it('registers itself with a lock file of its own while open, and removes it on close', async () => {
    await open();
    const locks = readdirSync(dataDir).filter((name) => name.endsWith('.lock'));
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatch(new RegExp(`^catalog\\.${process.pid}\\.[0-9a-f]{16}\\.lock$`));
    library!.close();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });

  it('removes lock files of dead processes, and the single-holder lock of an older Darkslide that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'catalog.lock'), dead.stdout);
    writeFileSync(path.join(dataDir, `catalog.${dead.stdout}.0123456789abcdef.lock`), JSON.stringify({ pid: Number(dead.stdout), startTime: null }));
    await open();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([expect.stringMatching(new RegExp(`^catalog\\.${process.pid}\\.`))]);
  });

  it('refuses to share with an older Darkslide that still holds the single-holder lock', async () => {
    const older = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(path.join(dataDir, 'catalog.lock'), String(older.pid));
      await expect(openLibrary({ root, dataDir })).rejects.toMatchObject({ code: 'library.in-use-by-old-version', message: expect.stringContaining(String(older.pid)) });
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual(['catalog.lock']);
    } finally {
      older.kill('SIGKILL');
    }
  });

  it('reports a catalog that is not SQLite as CATALOG_UNREADABLE, naming the file', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'catalog.sqlite'), 'this is not a database '.repeat(100));
    await expect(openLibrary({ root, dataDir })).rejects.toMatchObject({
      code: 'library.catalog-unreadable',
      message: expect.stringContaining(path.join(dataDir, 'catalog.sqlite')),
    });
    // The failed open released its lock.
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });

  it('throws LIBRARY_CLOSED after close', async () => {
    await open();
    library!.close();
    await expect(library!.list()).rejects.toMatchObject({ code: 'library.closed' });
  });
});

describe('addShot', () => {
  it('stores the JPEG under <root>/YYYY/YYYY-MM-DD/DS_YYYYMMDD_HHMMSS_<n>.jpg and catalogs it', async () => {
    const lib = await open();
    const events: ChangeEvent[] = [];
    lib.onChange((event) => events.push(event));
    const input = meta();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...input });
    const stamp = expectedStamp(input.takenAt);
    expect(item.relPath).toBe(`${stamp.folder}/${stamp.prefix}1.jpg`);
    expect(item.fileName).toBe(`${stamp.prefix}1.jpg`);
    expect(item.id).toMatch(/^[0-9a-f]{16}$/);
    expect(item).toMatchObject({ kind: 'photo', width: 320, height: 240, durationSec: null, lookId: 'cam-1', lookName: 'Portra Dream', trashedAt: null, recovered: false, bytes: jpeg.length, hasOriginal: false });
    expect(item.recipe).toEqual({ look: 'portra', grain: 0.3 });
    expect(new Date(item.takenAt).getTime()).toBe(input.takenAt.getTime());
    expect(item.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.250[+-]\d{2}:\d{2}$/);
    expect(readFileSync(path.join(root, item.relPath)).equals(jpeg)).toBe(true);
    expect(await lib.get(item.id)).toEqual(item);
    expect(events).toEqual([{ ids: [item.id], reason: 'added' }]);
    // Nothing but the shot in the library folder.
    expect(walk(root)).toEqual([item.relPath]);
  });

  it('refuses a second live item with the same develop key, atomically; a trashed one does not count', async () => {
    const lib = await open();
    const key = 'ab'.repeat(32);
    const first = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), developKey: key });
    expect(await lib.jobs.findDeveloped(key)).toBe(first.id);
    await expect(lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), developKey: key })).rejects.toMatchObject({
      code: 'library.already-developed',
      params: { id: first.id },
    });
    expect((await lib.list()).items).toHaveLength(1);
    expect(walk(root)).toEqual([first.relPath]);
    await lib.trash([first.id]);
    expect(await lib.jobs.findDeveloped(key)).toBeNull();
    const again = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), developKey: key });
    expect(again.id).not.toBe(first.id);
    await expect(lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), developKey: 'not hex' })).rejects.toMatchObject({ code: 'library.invalid-input' });
  });

  it('numbers shots in the same second and never overwrites a file already there', async () => {
    const lib = await open();
    const input = meta();
    const stamp = expectedStamp(input.takenAt);
    // A foreign file already holds _1: it must survive and the shots skip its name.
    mkdirSync(path.join(root, stamp.folder), { recursive: true });
    writeFileSync(path.join(root, stamp.folder, `${stamp.prefix}1.jpg`), 'not ours');
    const items = await Promise.all([1, 2, 3].map(() => lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...input })));
    expect(items.map((item) => item.fileName).sort()).toEqual([`${stamp.prefix}2.jpg`, `${stamp.prefix}3.jpg`, `${stamp.prefix}4.jpg`]);
    expect(readFileSync(path.join(root, stamp.folder, `${stamp.prefix}1.jpg`), 'utf8')).toBe('not ours');
  });

  it('lets beforeCommit write EXIF into the temp file; the final file carries it', async () => {
    const lib = await open();
    const input = meta();
    const seen: string[] = [];
    const item = await lib.addShot({
      kind: 'photo', data: jpeg, ext: 'jpg', ...input,
      beforeCommit: async (tempFile) => {
        seen.push(tempFile);
        // The temp file lives in the target folder (same file system, so the final step is a rename/link).
        expect(path.dirname(tempFile)).toBe(path.join(root, expectedStamp(input.takenAt).folder));
        await writeShotMetadata(tempFile, { takenAt: input.takenAt, utcOffsetMinutes: 60, make: 'Darkslide', model: 'Portra Dream', software: 'Darkslide 0.1.0' });
      },
    });
    expect(seen).toHaveLength(1);
    expect(existsSync(seen[0]!)).toBe(false);
    const tags = await readMetadata(path.join(root, item.relPath));
    expect(tags['IFD0:Model']).toBe('Portra Dream');
    expect(tags['ExifIFD:OffsetTimeOriginal']).toBe('+01:00');
    expect(item.bytes).toBe(statSync(path.join(root, item.relPath)).size);
    expect(item.bytes).toBeGreaterThan(jpeg.length);
    expect(walk(root)).toEqual([item.relPath]);
  });

  it('saves nothing when beforeCommit fails: no row, no file, no temp', async () => {
    const lib = await open();
    const error = await lib
      .addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), beforeCommit: async () => { throw new Error('exif broke'); } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'library.prepare-failed', message: expect.stringContaining('exif broke') });
    expect((await lib.list()).items).toEqual([]);
    expect(walk(root)).toEqual([]);
  });

  it('keeps the undeveloped original, reachable through mediaPath(id, "undeveloped")', async () => {
    const lib = await open();
    const original = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } }).png().toBuffer();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), original });
    expect(item.hasOriginal).toBe(true);
    const file = await lib.mediaPath(item.id, 'undeveloped');
    expect(file.endsWith('.orig.png')).toBe(true);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('rejects bad input with INVALID_INPUT naming the field', async () => {
    const lib = await open();
    await expect(lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), width: 0 })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('width') });
    await expect(lib.addShot({ kind: 'photo', data: Buffer.alloc(0), ext: 'jpg', ...meta() })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('data') });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), recipe: cyclic })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('recipe') });
    expect(walk(root)).toEqual([]);
  });
});

describe('addFile', () => {
  it('moves a video in, keeps its duration, and makes a poster thumbnail with ffmpeg', async () => {
    const lib = await open();
    const source = path.join(work, 'recording.mp4');
    makeVideo(source);
    const size = statSync(source).size;
    const events: ChangeEvent[] = [];
    lib.onChange((event) => events.push(event));
    const item = await lib.addFile({ kind: 'video', sourceFile: source, ...meta(), width: 640, height: 360, durationSec: 0.5 });
    expect(existsSync(source)).toBe(false);
    expect(item.fileName).toMatch(/^DS_\d{8}_\d{6}_1\.mp4$/);
    expect(item).toMatchObject({ kind: 'video', durationSec: 0.5, bytes: size, recovered: false });
    expect(events).toEqual([{ ids: [item.id], reason: 'added' }]);
    const thumb = await lib.mediaPath(item.id, 'thumb');
    expect(thumb.startsWith(path.join(dataDir, 'thumbs'))).toBe(true);
    const info = await sharp(thumb).metadata();
    expect([info.format, info.width, info.height]).toEqual(['jpeg', 400, 225]);
  });

  it('makes video posters with the ffmpeg given as openLibrary({ ffmpegPath }), and says which one is missing', async () => {
    mkdirSync(work, { recursive: true });
    // A wrapper that leaves a mark and runs the real ffmpeg: proves which executable the library used.
    const used = path.join(work, 'ffmpeg-was-used');
    const wrapper = path.join(work, 'my-ffmpeg');
    writeFileSync(wrapper, `#!/bin/sh\ntouch '${used}'\nexec /usr/bin/ffmpeg "$@"\n`, { mode: 0o755 });
    library = await openLibrary({ root, dataDir, ffmpegPath: wrapper });
    const source = path.join(work, 'clip.mp4');
    makeVideo(source);
    const item = await library.addFile({ kind: 'video', sourceFile: source, ...meta(), width: 640, height: 360, durationSec: 0.5 });
    const thumb = await library.mediaPath(item.id, 'thumb');
    expect(existsSync(used)).toBe(true);
    expect((await sharp(thumb).metadata()).width).toBe(400);
    library.close();

    const missing = path.join(work, 'no-such-ffmpeg');
    library = await openLibrary({ root, dataDir, ffmpegPath: missing });
    rmSync(thumb);
    await expect(library.mediaPath(item.id, 'thumb')).rejects.toMatchObject({ code: 'library.ffmpeg-missing', message: expect.stringContaining(missing) });
    await expect(openLibrary({ root, dataDir, ffmpegPath: '' })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('ffmpegPath') });
  });

  it.skipIf(!existsSync('/dev/shm'))('copies from another file system (EXDEV), then removes the source', async () => {
    const lib = await open();
    const shm = mkdtempSync('/dev/shm/ds-exdev-');
    try {
      const source = path.join(shm, 'from-tmpfs.jpg');
      writeFileSync(source, bigJpeg);
      const item = await lib.addFile({ kind: 'photo', sourceFile: source, ...meta() });
      expect(existsSync(source)).toBe(false);
      expect(readFileSync(path.join(root, item.relPath)).equals(bigJpeg)).toBe(true);
      expect(walk(root)).toEqual([item.relPath]);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });

  it('flags recovered files and announces them as "recovered"', async () => {
    const lib = await open();
    const source = path.join(work, 'salvaged.jpg');
    writeFileSync(source, jpeg);
    const events: ChangeEvent[] = [];
    lib.onChange((event) => events.push(event));
    const item = await lib.addFile({ kind: 'photo', sourceFile: source, ...meta(), recovered: true });
    expect(item.recovered).toBe(true);
    expect(events).toEqual([{ ids: [item.id], reason: 'recovered' }]);
  });

  it('leaves the source alone and saves nothing when the source is missing or of the wrong type', async () => {
    const lib = await open();
    await expect(lib.addFile({ kind: 'photo', sourceFile: path.join(work, 'nope.jpg'), ...meta() })).rejects.toMatchObject({ code: 'file.not-found' });
    const text = path.join(work, 'notes.txt');
    writeFileSync(text, 'x');
    await expect(lib.addFile({ kind: 'video', sourceFile: text, ...meta() })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('.mp4') });
    expect(existsSync(text)).toBe(true);
    expect((await lib.list()).items).toEqual([]);
  });
});

describe('list', () => {
  it('pages newest first with a cursor, excluding trashed items unless asked', async () => {
    const lib = await open();
    const added = [];
    for (let minute = 0; minute < 7; minute++) {
      added.push(await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(new Date(2026, 0, 10, 8, minute)) }));
    }
    const newestFirst = [...added].reverse().map((item) => item.id);
    const first = await lib.list({ limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 3));
    const second = await lib.list({ limit: 3, before: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual(newestFirst.slice(3, 6));
    const third = await lib.list({ limit: 3, before: second.nextCursor! });
    expect(third.items.map((item) => item.id)).toEqual(newestFirst.slice(6));
    expect(third.nextCursor).toBeNull();

    await lib.trash([newestFirst[1]!]);
    expect((await lib.list()).items.map((item) => item.id)).toEqual(newestFirst.filter((id) => id !== newestFirst[1]));
    expect((await lib.list({ trashed: true })).items.map((item) => item.id)).toEqual([newestFirst[1]]);
  });

  it('filters to items with or without a location, paging within the filter, and follows setLocation', async () => {
    const lib = await open();
    const lisbon = { latitude: 38.7139, longitude: -9.1394 };
    const items = [];
    for (let minute = 0; minute < 5; minute++) {
      items.push(await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(new Date(2026, 1, 10, 8, minute)), location: minute % 2 === 0 ? lisbon : null }));
    }
    const ids = items.map((item) => item.id).reverse();
    const located = [ids[0]!, ids[2]!, ids[4]!];
    expect(items[0]!.location).toEqual(lisbon);
    expect(items[1]!.location).toBeNull();
    const firstPage = await lib.list({ location: 'with', limit: 2 });
    expect(firstPage.items.map((item) => item.id)).toEqual(located.slice(0, 2));
    expect((await lib.list({ location: 'with', limit: 2, before: firstPage.nextCursor! })).items.map((item) => item.id)).toEqual(located.slice(2));
    expect((await lib.list({ location: 'without' })).items.map((item) => item.id)).toEqual([ids[1], ids[3]]);

    await lib.setLocation(ids[1]!, { latitude: -33.86, longitude: 151.21 });
    await lib.setLocation(ids[0]!, null);
    expect((await lib.get(ids[1]!))!.location).toEqual({ latitude: -33.86, longitude: 151.21 });
    expect((await lib.list({ location: 'with' })).items.map((item) => item.id)).toEqual([ids[1], ids[2], ids[4]]);
    await expect(lib.setLocation('nope', null)).rejects.toMatchObject({ code: 'album.item-not-found' });
    await expect(lib.setLocation(ids[1]!, { latitude: 91, longitude: 0 })).rejects.toMatchObject({ code: 'library.invalid-input' });
  });

  it('rejects a forged cursor and an out-of-range limit', async () => {
    const lib = await open();
    await expect(lib.list({ before: 'garbage!' })).rejects.toMatchObject({ code: 'library.invalid-cursor' });
    await expect(lib.list({ limit: 0 })).rejects.toMatchObject({ code: 'library.invalid-input' });
  });
});

describe('trash, restore, emptyTrash', () => {
  it('moves trashed files to <root>/.trash, brings them back exactly, and deletes them for good', async () => {
    const lib = await open();
    const events: ChangeEvent[] = [];
    lib.onChange((event) => events.push(event));
    const keep = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    const bin = await lib.addShot({ kind: 'photo', data: bigJpeg, ext: 'jpg', ...meta(), original: jpeg });
    await lib.mediaPath(bin.id, 'thumb');
    const home = path.join(root, bin.relPath);
    const trashed = path.join(root, '.trash', bin.relPath);

    await lib.trash([bin.id]);
    expect(existsSync(home)).toBe(false);
    expect(readFileSync(trashed).equals(bigJpeg)).toBe(true);
    expect((await lib.get(bin.id))!.trashedAt).toMatch(/^\d{4}-/);
    expect(await lib.mediaPath(bin.id, 'original')).toBe(trashed);

    await lib.restore([bin.id]);
    expect(existsSync(trashed)).toBe(false);
    expect(readFileSync(home).equals(bigJpeg)).toBe(true);
    expect(await lib.get(bin.id)).toEqual(bin);

    await lib.trash([bin.id]);
    expect(await lib.emptyTrash()).toBe(1);
    expect(await lib.get(bin.id)).toBeNull();
    expect(existsSync(trashed)).toBe(false);
    expect(existsSync(path.join(dataDir, 'thumbs', `${bin.id}.jpg`))).toBe(false);
    // The original went with it; the kept shot is untouched.
    expect(walk(root)).toEqual([keep.relPath]);
    expect(await lib.emptyTrash()).toBe(0);
    expect(events.slice(2)).toEqual([
      { ids: [bin.id], reason: 'trashed' },
      { ids: [bin.id], reason: 'restored' },
      { ids: [bin.id], reason: 'trashed' },
      { ids: [bin.id], reason: 'deleted' },
    ]);
  });

  it('refuses to restore over a file that took the name meanwhile, and changes nothing', async () => {
    const lib = await open();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    await lib.trash([item.id]);
    writeFileSync(path.join(root, item.relPath), 'someone else');
    await expect(lib.restore([item.id])).rejects.toMatchObject({ code: 'library.name-taken', message: expect.stringContaining(item.fileName) });
    expect((await lib.get(item.id))!.trashedAt).not.toBeNull();
    expect(readFileSync(path.join(root, item.relPath), 'utf8')).toBe('someone else');
    expect(readFileSync(path.join(root, '.trash', item.relPath)).equals(jpeg)).toBe(true);
  });

  it('refuses unknown ids before changing anything', async () => {
    const lib = await open();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    await expect(lib.trash([item.id, 'ffffffffffffffff'])).rejects.toMatchObject({ code: 'album.item-not-found' });
    expect((await lib.get(item.id))!.trashedAt).toBeNull();
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const lib = await open();
    const events: ChangeEvent[] = [];
    const off = lib.onChange((event) => events.push(event));
    off();
    await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    expect(events).toEqual([]);
  });
});

describe('mediaPath', () => {
  it('makes a 400 px JPEG thumbnail once and serves it from the cache', async () => {
    const lib = await open();
    const item = await lib.addShot({ kind: 'photo', data: bigJpeg, ext: 'jpg', ...meta(), width: 1600, height: 1000 });
    const [a, b] = await Promise.all([lib.mediaPath(item.id, 'thumb'), lib.mediaPath(item.id, 'thumb')]);
    expect(a).toBe(b);
    const info = await sharp(a).metadata();
    expect([info.format, info.width, info.height]).toEqual(['jpeg', 400, 250]);
    const made = statSync(a).mtimeMs;
    await lib.mediaPath(item.id, 'thumb');
    expect(statSync(a).mtimeMs).toBe(made);
    expect(readdirSync(path.join(dataDir, 'thumbs'))).toEqual([`${item.id}.jpg`]);
  });

  it('a shot that brings its thumbnail has exactly those bytes as the cache when the add returns (no temp left)', async () => {
    const lib = await open();
    // Not what the album would make from the file (another size and quality), so a decode of the photo would show.
    const thumbnail = await sharp(bigJpeg).resize(300, 300, { fit: 'inside' }).jpeg({ quality: 60 }).toBuffer();
    const item = await lib.addShot({ kind: 'photo', data: bigJpeg, ext: 'jpg', ...meta(), width: 1600, height: 1000, thumbnail });
    const thumbs = path.join(dataDir, 'thumbs');
    expect(readdirSync(thumbs)).toEqual([`${item.id}.jpg`]);
    const served = await lib.mediaPath(item.id, 'thumb');
    expect(readFileSync(served).equals(thumbnail)).toBe(true);
    // Without it the album's first request makes one from the filed photo, as for any item.
    rmSync(served);
    expect(readFileSync(await lib.mediaPath(item.id, 'thumb')).equals(await thumbnailJpeg(bigJpeg))).toBe(true);
    const plain = await lib.addShot({ kind: 'photo', data: bigJpeg, ext: 'jpg', ...meta(), width: 1600, height: 1000 });
    expect(readdirSync(thumbs).filter((name) => name.startsWith(plain.id))).toEqual([]);
  });

  it('refuses a thumbnail that is not a JPEG, filing nothing', async () => {
    const lib = await open();
    for (const thumbnail of [Buffer.from('not a jpeg'), Buffer.alloc(0), 'yes' as unknown as Buffer]) {
      await expect(lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), thumbnail })).rejects.toMatchObject({ code: 'library.invalid-input', message: expect.stringContaining('addShot thumbnail') });
    }
    expect((await lib.list()).items).toEqual([]);
  });

  it('never returns a path outside the root: tampered rows and symlinks are refused', async () => {
    let lib = await open();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    const other = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    expect(await lib.mediaPath(item.id, 'original')).toBe(path.join(root, item.relPath));

    const secret = path.join(work, 'secret.jpg');
    writeFileSync(secret, jpeg);
    const db = reopenDb();
    db.prepare('UPDATE items SET rel_path = ? WHERE id = ?').run('../../secret.jpg', item.id);
    db.close();
    // The other shot's file is replaced by a symlink to a file outside the library.
    rmSync(path.join(root, other.relPath));
    symlinkSync(secret, path.join(root, other.relPath));
    lib = await open();
    await expect(lib.mediaPath(item.id, 'original')).rejects.toMatchObject({ code: 'library.outside' });
    await expect(lib.mediaPath(other.id, 'original')).rejects.toMatchObject({ code: 'library.outside', message: expect.stringContaining(secret) });
    await expect(lib.mediaPath(other.id, 'thumb')).rejects.toMatchObject({ code: 'library.outside' });
    await expect(lib.mediaPath('0000000000000000', 'original')).rejects.toMatchObject({ code: 'album.item-not-found' });
  });

  it('says FILE_MISSING when a file was deleted outside Darkslide', async () => {
    const lib = await open();
    const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    rmSync(path.join(root, item.relPath));
    await expect(lib.mediaPath(item.id, 'thumb')).rejects.toMatchObject({ code: 'library.file-missing', message: expect.stringContaining(item.fileName) });
  });
});

describe('recovery on open', () => {
  it('finishes committed adds, undoes uncommitted ones, moves misplaced files, finishes deletions and sweeps temps', async () => {
    let lib = await open();
    const committed = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    const uncommitted = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(), original: jpeg });
    const misplaced = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    const deleting = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta() });
    const folder = path.dirname(path.join(root, committed.relPath));

    // Recreate, by hand, the states a kill leaves behind.
    const db = reopenDb();
    // Killed after the final link, before 'done': both names of the file still exist.
    db.prepare("UPDATE items SET state = 'pending', bytes = 0, temp_rel_path = ? WHERE id = ?").run(`${path.posix.dirname(committed.relPath)}/.ds-tmp-${committed.id}.jpg`, committed.id);
    writeFileSync(path.join(folder, `.ds-tmp-${committed.id}.jpg`), jpeg);
    // Killed while exiftool rewrote the temp file: no final name yet.
    db.prepare("UPDATE items SET state = 'pending', temp_rel_path = ? WHERE id = ?").run(`${path.posix.dirname(uncommitted.relPath)}/.ds-tmp-${uncommitted.id}.jpg`, uncommitted.id);
    rmSync(path.join(root, uncommitted.relPath));
    writeFileSync(path.join(folder, `.ds-tmp-${uncommitted.id}.jpg`), jpeg.subarray(0, 100));
    writeFileSync(path.join(folder, `.ds-tmp-${uncommitted.id}.jpg_exiftool_tmp`), 'half');
    // Killed in trash() between the flag and the move.
    db.prepare('UPDATE items SET trashed_at = ? WHERE id = ?').run(new Date().toISOString(), misplaced.id);
    // Killed in emptyTrash() after the flag.
    db.prepare("UPDATE items SET state = 'deleting' WHERE id = ?").run(deleting.id);
    db.close();
    writeFileSync(path.join(folder, '.ds-tmp-stray.jpg'), 'left by a crashed add');
    writeFileSync(path.join(dataDir, 'thumbs', '.ds-tmp-x.jpg.123.abc.jpg'), 'left by a crashed thumbnail');

    lib = await open();
    expect(lib.recovery).toEqual({ completed: 1, rolledBack: 1, deleted: 1, moved: 1, strayTempFiles: 2, adopted: 0 });
    expect(readdirSync(path.join(dataDir, 'thumbs'))).toEqual([]);
    expect(await lib.get(committed.id)).toEqual(committed);
    expect(await lib.get(uncommitted.id)).toBeNull();
    expect(await lib.get(deleting.id)).toBeNull();
    expect((await lib.get(misplaced.id))!.trashedAt).not.toBeNull();
    expect(walk(root).sort()).toEqual([committed.relPath, `.trash/${misplaced.relPath}`].sort());
  });

  it('adds back library-named files that have no row, as recovered items; leaves other files alone', async () => {
    let lib = await open();
    lib.close();
    mkdirSync(path.join(root, '2025', '2025-12-31'), { recursive: true });
    writeFileSync(path.join(root, '2025', '2025-12-31', 'DS_20251231_235959_1.jpg'), bigJpeg);
    writeFileSync(path.join(root, '2025', '2025-12-31', 'DS_20251231_235958_1.jpg'), 'not a jpeg at all');
    writeFileSync(path.join(root, '2025', '2025-12-31', 'holiday.jpg'), jpeg);
    lib = await open();
    expect(lib.recovery.adopted).toBe(1);
    const [item] = (await lib.list()).items;
    expect(item).toMatchObject({ fileName: 'DS_20251231_235959_1.jpg', width: 1600, height: 1000, recovered: true, bytes: bigJpeg.length });
    expect(new Date(item!.takenAt).getTime()).toBe(new Date(2025, 11, 31, 23, 59, 59).getTime());
    expect((await lib.list()).items).toHaveLength(1);
  });
});

describe('time zones', () => {
  it('files a shot by its local date and keeps the local offset in takenAt (half-hour zone, across midnight UTC)', async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/St_Johns';
    try {
      const lib = await open();
      // 01:15 UTC on 2 June is 22:45 on 1 June in Newfoundland (NDT, -02:30).
      const item = await lib.addShot({ kind: 'photo', data: jpeg, ext: 'jpg', ...meta(new Date(Date.UTC(2026, 5, 2, 1, 15, 0))) });
      expect(item.takenAt).toBe('2026-06-01T22:45:00.000-02:30');
      expect(item.relPath).toBe('2026/2026-06-01/DS_20260601_224500_1.jpg');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('defaultPaths', () => {
  it('follows each OS convention and honours DARKSLIDE_LIBRARY / DARKSLIDE_DATA', () => {
    expect(defaultPaths('linux', {}, '/home/ada')).toEqual({ root: '/home/ada/Pictures/Darkslide', dataDir: '/home/ada/.local/share/darkslide' });
    expect(defaultPaths('linux', { XDG_DATA_HOME: '/xdg/data', XDG_PICTURES_DIR: '$HOME/Bilder' }, '/home/ada')).toEqual({
      root: '/home/ada/Bilder/Darkslide',
      dataDir: '/xdg/data/darkslide',
    });
    expect(defaultPaths('darwin', {}, '/Users/ada')).toEqual({ root: '/Users/ada/Pictures/Darkslide', dataDir: '/Users/ada/Library/Application Support/Darkslide' });
    expect(defaultPaths('win32', { USERPROFILE: 'C:\\Users\\ada', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'C:\\Users\\ada')).toEqual({
      root: 'C:\\Users\\ada\\Pictures\\Darkslide',
      dataDir: 'C:\\Users\\ada\\AppData\\Local\\Darkslide',
    });
    expect(defaultPaths('linux', { DARKSLIDE_LIBRARY: '/mnt/photos', DARKSLIDE_DATA: '/mnt/data' }, '/home/ada')).toEqual({ root: '/mnt/photos', dataDir: '/mnt/data' });
  });
});
