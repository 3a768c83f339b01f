// The look maths both sides need: the still renderer (main/looks) and the WebGL viewfinder (renderer) use
// these very functions, so the preview and the photo cannot drift apart. Plain arithmetic: no Node, no DOM.

/** Grain standard deviation, in 8-bit code values at mid-grey, for amount = 1. */
export const GRAIN_CODES_AT_FULL = 14;
/** Bilinear value noise of unit lattice variance has std 2/3 at a random position: normalise to ~1. */
export const BILINEAR_STD = 2 / 3;
/** Short side of the working grid for halation and bloom. */
export const LIGHT_GRID_SHORT_SIDE = 320;

export function hash32(x: number, y: number, seed: number): number {
  let h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Supersampling per axis so each pixel integrates the grain field over its own footprint. A power of two, so
 * the sample positions of a render at half size are exactly those of a 2x2 box over the full-size render.
 */
export function grainSamplesPerAxis(shortSide: number, cellNorm: number): number {
  const ratio = 1 / shortSide / cellNorm;
  return ratio <= 1 ? 1 : Math.min(8, 2 ** Math.ceil(Math.log2(ratio - 1e-9)));
}

export type GrainSpecLike = { cellNorm: number; roughness: number; monochrome: boolean };

export type GrainPlan = {
  /** Samples per axis per pixel. */
  k: number;
  octaves: number;
  cell: [number, number];
  weight: [number, number];
  /** Seeds of octave o, channel c at index o * 3 + c (unsigned; channels 1 and 2 unused for monochrome). */
  seeds: Uint32Array;
  norm: number;
  channels: number;
};

/** Everything the grain field of one frame needs, for every channel, so a shader only samples. */
export function grainPlan(width: number, height: number, seed: number, spec: GrainSpecLike): GrainPlan {
  const shortSide = Math.min(width, height);
  const cell = spec.cellNorm;
  const k = grainSamplesPerAxis(shortSide, cell / (spec.roughness > 0 ? 2 : 1));
  const fine = spec.roughness * 0.75;
  const octaves = fine > 0 ? 2 : 1;
  const channels = spec.monochrome ? 1 : 3;
  const seeds = new Uint32Array(6);
  for (let c = 0; c < channels; c++) {
    seeds[c] = hash32(seed, c + 1, 1);
    seeds[3 + c] = hash32(seed, c + 1, 2);
  }
  const norm = 1 / (BILINEAR_STD * Math.sqrt(1 + (octaves === 2 ? fine * fine : 0)));
  return { k, octaves, cell: [cell, cell / 2], weight: [1, fine], seeds, norm, channels };
}

/**
 * Working grid for a blur of `radius` (fraction of the short side): about 4 cells per sigma is plenty for a
 * Gaussian, so wide glows work on a coarser grid (bloom's blur costs 8x less than on the halation grid).
 */
export function lightGridSize(width: number, height: number, radius = 0): { w: number; h: number } {
  const short = Math.min(width, height);
  const target = radius > 0 ? Math.min(LIGHT_GRID_SHORT_SIDE, Math.max(48, Math.ceil(4 / radius))) : LIGHT_GRID_SHORT_SIDE;
  const s = Math.min(1, target / short);
  return { w: Math.max(1, Math.round(width * s)), h: Math.max(1, Math.round(height * s)) };
}

/** Normalised Gaussian taps; sigma < 0.3 means no blur (one tap of 1). */
export function gaussianTaps(sigma: number): Float32Array {
  if (sigma < 0.3) return Float32Array.of(1);
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(radius * 2 + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] = kernel[i]! / sum;
  return kernel;
}

/** sRGB transfer function (IEC 61966-2-1), encoded value to linear light. */
export function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/** sRGB code value to linear light, as float32. */
export const LINEAR_8 = Float32Array.from({ length: 256 }, (_, v) => srgbToLinear(v / 255));

/** Centre crop to an aspect given in landscape form ("3:2"), turned to follow the picture's orientation. */
export function aspectCropSize(w: number, h: number, aspect: string | null): { width: number; height: number } {
  if (!aspect) return { width: w, height: h };
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  let ratio = a / b;
  if (!(ratio > 0)) return { width: w, height: h };
  // A landscape-form aspect ("3:2") turns with the picture. A portrait-form one is kept as written: the
  // half-frame camera's tall half ("3:4") is tall whichever way the camera is held.
  if (a >= b && w >= h !== ratio >= 1) ratio = 1 / ratio;
  if (w / h > ratio) return { width: Math.max(1, Math.round(h * ratio)), height: h };
  return { width: w, height: Math.max(1, Math.round(w / ratio)) };
}
