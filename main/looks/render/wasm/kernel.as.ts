// AssemblyScript (compiled by scripts/build-wasm.ts into kernel-wasm.ts; not part of the TypeScript build).
//
// The still kernel's per-pixel pass with 128-bit SIMD: four pixels (twelve samples) per step, all in f32.
// The arithmetic is defined in f32, operation by operation, so a scalar f32 reading of it (the oracle in
// kernel.test.ts) gives exactly the same codes. Pointers and sizes come from render/wasm-kernel.ts, which
// owns the memory layout; this module allocates nothing.
//
// Per sample, in this order (each line one f32 operation chain):
//   colour  c = table[(r << 16 | g << 8 | b) * 3 + ch]           or an f32 colour row (tetrahedral in JS)
//   light   l = L0 + (L1 - L0) * lightFy;  c = c + l * (1 - c * INV255)       (screen blend)
//   gain    c = c * gain[x]                                                   (vignette and flash)
//   grain   n = G0 + (G1 - G0) * grainFy;  q = floor(clamp(c, 0, 255)) * INV255;
//           c = c + n * (amp * (0.25 + (3 * q) * (1 - q)))                    (grain follows density)
//   output  trunc(c + 0.5) clamped to 0..255                                  (round half up)
// INV255 is 1/255 rounded to f32: a multiply where a divide would cost several times as much.

// One pixel's three colour codes in the low bytes (the fourth byte is the next entry's).
// @ts-ignore: decorator
@inline
function tableEntry(q: usize, table: usize): u32 {
  const t = ((<u32>load<u8>(q) << 16) | (<u32>load<u8>(q, 1) << 8) | <u32>load<u8>(q, 2)) * 3;
  return load<u32>(table + <usize>t);
}

/**
 * One row of `width` pixels. `table` (colour table, 2^24 entries of 3 bytes plus 1 byte of padding) reads
 * `src` (8-bit RGB); when it is 0 the colour comes from `colour` (f32 RGB). Zero pointers switch a stage off.
 * Rows are processed in groups of four pixels: the last group may read past the row (the buffers are padded)
 * and write up to three pixels past it, which the next row overwrites; the caller pads the last row.
 */
export function developRow(
  src: usize,
  colour: usize,
  table: usize,
  dst: usize,
  width: i32,
  light0: usize,
  light1: usize,
  lightFy: f32,
  gain: usize,
  grain0: usize,
  grain1: usize,
  grainFy: f32,
  grainAmp: f32,
): void {
  const zero = f32x4.splat(0);
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  const c255 = f32x4.splat(255);
  const inv255 = f32x4.splat(<f32>(1.0 / 255.0));
  const three = f32x4.splat(3);
  const quarter = f32x4.splat(0.25);
  const lfy = f32x4.splat(lightFy);
  const gfy = f32x4.splat(grainFy);
  const amp = f32x4.splat(grainAmp);
  for (let x = 0; x < width; x += 4) {
    const e = <usize>(x * 12);
    let c0: v128, c1: v128, c2: v128;
    if (table) {
      const s = src + <usize>(x * 3);
      let v = i32x4.splat(tableEntry(s, table));
      v = i32x4.replace_lane(v, 1, tableEntry(s + 3, table));
      v = i32x4.replace_lane(v, 2, tableEntry(s + 6, table));
      v = i32x4.replace_lane(v, 3, tableEntry(s + 9, table));
      const bytes = i8x16.shuffle(v, v, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
      const lo = i16x8.extend_low_i8x16_u(bytes);
      const hi = i16x8.extend_high_i8x16_u(bytes);
      c0 = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo));
      c1 = f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo));
      c2 = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi));
    } else {
      c0 = v128.load(colour + e);
      c1 = v128.load(colour + e, 16);
      c2 = v128.load(colour + e, 32);
    }
    if (light0) {
      c0 = screen(c0, lerp(v128.load(light0 + e), v128.load(light1 + e), lfy), one, inv255);
      c1 = screen(c1, lerp(v128.load(light0 + e, 16), v128.load(light1 + e, 16), lfy), one, inv255);
      c2 = screen(c2, lerp(v128.load(light0 + e, 32), v128.load(light1 + e, 32), lfy), one, inv255);
    }
    if (gain) {
      const g = v128.load(gain + <usize>(x * 4));
      c0 = f32x4.mul(c0, i32x4.shuffle(g, g, 0, 0, 0, 1));
      c1 = f32x4.mul(c1, i32x4.shuffle(g, g, 1, 1, 2, 2));
      c2 = f32x4.mul(c2, i32x4.shuffle(g, g, 2, 3, 3, 3));
    }
    if (grain0) {
      c0 = addGrain(c0, lerp(v128.load(grain0 + e), v128.load(grain1 + e), gfy), amp, zero, c255, inv255, three, quarter, one);
      c1 = addGrain(c1, lerp(v128.load(grain0 + e, 16), v128.load(grain1 + e, 16), gfy), amp, zero, c255, inv255, three, quarter, one);
      c2 = addGrain(c2, lerp(v128.load(grain0 + e, 32), v128.load(grain1 + e, 32), gfy), amp, zero, c255, inv255, three, quarter, one);
    }
    const i0 = i32x4.trunc_sat_f32x4_s(f32x4.add(c0, half));
    const i1 = i32x4.trunc_sat_f32x4_s(f32x4.add(c1, half));
    const i2 = i32x4.trunc_sat_f32x4_s(f32x4.add(c2, half));
    const packed = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(i0, i1), i16x8.narrow_i32x4_s(i2, i2));
    v128.store(dst + <usize>(x * 3), packed);
  }
}

