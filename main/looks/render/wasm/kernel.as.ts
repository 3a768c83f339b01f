// AssemblyScript (compiled by scripts/build-wasm.ts into kernel-wasm.ts; not part of the TypeScript build).
//
// The still kernel's per-pixel pass with 128-bit SIMD: four pixels (twelve samples) per step, all in f32.
// The arithmetic is defined in f32, operation by operation, so a scalar f32 reading of it (the oracle in
// kernel.test.ts) gives exactly the same codes. Pointers and sizes come from render/wasm-kernel.ts, which
// owns the memory layout; this module allocates nothing.
//
// Per sample, in this order (each line one f32 operation chain):
//   colour  c = table[M_r[r] + M_g[g] + M_b[b] + ch]  (Morton order, tableRow)  or tetrahedral in JS: an f32 row
//   light   l = L0 + (L1 - L0) * lightFy;  c = c + l * (1 - c * INV255)       (screen blend)
//   gain    c = c * gain[x]                                                   (vignette and flash)
//   grain   n = G0 + (G1 - G0) * grainFy;  q = floor(clamp(c, 0, 255)) * INV255;
//           c = c + n * (amp * (0.25 + (3 * q) * (1 - q)))                    (grain follows density)
//   output  trunc(c + 0.5) clamped to 0..255                                  (round half up)
// INV255 is 1/255 rounded to f32: a multiply where a divide would cost several times as much.

// One pixel's three colour codes in the low bytes (the fourth byte is the next entry's). `morton` holds
// each channel's share of the entry's byte offset (kernel.ts, MORTON).
// @ts-ignore: decorator
@inline
function tableEntry(q: usize, table: usize, morton: usize): u32 {
  const t = load<u32>(morton + (<usize>load<u8>(q) << 2)) + load<u32>(morton + (<usize>load<u8>(q, 1) << 2), 1024) + load<u32>(morton + (<usize>load<u8>(q, 2) << 2), 2048);
  return load<u32>(table + <usize>t);
}

/**
 * One row of `width` pixels from `colour`, an f32 colour row (tetrahedral in JavaScript, or tableRow's
 * lookups). Zero pointers switch a stage off.
 * Rows are processed in groups of four pixels: the last group may read past the row (the buffers are padded)
 * and write up to three pixels past it, which the next row overwrites; the caller pads the last row.
 */
export function developRow(
  colour: usize,
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
    let c0 = v128.load(colour + e);
    let c1 = v128.load(colour + e, 16);
    let c2 = v128.load(colour + e, 32);
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

/**
 * The colour table's entries for one row of `width` pixels, as f32 codes into `out` (developRow's colour row).
 * A loop of nothing but lookups: the table is far larger than any cache, and with the effects' arithmetic in
 * the same loop fewer misses were in flight at once (the fused pass took about three times as long).
 * Writes up to three pixels past the row, as developRow does.
 */
export function tableRow(src: usize, table: usize, morton: usize, width: i32, out: usize): void {
  for (let x = 0; x < width; x += 4) {
    const s = src + <usize>(x * 3);
    let v = i32x4.splat(tableEntry(s, table, morton));
    v = i32x4.replace_lane(v, 1, tableEntry(s + 3, table, morton));
    v = i32x4.replace_lane(v, 2, tableEntry(s + 6, table, morton));
    v = i32x4.replace_lane(v, 3, tableEntry(s + 9, table, morton));
    const bytes = i8x16.shuffle(v, v, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);
    const lo = i16x8.extend_low_i8x16_u(bytes);
    const hi = i16x8.extend_high_i8x16_u(bytes);
    const e = out + <usize>(x * 12);
    v128.store(e, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)));
    v128.store(e, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), 16);
    v128.store(e, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), 32);
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
  // pmin/pmax, not min/max: one instruction each where min/max's NaN rules cost several, and grain's share of
  // the kernel fell by a third (c is never NaN; pmax(-0, 0) keeps -0, which floors and weighs as 0 does).
  const q = f32x4.mul(f32x4.floor(f32x4.pmin(f32x4.pmax(c, zero), c255)), inv255);
  const weight = f32x4.add(quarter, f32x4.mul(f32x4.mul(three, q), f32x4.sub(one, q)));
  return f32x4.add(c, f32x4.mul(n, f32x4.mul(amp, weight)));
}

