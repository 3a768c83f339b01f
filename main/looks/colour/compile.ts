import type { ParametricColour } from '../schema.ts';
import { lutFromFunction, type Lut3D } from '../lut/lut.ts';
import { makeCurve } from './curves.ts';
import { clamp01, hueToRgb, linearToSrgb, luma, srgbToLinear } from './transfer.ts';

/** Grid of compiled looks: 33 points keeps smooth looks within ~0.01 dE00 of the direct math. */
export const COMPILED_LUT_SIZE = 33;

/**
 * Turns a parametric film recipe into a function on sRGB-encoded colour. The order follows a film
 * pipeline: light (white balance, exposure, dye crosstalk) in linear, then the print's tone curve,
 * per-layer curves, saturation, monochrome, toning, and the paper's black/white levels.
 */
export function parametricColourFunction(p: ParametricColour): (r: number, g: number, b: number) => [number, number, number] {
  const wbR = 1 + 0.18 * p.temperature + 0.04 * p.tint;
  const wbG = 1 - 0.12 * p.tint;
  const wbB = 1 - 0.18 * p.temperature + 0.04 * p.tint;
  const gain = Math.pow(2, p.exposure);
  const m = p.mixer;
  const tone = p.toneCurve ? makeCurve(p.toneCurve) : null;
  const cr = p.curves?.r ? makeCurve(p.curves.r) : null;
  const cg = p.curves?.g ? makeCurve(p.curves.g) : null;
  const cb = p.curves?.b ? makeCurve(p.curves.b) : null;
  const contrast = p.contrast;
  const sCurve = (x: number) => {
    const s = x * x * (3 - 2 * x);
    return contrast >= 0 ? x + contrast * (s - x) : x + contrast * (s - x) * 0.8;
  };
  const st = p.splitToning;
  const shadowTint = st ? hueToRgb(st.shadowHue) : null;
  const highlightTint = st ? hueToRgb(st.highlightHue) : null;
  const bw = p.blackAndWhite;
  return (r0, g0, b0) => {
    let r = srgbToLinear(r0) * wbR * gain;
    let g = srgbToLinear(g0) * wbG * gain;
    let b = srgbToLinear(b0) * wbB * gain;
    if (m) {
      const nr = m[0]! * r + m[1]! * g + m[2]! * b;
      const ng = m[3]! * r + m[4]! * g + m[5]! * b;
      const nb = m[6]! * r + m[7]! * g + m[8]! * b;
      r = nr; g = ng; b = nb;
    }
    r = linearToSrgb(clamp01(r));
    g = linearToSrgb(clamp01(g));
    b = linearToSrgb(clamp01(b));
    if (contrast !== 0) { r = sCurve(r); g = sCurve(g); b = sCurve(b); }
    if (tone) { r = tone(r); g = tone(g); b = tone(b); }
    if (cr) r = cr(r);
    if (cg) g = cg(g);
    if (cb) b = cb(b);
    if (bw) {
      const y = clamp01(bw.r * r + bw.g * g + bw.b * b);
      r = g = b = y;
    } else if (p.saturation !== 1) {
      const y = luma(r, g, b);
      r = y + (r - y) * p.saturation;
      g = y + (g - y) * p.saturation;
      b = y + (b - y) * p.saturation;
    }
    if (st && shadowTint && highlightTint) {
      const y = clamp01(luma(r, g, b));
      const pivot = 0.5 + st.balance * 0.3;
      const ws = y < pivot ? Math.pow(1 - y / pivot, 1.5) * st.shadowAmount : 0;
      const wh = y > pivot ? Math.pow((y - pivot) / (1 - pivot), 1.5) * st.highlightAmount : 0;
      // Tints are shifted to zero luma so toning moves hue, not brightness.
      const sy = luma(...shadowTint);
      const hy = luma(...highlightTint);
      r += 0.25 * (ws * (shadowTint[0] - sy) + wh * (highlightTint[0] - hy));
      g += 0.25 * (ws * (shadowTint[1] - sy) + wh * (highlightTint[1] - hy));
      b += 0.25 * (ws * (shadowTint[2] - sy) + wh * (highlightTint[2] - hy));
    }
    const lo = p.fade;
    const hi = p.whitePoint;
    r = lo + clamp01(r) * (hi - lo);
    g = lo + clamp01(g) * (hi - lo);
    b = lo + clamp01(b) * (hi - lo);
    return [r, g, b];
  };
}

export function compileParametric(p: ParametricColour, size = COMPILED_LUT_SIZE): Lut3D {
  return lutFromFunction(size, parametricColourFunction(p));
}
