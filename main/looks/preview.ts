import { cameraLut, getCamera } from './registry.ts';
import { lutToUint16 } from './lut/lut.ts';
import { GRAIN_CODES_AT_FULL } from './effects/grain.ts';

/**
 * What the WebGL2 preview shader needs, with the formulas the still pipeline uses:
 * - vignette: factor = 1 - amount * min(d,1)^falloff, d = distance from centre / half-diagonal (pixel centres).
 * - grain: value noise on a lattice of `cellNorm` (fraction of the short side), `roughness` adds a half-size
 *   octave of weight 0.75*roughness; std in 8-bit codes = amountCodes * (0.25 + 3 L (1-L)), L = Rec.709 luma 0..1.
 *   Average grain over each preview pixel's footprint (ceil(pixel/cell) samples per axis, max 8).
 * - halation: linear-light luma above `threshold`, Gaussian sigma = radius * short side, times tint * amount, added.
 */
export type PreviewParams = {
  vignette: { amount: number; falloff: number } | null;
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
      vignette: camera.vignette ? { amount: camera.vignette.amount, falloff: camera.vignette.falloff } : null,
      grain: g.amount > 0 ? { amountCodes: g.amount * GRAIN_CODES_AT_FULL, cellNorm: g.size / 1000, roughness: g.roughness, monochrome: g.monochrome } : null,
      halation: camera.halation ? { ...camera.halation, tint: [...camera.halation.tint] as [number, number, number] } : null,
      bloom: camera.bloom ? { ...camera.bloom } : null,
      aspect: camera.aspect,
    },
  };
}
