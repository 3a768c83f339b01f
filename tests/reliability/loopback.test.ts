// A hostile local client against the browser host's loopback server (real services behind it): malformed
// HTTP, malformed upgrades, every WebSocket framing error, bad messages, oversized and deeply nested ones,
// 1,000 rapid calls and 200 sockets. After every case the server must still answer a fresh page load and a
// fresh API call; each case is its own test, so the count of cases is the count of tests here.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, createWebSocketTransport, type Client } from '../../main/shared/contract/index.ts';
import { encodeMessage } from '../../main/shared/contract/framing.ts';
import { tempDir } from '../support/temp.ts';
import { startHostProcess, type HostProcess } from './support/host-process.ts';
import { closePayload, frame, rawExchange, type Outcome } from './support/raw-ws.ts';

const work = tempDir('rel-loopback');
let host: HostProcess;
let port: number;

beforeAll(async () => {
  writeFileSync(path.join(work.path, 'index.html'), '<!doctype html><title>t</title>');
  // Its own process, as dev:web runs it: a client that could crash it shows as a dead process.
  host = await startHostProcess(path.join(work.path, 'library'), work.path);
  port = host.port;
});
afterAll(async () => {
  await host?.stop();
  work.remove();
});

function connect(): Client {
  return createClient(createWebSocketTransport({ origin: host.origin, token: host.token }));
}

/** The server is up: it serves the page and answers a call on a new socket. */
async function expectAlive(): Promise<void> {
  expect(host.running(), `the host process died: ${host.stderr().slice(-500)}`).toBe(true);
  expect((await fetch(`${host.origin}/?token=${host.token}`)).status).toBe(200);
  const client = connect();
  expect((await client.looks.list({})).length).toBeGreaterThan(3);
}

const api = () => `/api?token=${encodeURIComponent(host.token)}`;
const upgrade = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe('malformed HTTP is answered with a 4xx, never a crash', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a request line that is not HTTP', () => 'HELLO THERE\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a header without a colon', () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nno colon here\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['100 KB of headers', () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ['an absolute request-target with a bad port', () => `GET http://x:99999/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['a broken %-escape in a media id (was a 500)', () => `GET /media/%E0%A4%A/original?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 400/],
    ['a broken %-escape in a page path', () => `GET /%E0%A4%A?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 40[04]/],
    ['a NUL in a page path', () => `GET /index%00.html?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 40[04]/],
    ['a NUL in a media id', () => `GET /media/a%00b/thumb?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 404/],
    ['a POST', () => `POST /?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 3\r\n\r\nabc`, /^HTTP\/1\.1 405/],
    ['a broken chunked body', () => `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n`, /^HTTP\/1\.1 4\d\d/],
    ['another host name (DNS rebinding)', () => `GET /?token=${host.token} HTTP/1.1\r\nHost: evil.example:${port}\r\n\r\n`, /^HTTP\/1\.1 421/],
    ['no Host header', () => `GET /?token=${host.token} HTTP/1.0\r\n\r\n`, /^HTTP\/1\.1 421/],
    ['the page without the token (was served)', () => `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 403/],
    ['the page with a forged cookie', () => `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: darkslide-${port}=forged\r\n\r\n`, /^HTTP\/1\.1 403/],
    ['media without the token', () => `GET /media/x/thumb HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 403/],
  ];
  test.each(cases)('%s', async (_name, request, status) => {
    const outcome = await rawExchange({ port, request: request(), untilResponse: true });
    expect(outcome.status).toMatch(status);
    await expectAlive();
  });
});

describe('malformed upgrades are refused and the server stays up', () => {
  const cases: [string, () => string, RegExp][] = [
    // Defect 1: this exact request (curl --request-target) made `new URL` throw inside the upgrade handler.
    ['a request-target with a port out of range', () => upgrade('http://x:99999/api'), /^HTTP\/1\.1 400/],
    ['a request-target that is only a star', () => upgrade('*'), /^HTTP\/1\.1 400/],
    ['no token', () => upgrade('/api'), /^HTTP\/1\.1 403/],
    ['a wrong token', () => upgrade('/api?token=wrong'), /^HTTP\/1\.1 403/],
    ['another path', () => upgrade(api().replace('/api', '/other')), /^HTTP\/1\.1 403/],
    ['a page on another origin', () => upgrade(api(), 'Origin: http://evil.example\r\n'), /^HTTP\/1\.1 403/],
    ['another host name', () => upgrade(api()).replace(`Host: 127.0.0.1:${port}`, 'Host: evil.example'), /^HTTP\/1\.1 421/],
    ['no Sec-WebSocket-Key', () => upgrade(api()).replace(/Sec-WebSocket-Key: [^\r]*\r\n/, ''), /^HTTP\/1\.1 400/],
    ['a key that is not 16 bytes', () => upgrade(api()).replace(/Sec-WebSocket-Key: [^\r]*/, 'Sec-WebSocket-Key: c2hvcnQ='), /^HTTP\/1\.1 400/],
    ['an unknown protocol version', () => upgrade(api()).replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 99'), /^HTTP\/1\.1 4\d\d/],
    ['an upgrade to something else', () => upgrade(api()).replace('Upgrade: websocket', 'Upgrade: h2c'), /^HTTP\/1\.1 400/],
    ['a POST upgrade', () => upgrade(api()).replace(/^GET/, 'POST'), /^HTTP\/1\.1 4\d\d/],
  ];
  test.each(cases)('%s', async (_name, request, status) => {
    const outcome = await rawExchange({ port, request: request() });
    expect(outcome.status).toMatch(status);
    expect(outcome.ended).toBe(true);
    await expectAlive();
  });
});

/** A well-framed message whose JSON header nests arrays `depth` deep (past any parser's stack). */
function deepJson(depth: number): Buffer {
  const header = Buffer.from(`{"t":"call","id":1,"method":"looks.list","input":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header]);
}

