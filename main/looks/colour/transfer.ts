// sRGB transfer function (IEC 61966-2-1). Looks are authored on encoded values; effects that model light
// (halation, bloom, exposure, white balance) happen in linear light.
export { srgbToLinear } from '../../shared/looks/math.ts';

export function linearToSrgb(v: number): number {
  if (v <= 0) return 0;
  return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Rec. 709 luma weights, applied to whatever encoding the caller holds. */
export function luma(r: number, g: number, b: number): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Fully saturated colour at hue `deg` (HSL, s=1, l=0.5). */
export function hueToRgb(deg: number): [number, number, number] {
  const h = (((deg % 360) + 360) % 360) / 60;
  const x = 1 - Math.abs((h % 2) - 1);
  if (h < 1) return [1, x, 0];
  if (h < 2) return [x, 1, 0];
  if (h < 3) return [0, 1, x];
  if (h < 4) return [0, x, 1];
  if (h < 5) return [x, 0, 1];
  return [1, 0, x];
}
