// A developed photo carries its source's EXIF, XMP and IPTC. exiftool does that by rewriting the whole new
// file in Perl: about 0.45 s of CPU for a 12 MP JPEG, more than the look itself (bench:develop). A JPEG's
// metadata are segments at its start, so for a JPEG source the same result is a splice: the source's EXIF,
// XMP, Photoshop/IPTC blocks and comments as they are (exiftool's copy also rewrites some: it took IPTC
// keywords from XMP and added time zones), with the two changes a develop needs (orientation 1, since the pixels are already
// upright; no embedded thumbnail, which shows the undeveloped picture), put after the new file's header.
// What this cannot carry faithfully (not a JPEG, extended XMP, a block it cannot read) gives null, and the
// caller copies with exiftool as before.
import { open } from 'node:fs/promises';

/** A source JPEG's metadata segments' payloads (EXIF with its "Exif\0\0" header, XMP without its own). */
export type SourceBlocks = { exif?: Buffer; xmp?: Buffer; iptc?: Buffer; comments?: Buffer[] };

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const PHOTOSHOP_HEADER = Buffer.from('Photoshop 3.0\0', 'latin1');
/** A segment's length field counts itself: 65535 - 2 bytes of payload at most. */
const MAX_PAYLOAD = 65533;
const ORIENTATION = 0x0112;
const THUMBNAIL_OFFSET = 0x0201;
const THUMBNAIL_LENGTH = 0x0202;
/** Photoshop's image resources that are thumbnails of the picture (old and new kind): left behind. */
const PHOTOSHOP_THUMBNAILS = new Set([0x0409, 0x040c]);

/**
 * `jpeg` (a file the encoder made, without metadata) with the source's blocks after its JFIF header, or null
 * when they must go through exiftool instead.
 */
export function carryJpegMetadata(jpeg: Buffer, source: SourceBlocks): Buffer | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  const segments: Buffer[] = [];
  if (source.exif?.length) {
    const exif = uprightExif(source.exif);
    if (!exif) return null;
    segments.push(segment(0xe1, exif));
  }
  if (source.xmp?.length) segments.push(segment(0xe1, Buffer.concat([XMP_HEADER, uprightXmp(source.xmp)])));
  if (source.iptc?.length) {
    const iptc = withoutThumbnails(source.iptc);
    if (iptc === undefined) return null;
    if (iptc) segments.push(segment(0xed, iptc));
  }
  for (const comment of source.comments ?? []) segments.push(segment(0xfe, comment));
  if (segments.some((s) => s.length - 4 > MAX_PAYLOAD)) return null;
  if (segments.length === 0) return jpeg;
  // After the JFIF APP0 when there is one (JFIF wants it first), else right after the start of image.
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), ...segments, jpeg.subarray(at)]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(Math.min(payload.length + 2, 0xffff), 2);
  return Buffer.concat([head, payload]);
}

/**
 * The EXIF block (with its "Exif\0\0" header, as libvips gives it) with Orientation set to 1 wherever IFD0
 * has it, and the thumbnail gone: IFD0 no longer links to IFD1, and IFD1's entries and the thumbnail's bytes
 * are zeroed, so no copy of the undeveloped picture is left in the file. Null when the block cannot be read.
 */