/** Every way a client frame can break RFC 6455 (and our message format), and the close code it earns. */
function framingCases(): [string, () => Buffer[], number[]][] {
  const bin = (payload: Buffer, extra: Partial<Parameters<typeof frame>[0]> = {}) => frame({ opcode: 0x2, payload, ...extra });
  const message = (value: unknown) => Buffer.from(encodeMessage(value));
  const cases: [string, () => Buffer[], number[]][] = [];
  for (const opcode of [3, 4, 5, 6, 7]) cases.push([`reserved data opcode ${opcode}`, () => [frame({ opcode, payload: Buffer.from('x') })], [1002]]);
  for (const opcode of [0xb, 0xc, 0xd, 0xe, 0xf]) cases.push([`reserved control opcode 0x${opcode.toString(16)}`, () => [frame({ opcode })], [1002]]);
  for (const rsv of [1, 2, 4]) cases.push([`RSV bits ${rsv} without an extension`, () => [bin(Buffer.from('x'), { rsv })], [1002]]);
  cases.push(
    ['an unmasked client frame', () => [bin(Buffer.from('x'), { mask: false })], [1002]],
    ['a ping longer than 125 bytes', () => [frame({ opcode: 0x9, payload: Buffer.alloc(126) })], [1002]],
    ['a fragmented ping', () => [frame({ opcode: 0x9, fin: false })], [1002]],
    ['a continuation with nothing to continue', () => [frame({ opcode: 0x0, payload: Buffer.from('x') })], [1002]],
    ['a new message inside a fragmented one', () => [bin(Buffer.from('a'), { fin: false }), bin(Buffer.from('b'))], [1002]],
    ['a close frame with a 1-byte body', () => [frame({ opcode: 0x8, payload: Buffer.from([3]) })], [1002]],
    ['a close code that may not be sent (1005)', () => [frame({ opcode: 0x8, payload: closePayload(1005) })], [1002]],
    ['a close code out of range (999)', () => [frame({ opcode: 0x8, payload: closePayload(999) })], [1002]],
    ['a close code out of range (5000)', () => [frame({ opcode: 0x8, payload: closePayload(5000) })], [1002]],
    ['a close reason that is not UTF-8', () => [frame({ opcode: 0x8, payload: closePayload(1000, Buffer.from([0xc3, 0x28])) })], [1007]],
    ['a text frame that is not UTF-8', () => [frame({ opcode: 0x1, payload: Buffer.from([0xff, 0xfe, 0xfd]) })], [1007]],
    ['a 64-bit length with its top bit set', () => [frame({ opcode: 0x2, declaredLength: 2n ** 63n + 5n })], [1009, 1002]],
    ['a declared length past the message limit (9 MB)', () => [frame({ opcode: 0x2, declaredLength: 9n * 1024n * 1024n })], [1009]],
    ['a message past the limit in fragments', () => [bin(Buffer.alloc(5 * 1024 * 1024), { fin: false }), frame({ opcode: 0x0, payload: Buffer.alloc(5 * 1024 * 1024) })], [1009]],
    ['a whole 9 MB message', () => [bin(Buffer.alloc(9 * 1024 * 1024))], [1009]],
    ['a valid text frame (only binary is spoken)', () => [frame({ opcode: 0x1, payload: Buffer.from('{"t":"call"}') })], [1003]],
    ['a 2-byte binary message', () => [bin(Buffer.from([0, 1]))], [1007]],
    ['a header length past the end', () => [bin(Buffer.from([0, 0, 0, 200, 123]))], [1007]],
    ['a header that is not JSON', () => [bin(Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{{{')]))], [1007]],
    ['JSON that is not a call', () => [bin(message({ t: 'event', event: 'x' }))], [1007]],
    ['a call without an id', () => [bin(message({ t: 'call', method: 'looks.list', input: {} }))], [1007]],
    ['a binary part that is missing', () => [bin(Buffer.concat([Buffer.from([0, 0, 0, 50]), Buffer.from(JSON.stringify({ t: 'call', id: 1, method: 'x', input: { $bin: 7 } }).padEnd(50))]))], [1007]],
    ['a binary part length past the end', () => [bin(Buffer.concat([message({ t: 'call', id: 1, method: 'x', input: {} }), Buffer.from([0xff, 0xff, 0xff, 0xff])]))], [1007]],
    ['JSON nested 200,000 deep', () => [bin(deepJson(200_000))], [1007]],
  );
  return cases;
}

describe('WebSocket framing errors close that socket, and only that socket', () => {
  test.each(framingCases())('%s', async (_name, frames, codes) => {
    const bystander = connect();
    expect((await bystander.looks.list({})).length).toBeGreaterThan(3);
    const outcome: Outcome = await rawExchange({ port, path: api(), frames: frames(), waitMs: 10_000 });
    expect(outcome.status).toMatch(/^HTTP\/1\.1 101/);
    expect(outcome.ended).toBe(true);
    expect(codes).toContain(outcome.closeCode);
    // Another page's socket is untouched.
    expect((await bystander.looks.list({})).length).toBeGreaterThan(3);
    await expectAlive();
  });

  test('a broken extension offer is ignored: no extension is ever negotiated', async () => {
    const outcome = await rawExchange({ port, request: upgrade(api(), 'Sec-WebSocket-Extensions: permessage-deflate; =;;\r\n'), waitMs: 300 });
    expect(outcome.status).toMatch(/^HTTP\/1\.1 101/);
    expect(outcome.data.toString('latin1').toLowerCase()).not.toContain('sec-websocket-extensions');
    await expectAlive();
  });

  test('a connection cut mid-frame', async () => {
    const outcome = await rawExchange({ port, path: api(), frames: [frame({ opcode: 0x2, payload: Buffer.alloc(1000) }).subarray(0, 300)], waitMs: 300 });
    expect(outcome.status).toMatch(/^HTTP\/1\.1 101/);
    await expectAlive();
  });

  test('a ping is answered with a pong carrying its data', async () => {
    const outcome = await rawExchange({ port, path: api(), frames: [frame({ opcode: 0x9, payload: Buffer.from('hi') })], waitMs: 500 });
    const body = outcome.data.subarray(outcome.data.indexOf('\r\n\r\n') + 4);
    expect([...body.subarray(0, 4)]).toEqual([0x8a, 2, 0x68, 0x69]);
  });
});

describe('bad calls get answers, and volume does not tip it over', () => {
  test.each([100, 5000])('a well-formed input nested %i deep is answered with an error, or its socket closed', async (depth) => {
    const header = Buffer.from(`{"t":"call","id":7,"method":"library.trash","input":{"ids":${'['.repeat(depth)}"x"${']'.repeat(depth)}}}`);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    const outcome = await rawExchange({ port, path: api(), frames: [frame({ opcode: 0x2, payload: Buffer.concat([length, header]) })], waitMs: 1500 });
    const body = outcome.data.subarray(outcome.data.indexOf('\r\n\r\n') + 4);
    // Either a reply frame (opcode 2) saying the input is invalid, or a close for a message it would not read.
    if ((body[0]! & 0x0f) === 0x2) expect(body.toString('latin1')).toContain('api.invalid-input');
    else expect(outcome.closeCode).toBe(1007);
    await expectAlive();
  });

  test('an unknown method and an input of the wrong shape are answered as errors', async () => {
    const client = connect() as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    await expect(client.library!.list!({ limit: 'all', extra: true })).rejects.toMatchObject({ code: 'api.invalid-input' });
    const transport = createWebSocketTransport({ origin: host.origin, token: host.token });
    await expect(transport.call('no.such' as never, {})).rejects.toMatchObject({ code: 'api.unknown-method' });
  });

  test('1,000 calls fired at once on one socket are all answered, each to its own id', async () => {
    const client = connect();
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => (i % 2 ? client.library.list({ limit: 1 + (i % 50) }) : client.looks.list({}))));
    expect(results).toHaveLength(1000);
    results.forEach((result, i) => (i % 2 ? expect(result).toHaveProperty('items') : expect(Array.isArray(result)).toBe(true)));
  });

  test('200 sockets at once each get their answer, and closing them all leaves the server serving', async () => {
    const clients = Array.from({ length: 200 }, () => createWebSocketTransport({ origin: host.origin, token: host.token }));
    const answers = await Promise.all(clients.map((transport) => transport.call('library.list', { limit: 1 })));
    expect(answers).toHaveLength(200);
    // A burst of sockets that connect and vanish without a close handshake.
    const vanished = await Promise.all(Array.from({ length: 50 }, () => rawExchange({ port, path: api(), frames: [randomBytes(3)], waitMs: 50 })));
    expect(vanished.every((outcome) => outcome.status?.startsWith('HTTP/1.1 101'))).toBe(true);
    await expectAlive();
  });
});
