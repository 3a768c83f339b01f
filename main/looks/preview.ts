import { cameraLut, getCamera } from './registry.ts';
import { effectiveAspect } from './develop.ts';
import { lutToUint16 } from './lut/lut.ts';
import { GRAIN_CODES_AT_FULL } from './effects/grain.ts';
import type { RadialGain } from './effects/vignette.ts';

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
 */
export type PreviewParams = {
  radial: RadialGain | null;
  grain: { amountCodes: number; cellNorm: number; roughness: number; monochrome: boolean } | null;
  halation: { amount: number; threshold: number; radius: number; tint: [number, number, number] } | null;
  bloom: { amount: number; threshold: number; radius: number } | null;
  aspect: string | null;
};

export function previewLook(cameraId: string): { size: number; lut: Uint16Array; params: PreviewParams } {
  const camera = getCamera(cameraId);
  const lut = cameraLut(cameraId);
  const g = camera.grain;
  return {
    size: lut.size,
    lut: lutToUint16(lut),
    params: {
      radial:
        camera.vignette || camera.flash
          ? { vignette: camera.vignette?.amount ?? 0, falloff: camera.vignette?.falloff ?? 2.5, flash: camera.flash?.amount ?? 0, flashReach: camera.flash?.reach ?? 0.7 }
          : null,
      grain: g.amount > 0 ? { amountCodes: g.amount * GRAIN_CODES_AT_FULL, cellNorm: g.size / 1000, roughness: g.roughness, monochrome: g.monochrome } : null,
      halation: camera.halation ? { ...camera.halation, tint: [...camera.halation.tint] as [number, number, number] } : null,
      bloom: camera.bloom ? { ...camera.bloom } : null,
      aspect: effectiveAspect(camera),
    },
  };
}
