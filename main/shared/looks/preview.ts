// What the viewfinder needs to draw a look the way the still renderer develops it (main/looks/preview.ts
// fills it in; renderer/src/components/viewfinder-gl.ts and LookFrame.tsx draw it). One schema for both
// sides, checked at the contract boundary.
import { z } from 'zod';

// zod 4 numbers are finite: NaN and Infinity never reach the shader.
const finite = z.number();
const rgb = z.tuple([finite, finite, finite]);

export const RadialGain = z.object({ vignette: finite, falloff: finite, flash: finite, flashReach: finite });

/** A mark printed on a frame: sprocket holes and gaps as rectangles, edge print as text. */
export const FrameMark = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rect'), x: finite, y: finite, width: finite, height: finite, rx: finite, fill: z.string() }),
  z.object({ kind: z.literal('text'), x: finite, y: finite, size: finite, fill: z.string(), text: z.string(), rotate: z.boolean() }),
]);

/** One stroke of a date-imprint glyph: a line (x1, y1, x2, y2) or a dot (x, y, r). */
export const StampShape = z.union([z.object({ line: z.tuple([finite, finite, finite, finite]) }), z.object({ dot: rgb })]);

export const PrintPreview = z.object({
  width: finite,
  height: finite,
  left: finite,
  top: finite,
  pictureWidth: finite,
  pictureHeight: finite,
  background: z.string(),
  marks: z.array(FrameMark),
  /**
   * A half-frame camera's print holds two pictures, one per press: `width` wide, the second picture at
   * `secondLeft` (same top and size). The fields above are then one half alone (a video, an unpaired half).
   */
  pair: z.object({ width: finite, secondLeft: finite }).nullable().default(null),
});

export const StampPreview = z.object({
  shapes: z.array(StampShape),
  width: finite,
  height: finite,
  stroke: finite,
  glyph: finite,
  colour: z.string(),
  glyphShare: finite,
  marginShare: finite,
});

/**
 * The still pipeline's formulas, as parameters:
 * - radial gain (vignette x flash), d = distance from centre / half-diagonal at pixel centres:
 *     (1 - vignette * min(d,1)^falloff) * (flash > 0 ? 1 + flash*0.5*exp(-(d/flashReach)^2) - flash*0.35*min(d,1)^2 : 1)
 * - grain: value noise on a lattice of `cellNorm` (fraction of the short side), `roughness` adds a half-size
 *   octave of weight 0.75*roughness; per channel c: c += grain_c * amountCodes * (0.25 + 3 c (1-c)), c in 0..1
 *   after the radial gain. Colour grain: three fields g_r,g_g,g_b mixed as 0.5*g_c + 0.6*mean(g).
 * - halation: linear-light luma above `threshold` (rescaled 0..1), Gaussian sigma = radius * short side,
 *   times tint * amount * 255, screen-blended onto the graded picture before the radial gain and grain.
 * - bloom: the same per channel with its own threshold/radius and no tint.
 * - aspect: the centre crop the still will get (frames impose theirs), landscape form ("3:2") turning with the
 *   picture, or portrait form kept as is (a half-frame camera's tall half, "3:4").
 * - print: the frame around a landscape picture of that aspect, `pictureWidth` wide.
 * - stamp: the date imprint for today as glyph geometry `glyph` units tall.
 */
export const PreviewParams = z.object({
  radial: RadialGain.nullable(),
  grain: z.object({ amountCodes: finite, cellNorm: finite, roughness: finite, monochrome: z.boolean() }).nullable(),
  halation: z.object({ amount: finite, threshold: finite, radius: finite, tint: rgb }).nullable(),
  bloom: z.object({ amount: finite, threshold: finite, radius: finite }).nullable(),
  aspect: z.string().nullable(),
  print: PrintPreview.nullable(),
  stamp: StampPreview.nullable(),
});

export type RadialGainT = z.output<typeof RadialGain>;
export type FrameMarkT = z.output<typeof FrameMark>;
export type StampShapeT = z.output<typeof StampShape>;
export type PrintPreviewT = z.output<typeof PrintPreview>;
export type StampPreviewT = z.output<typeof StampPreview>;
export type PreviewParamsT = z.output<typeof PreviewParams>;
