// Wire format for stream transports (WebSocket): JSON for structure, with
// binary parts (JPEG frames, LUTs) sent raw instead of as base64 or number
// arrays. One binary message: [u32 header length][header JSON][u32 len][bytes]...
type Json = unknown;

function extract(value: unknown, parts: Uint8Array[]): Json {
  if (value instanceof Uint8Array) {
    parts.push(value);
    return { $bin: parts.length - 1 };
  }
  if (Array.isArray(value)) return value.map((entry) => extract(entry, parts));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = extract(entry, parts);
    return out;
  }
  return value;
}

function restore(value: Json, parts: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((entry) => restore(entry, parts));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$bin === 'number' && Object.keys(record).length === 1) {
      const part = parts[record.$bin];
      if (!part) throw new Error('Malformed message: missing binary part.');
      return part;
    }
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(record)) out[key] = restore(entry, parts);
    return out;
  }
  return value;
}

export function encodeMessage(message: unknown): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const header = new TextEncoder().encode(JSON.stringify(extract(message, parts)));
  let size = 4 + header.length;
  for (const part of parts) size += 4 + part.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.length);
  out.set(header, 4);
  let offset = 4 + header.length;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

export function decodeMessage(data: Uint8Array): unknown {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 4) throw new Error('Malformed message: too short.');
  const headerLength = view.getUint32(0);
  if (4 + headerLength > data.byteLength) throw new Error('Malformed message: header overruns the message.');
  const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + headerLength))) as Json;
  const parts: Uint8Array[] = [];
  let offset = 4 + headerLength;
  while (offset < data.byteLength) {
    if (offset + 4 > data.byteLength) throw new Error('Malformed message: truncated part length.');
    const length = view.getUint32(offset);
    if (offset + 4 + length > data.byteLength) throw new Error('Malformed message: truncated part.');
    parts.push(data.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return restore(header, parts);
}

/** Messages on the stream. */
export type WireRequest = { t: 'call'; id: number; method: string; input: unknown };
export type WireReply = { t: 'reply'; id: number; ok: true; value: unknown } | { t: 'reply'; id: number; ok: false; error: { code: string; message: string; field?: string } };
export type WireEvent = { t: 'event'; event: string; payload: unknown };
