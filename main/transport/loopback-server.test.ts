import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { methodNames } from '../shared/contract/api.ts';
import { createClient } from '../shared/contract/client.ts';
import { DarkslideError } from '../shared/contract/errors.ts';
import { createDispatcher, type Handlers } from '../shared/contract/server.ts';
import { createWebSocketTransport } from '../shared/contract/transports/websocket-client.ts';
import { tempDir } from '../../tests/support/temp.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

const dir = tempDir('loopback');
const staticDir = path.join(dir.path, 'static');
const mediaDir = path.join(dir.path, 'media');
let server: LoopbackServer;
const dispatcher = createDispatcher({
  ...(Object.fromEntries(methodNames.map((name) => [name, () => Promise.reject(new DarkslideError('api.not-here', { what: name }))])) as unknown as Handlers),
  'library.trash': ({ ids }) => ({ count: ids.length }),
});

beforeAll(async () => {
  mkdirSync(staticDir);
  mkdirSync(mediaDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir.path, 'secret.txt'), 'secret');
  writeFileSync(path.join(mediaDir, 'shot.jpg'), Buffer.alloc(1000, 7));
  server = await startLoopbackServer({
    dispatcher,
    staticDir,
    media: async (id) => {
      if (id !== 'shot') throw new Error('no such item');
      return path.join(mediaDir, 'shot.jpg');
    },
  });
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

describe('loopback transport', () => {
  test('the client hears when the connection closes under it (Darkslide stopped), even if it asks afterwards', async () => {
    const own = await startLoopbackServer({ dispatcher, media: () => Promise.reject(new Error('none')) });
    const client = createClient(createWebSocketTransport({ origin: own.origin, token: own.token }));
    expect(await client.library.trash({ ids: ['a'] })).toEqual({ count: 1 });
    let heard = 0;
    const closed = new Promise<void>((resolve) =>
      client.onClose(() => {
        heard++;
        resolve();
      }),
    );
    await own.close();
    await closed;
    await expect(client.library.trash({ ids: ['a'] })).rejects.toMatchObject({ code: 'api.transport-closed' });
    let late = 0;
    client.onClose(() => late++);
    expect([heard, late]).toEqual([1, 1]);
  });

  test('listens on 127.0.0.1 only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('calls and events round-trip through the derived client', async () => {
    const client = createClient(createWebSocketTransport({ origin: server.origin, token: server.token }));
    expect(await client.library.trash({ ids: ['a', 'b'] })).toEqual({ count: 2 });
    await expect(client.library.trash({ ids: [] })).rejects.toMatchObject({ code: 'api.invalid-input', field: 'ids' });
    const frames: number[] = [];
    const got = new Promise<void>((resolve) =>
      client.on('viewfinder.frame', (frame) => {
        frames.push(frame.jpeg.byteLength);
        resolve();
      }),
    );
    dispatcher.emit('viewfinder.frame', { seq: 1, width: 2, height: 2, at: 0, jpeg: new Uint8Array(4321) });
    await got;
    expect(frames).toEqual([4321]);
  });

  test('a WebSocket without the session token, or from another origin, is refused', async () => {
    const refused = (url: string, origin?: string) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(url, origin ? { origin } : {});
        socket.on('open', () => {
          socket.close();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
    const ws = server.origin.replace('http', 'ws');
    expect(await refused(`${ws}/api`)).toBe(true);
    expect(await refused(`${ws}/api?token=wrong`)).toBe(true);
    expect(await refused(`${ws}/api?token=${server.token}`, 'http://evil.example')).toBe(true);
    expect(await refused(`${ws}/api?token=${server.token}`, server.origin)).toBe(false);
  });

  test('media needs the token, serves by id with ranges, and nothing else', async () => {
    expect((await fetch(`${server.origin}/media/shot/original`)).status).toBe(403);
    const ok = await fetch(`${server.origin}/media/shot/original?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const partial = await fetch(`${server.origin}/media/shot/original?token=${server.token}`, { headers: { range: 'bytes=10-19' } });
    expect(partial.status).toBe(206);
    expect((await partial.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(`${server.origin}/media/..%2Fsecret.txt/original?token=${server.token}`)).status).toBe(404);
  });

  test('static files carry the CSP and cannot escape their folder', async () => {
    const page = await fetch(`${server.origin}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.origin}/..%2Fsecret.txt?token=${server.token}`)).status).not.toBe(200);
    expect((await fetch(`${server.origin}/%2e%2e/secret.txt?token=${server.token}`)).status).not.toBe(200);
  });

  test("the page's own files need the token too: in the address, then from the cookie it sets", async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(403);
    expect((await fetch(`${server.origin}/index.html?token=wrong`)).status).toBe(403);
    const opened = await fetch(`${server.origin}/?token=${server.token}`);
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    expect((await fetch(`${server.origin}/index.html`, { headers: { cookie: pair } })).status).toBe(200);
    expect((await fetch(`${server.origin}/index.html`, { headers: { cookie: pair.replace(/=.*/, '=forged') } })).status).toBe(403);
  });
});
