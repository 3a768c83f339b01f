// The library served by a worker thread (remote.ts) behaves as openLibrary does in this thread: the same files,
// rows, errors (DarkslideError with its code), change events before the call resolves, beforeCommit run by the
// caller, close() waiting for adds under way. The worker is real: the catalog and the files are on disk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DarkslideError } from '../shared/errors/index.ts';
import { openLibrary, openLibraryInWorker, type ChangeEvent, type Library } from './index.ts';

let work: string;
let root: string;
let dataDir: string;
let jpeg: Buffer;
const opened: Library[] = [];

const meta = (takenAt = new Date(2026, 5, 1, 9, 30, 15)) => ({ width: 320, height: 240, takenAt, lookId: 'cam-1', lookName: 'Portra Dream', recipe: { grain: 0.3 } });

async function open(): Promise<Library> {
  const library = await openLibraryInWorker({ root, dataDir });
  opened.push(library);
  return library;
}

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#aa5522' } }).jpeg().toBuffer();
});

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ds-remote-'));
  root = path.join(work, 'library');
  dataDir = path.join(work, 'data');
});

afterAll(async () => {
  await Promise.all(opened.map((library) => library.close()));
  rmSync(work, { recursive: true, force: true });
});

describe('the library in a worker thread', () => {
  it('files a shot on disk and in the catalog, where an in-thread opener finds it', async () => {
    const library = await open();
    expect(library.root).toBe(path.resolve(root));
    expect(library.recovery).toMatchObject({ completed: 0, rolledBack: 0 });
    const item = await library.addShot({ ...meta(), kind: 'photo', data: jpeg, ext: 'jpg' });
    expect(readFileSync(path.join(root, item.relPath))).toEqual(jpeg);
    await library.close();
    const inThread = await openLibrary({ root, dataDir });
    expect(await inThread.get(item.id)).toEqual(item);
    await inThread.close();
  });

  it('runs beforeCommit in the caller, on the temp file, before the file gets its name', async () => {
    const library = await open();
    const seen: { thread: number; temp: string }[] = [];
    const item = await library.addShot({
      ...meta(),
      kind: 'photo',
      data: jpeg,
      ext: 'jpg',
      beforeCommit: async (temp) => {
        seen.push({ thread: threadId, temp });
        writeFileSync(temp, Buffer.concat([jpeg, Buffer.from('written by the caller')]));
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.thread).toBe(threadId);
    expect(existsSync(seen[0]!.temp)).toBe(false);
    expect(readFileSync(path.join(root, item.relPath)).toString('latin1')).toMatch(/written by the caller$/);
    expect(item.bytes).toBe(jpeg.length + 'written by the caller'.length);
  });

  it('saves nothing when beforeCommit fails, and says so as the library does', async () => {
    const library = await open();
    const error = await library
      .addShot({ ...meta(), kind: 'photo', data: jpeg, ext: 'jpg', beforeCommit: () => Promise.reject(new Error('exiftool said no')) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DarkslideError);
    expect(error).toMatchObject({ code: 'library.prepare-failed', message: expect.stringContaining('exiftool said no') });
    expect((await library.list()).items).toEqual([]);
  });

  it('gives the same errors: codes, fields and messages of DarkslideError', async () => {
    const library = await open();
    const remote = await library.addShot({ ...meta(), kind: 'photo', data: Buffer.alloc(0), ext: 'jpg' }).catch((caught: unknown) => caught);
    const inThread = await openLibrary({ root: path.join(work, 'other'), dataDir: path.join(work, 'other-data') });
    const local = await inThread.addShot({ ...meta(), kind: 'photo', data: Buffer.alloc(0), ext: 'jpg' }).catch((caught: unknown) => caught);
    await inThread.close();
    expect(remote).toBeInstanceOf(DarkslideError);
    expect(remote).toMatchObject({ code: 'library.invalid-input', field: (local as DarkslideError).field, message: (local as DarkslideError).message });
    // A Uint8Array is not a Buffer: refused in the worker as in this thread.
    const bytes = new Uint8Array(jpeg);
    await expect(library.addShot({ ...meta(), kind: 'photo', data: bytes as Buffer, ext: 'jpg' })).rejects.toMatchObject({ code: 'library.invalid-input' });
    await expect(library.trash(['no-such-id'])).rejects.toBeInstanceOf(DarkslideError);
  });

  it('moves files to the trash and back, announcing each change before the call resolves', async () => {
    const library = await open();
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await library.addShot({ ...meta(new Date(2026, 5, 1, 9, 30, i)), kind: 'photo', data: jpeg, ext: 'jpg' }));
    const heard: ChangeEvent[] = [];
    const stop = library.onChange((event) => heard.push(event));
    const ids = items.map((item) => item.id);
    const trashed = await library.trash(ids);
    expect(heard).toEqual([{ ids: trashed, reason: 'trashed' }]);
    for (const item of items) {
      expect(existsSync(path.join(root, item.relPath))).toBe(false);
      expect(existsSync(path.join(root, '.trash', item.relPath))).toBe(true);
    }
    expect((await library.album.layout({ trashed: true })).total).toBe(3);
    await library.restore(ids);
    expect(heard.at(-1)).toEqual({ ids, reason: 'restored' });
    for (const item of items) expect(readFileSync(path.join(root, item.relPath))).toEqual(jpeg);
    stop();
    await library.trash([ids[0]!]);
    expect(heard).toHaveLength(2);
  });

  it('close() lets an add under way finish, then refuses calls with library.closed', async () => {
    const library = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const adding = library.addShot({ ...meta(), kind: 'photo', data: jpeg, ext: 'jpg', beforeCommit: async () => { holding(); await gate; } });
    await held;
    const closing = library.close();
    await expect(library.list()).rejects.toMatchObject({ code: 'library.closed' });
    release();
    const item = await adding;
    await closing;
    expect(existsSync(path.join(root, item.relPath))).toBe(true);
    const again = await openLibrary({ root, dataDir });
    expect((await again.get(item.id))?.id).toBe(item.id);
    await again.close();
  });

  it('files a large photo and its original (moved to the worker in shared memory, in slices) byte for byte, before a close sent right after', async () => {
    const library = await open();
    const noisy = (seed: number) =>
      sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: seed, g: 120, b: 90 }, noise: { type: 'gaussian', mean: 110, sigma: 40 } } }).jpeg({ quality: 98, chromaSubsampling: '4:4:4' }).toBuffer();
    const [big, original] = await Promise.all([noisy(30), noisy(200)]);
    expect(big.length).toBeGreaterThan(4 << 20); // more than one slice
    const adding = library.addShot({ ...meta(), kind: 'photo', data: big, original, ext: 'jpg' });
    // The close leaves after the add, though the add's buffers are still being copied: the worker finishes the add.
    const closing = library.close();
    const item = await adding;
    await closing;
    expect(readFileSync(path.join(root, item.relPath)).equals(big)).toBe(true);
    const inThread = await openLibrary({ root, dataDir });
    expect(readFileSync(await inThread.mediaPath(item.id, 'undeveloped')).equals(original)).toBe(true);
    await inThread.close();
  });

  it('reports a library it cannot open as openLibrary does', async () => {
    writeFileSync(path.join(work, 'a-file'), '');
    await expect(openLibraryInWorker({ root: path.join(work, 'a-file', 'below'), dataDir })).rejects.toMatchObject({ code: 'library.folder-not-writable' });
    await expect(openLibraryInWorker({ root, dataDir: '' })).rejects.toMatchObject({ code: 'library.invalid-input' });
  });

  it('a process that closes the library and has nothing else to do finishes the close and exits; an idle one exits too', () => {
    const script = `
      import { openLibraryInWorker } from ${JSON.stringify(path.join(import.meta.dirname, 'index.ts'))};
      const library = await openLibraryInWorker({ root: ${JSON.stringify(root)}, dataDir: ${JSON.stringify(dataDir)} });
      library.onChange(() => {});
      await library.album.layout({});
      if (process.argv.includes('close')) { await library.close(); console.log('closed'); }
      else console.log('idle');
    `;
    const file = path.join(work, 'closer.mjs');
    writeFileSync(file, script);
    const run = (how: string) => spawnSync(process.execPath, [file, how], { encoding: 'utf8', timeout: 60_000 });
    const closed = run('close');
    expect({ status: closed.status, out: closed.stdout.trim(), err: closed.stderr }).toEqual({ status: 0, out: 'closed', err: '' });
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
    const idle = run('idle');
    expect({ status: idle.status, out: idle.stdout.trim() }).toEqual({ status: 0, out: 'idle' });
  });
});