/**
 * Radial gain along a row from the table over squared distance (entries + 1 values), in f32, four pixels
 * per step: t = (dx2[x] + dy2) * entries, i = min(trunc(t), entries - 1), f = min(t - i, 1),
 * gain = vig[i] + (vig[i + 1] - vig[i]) * f. The row is symmetric about its centre (dx2 of x and of
 * width - 1 - x are the same float), so only the left half is evaluated and stored twice.
 */
export function gainRow(vig: usize, entries: i32, dx2: usize, width: i32, dy2: f32, gain: usize): void {
  const n = f32x4.splat(<f32>entries);
  const last = i32x4.splat(entries - 1);
  const dy = f32x4.splat(dy2);
  const one = f32x4.splat(1);
  const half = (width + 1) >> 1;
  for (let x = 0; x < half; x += 4) {
    const t = f32x4.mul(f32x4.add(v128.load(dx2 + <usize>(x * 4)), dy), n);
    const i = i32x4.min_s(i32x4.trunc_sat_f32x4_s(t), last);
    const f = f32x4.pmin(f32x4.sub(t, f32x4.convert_i32x4_s(i)), one);
    const p0 = vig + (<usize>i32x4.extract_lane(i, 0) << 2);
    const p1 = vig + (<usize>i32x4.extract_lane(i, 1) << 2);
    const p2 = vig + (<usize>i32x4.extract_lane(i, 2) << 2);
    const p3 = vig + (<usize>i32x4.extract_lane(i, 3) << 2);
    const a = f32x4(load<f32>(p0), load<f32>(p1), load<f32>(p2), load<f32>(p3));
    const b = f32x4(load<f32>(p0, 4), load<f32>(p1, 4), load<f32>(p2, 4), load<f32>(p3, 4));
    const g = f32x4.add(a, f32x4.mul(f32x4.sub(b, a), f));
    v128.store(gain + <usize>(x * 4), g);
    const m = width - 4 - x;
    if (m >= 0) v128.store(gain + <usize>(m * 4), i32x4.shuffle(g, g, 3, 2, 1, 0));
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

/**
 * Grain finer than a pixel, one of a pixel row's k sample rows (effects/grain.ts, GrainSampler.row with k > 1):
 * lattice rows `a` and `b` (`channels` rows of `nodes` values, `stride` floats apart) lerped at fy and scaled
 * into `v` (same layout), then each pixel's k samples along the row (lattice index and fraction per sample)
 * summed and added to its value in `out` (interleaved RGB f32; monochrome grain adds the same to all three).
 * In f64 with f32 stores exactly where the sampler has them, so the rows equal its rows bit for bit.
 */
export function fineGrainRow(a: usize, b: usize, stride: i32, nodes: i32, channels: i32, fy: f64, scale: f64, v: usize, index: usize, frac: usize, k: i32, width: i32, out: usize): void {
  const fy2 = f64x2.splat(fy);
  const scale2 = f64x2.splat(scale);
  for (let c = 0; c < channels; c++) {
    const off = <usize>(c * stride * 4);
    // Two nodes per step (stride is a multiple of four: a step past `nodes` stays in the row's padding).
    for (let i = 0; i < nodes; i += 2) {
      const p = off + <usize>(i * 4);
      const top = f64x2.promote_low_f32x4(v128.load64_zero(a + p));
      const bottom = f64x2.promote_low_f32x4(v128.load64_zero(b + p));
      const lerped = f64x2.mul(f64x2.add(top, f64x2.mul(f64x2.sub(bottom, top), fy2)), scale2);
      v128.store64_lane(v + p, f32x4.demote_f64x2_zero(lerped), 0);
    }
  }
  const g = v + <usize>(stride * 4);
  const bl = v + <usize>(stride * 8);
  let j: usize = 0;
  for (let x = 0; x < width; x++) {
    let r: f64 = 0;
    let gg: f64 = 0;
    let bb: f64 = 0;
    for (let s = 0; s < k; s++) {
      const q = <usize>load<i32>(index + (j << 2)) << 2;
      const f = <f64>load<f32>(frac + (j << 2));
      j++;
      const r0 = <f64>load<f32>(v + q);
      r += r0 + (<f64>load<f32>(v + q, 4) - r0) * f;
      if (channels == 3) {
        const g0 = <f64>load<f32>(g + q);
        gg += g0 + (<f64>load<f32>(g + q, 4) - g0) * f;
        const b0 = <f64>load<f32>(bl + q);
        bb += b0 + (<f64>load<f32>(bl + q, 4) - b0) * f;
      }
    }
    const o = out + <usize>(x * 12);
    const sr = <f32>(<f64>load<f32>(o) + r);
    store<f32>(o, sr);
    if (channels == 3) {
      store<f32>(o, <f32>(<f64>load<f32>(o, 4) + gg), 4);
      store<f32>(o, <f32>(<f64>load<f32>(o, 8) + bb), 8);
    } else {
      store<f32>(o, sr, 4);
      store<f32>(o, sr, 8);
    }
  }
}

// The grain lattice of effects/grain.ts, node for node: the same hash, the same f64 arithmetic, the same f32
// stores, so these rows equal GrainSampler's (kernel.test.ts checks the grain they make against them).

// Four lattice nodes at once: the same integer hash per lane, then (sum of its bytes - 510) * 0.0067659 in
// f64, two lanes per vector as the scalar version computes them.
// @ts-ignore: decorator
@inline
function hash4(xs: v128, rowSalt: v128): v128 {
  let h = v128.xor(i32x4.mul(xs, i32x4.splat(0x27d4eb2d)), rowSalt);
  h = i32x4.mul(v128.xor(h, i32x4.shr_u(h, 15)), i32x4.splat(<i32>0x85ebca6b));
  h = i32x4.mul(v128.xor(h, i32x4.shr_u(h, 13)), i32x4.splat(<i32>0xc2b2ae35));
  h = v128.xor(h, i32x4.shr_u(h, 16));
  // Byte sums per lane, less the mean.
  return i32x4.sub(i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(h)), i32x4.splat(510));
}

// @ts-ignore: decorator
@inline
function salt(iy: i32, seed: u32): v128 {
  return i32x4.splat(<i32>((<u32>iy * 0x165667b1) ^ (seed * 0x9e3779b1)));
}

// Lanes 0-1 of two f64x2 vectors, demoted to f32, as one f32x4.
// @ts-ignore: decorator
@inline
function demote2(lo: v128, hi: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

// @ts-ignore: decorator
@inline
function gaussLo(sums: v128): v128 {
  return f64x2.mul(f64x2.convert_low_i32x4_s(sums), f64x2.splat(0.0067659));
}

// @ts-ignore: decorator
@inline
function gaussHi(sums: v128): v128 {
  return f64x2.mul(f64x2.convert_low_i32x4_s(i64x2.shuffle(sums, sums, 1, 1)), f64x2.splat(0.0067659));
}

/**
 * Coarse-octave row cy: `channels` rows of `length` nodes, `stride` floats apart (a multiple of 4: the last
 * step writes up to three nodes past `length`), one seed (u32) per channel.
 */
export function coarseRow(cy: i32, length: i32, stride: i32, seeds: usize, channels: i32, out: usize): void {
  for (let c = 0; c < channels; c++) {
    const rowSalt = salt(cy, load<u32>(seeds + <usize>(c * 4)));
    const row = out + <usize>(c * stride * 4);
    let xs = i32x4(0, 1, 2, 3);
    for (let x = 0; x < length; x += 4) {
      const sums = hash4(xs, rowSalt);
      v128.store(row + <usize>(x * 4), demote2(gaussLo(sums), gaussHi(sums)));
      xs = i32x4.add(xs, i32x4.splat(4));
    }
  }
}

/**
 * Effective lattice row jy: `channels` rows of `nodes` values, `stride` floats apart (a multiple of 4),
 * colour mix applied. With fineWeight > 0 the coarse octave (rows jy >> 1 and the next, `cstride` floats
 * per channel) is folded in and `seeds` are the fine seeds; otherwise the row is drawn from `seeds` alone.
 * Fold, per pair of fine nodes over coarse node i (t = top row, b = bottom, as effects/grain.ts writes it):
 *   even row: [t[i], (t[i] + t[i+1]) / 2]      odd row: [(t[i] + b[i]) / 2, (t[i] + t[i+1] + b[i] + b[i+1]) / 4]
 * computed as ((([t[i], t[i]] + [0, t[i+1]]) + [b[i], b[i]]) + [0, b[i+1]]) * [1/2, 1/4] (adding 0 changes nothing).
 */
export function latticeRow(jy: i32, nodes: i32, stride: i32, top: usize, bottom: usize, cstride: i32, seeds: usize, fineWeight: f64, channels: i32, out: usize): void {
  const oddY = (jy & 1) == 1;
  const zero = f64x2.splat(0);
  const fw = f64x2.splat(fineWeight);
  const scale = oddY ? f64x2(0.5, 0.25) : f64x2(1, 0.5);
  for (let c = 0; c < channels; c++) {
    const rowSalt = salt(jy, load<u32>(seeds + <usize>(c * 4)));
    const row = out + <usize>(c * stride * 4);
    const t = top + <usize>(c * cstride * 4);
    const b = bottom + <usize>(c * cstride * 4);
    let xs = i32x4(0, 1, 2, 3);
    for (let jx = 0; jx < nodes; jx += 4) {
      const sums = hash4(xs, rowSalt);
      xs = i32x4.add(xs, i32x4.splat(4));
      let lo = gaussLo(sums);
      let hi = gaussHi(sums);
      if (fineWeight > 0) {
        const p = <usize>((jx >> 1) * 4);
        const tv = v128.load(t + p);
        const t01 = f64x2.promote_low_f32x4(tv);
        const t12 = f64x2.promote_low_f32x4(i32x4.shuffle(tv, tv, 1, 2, 0, 0));
        let c0 = f64x2.add(i64x2.shuffle(t01, t01, 0, 0), i64x2.shuffle(zero, t01, 0, 3));
        let c1 = f64x2.add(i64x2.shuffle(t12, t12, 0, 0), i64x2.shuffle(zero, t12, 0, 3));
        if (oddY) {
          const bv = v128.load(b + p);
          const b01 = f64x2.promote_low_f32x4(bv);
          const b12 = f64x2.promote_low_f32x4(i32x4.shuffle(bv, bv, 1, 2, 0, 0));
          c0 = f64x2.add(f64x2.add(c0, i64x2.shuffle(b01, b01, 0, 0)), i64x2.shuffle(zero, b01, 0, 3));
          c1 = f64x2.add(f64x2.add(c1, i64x2.shuffle(b12, b12, 0, 0)), i64x2.shuffle(zero, b12, 0, 3));
        }
        lo = f64x2.add(f64x2.mul(c0, scale), f64x2.mul(fw, lo));
        hi = f64x2.add(f64x2.mul(c1, scale), f64x2.mul(fw, hi));
      }
      v128.store(row + <usize>(jx * 4), demote2(lo, hi));
    }
  }
  if (channels == 3) {
    const g = out + <usize>(stride * 4);
    const b = out + <usize>(stride * 8);
    const half = f64x2.splat(0.5);
    const share = f64x2.splat(0.6);
    const three = f64x2.splat(3);
    for (let i = 0; i < nodes; i += 4) {
      const o = <usize>(i * 4);
      const r4 = v128.load(out + o);
      const g4 = v128.load(g + o);
      const b4 = v128.load(b + o);
      const rl = f64x2.promote_low_f32x4(r4);
      const gl = f64x2.promote_low_f32x4(g4);
      const bl = f64x2.promote_low_f32x4(b4);
      const rh = f64x2.promote_low_f32x4(i64x2.shuffle(r4, r4, 1, 1));
      const gh = f64x2.promote_low_f32x4(i64x2.shuffle(g4, g4, 1, 1));
      const bh = f64x2.promote_low_f32x4(i64x2.shuffle(b4, b4, 1, 1));
      const ml = f64x2.div(f64x2.add(f64x2.add(rl, gl), bl), three);
      const mh = f64x2.div(f64x2.add(f64x2.add(rh, gh), bh), three);
      v128.store(out + o, demote2(f64x2.add(f64x2.mul(half, rl), f64x2.mul(share, ml)), f64x2.add(f64x2.mul(half, rh), f64x2.mul(share, mh))));
      v128.store(g + o, demote2(f64x2.add(f64x2.mul(half, gl), f64x2.mul(share, ml)), f64x2.add(f64x2.mul(half, gh), f64x2.mul(share, mh))));
      v128.store(b + o, demote2(f64x2.add(f64x2.mul(half, bl), f64x2.mul(share, ml)), f64x2.add(f64x2.mul(half, bh), f64x2.mul(share, mh))));
    }
  }
}
