/**
 * A 3D colour table: `size`^3 RGB entries in 0..1, red index fastest, then green, then blue
 * (the .cube order, and a WebGL 3D texture with x = red).
 */
export type Lut3D = { size: number; data: Float32Array };

export function identityLut(size: number): Lut3D {
  const data = new Float32Array(size * size * size * 3);
  let o = 0;
  for (let b = 0; b < size; b++)
    for (let g = 0; g < size; g++)
      for (let r = 0; r < size; r++) {
        data[o++] = r / (size - 1);
        data[o++] = g / (size - 1);
        data[o++] = b / (size - 1);
      }
  return { size, data };
}

/** Fills a LUT from a per-colour function (used to compile parametric looks). */
export function lutFromFunction(size: number, fn: (r: number, g: number, b: number) => [number, number, number]): Lut3D {
  const data = new Float32Array(size * size * size * 3);
  let o = 0;
  for (let b = 0; b < size; b++)
    for (let g = 0; g < size; g++)
      for (let r = 0; r < size; r++) {
        const out = fn(r / (size - 1), g / (size - 1), b / (size - 1));
        data[o++] = out[0];
        data[o++] = out[1];
        data[o++] = out[2];
      }
  return { size, data };
}

/** Blends a LUT towards identity: strength 0 = no look, 1 = full look. */
export function blendWithIdentity(lut: Lut3D, strength: number): Lut3D {
  if (strength >= 1) return lut;
  const id = identityLut(lut.size).data;
  const data = new Float32Array(lut.data.length);
  for (let i = 0; i < data.length; i++) data[i] = id[i]! + (lut.data[i]! - id[i]!) * strength;
  return { size: lut.size, data };
}

/**
 * Tetrahedral interpolation at one point (inputs 0..1). The cube is split along its grey diagonal,
 * so greys only ever mix grey-axis nodes: a neutral-diagonal LUT keeps greys neutral.
 */
export function sampleTetrahedral(lut: Lut3D, r: number, g: number, b: number, out: Float32Array | number[] = [0, 0, 0]): typeof out {
  const n = lut.size;
  const d = lut.data;
  const max = n - 1;
  const rx = Math.min(Math.max(r, 0), 1) * max;
  const gx = Math.min(Math.max(g, 0), 1) * max;
  const bx = Math.min(Math.max(b, 0), 1) * max;
  const r0 = Math.min(Math.floor(rx), max - 1);
  const g0 = Math.min(Math.floor(gx), max - 1);
  const b0 = Math.min(Math.floor(bx), max - 1);
  const fr = rx - r0;
  const fg = gx - g0;
  const fb = bx - b0;
  const sr = 3;
  const sg = 3 * n;
  const sb = 3 * n * n;
  const c000 = r0 * sr + g0 * sg + b0 * sb;
  const c111 = c000 + sr + sg + sb;
  let w0: number, w1: number, w2: number, w3: number, ca: number, cb: number;
  if (fr >= fg) {
    if (fg >= fb) {
      w0 = 1 - fr; w1 = fr - fg; w2 = fg - fb; w3 = fb; ca = c000 + sr; cb = c000 + sr + sg;
    } else if (fr >= fb) {
      w0 = 1 - fr; w1 = fr - fb; w2 = fb - fg; w3 = fg; ca = c000 + sr; cb = c000 + sr + sb;
    } else {
      w0 = 1 - fb; w1 = fb - fr; w2 = fr - fg; w3 = fg; ca = c000 + sb; cb = c000 + sr + sb;
    }
  } else if (fb >= fg) {
    w0 = 1 - fb; w1 = fb - fg; w2 = fg - fr; w3 = fr; ca = c000 + sb; cb = c000 + sg + sb;
  } else if (fb >= fr) {
    w0 = 1 - fg; w1 = fg - fb; w2 = fb - fr; w3 = fr; ca = c000 + sg; cb = c000 + sg + sb;
  } else {
    w0 = 1 - fg; w1 = fg - fr; w2 = fr - fb; w3 = fb; ca = c000 + sg; cb = c000 + sr + sg;
  }
  for (let c = 0; c < 3; c++) out[c] = w0 * d[c000 + c]! + w1 * d[ca + c]! + w2 * d[cb + c]! + w3 * d[c111 + c]!;
  return out;
}

/**
 * Applies a LUT to interleaved RGB samples (8- or 16-bit), rounding to nearest: truncation (ffmpeg's 8-bit
 * path) darkens every pixel by half a code value on average.
 */
export function applyLut(lut: Lut3D, src: Uint8Array | Uint16Array, dst: Uint8Array | Uint16Array = src instanceof Uint8Array ? new Uint8Array(src.length) : new Uint16Array(src.length)): typeof dst {
  const inMax = src instanceof Uint8Array ? 255 : 65535;
  const outMax = dst instanceof Uint8Array ? 255 : 65535;
  const tmp = new Float32Array(3);
  for (let i = 0; i < src.length; i += 3) {
    sampleTetrahedral(lut, src[i]! / inMax, src[i + 1]! / inMax, src[i + 2]! / inMax, tmp);
    for (let c = 0; c < 3; c++) {
      const v = Math.round(tmp[c]! * outMax);
      dst[i + c] = v < 0 ? 0 : v > outMax ? outMax : v;
    }
  }
  return dst;
}

/** 16-bit RGB table for the WebGL2 preview: same layout as .cube (red fastest). */
export function lutToUint16(lut: Lut3D): Uint16Array {
  const out = new Uint16Array(lut.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(Math.min(Math.max(lut.data[i]!, 0), 1) * 65535);
  return out;
}