export function uprightExif(block: Buffer): Buffer | null {
  const headed = block.subarray(0, 6).equals(EXIF_HEADER);
  const out = Buffer.from(headed ? block : Buffer.concat([EXIF_HEADER, block]));
  const tiff = out.subarray(6);
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const put16 = (at: number, v: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const put32 = (at: number, v: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  if (u16(2) !== 42) return null;
  const ifd0 = u32(4);
  const entries = (ifd: number) => (ifd + 2 <= tiff.length ? u16(ifd) : -1);
  const count0 = entries(ifd0);
  if (count0 < 0 || ifd0 + 2 + count0 * 12 + 4 > tiff.length) return null;
  for (let i = 0; i < count0; i++) {
    const entry = ifd0 + 2 + i * 12;
    // SHORT, one value: it sits in the entry itself.
    if (u16(entry) === ORIENTATION && u16(entry + 2) === 3 && u32(entry + 4) === 1) put16(entry + 8, 1);
  }
  const nextAt = ifd0 + 2 + count0 * 12;
  const ifd1 = u32(nextAt);
  put32(nextAt, 0);
  const count1 = ifd1 > 0 ? entries(ifd1) : -1;
  if (count1 >= 0 && ifd1 + 2 + count1 * 12 + 4 <= tiff.length) {
    let thumbAt = -1;
    let thumbLength = 0;
    for (let i = 0; i < count1; i++) {
      const entry = ifd1 + 2 + i * 12;
      if (u16(entry) === THUMBNAIL_OFFSET) thumbAt = u32(entry + 8);
      if (u16(entry) === THUMBNAIL_LENGTH) thumbLength = u32(entry + 8);
    }
    if (thumbAt >= 0 && thumbAt + thumbLength <= tiff.length) tiff.fill(0, thumbAt, thumbAt + thumbLength);
    tiff.fill(0, ifd1, ifd1 + 2 + count1 * 12 + 4);
  }
  return out;
}

/** XMP's own copy of the orientation, if it keeps one, says upright too (exiftool updates it as well). */
function uprightXmp(packet: Buffer): Buffer {
  const text = packet.toString('utf8');
  const upright = text.replace(/(tiff:Orientation\s*=\s*["'])\d+(["'])/g, '$11$2').replace(/(<tiff:Orientation>)\s*\d+\s*(<\/tiff:Orientation>)/g, '$11$2');
  return upright === text ? packet : Buffer.from(upright, 'utf8');
}

/**
 * Photoshop's image resources (APP13: the IPTC record, its digest and others) without the thumbnails; null
 * when nothing is left, undefined when the block cannot be read.
 */
function withoutThumbnails(block: Buffer): Buffer | null | undefined {
  if (!block.subarray(0, PHOTOSHOP_HEADER.length).equals(PHOTOSHOP_HEADER)) return undefined;
  const kept: Buffer[] = [PHOTOSHOP_HEADER];
  let at = PHOTOSHOP_HEADER.length;
  while (at + 12 <= block.length && block.toString('latin1', at, at + 4) === '8BIM') {
    const start = at;
    const id = block.readUInt16BE(at + 4);
    const nameLength = block[at + 6]!;
    at += 6 + ((nameLength + 2) & ~1);
    if (at + 4 > block.length) return undefined;
    const size = block.readUInt32BE(at);
    at += 4 + ((size + 1) & ~1);
    if (at > block.length + 1) return undefined;
    if (!PHOTOSHOP_THUMBNAILS.has(id)) kept.push(block.subarray(start, Math.min(at, block.length)));
  }
  return kept.length > 1 ? Buffer.concat(kept) : null;
}

/** How far into a file its metadata segments are looked for: EXIF and XMP fit in 64 KB each. */
const HEAD_BYTES = 512 * 1024;

/**
 * The metadata segments of a JPEG file, up to its first scan; null when it is not a JPEG or holds what a
 * splice would not carry faithfully (extended XMP over several segments, segments past the first 512 KB).
 */
export async function readJpegMetadata(file: string): Promise<SourceBlocks | null> {
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null;
  const blocks: SourceBlocks = {};
  let at = 2;
  for (;;) {
    if (at + 4 > head.length) return null;
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Start of scan (or an end without one): every metadata segment comes before it.
    if (marker === 0xda || marker === 0xd9) return blocks;
    const length = head.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > head.length) return null;
    const payload = head.subarray(at + 4, end);
    if (marker === 0xe1 && payload.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)) {
      if (blocks.exif) return null;
      blocks.exif = Buffer.from(payload);
    } else if (marker === 0xe1 && payload.subarray(0, XMP_HEADER.length).equals(XMP_HEADER)) {
      if (blocks.xmp) return null;
      blocks.xmp = Buffer.from(payload.subarray(XMP_HEADER.length));
    } else if (marker === 0xe1 && payload.toString('latin1', 0, 35) === 'http://ns.adobe.com/xmp/extension/\0') {
      return null;
    } else if (marker === 0xed && payload.subarray(0, PHOTOSHOP_HEADER.length).equals(PHOTOSHOP_HEADER)) {
      if (blocks.iptc) return null;
      blocks.iptc = Buffer.from(payload);
    } else if (marker === 0xfe) {
      (blocks.comments ??= []).push(Buffer.from(payload));
    }
    at = end;
  }
}
