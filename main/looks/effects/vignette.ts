/**
 * Lens fall-off: factor = 1 - amount * d^falloff, d = distance from the centre over the half-diagonal.
 * The preview shader uses this same formula (see PreviewParams).
 */
export function vignetteFactor(amount: number, falloff: number, d: number): number {
  return 1 - amount * Math.pow(Math.min(d, 1), falloff);
}

/** Table over d^2 in [0,1] so the per-pixel cost is one lerp instead of a pow. */
export function vignetteTable(amount: number, falloff: number, entries = 4096): Float32Array {
  const t = new Float32Array(entries + 1);
  for (let i = 0; i <= entries; i++) t[i] = vignetteFactor(amount, falloff, Math.sqrt(i / entries));
  return t;
}
