// The loopback transport: the same dispatcher Electron's IPC uses, reachable
// from a browser on 127.0.0.1 only. It serves the built renderer, library
// media and a WebSocket for the contract. A random token per run guards every
// route, and the WebSocket also checks Origin, so other local pages cannot
// drive the camera.
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

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(error instanceof Error ? error.message : 'error');
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      if (!sameToken(url.searchParams.get('token'), token)) {
        response.writeHead(403, { 'content-type': 'text/plain' }).end('Missing or wrong session token.');
        return;
      }
      const [, , rawId, variant] = url.pathname.split('/');
      if (!rawId || !isMediaVariant(variant)) {
        response.writeHead(404).end();
        return;
      }
      let file: string;
      try {
        file = await options.media(decodeURIComponent(rawId), variant);
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('No such item.');
        return;
      }
      await sendFile(request, response, file);
      return;
    }
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
    maxPayload: 8 * 1024 * 1024,
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    // Browsers always send Origin, so a page on another origin is refused; a client with no Origin is a
    // local program, which gets nothing without the token either.
    const allowed =
      url.pathname === '/api' && sameToken(url.searchParams.get('token'), token) && (request.headers.origin === origin || request.headers.origin === undefined);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return void ws.close(1003, 'binary frames only');
        void answer(ws, data as Buffer);
      });
    });
  });

  async function answer(ws: WebSocket, data: Buffer) {
    let request: WireRequest;
    try {
      request = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as WireRequest;
      if (request?.t !== 'call' || typeof request.id !== 'number') throw new Error('not a call');
    } catch {
      ws.close(1007, 'malformed message');
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
