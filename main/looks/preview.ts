import { lookLut, getLook } from './registry.ts';
import { effectiveAspect, STAMP_GLYPH_SHARE, STAMP_MARGIN_SHARE } from './develop.ts';
import type { LookDefinition } from './schema.ts';
import { lutToUint16 } from './lut/lut.ts';
import { GRAIN_CODES_AT_FULL } from './effects/grain.ts';
import type { RadialGain } from './effects/vignette.ts';
import { frameAspect, layout, type FrameMark } from './effects/frame.ts';
import { formatStampText, stampGlyphs, type StampShape } from './effects/stamp.ts';

/**
 * What the WebGL2 preview shader needs, with the formulas the still pipeline uses:
 * - radial gain (vignette x flash), d = distance from centre / half-diagonal at pixel centres:
 *     (1 - vignette * min(d,1)^falloff) * (flash > 0 ? 1 + flash*0.5*exp(-(d/flashReach)^2) - flash*0.35*min(d,1)^2 : 1)
 * - grain: value noise on a lattice of `cellNorm` (fraction of the short side), `roughness` adds a half-size
 *   octave of weight 0.75*roughness; per channel c: c += grain_c * amountCodes * (0.25 + 3 c (1-c)), c in 0..1
 *   after the radial gain. Colour grain: three fields g_r,g_g,g_b mixed as 0.5*g_c + 0.6*mean(g).
 *   Average grain over each preview pixel's footprint (ceil(pixel/cell) samples per axis, max 8).
 * - halation: linear-light luma of the scene above `threshold` (rescaled 0..1), Gaussian sigma = radius * short
 *   side, times tint * amount * 255, screen-blended onto the graded picture before the radial gain and grain.
 * - bloom: the same per channel with its own threshold/radius and no tint.
 * - aspect: the centre crop the still will get (frames impose theirs), landscape form.
 * - print: the frame around a landscape picture of that aspect, `pictureWidth` wide: canvas size, where the
 *   picture sits, the frame colour and its marks (sprocket holes, edge print, the half-frame gap).
 * - stamp: the date imprint for today as glyph geometry `glyph` units tall; the still sizes glyphs at
 *   glyphShare of the picture's short side, marginShare from its bottom right corner.
 */
export type PreviewParams = {
  radial: RadialGain | null;
  grain: { amountCodes: number; cellNorm: number; roughness: number; monochrome: boolean } | null;
  halation: { amount: number; threshold: number; radius: number; tint: [number, number, number] } | null;
  bloom: { amount: number; threshold: number; radius: number } | null;
  aspect: string | null;
  print: { width: number; height: number; left: number; top: number; pictureWidth: number; pictureHeight: number; background: string; marks: FrameMark[] } | null;
  stamp: { shapes: StampShape[]; width: number; height: number; stroke: number; glyph: number; colour: string; glyphShare: number; marginShare: number } | null;
};

/** Nominal picture width for the print layout: the viewfinder scales it to the picture it shows. */
const PRINT_WIDTH = 1000;
const STAMP_GLYPH = 100;

export function previewLook(lookId: string): { size: number; lut: Uint16Array; params: PreviewParams } {
  const look = getLook(lookId);
  const lut = lookLut(lookId);
  const g = look.grain;
  return {
    size: lut.size,
    lut: lutToUint16(lut),
    params: {
      radial:
        look.vignette || look.flash
          ? { vignette: look.vignette?.amount ?? 0, falloff: look.vignette?.falloff ?? 2.5, flash: look.flash?.amount ?? 0, flashReach: look.flash?.reach ?? 0.7 }
          : null,
      grain: g.amount > 0 ? { amountCodes: g.amount * GRAIN_CODES_AT_FULL, cellNorm: g.size / 1000, roughness: g.roughness, monochrome: g.monochrome } : null,
      halation: look.halation ? { ...look.halation, tint: [...look.halation.tint] as [number, number, number] } : null,
      bloom: look.bloom ? { ...look.bloom } : null,
      aspect: effectiveAspect(look),
      print: printPreview(look.frame, look.name),
      stamp: look.dateStamp
        ? {
            ...stampGlyphs(formatStampText(look.dateStamp.format, new Date()), look.dateStamp.style, STAMP_GLYPH),
            glyph: STAMP_GLYPH,
            colour: look.dateStamp.colour,
            glyphShare: STAMP_GLYPH_SHARE,
            marginShare: STAMP_MARGIN_SHARE,
          }
        : null,
    },
  };
}

function printPreview(frame: LookDefinition['frame'], name: string): PreviewParams['print'] {
  const aspect = frameAspect(frame);
  if (!aspect) return null;
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  const pictureHeight = Math.round((PRINT_WIDTH * b) / a);
  const l = layout(frame, PRINT_WIDTH, pictureHeight, `DARKSLIDE ${name.toUpperCase()}   \u25B81   1A`);
  return { width: l.canvasW, height: l.canvasH, left: l.left, top: l.top, pictureWidth: PRINT_WIDTH, pictureHeight, background: l.background, marks: l.marks };
}
