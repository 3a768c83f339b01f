// The files domain through the browser host, as the page uses it: the real loopback server, the WebSocket
// client the renderer runs, the real develop and LUT import. A photo well over one WebSocket message (the
// server's limit is 8 MB) goes in chunks and develops; the host's picker (here the test, as the host process
// that configures it) hands out handles the page can use but never forge.
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebHost, type WebHost } from '../../main/app/web-host.ts';
import { createClient, createWebSocketTransport, type Client } from '../../main/shared/contract/index.ts';
import { tempDir } from '../support/temp.ts';

describe('files through the browser host', () => {
  const work = tempDir('files-host');
  const library = path.join(work.path, 'library');
  const dataDir = path.join(library, '.darkslide');
  let host: WebHost;
  let client: Client;
  let picked: string[] = [];
  const bigPhoto = path.join(work.path, 'big photo.jpg');

  beforeAll(async () => {
    // Noise barely compresses: 2600x2000 at q100 4:4:4 is about 14 MB, twice the largest WebSocket message.
    await sharp(randomBytes(2600 * 2000 * 3), { raw: { width: 2600, height: 2000, channels: 3 } }).jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).toFile(bigPhoto);
    writeFileSync(path.join(work.path, 'twist.cube'), ['LUT_3D_SIZE 2', '0 0 0', '0.2 0.9 0.1', '0.1 0.2 0.9', '0.3 1 0.8', '0.9 0.1 0.2', '1 0.8 0.3', '0.8 0.3 1', '1 1 1', ''].join('\n'));
    host = await startWebHost({ libraryRoot: library, dataDir, staticDir: work.path, pickFiles: async () => picked });
    client = createClient(createWebSocketTransport({ origin: host.origin, token: host.token }));
  }, 120_000);

  afterAll(async () => {
    await host?.close();
    work.remove();
  });

  async function uploadFromDisk(file: string) {
    const data = (await import('node:fs')).readFileSync(file);
    const { uploadId, chunkBytes } = await client.files.uploadBegin({ name: path.basename(file), bytes: data.length });
    for (let offset = 0; offset < data.length; offset += chunkBytes) await client.files.uploadChunk({ uploadId, offset, data: new Uint8Array(data.subarray(offset, offset + chunkBytes)) });
    return client.files.uploadEnd({ uploadId });
  }

  test('a 14 MB photo goes up in chunks and develops into the album; its temp copy goes on release', async () => {
    const size = (await import('node:fs')).statSync(bigPhoto).size;
    expect(size).toBeGreaterThan(12 * 1024 * 1024);
    const handle = await uploadFromDisk(bigPhoto);
    expect(handle).toMatchObject({ name: 'big photo.jpg', bytes: size, kind: 'file' });
    const item = await client.develop.photo({ lookId: 'harbor-400', file: handle.id });
    expect(item).toMatchObject({ kind: 'photo', lookId: 'harbor-400', hasOriginal: true });
    expect([item.width, item.height]).toEqual([2600, 2000]);
    await client.files.release({ ids: [handle.id] });
    expect(readdirSync(path.join(dataDir, 'uploads', String(process.pid)))).toEqual([]);
    // The server is still there for the next call.
    expect((await client.library.list({})).items).toHaveLength(1);
  }, 120_000);

  test("the host's picker gives handles to files where they are; a LUT imports from one", async () => {
    expect(await client.files.picker({})).toEqual({ available: true });
    picked = [path.join(work.path, 'twist.cube')];
    const { handles } = await client.files.pick({ purpose: 'look', filters: [{ name: 'LUTs', extensions: ['cube'] }] });
    expect(handles).toEqual([expect.objectContaining({ name: 'twist.cube', kind: 'file' })]);
    const look = await client.looks.import({ file: handles[0]!.id, name: 'Twist' });
    expect(look).toMatchObject({ name: 'Twist', imported: true });
  });

  test('a handle the page made up, or a path in its place, opens nothing', async () => {
    await expect(client.develop.photo({ lookId: 'harbor-400', file: 'AAAAAAAAAAAAAAAAAAAAAA' })).rejects.toMatchObject({ code: 'file.handle-unknown' });
    await expect(client.develop.photo({ lookId: 'harbor-400', file: bigPhoto })).rejects.toMatchObject({ code: 'file.handle-unknown' });
    await expect(client.looks.import({ file: '/etc/passwd' })).rejects.toMatchObject({ code: 'file.handle-unknown' });
  });

  test('a broken LUT is refused with its own name and line, never our temp copy', async () => {
    const broken = path.join(work.path, 'broken.cube');
    writeFileSync(broken, ['LUT_3D_SIZE 2', '0 0 0', '1 0 0', '0 1', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1', ''].join('\n'));
    const handle = await uploadFromDisk(broken);
    const error = await client.looks.import({ file: handle.id }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('broken.cube:4');
    expect((error as Error).message).not.toContain(dataDir);
  });
});
