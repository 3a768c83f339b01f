import { lookLut, getLook } from './registry.ts';
import { effectiveAspect, STAMP_GLYPH_SHARE, STAMP_MARGIN_SHARE } from './develop.ts';
import type { LookDefinition } from './schema.ts';
import { lutToUint16 } from './lut/lut.ts';
import { GRAIN_CODES_AT_FULL } from './effects/grain.ts';
import { frameAspect, layout } from './effects/frame.ts';
import { formatStampText, stampGlyphs } from './effects/stamp.ts';
import type { PreviewParamsT } from '../shared/looks/preview.ts';
import { grainPlateAsync } from './render/pool.ts';

/** What the WebGL2 preview needs; the formulas are documented with the schema in main/shared/looks/preview.ts. */
export type PreviewParams = PreviewParamsT;

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

/**
 * The viewfinder's grain plate for a `width` x `height` canvas and this seed: the field its GPU pass draws (the
 * same samples of the same seeded lattice, main/shared/looks/math.ts grainPlan), drawn by the still kernel on the
 * pixel workers, as RGB float rows from the top. A software GPU builds it a strip a frame, 12-20 s of frames at
 * 5 fps; this takes about a tenth of a second. null when the look has no grain, or when its grain is not finer
 * than a pixel at this size (the GPU pass draws that kind in a few frames).
 */
export async function viewfinderGrainPlate(lookId: string, width: number, height: number, seed: number): Promise<Float32Array | null> {
  const look = getLook(lookId);
  if (look.grain.amount <= 0) return null;
  const plate = await grainPlateAsync(width, height, seed, look.grain);
  return plate ? new Float32Array(plate) : null;
}

function printPreview(frame: LookDefinition['frame'], name: string): PreviewParams['print'] {
  const aspect = frameAspect(frame);
  if (!aspect) return null;
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  const pictureHeight = Math.round((PRINT_WIDTH * b) / a);
  const l = layout(frame, PRINT_WIDTH, pictureHeight, `DARKSLIDE ${name.toUpperCase()}   \u25B81   1A`);
  return { width: l.canvasW, height: l.canvasH, left: l.left, top: l.top, pictureWidth: PRINT_WIDTH, pictureHeight, background: l.background, marks: l.marks, pair: l.pair ? { width: l.pair.canvasW, secondLeft: l.pair.secondLeft } : null };
}
