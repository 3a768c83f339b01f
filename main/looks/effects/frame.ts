/**
 * Physical frames around the developed picture. Sizes are proportional to the picture so the frame looks
 * the same at any output size.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { FrameMarkT } from '../../shared/looks/preview.ts';

export type FrameKind = 'none' | 'instant-square' | 'instant-wide' | '35mm' | 'half-frame';

/** The picture aspect a frame imposes (landscape form; portrait inputs get the transpose). */
export function frameAspect(frame: FrameKind): string | null {
  switch (frame) {
    case 'instant-square': return '1:1';
    case 'instant-wide': return '99:62';
    case '35mm': return '3:2';
    // One half: 18 x 24 mm, tall, two to a 36 x 24 mm frame.
    case 'half-frame': return '3:4';
    default: return null;
  }
}

/** What the frame prints over its canvas, as data (the viewfinder draws these; stills get `overlay`). */
export type FrameMark = FrameMarkT;

/**
 * A half-frame print holds two pictures side by side: `canvasW` wide, the second picture at `secondLeft` (same
 * top and size as the first). The layout's own canvas is the single half, for a half never paired.
 */
export type Pair = { canvasW: number; secondLeft: number };

export type Layout = { canvasW: number; canvasH: number; left: number; top: number; background: string; overlay: string | null; marks: FrameMark[]; pair?: Pair };

/** Where the picture sits on its frame's canvas, the frame colour and its printed overlay (SVG). */
export function layout(frame: FrameKind, w: number, h: number, edgeText: string): Layout {
  if (frame === 'instant-square') {
    const side = Math.round(w * 0.06);
    return { canvasW: w + 2 * side, canvasH: h + side + Math.round(w * 0.24), left: side, top: side, background: '#f2efe6', overlay: null, marks: [] };
  }
  if (frame === 'instant-wide') {
    const side = Math.round(w * 0.045);
    const top = Math.round(w * 0.065);
    return { canvasW: w + 2 * side, canvasH: h + top + Math.round(w * 0.175), left: side, top, background: '#f2efe6', overlay: null, marks: [] };
  }
  if (frame === 'half-frame') {
    // w x h is one tall half. The pair is scanned as the strip shows it: the two halves with the dark film
    // between them and around them. A single half keeps the same border.
    const border = Math.round(h * 0.04);
    const gap = Math.max(2, Math.round(w * 0.06));
    const pair = { canvasW: 2 * w + gap + 2 * border, secondLeft: border + w + gap };
    return { canvasW: w + 2 * border, canvasH: h + 2 * border, left: border, top: border, background: '#0b0a09', overlay: null, marks: [], pair };
  }
  // 35mm strip: a 36x24 mm picture on 35 mm film, perforations above and below, edge print in the rebate.
  const landscape = w >= h;
  const long = landscape ? w : h;
  const mm = long / 36;
  const filmAcross = Math.round(35 * mm);
  const along = Math.round(long + 4 * mm);
  const cw = landscape ? along : filmAcross;
  const ch = landscape ? filmAcross : along;
  const holes: string[] = [];
  const marks: FrameMark[] = [];
  const holeAlong = 1.98 * mm;
  const holeAcross = 2.79 * mm;
  const pitch = 4.75 * mm;
  for (let i = 0; pitch * i < along; i++) {
    const a = pitch * i + 0.6 * mm;
    for (const c of [1.3 * mm, filmAcross - 1.3 * mm - holeAcross]) {
      const [x, y, hw, hh] = landscape ? [a, c, holeAlong, holeAcross] : [c, a, holeAcross, holeAlong];
      holes.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${hw.toFixed(1)}" height="${hh.toFixed(1)}" rx="${(0.5 * mm).toFixed(1)}" fill="#ece6d8"/>`);
      marks.push({ kind: 'rect', x, y, width: hw, height: hh, rx: 0.5 * mm, fill: '#ece6d8' });
    }
  }
  const fontSize = (1.0 * mm).toFixed(1);
  const text = landscape
    ? `<text x="${(6 * mm).toFixed(1)}" y="${(filmAcross - 0.25 * mm).toFixed(1)}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="#e89a3c">${edgeText}</text>`
    : `<text transform="translate(${(filmAcross - 0.25 * mm).toFixed(1)} ${(6 * mm).toFixed(1)}) rotate(90)" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${fontSize}" fill="#e89a3c">${edgeText}</text>`;
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}">${holes.join('')}${text}</svg>`;
  marks.push(
    landscape
      ? { kind: 'text', x: 6 * mm, y: filmAcross - 0.25 * mm, size: 1.0 * mm, fill: '#e89a3c', text: edgeText, rotate: false }
      : { kind: 'text', x: filmAcross - 0.25 * mm, y: 6 * mm, size: 1.0 * mm, fill: '#e89a3c', text: edgeText, rotate: true },
  );
  return { canvasW: cw, canvasH: ch, left: Math.round((cw - w) / 2), top: Math.round((ch - h) / 2), background: '#14110e', overlay, marks };
}

/**
 * Puts the picture (raw RGB) into its frame; returns raw RGB of the framed result. `second` (same size) is the
 * right half of a half-frame pair.
 */
export async function applyFrame(frame: FrameKind, pixels: Uint8Array, w: number, h: number, edgeText: string, second?: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  if (frame === 'none') return { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width: w, height: h };
  const l = layout(frame, w, h, edgeText);
  const raw = (p: Uint8Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  const layers: OverlayOptions[] = [{ input: raw(pixels), raw: { width: w, height: h, channels: 3 }, left: l.left, top: l.top }];
  const paired = second && l.pair ? l.pair : null;
  if (paired) layers.push({ input: raw(second!), raw: { width: w, height: h, channels: 3 }, left: paired.secondLeft, top: l.top });
  if (l.overlay) layers.push({ input: Buffer.from(l.overlay), left: 0, top: 0 });
  const { data, info } = await sharp({ create: { width: paired ? paired.canvasW : l.canvasW, height: l.canvasH, channels: 3, background: l.background } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
