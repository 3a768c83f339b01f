// The files domain: handles to what the person chose, and chunked uploads of what the page holds. Real files
// on disk, a real child process for a dead pid; the host's picker is the one thing a test supplies, as the
// browser host's process would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import { openFileRegistry, type PickRequest } from './files.ts';

const dirs: { remove(): void }[] = [];
function scratch(name: string) {
  const dir = tempDir(name);
  dirs.push(dir);
  return dir.path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

async function upload(registry: ReturnType<typeof openFileRegistry>, name: string, data: Buffer, chunk = 1000) {
  const { uploadId } = await registry.uploadBegin({ name, bytes: data.length });
  for (let offset = 0; offset < data.length; offset += chunk) await registry.uploadChunk({ uploadId, offset, data: data.subarray(offset, offset + chunk) });
  return registry.uploadEnd({ uploadId });
}

describe('uploads', () => {
  test('a file sent in chunks arrives whole, under its own name, in a temp file that release deletes', async () => {
    const dataDir = scratch('files-data');
    const registry = openFileRegistry({ dataDir });
    const data = Buffer.from(Array.from({ length: 10_500 }, (_, i) => (i * 7) % 256));
    const handle = await upload(registry, 'C:\\Users\\ana\\trip photo.JPG', data);
    expect(handle).toMatchObject({ name: 'trip photo.JPG', bytes: 10_500, kind: 'file' });
    const chosen = registry.resolve(handle.id, { kind: 'file' });
    expect(chosen.name).toBe('trip photo.JPG');
    // The extension is kept (decoders and the LUT readers go by it); the rest of the temp name is ours.
    expect(chosen.path.endsWith('.jpg')).toBe(true);
    expect(chosen.path.startsWith(path.join(dataDir, 'uploads', String(process.pid)))).toBe(true);
    expect(readFileSync(chosen.path).equals(data)).toBe(true);
    // Uploaded copies are read-only choices: nothing may be saved over them.
    expect(() => registry.resolve(handle.id, { access: 'write' })).toThrow(expect.objectContaining({ code: 'file.read-only-choice' }));
    await registry.release([handle.id]);
    expect(existsSync(chosen.path)).toBe(false);
    expect(() => registry.resolve(handle.id)).toThrow(expect.objectContaining({ code: 'file.handle-unknown' }));
    await registry.close();
  });

  test('a chunk out of order, too many bytes, or too few at the end is refused and the partial copy goes', async () => {
    const dataDir = scratch('files-data');
    const registry = openFileRegistry({ dataDir });
    const uploads = path.join(dataDir, 'uploads', String(process.pid));

    const a = await registry.uploadBegin({ name: 'a.png', bytes: 10 });
    await expect(registry.uploadChunk({ uploadId: a.uploadId, offset: 4, data: Buffer.alloc(4) })).rejects.toMatchObject({
      code: 'file.upload-out-of-order',
      message: expect.stringContaining('"a.png"'),
    });
    await expect(registry.uploadChunk({ uploadId: a.uploadId, offset: 0, data: Buffer.alloc(11) })).rejects.toMatchObject({ code: 'file.upload-size' });
    await registry.uploadChunk({ uploadId: a.uploadId, offset: 0, data: Buffer.alloc(6) });
    await expect(registry.uploadEnd({ uploadId: a.uploadId })).rejects.toMatchObject({ code: 'file.upload-size', message: expect.stringContaining('has 6 bytes, but the file has 10') });
    expect(readdirSync(uploads)).toEqual([]);

    const b = await registry.uploadBegin({ name: 'b.cube', bytes: 10 });
    await registry.uploadChunk({ uploadId: b.uploadId, offset: 0, data: Buffer.alloc(5) });
    await registry.uploadAbort({ uploadId: b.uploadId });
    expect(readdirSync(uploads)).toEqual([]);
    await expect(registry.uploadChunk({ uploadId: b.uploadId, offset: 5, data: Buffer.alloc(5) })).rejects.toMatchObject({ code: 'file.upload-unknown' });
    await registry.close();
  });

  test('closing deletes every copy and upload in flight; the next start deletes what a dead process left', async () => {
    const dataDir = scratch('files-data');
    const registry = openFileRegistry({ dataDir });
    await upload(registry, 'kept.jpg', Buffer.alloc(100, 1));
    const open = await registry.uploadBegin({ name: 'half.jpg', bytes: 100 });
    await registry.uploadChunk({ uploadId: open.uploadId, offset: 0, data: Buffer.alloc(50) });
    await registry.close();
    expect(existsSync(path.join(dataDir, 'uploads', String(process.pid)))).toBe(false);

    // A process that died mid-upload (its pid is gone), and one that is alive (this test's parent shell).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    mkdirSync(path.join(dataDir, 'uploads', dead), { recursive: true });
    writeFileSync(path.join(dataDir, 'uploads', dead, 'x.jpg'), 'partial');
    mkdirSync(path.join(dataDir, 'uploads', String(process.ppid)), { recursive: true });
    writeFileSync(path.join(dataDir, 'uploads', String(process.ppid), 'y.jpg'), 'in use');
    const next = openFileRegistry({ dataDir });
    expect(readdirSync(path.join(dataDir, 'uploads')).sort()).toEqual([String(process.ppid)]);
    await next.close();
  });

  test('more uploads open at once than a batch needs are refused with the count', async () => {
    const registry = openFileRegistry({ dataDir: scratch('files-data') });
    for (let i = 0; i < 16; i++) await registry.uploadBegin({ name: `${i}.jpg`, bytes: 1 });
    await expect(registry.uploadBegin({ name: 'one-more.jpg', bytes: 1 })).rejects.toMatchObject({ code: 'file.upload-too-many', params: { count: 16 } });
    await registry.close();
  });
});

describe("the host's picker", () => {
  test('gives handles with name, size and kind; folders and save targets may be written, opened files not', async () => {
    const where = scratch('files-picked');
    writeFileSync(path.join(where, 'one.jpg'), Buffer.alloc(1234));
    writeFileSync(path.join(where, 'two.jpg'), Buffer.alloc(10));
    const asked: PickRequest[] = [];
    let answer: string[] = [];
    const registry = openFileRegistry({
      dataDir: scratch('files-data'),
      pickFiles: async (request) => {
        asked.push(request);
        return answer;
      },
    });
    expect(registry.hasPicker()).toBe(true);

    answer = [path.join(where, 'one.jpg'), path.join(where, 'two.jpg')];
    const files = await registry.pick({ purpose: 'develop', multiple: true, folders: false, filters: [{ name: 'Photos', extensions: ['jpg'] }] });
    expect(files.map(({ name, bytes, kind }) => ({ name, bytes, kind }))).toEqual([
      { name: 'one.jpg', bytes: 1234, kind: 'file' },
      { name: 'two.jpg', bytes: 10, kind: 'file' },
    ]);
    expect(asked[0]).toMatchObject({ purpose: 'develop', multiple: true, filters: [{ name: 'Photos', extensions: ['jpg'] }] });
    expect(registry.resolve(files[0]!.id, { kind: 'file' }).path).toBe(path.join(where, 'one.jpg'));
    expect(() => registry.resolve(files[0]!.id, { kind: 'folder' })).toThrow(expect.objectContaining({ code: 'file.handle-wrong-kind', message: expect.stringContaining('"one.jpg" is a file, and this needs a folder') }));
    expect(() => registry.resolve(files[0]!.id, { access: 'write' })).toThrow(expect.objectContaining({ code: 'file.read-only-choice' }));

    // A single pick keeps one even if a host hands back more.
    expect(await registry.pick({ purpose: 'develop', multiple: false, folders: false, filters: [] })).toHaveLength(1);

    answer = [where];
    const [folder] = await registry.pick({ purpose: 'export', multiple: false, folders: true, filters: [] });
    expect(folder).toMatchObject({ kind: 'folder', bytes: 0 });
    expect(registry.resolve(folder!.id, { kind: 'folder', access: 'write' }).path).toBe(where);

    answer = [path.join(where, 'privacy.zip')];
    const [target] = await registry.pick({ purpose: 'save', multiple: false, folders: false, filters: [], save: { defaultName: 'privacy.zip' } });
    expect(target).toMatchObject({ name: 'privacy.zip', kind: 'file', bytes: 0 });
    expect(registry.resolve(target!.id, { access: 'write' }).path).toBe(path.join(where, 'privacy.zip'));

    answer = [];
    expect(await registry.pick({ purpose: 'develop', multiple: true, folders: false, filters: [] })).toEqual([]);

    answer = [path.join(where, 'gone.jpg')];
    await expect(registry.pick({ purpose: 'develop', multiple: true, folders: false, filters: [] })).rejects.toMatchObject({ code: 'file.not-found', params: { file: 'gone.jpg' } });
    await registry.close();
  });

  test('without one, picking says so and the page falls back to its own file input', async () => {
    const registry = openFileRegistry({ dataDir: scratch('files-data') });
    expect(registry.hasPicker()).toBe(false);
    await expect(registry.pick({ purpose: 'develop', multiple: true, folders: false, filters: [] })).rejects.toMatchObject({ code: 'file.no-picker' });
    await registry.close();
  });
});
