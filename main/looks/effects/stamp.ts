import type { StampShapeT } from '../../shared/looks/preview.ts';
/**
 * The orange date imprint of a 90s date back: seven-segment glyphs drawn as SVG paths (no font needed, so
 * every machine renders the same), always left to right in the final image: never mirrored, whatever the
 * preview showed.
 */
export type StampStyle = 'segment' | 'dot-matrix';

export function formatStampText(format: string, date: Date): string {
  const yyyy = String(date.getFullYear());
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return format.replace(/YYYY|YY|MM|DD|M|D/g, (t) => {
    switch (t) {
      case 'YYYY': return yyyy;
      case 'YY': return yyyy.slice(-2);
      case 'MM': return String(m).padStart(2, '0');
      case 'DD': return String(d).padStart(2, '0');
      case 'M': return String(m);
      default: return String(d);
    }
  });
}

// Segments a..g of a unit glyph 0..0.6 wide, 0..1 tall (a top, b top-right, c bottom-right, d bottom,
// e bottom-left, f top-left, g middle).
const SEGMENTS: Record<string, [number, number, number, number]> = {
  a: [0.08, 0.04, 0.52, 0.04],
  b: [0.54, 0.08, 0.54, 0.46],
  c: [0.54, 0.54, 0.54, 0.92],
  d: [0.08, 0.96, 0.52, 0.96],
  e: [0.06, 0.54, 0.06, 0.92],
  f: [0.06, 0.08, 0.06, 0.46],
  g: [0.08, 0.5, 0.52, 0.5],
};
const DIGITS: Record<string, string> = {
  '0': 'abcdef', '1': 'bc', '2': 'abged', '3': 'abgcd', '4': 'fgbc', '5': 'afgcd', '6': 'afgedc', '7': 'abc', '8': 'abcdefg', '9': 'abcdfg', '-': 'g',
};

/** The imprint as geometry: stroked lines and dots, in a box `width` x `height` (glyphs `glyph` tall). */
export type StampShape = StampShapeT;
export type StampGlyphs = { shapes: StampShape[]; width: number; height: number; stroke: number };

export function stampGlyphs(text: string, style: StampStyle, glyph: number): StampGlyphs {
  const h = glyph;
  const advance = 0.78 * h;
  const stroke = 0.11 * h;
  const pad = Math.ceil(0.3 * h);
  const shapes: StampShape[] = [];
  let x = pad;
  for (const ch of text) {
    if (ch === ' ') { x += advance * 0.55; continue; }
    if (ch === "'" || ch === '.' || ch === ':') {
      const marks = ch === "'" ? [[0.1, 0.08, 0.1, 0.3]] : ch === '.' ? [[0.1, 0.93, 0.1, 0.96]] : [[0.1, 0.3, 0.1, 0.33], [0.1, 0.7, 0.1, 0.73]];
      for (const [x1, y1, x2, y2] of marks as [number, number, number, number][]) shapes.push({ line: [x + x1 * h, pad + y1 * h, x + x2 * h, pad + y2 * h] });
      x += advance * 0.4;
      continue;
    }
    const segs = DIGITS[ch];
    if (segs) {
      for (const s of segs) {
        const [x1, y1, x2, y2] = SEGMENTS[s]!;
        if (style === 'dot-matrix') {
          for (let t = 0; t <= 1.0001; t += 0.25) shapes.push({ dot: [x + (x1 + (x2 - x1) * t) * h, pad + (y1 + (y2 - y1) * t) * h, stroke * 0.55] });
        } else shapes.push({ line: [x + x1 * h, pad + y1 * h, x + x2 * h, pad + y2 * h] });
      }
    }
    x += advance;
  }
  return { shapes, width: Math.ceil(x + pad), height: Math.ceil(h + 2 * pad), stroke };
}

export function stampSvg(text: string, style: StampStyle, colour: string, height: number): { svg: Buffer; width: number; height: number } {
  const h = height;
  const { shapes: geometry, width, height: fullH, stroke } = stampGlyphs(text, style, h);
  const shapes = geometry.map((shape) => {
    if ('line' in shape) {
      const [x1, y1, x2, y2] = shape.line;
      return `<line x1="${x1.toFixed(2)}" y1="${y1.toFixed(2)}" x2="${x2.toFixed(2)}" y2="${y2.toFixed(2)}"/>`;
    }
    const [cx, cy, r] = shape.dot;
    return `<circle cx="${cx.toFixed(2)}" cy="${cy.toFixed(2)}" r="${r.toFixed(2)}" stroke="none" fill="${colour}"/>`;
  });
  // A soft glow under crisp segments: the LED exposes the film slightly beyond its shape.
  const glyphs = `<g stroke="${colour}" stroke-width="${stroke.toFixed(2)}" stroke-linecap="round" fill="none">${shapes.join('')}</g>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${fullH}" viewBox="0 0 ${width} ${fullH}">` +
    `<defs><filter id="glow" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${(0.12 * h).toFixed(2)}"/></filter></defs>` +
    `<g filter="url(#glow)" opacity="0.7">${glyphs}</g><g opacity="0.92">${glyphs}</g></svg>`;
  return { svg: Buffer.from(svg), width, height: fullH };
}
