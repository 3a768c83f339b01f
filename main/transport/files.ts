// Serving the renderer's files and library media the same way from both hosts
// (the loopback server and Electron's app:// and darkslide-media://): a
// content type from the extension (under nosniff a module script with any
// other type is refused), single byte ranges so <video> can seek, and
// resolution that never leaves the folder being served.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range of RFC 9110 (`a-b`, `a-`, `-n`), clamped to the file. A header that is absent, malformed or
 * asks for several ranges gives null: the whole file is sent, which the RFC allows. 'unsatisfiable' means 416.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match || (!match[1] && !match[2])) return null;
  if (!match[1]) {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] && Number(match[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(match[2] ? Number(match[2]) : size - 1, size - 1) };
}

/**
 * The file a URL path names inside `root`, or null. The path is decoded once; `..`, encoded separators,
 * backslashes, drive letters and symlinks that lead outside `root` all end up outside it and are refused.
 */
export async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = path.resolve(realRoot, `.${path.sep}${decoded}`);
  if (!isInside(realRoot, candidate)) return null;
  const real = await realpath(candidate).catch(() => null);
  return real && isInside(realRoot, real) ? real : null;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * A fetch Response for a file: 200 with the whole file, 206 with the range asked for, 416 for a range past its
 * end, 404 when it is not a regular file. HEAD gets the headers only.
 */
export async function fileResponse(request: Request, file: string, headers: Record<string, string> = {}): Promise<Response> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return new Response('Not found', { status: 404 });
  const common = {
    ...headers,
    'content-type': contentType(file),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'accept-ranges': 'bytes',
  };
  const range = parseByteRange(request.headers.get('range'), info.size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${info.size}` } });
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const length = info.size === 0 ? 0 : end - start + 1;
  const responseHeaders = { ...common, 'content-length': String(length), ...(range ? { 'content-range': `bytes ${start}-${end}/${info.size}` } : {}) };
  const body = request.method === 'HEAD' || length === 0 ? null : (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers: responseHeaders });
}