// @ts-ignore: decorator
@inline
function lerp(a: v128, b: v128, t: v128): v128 {
  return f32x4.add(a, f32x4.mul(f32x4.sub(b, a), t));
}

// @ts-ignore: decorator
@inline
function screen(c: v128, l: v128, one: v128, inv255: v128): v128 {
  return f32x4.add(c, f32x4.mul(l, f32x4.sub(one, f32x4.mul(c, inv255))));
}

// @ts-ignore: decorator
@inline
function addGrain(c: v128, n: v128, amp: v128, zero: v128, c255: v128, inv255: v128, three: v128, quarter: v128, one: v128): v128 {
  const q = f32x4.mul(f32x4.floor(f32x4.min(f32x4.max(c, zero), c255)), inv255);
  const weight = f32x4.add(quarter, f32x4.mul(f32x4.mul(three, q), f32x4.sub(one, q)));
  return f32x4.add(c, f32x4.mul(n, f32x4.mul(amp, weight)));
}

/**
 * Radial gain along a row from the table over squared distance (entries + 1 values): the lerp in f64 as
 * the preview computes it, stored as f32. Symmetric about the centre column, so half the lookups.
 */
export function gainRow(vig: usize, entries: i32, dx2: usize, width: i32, dy2: f64, gain: usize): void {
  const n = <f64>entries;
  for (let x = 0, m = width - 1; x <= m; x++, m--) {
    const t = (<f64>load<f32>(dx2 + <usize>(x * 4)) + dy2) * n;
    let ti = entries - 1;
    let tf = 1.0;
    if (t < n) {
      ti = <i32>t;
      tf = t - <f64>ti;
    }
    const a = <f64>load<f32>(vig + <usize>(ti * 4));
    const b = <f64>load<f32>(vig + <usize>(ti * 4 + 4));
    const g = <f32>(a + (b - a) * tf);
    store<f32>(gain + <usize>(x * 4), g);
    store<f32>(gain + <usize>(m * 4), g);
  }
}

/**
 * One lattice row of grain lerped across the picture, interleaved RGB: out[3x + ch] =
 * norm * (V[i] + (V[i + 1] - V[i]) * frac[x]) with i = index[x], per channel (pass one row three times
 * for monochrome grain).
 */
export function grainRow(vr: usize, vg: usize, vb: usize, index: usize, frac: usize, width: i32, norm: f32, out: usize): void {
  for (let x = 0; x < width; x++) {
    const i = <usize>(load<i32>(index + <usize>(x * 4)) * 4);
    const f = load<f32>(frac + <usize>(x * 4));
    const o = out + <usize>(x * 12);
    let a = load<f32>(vr + i);
    store<f32>(o, norm * (a + (load<f32>(vr + i, 4) - a) * f));
    a = load<f32>(vg + i);
    store<f32>(o, norm * (a + (load<f32>(vg + i, 4) - a) * f), 4);
    a = load<f32>(vb + i);
    store<f32>(o, norm * (a + (load<f32>(vb + i, 4) - a) * f), 8);
  }
}

