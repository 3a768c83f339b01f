// The loopback transport: the same dispatcher Electron's IPC uses, reachable
// from a browser on 127.0.0.1 only. It serves the built renderer, library
// media and a WebSocket for the contract. A random token per run guards every
// route (the page's own files get it from a cookie set when the tokened address
// is opened), the Host header must name this server (no DNS rebinding), and the
// WebSocket also checks Origin, so other local pages cannot drive the camera.
// Whatever a local client sends (bad request lines, broken escapes, malformed
// upgrades, WebSocket protocol errors, huge or deeply nested messages), the
// server answers or closes that one connection and stays up.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type WireEvent, type WireReply, type WireRequest } from '../shared/contract/framing.ts';
import type { Dispatcher } from '../shared/contract/transport.ts';
import { MediaVariant, type MediaVariantT } from '../shared/contract/api.ts';

const isMediaVariant = (value: unknown): value is MediaVariantT => MediaVariant.safeParse(value).success;
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { contentType, parseByteRange, resolveInside } from './files.ts';

export type MediaResolver = (itemId: string, variant: MediaVariantT) => Promise<string>;

export type LoopbackServer = { origin: string; token: string; url: string; close(): Promise<void> };

// A client that cannot keep up gets fewer frames, not a growing queue.
const MAX_BUFFERED_BYTES_FOR_FRAMES = 2 * 1024 * 1024;
/**
 * The largest WebSocket message: an upload chunk (UPLOAD_CHUNK_BYTES, 4 MB) with its header fits. Files never
 * travel whole (the files domain streams them), so nothing needs more.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** How long a refused client has to answer our close frame before its socket is cut. */
const CLOSE_GRACE_MS = 1000;

/** A request the server will not serve: answered with its status, never thrown out of a handler. */
class Refused extends Error {
  readonly status: number;
  constructor(status: number, text: string) {
    super(text);
    this.status = status;
  }
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startLoopbackServer(options: {
  dispatcher: Dispatcher;
  media: MediaResolver;
  staticDir?: string;
  port?: number;
}): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  let cookieName = '';
  let allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      const status = error instanceof Refused ? error.status : 500;
      if (!response.headersSent) response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error instanceof Refused ? error.message : 'Internal error.');
    });
  });
  // A request line or header Node cannot parse: 400 and close, the server goes on.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
    else socket.destroy();
  });

  /** The request's URL, or a 400: a request-target like `http://x:99999/` makes `new URL` throw. */
  function parseUrl(request: IncomingMessage): URL {
    const target = request.url ?? '/';
    if (!target.startsWith('/')) throw new Refused(400, 'Bad request target.');
    try {
      return new URL(target, origin);
    } catch {
      throw new Refused(400, 'Bad request target.');
    }
  }

  /** Only this server's own address: a page on another name that resolves here (DNS rebinding) gets nothing. */
  function checkHost(request: IncomingMessage): void {
    if (!allowedHosts.has(request.headers.host ?? '')) throw new Refused(421, 'Wrong host.');
  }

  function cookieToken(request: IncomingMessage): string | null {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === cookieName) return value.join('=');
    }
    return null;
  }

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    checkHost(request);
    const url = parseUrl(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const tokenInUrl = sameToken(url.searchParams.get('token'), token);
    if (url.pathname.startsWith('/media/')) {
      if (!tokenInUrl) {
        response.writeHead(403, { 'content-type': 'text/plain' }).end('Missing or wrong session token.');
        return;
      }
      const [, , rawId, variant] = url.pathname.split('/');
      if (!rawId || !isMediaVariant(variant)) {
        response.writeHead(404).end();
        return;
      }
      let id: string;
      try {
        id = decodeURIComponent(rawId);
      } catch {
        throw new Refused(400, 'Bad escape in the address.');
      }
      let file: string;
      try {
        file = await options.media(id, variant);
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('No such item.');
        return;
      }
      await sendFile(request, response, file);
      return;
    }
    // The page's own files need the token too: the address Darkslide prints carries it, and opening it sets a
    // cookie (this server's port in its name) that the page's scripts and styles then come with.
    if (!tokenInUrl && !sameToken(cookieToken(request), token)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Open the address Darkslide printed when it started: it carries this session’s token.');
      return;
    }
    if (tokenInUrl) response.setHeader('set-cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (!options.staticDir) {
      response.writeHead(404).end();
      return;
    }
    // The renderer's own files: resolved inside staticDir or refused.
    const file = await resolveInside(options.staticDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    await sendFile(request, response, file);
  }

  async function sendFile(request: IncomingMessage, response: ServerResponse, file: string) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': contentType(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'accept-ranges': 'bytes',
    };
    // Ranges so <video> can seek.
    const range = parseByteRange(request.headers.range, info.size);
    if (range === 'unsatisfiable') {
      response.writeHead(416, { 'content-range': `bytes */${info.size}` }).end();
      return;
    }
    if (range) {
      const { start, end } = range;
      response.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${info.size}` });
      if (request.method === 'HEAD') return void response.end();
      createReadStream(file, { start, end }).pipe(response);
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': info.size });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  }

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  });
  wss.on('error', () => undefined);
  server.on('upgrade', (request, socket, head) => {
    // A socket error (a reset mid-handshake) must not become an uncaught exception.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      checkHost(request);
      url = parseUrl(request);
    } catch (error) {
      const status = error instanceof Refused ? error.status : 400;
      socket.end(`HTTP/1.1 ${status} ${status === 421 ? 'Misdirected Request' : 'Bad Request'}\r\nconnection: close\r\n\r\n`);
      return;
    }
    // Browsers always send Origin, so a page on another origin is refused; a client with no Origin is a
    // local program, which gets nothing without the token either.
    const allowed =
      url.pathname === '/api' && sameToken(url.searchParams.get('token'), token) && (request.headers.origin === origin || request.headers.origin === undefined);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    // ws answers a malformed handshake (bad key, version, extensions) with 400 itself.
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Protocol errors (bad opcode, unmasked or oversized frames, invalid UTF-8): ws closes the socket with
      // the right code after this event; without a listener the event would take the process down.
      ws.on('error', () => undefined);
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return void refuse(ws, 1003, 'binary frames only');
        void answer(ws, data as Buffer).catch(() => ws.terminate());
      });
    });
  });

  /** Closes with a reason; a client that never answers the close handshake is cut off soon after. */
  function refuse(ws: WebSocket, code: number, reason: string) {
    ws.close(code, reason);
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  async function answer(ws: WebSocket, data: Buffer) {
    let request: WireRequest;
    try {
      request = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as WireRequest;
      if (request?.t !== 'call' || typeof request.id !== 'number') throw new Error('not a call');
    } catch {
      refuse(ws, 1007, 'malformed message');
      return;
    }
    const result = await options.dispatcher.dispatch(request.method, request.input);
    const reply: WireReply = result.ok ? { t: 'reply', id: request.id, ok: true, value: result.value } : { t: 'reply', id: request.id, ok: false, error: result.error };
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage(reply));
  }

  const unsubscribe = options.dispatcher.onEvent((event, payload) => {
    if (sockets.size === 0) return;
    const message = encodeMessage({ t: 'event', event, payload } satisfies WireEvent);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event === 'viewfinder.frame' && ws.bufferedAmount > MAX_BUFFERED_BYTES_FOR_FRAMES) continue;
      ws.send(message);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The loopback server did not get a port.');
  origin = `http://127.0.0.1:${address.port}`;
  cookieName = `darkslide-${address.port}`;
  allowedHosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);

  return {
    origin,
    token,
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
