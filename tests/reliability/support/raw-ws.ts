// A WebSocket client that can say anything: a raw TCP socket that does the opening handshake itself, then
// writes hand-made frames (bad opcodes, unmasked, oversized, broken UTF-8 ...), for the loopback server's
// hostile-client tests. Frames follow RFC 6455 section 5.2 so each case breaks exactly one rule.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export type Frame = {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload?: Buffer;
  /** Client frames must be masked; false sends one unmasked. */
  mask?: boolean;
  /** Declare this length instead of the payload's (e.g. a 64-bit length with its top bit set). */
  declaredLength?: bigint;
};

export function frame(spec: Frame): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const length = spec.declaredLength ?? BigInt(payload.length);
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f)];
  const masked = spec.mask ?? true;
  let extended = Buffer.alloc(0);
  if (length < 126n) head.push((masked ? 0x80 : 0) | Number(length));
  else if (length < 65536n) {
    head.push((masked ? 0x80 : 0) | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(Number(length));
  } else {
    head.push((masked ? 0x80 : 0) | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(length);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), extended, key, body]);
}

export function closePayload(code: number, reason: Buffer | string = ''): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(code);
  return Buffer.concat([out, Buffer.from(reason)]);
}

/** What the server did with a connection: the status line it answered, the close code it sent, whether it hung up. */
export type Outcome = { status: string | null; closeCode: number | null; ended: boolean; data: Buffer };

/**
 * Connects, optionally sends a raw request (default: a valid upgrade to `path`), then `frames`, and waits until
 * the server ends the connection or `waitMs` passes.
 */
export async function rawExchange(options: {
  port: number;
  request?: string | Buffer;
  path?: string;
  frames?: Buffer[];
  waitMs?: number;
  headers?: Record<string, string>;
  /** Plain HTTP: done as soon as the response head is in (keep-alive would hold the socket open). */
  untilResponse?: boolean;
}): Promise<Outcome> {
  const socket = net.connect(options.port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: Buffer[] = [];
  let ended = false;
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      ended = true;
      resolve();
    });
  });
  const headers = {
    host: `127.0.0.1:${options.port}`,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': randomBytes(16).toString('base64'),
    ...options.headers,
  };
  const request =
    options.request ??
    `GET ${options.path ?? '/api'} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n')}\r\n\r\n`;
  socket.write(request);
  if (options.frames?.length) {
    // Frames only after the server switched protocols: wait for the end of its response head.
    await waitFor(() => Buffer.concat(chunks).includes('\r\n\r\n') || ended, 5000);
    for (const piece of options.frames) if (!socket.destroyed) socket.write(piece);
  }
  const headIn = options.untilResponse ? waitFor(() => Buffer.concat(chunks).includes('\r\n\r\n'), options.waitMs ?? 3000) : new Promise<never>(() => undefined);
  await Promise.race([done, headIn, new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 3000))]);
  socket.destroy();
  const data = Buffer.concat(chunks);
  const headEnd = data.indexOf('\r\n\r\n');
  const status = data.length ? data.subarray(0, data.indexOf('\r\n') >= 0 ? data.indexOf('\r\n') : data.length).toString('latin1') : null;
  return { status, closeCode: headEnd >= 0 ? serverCloseCode(data.subarray(headEnd + 4)) : null, ended, data };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The code of the first close frame among the server's (unmasked) frames, if any. */
function serverCloseCode(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(offset) : 1005;
    at = offset + length;
  }
  return null;
}