// The grain lattice of effects/grain.ts, node for node: the same hash, the same f64 arithmetic, the same f32
// stores, so these rows equal GrainSampler's (kernel.test.ts compares them).

// @ts-ignore: decorator
@inline
function nodeGaussian(ix: i32, iy: i32, seed: u32): f64 {
  let h = (<u32>ix * 0x27d4eb2d) ^ (<u32>iy * 0x165667b1) ^ (seed * 0x9e3779b1);
  h = (h ^ (h >>> 15)) * 0x85ebca6b;
  h = (h ^ (h >>> 13)) * 0xc2b2ae35;
  h = h ^ (h >>> 16);
  const sum = (h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24);
  return (<f64>sum - 510) * 0.0067659;
}

/** Coarse-octave row cy: `channels` rows of `length` nodes, one seed (u32) per channel. */
export function coarseRow(cy: i32, length: i32, seeds: usize, channels: i32, out: usize): void {
  for (let c = 0; c < channels; c++) {
    const seed = load<u32>(seeds + <usize>(c * 4));
    const row = out + <usize>(c * length * 4);
    for (let x = 0; x < length; x++) store<f32>(row + <usize>(x * 4), <f32>nodeGaussian(x, cy, seed));
  }
}

/**
 * Effective lattice row jy, `channels` rows of `nodes` values, colour mix applied. With fineWeight > 0 the
 * coarse octave (rows jy >> 1 and the next, `clen` nodes each per channel) is folded in and `seeds` are the
 * fine seeds; otherwise the row is drawn from `seeds` alone.
 */
export function latticeRow(jy: i32, nodes: i32, top: usize, bottom: usize, clen: i32, seeds: usize, fineWeight: f64, channels: i32, out: usize): void {
  const oddY = (jy & 1) == 1;
  for (let c = 0; c < channels; c++) {
    const seed = load<u32>(seeds + <usize>(c * 4));
    const row = out + <usize>(c * nodes * 4);
    if (fineWeight > 0) {
      const t = top + <usize>(c * clen * 4);
      const b = oddY ? bottom + <usize>(c * clen * 4) : t;
      for (let jx = 0; jx < nodes; jx++) {
        const p = <usize>((jx >> 1) * 4);
        let coarse: f64;
        if ((jx & 1) == 0) coarse = oddY ? (<f64>load<f32>(t + p) + <f64>load<f32>(b + p)) / 2 : <f64>load<f32>(t + p);
        else
          coarse = oddY
            ? (<f64>load<f32>(t + p) + <f64>load<f32>(t + p, 4) + <f64>load<f32>(b + p) + <f64>load<f32>(b + p, 4)) / 4
            : (<f64>load<f32>(t + p) + <f64>load<f32>(t + p, 4)) / 2;
        store<f32>(row + <usize>(jx * 4), <f32>(coarse + fineWeight * nodeGaussian(jx, jy, seed)));
      }
    } else {
      for (let jx = 0; jx < nodes; jx++) store<f32>(row + <usize>(jx * 4), <f32>nodeGaussian(jx, jy, seed));
    }
  }
  if (channels == 3) {
    const g = out + <usize>(nodes * 4);
    const b = out + <usize>(nodes * 8);
    for (let i = 0; i < nodes; i++) {
      const o = <usize>(i * 4);
      const rv = <f64>load<f32>(out + o);
      const gv = <f64>load<f32>(g + o);
      const bv = <f64>load<f32>(b + o);
      const m = (rv + gv + bv) / 3;
      store<f32>(out + o, <f32>(0.5 * rv + 0.6 * m));
      store<f32>(g + o, <f32>(0.5 * gv + 0.6 * m));
      store<f32>(b + o, <f32>(0.5 * bv + 0.6 * m));
    }
  }
}
