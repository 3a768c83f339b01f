import type { RadialGainT } from '../../shared/looks/preview.ts';
/**
 * Radial gain: lens fall-off times an on-camera flash's hot centre.
 *   vignette(d) = 1 - amount * min(d,1)^falloff
 *   flash(d)    = 1 + flash * 0.5 * exp(-(d/reach)^2) - flash * 0.35 * min(d,1)^2   (lit subject, dark background)
 * d = distance from the centre over the half-diagonal, at pixel centres. The preview shader uses these
 * same formulas (see PreviewParams).
 */
export type RadialGain = RadialGainT;

export function radialGain(g: RadialGain, d: number): number {
  const dc = Math.min(d, 1);
  const v = 1 - g.vignette * Math.pow(dc, g.falloff);
  const f = g.flash > 0 ? 1 + g.flash * 0.5 * Math.exp(-((d / g.flashReach) ** 2)) - g.flash * 0.35 * dc * dc : 1;
  return v * f;
}

/** Table over d^2 in [0,1] so the per-pixel cost is one lerp instead of a pow. */
export function radialGainTable(g: RadialGain, entries = 4096): Float32Array {
  const t = new Float32Array(entries + 1);
  for (let i = 0; i <= entries; i++) t[i] = radialGain(g, Math.sqrt(i / entries));
  return t;
}
