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
    case '35mm':
    case 'half-frame': return '3:2';
    default: return null;
  }
}

/** What the frame prints over its canvas, as data (the viewfinder draws these; stills get `overlay`). */
export type FrameMark = FrameMarkT;

export type Layout = { canvasW: number; canvasH: number; left: number; top: number; background: string; overlay: string | null; marks: FrameMark[] };

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
    // Two consecutive half frames as a scanner shows them: a dark gap between the 3:4 halves.
    const border = Math.round(Math.min(w, h) * 0.04);
    const gap = Math.max(2, Math.round(w * 0.03));
    const cw = w + 2 * border + gap;
    const ch = h + 2 * border;
    const half = Math.floor(w / 2);
    const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><rect x="${border + half}" y="0" width="${gap}" height="${ch}" fill="#0b0a09"/></svg>`;
    const marks: FrameMark[] = [{ kind: 'rect', x: border + half, y: 0, width: gap, height: ch, rx: 0, fill: '#0b0a09' }];
    return { canvasW: cw, canvasH: ch, left: border, top: border, background: '#0b0a09', overlay, marks };
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

/** Puts the picture (raw RGB) into its frame; returns raw RGB of the framed result. */
export async function applyFrame(frame: FrameKind, pixels: Uint8Array, w: number, h: number, edgeText: string): Promise<{ data: Buffer; width: number; height: number }> {
  if (frame === 'none') return { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width: w, height: h };
  const l = layout(frame, w, h, edgeText);
  const layers: OverlayOptions[] = [{ input: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), raw: { width: w, height: h, channels: 3 }, left: l.left, top: l.top }];
  if (l.overlay) layers.push({ input: Buffer.from(l.overlay), left: 0, top: 0 });
  const { data, info } = await sharp({ create: { width: l.canvasW, height: l.canvasH, channels: 3, background: l.background } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
