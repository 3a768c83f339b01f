/**
 * Additive light computed at a reduced working resolution (blurs are wide, so nothing is lost) and
 * upsampled per row by the kernel: halation (red-orange bleed of highlights through the film base),
 * bloom (the source colour glowing), seeded light leaks. Highlights are taken from the scene in linear
 * light, before the look's colour, as on film.
 */
import type { LookDefinition } from '../schema.ts';
import { gaussianTaps, hash32, LIGHT_GRID_SHORT_SIDE, LINEAR_8, lightGridSize } from '../../shared/looks/math.ts';

export { LIGHT_GRID_SHORT_SIDE, lightGridSize };

export type LightMap = { width: number; height: number; /** RGB interleaved, 8-bit code units, screen-blended. */ data: Float32Array };


/** Bilinear resample of an RGB grid to another grid size, pixel centres aligned (as the kernel upsamples). */
function resampleRgb(data: Float32Array, w: number, h: number, tw: number, th: number): Float32Array {
  if (w === tw && h === th) return data;
  const out = new Float32Array(tw * th * 3);
  for (let y = 0; y < th; y++) {
    const gy = Math.min(Math.max(((y + 0.5) * h) / th - 0.5, 0), h - 1);
    const iy = Math.min(Math.floor(gy), Math.max(h - 2, 0));
    const fy = h > 1 ? gy - iy : 0;
    const y1 = Math.min(iy + 1, h - 1);
    for (let x = 0; x < tw; x++) {
      const gx = Math.min(Math.max(((x + 0.5) * w) / tw - 0.5, 0), w - 1);
      const ix = Math.min(Math.floor(gx), Math.max(w - 2, 0));
      const fx = w > 1 ? gx - ix : 0;
      const x1 = Math.min(ix + 1, w - 1);
      for (let c = 0; c < 3; c++) {
        const top = data[(iy * w + ix) * 3 + c]! + (data[(iy * w + x1) * 3 + c]! - data[(iy * w + ix) * 3 + c]!) * fx;
        const bot = data[(y1 * w + ix) * 3 + c]! + (data[(y1 * w + x1) * 3 + c]! - data[(y1 * w + ix) * 3 + c]!) * fx;
        out[(y * tw + x) * 3 + c] = top + (bot - top) * fy;
      }
    }
  }
  return out;
}

export type GridRequest = { w: number; h: number; threshold: number };
export type HighlightSums = { luma: Float32Array | null; rgb: Float32Array | null };

/** Sums to means: each cell's pixel count follows from the same floor mapping the sums used. */
function averageSums(grid: Float32Array, req: GridRequest, width: number, height: number): void {
  const colCount = new Float32Array(req.w);
  for (let x = 0; x < width; x++) {
    const c = Math.min(req.w - 1, Math.floor((x * req.w) / width));
    colCount[c] = colCount[c]! + 1;
  }
  const rowCount = new Float32Array(req.h);
  for (let y = 0; y < height; y++) {
    const c = Math.min(req.h - 1, Math.floor((y * req.h) / height));
    rowCount[c] = rowCount[c]! + 1;
  }
  for (let y = 0; y < req.h; y++)
    for (let x = 0; x < req.w; x++) {
      const n = rowCount[y]! * colCount[x]! || 1;
      const i = (y * req.w + x) * 3;
      grid[i] = grid[i]! / n;
      grid[i + 1] = grid[i + 1]! / n;
      grid[i + 2] = grid[i + 2]! / n;
    }
}

/**
 * Sums per-pixel highlight energy (linear light above the threshold, rescaled to 0..1) onto working grids for
 * rows [y0, y1), in one pass: halation's from luma (channel 0 of its grid), bloom's per channel. Bands can be
 * summed separately (in workers) and added up.
 */
export function highlightSums(src: Uint8Array, width: number, height: number, lumaReq: GridRequest | null, rgbReq: GridRequest | null, y0 = 0, y1 = height): HighlightSums {
  const luma = lumaReq ? new Float32Array(lumaReq.w * lumaReq.h * 3) : null;
  const rgb = rgbReq ? new Float32Array(rgbReq.w * rgbReq.h * 3) : null;
  // Per-code tables: most pixels sit below the threshold and cost three lookups.
  const lr = new Float32Array(256);
  const lg = new Float32Array(256);
  const lb = new Float32Array(256);
  const over = new Float32Array(256);
  const lumaThreshold = lumaReq?.threshold ?? 2;
  const rgbThreshold = rgbReq?.threshold ?? 2;
  const rgbNorm = rgbReq ? 1 / (1 - rgbReq.threshold) : 0;
  for (let v = 0; v < 256; v++) {
    lr[v] = 0.2126 * LINEAR_8[v]!;
    lg[v] = 0.7152 * LINEAR_8[v]!;
    lb[v] = 0.0722 * LINEAR_8[v]!;
    over[v] = Math.max(0, LINEAR_8[v]! - rgbThreshold) * rgbNorm;
  }
  const lumaNorm = lumaReq ? 1 / (1 - lumaReq.threshold) : 0;
  // Every table grows with its code, so a pixel whose brightest channel is at most `dark` adds nothing to
  // either grid: one comparison skips the six lookups for most of a photograph.
  let dark = -1;
  while (dark < 255 && lr[dark + 1]! + lg[dark + 1]! + lb[dark + 1]! - lumaThreshold <= 0 && over[dark + 1]! === 0) dark++;
  const columns = (req: GridRequest | null) => {
    if (!req) return null;
    const cx = new Int32Array(width);
    for (let x = 0; x < width; x++) cx[x] = Math.min(req.w - 1, Math.floor((x * req.w) / width));
    return { cx };
  };
  const lc = columns(lumaReq);
  const rc = columns(rgbReq);
  for (let y = y0; y < y1; y++) {
    const lrow = lumaReq ? Math.min(lumaReq.h - 1, Math.floor((y * lumaReq.h) / height)) * lumaReq.w : 0;
    const rrow = rgbReq ? Math.min(rgbReq.h - 1, Math.floor((y * rgbReq.h) / height)) * rgbReq.w : 0;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      const r = src[o]!;
      const g = src[o + 1]!;
      const b = src[o + 2]!;
      if (r <= dark && g <= dark && b <= dark) continue;
      if (luma && lc) {
        const l = lr[r]! + lg[g]! + lb[b]! - lumaThreshold;
        if (l > 0) {
          const c = (lrow + lc.cx[x]!) * 3;
          luma[c] = luma[c]! + l * lumaNorm;
        }
      }
      if (rgb && rc) {
        const orr = over[r]!;
        const og = over[g]!;
        const ob = over[b]!;
        if (orr + og + ob > 0) {
          const c = (rrow + rc.cx[x]!) * 3;
          rgb[c] = rgb[c]! + orr;
          rgb[c + 1] = rgb[c + 1]! + og;
          rgb[c + 2] = rgb[c + 2]! + ob;
        }
      }
    }
  }
  return { luma, rgb };
}

/** Separable Gaussian on an interleaved RGB grid, edges clamped. Exact (not an IIR approximation). */
export function gaussianBlurRgb(data: Float32Array, w: number, h: number, sigma: number, channels: 1 | 3 = 3): Float32Array {
  if (sigma < 0.3) return data;
  const kernel = gaussianTaps(sigma);
  const radius = (kernel.length - 1) / 2;
  const tmp = new Float32Array(data.length);
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k < 0 ? 0 : x + k >= w ? w - 1 : x + k;
          acc += kernel[k + radius]! * data[(y * w + xx) * 3 + c]!;
        }
        tmp[(y * w + x) * 3 + c] = acc;
      }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const yy = y + k < 0 ? 0 : y + k >= h ? h - 1 : y + k;
          acc += kernel[k + radius]! * tmp[(yy * w + x) * 3 + c]!;
        }
        out[(y * w + x) * 3 + c] = acc;
      }
  return out;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Uniform 0..1 from the frame seed, one per named draw. */
function draw(seed: number, a: number, b: number): number {
  return hash32(seed, a, b) / 4294967296;
}

export type LeakShape = { cx: number; cy: number; rx: number; ry: number; colour: [number, number, number]; intensity: number };

/**
 * Light leaks for a frame: whether the frame leaks and where is decided by the seed alone, in coordinates
 * normalised to the short side, so a preview and the full develop agree.
 */
export function leakShapes(look: LookDefinition, seed: number, aspectWidth: number): LeakShape[] {
  const leaks = look.leaks;
  if (!leaks || draw(seed, 71, 0) >= leaks.probability) return [];
  const count = 1 + Math.floor(draw(seed, 71, 1) * 2);
  const shapes: LeakShape[] = [];
  for (let i = 0; i < count; i++) {
    // Leaks come in from the film's long edges (left/right in a landscape frame), as a loaded back fogs.
    const fromRight = draw(seed, 72, i) < 0.5;
    shapes.push({
      cx: fromRight ? aspectWidth + 0.05 : -0.05,
      cy: 0.1 + draw(seed, 73, i) * 0.8,
      rx: 0.25 + draw(seed, 74, i) * 0.35,
      ry: 0.4 + draw(seed, 75, i) * 0.6,
      colour: hexToRgb(leaks.colours[Math.floor(draw(seed, 76, i) * leaks.colours.length)]!),
      intensity: leaks.intensity * (0.6 + 0.4 * draw(seed, 77, i)),
    });
  }
  return shapes;
}

export type LightPlan = {
  width: number;
  height: number;
  fx: number;
  w: number;
  h: number;
  halation: LookDefinition['halation'];
  bloom: LookDefinition['bloom'];
  lumaRequest: GridRequest | null;
  rgbRequest: GridRequest | null;
  leaks: LeakShape[];
};

/** What light a frame gets and on which grids; null when the look adds none. fx = the user's effects strength. */
export function planLight(look: LookDefinition, width: number, height: number, seed: number, fx: number): LightPlan | null {
  const hal = look.halation && look.halation.amount > 0 ? look.halation : null;
  const bloom = look.bloom && look.bloom.amount > 0 ? look.bloom : null;
  const short = Math.min(width, height);
  const leaks = leakShapes(look, seed, width / short);
  if (fx <= 0 || (!hal && !bloom && leaks.length === 0)) return null;
  // The map lives on the halation grid (the finest needed); bloom is computed coarser and resampled.
  const { w, h } = lightGridSize(width, height, hal ? hal.radius : 0);
  const bg = bloom ? lightGridSize(width, height, bloom.radius) : null;
  return {
    width,
    height,
    fx,
    w,
    h,
    halation: hal,
    bloom,
    lumaRequest: hal ? { w, h, threshold: hal.threshold } : null,
    rgbRequest: bloom && bg ? { w: Math.min(bg.w, w), h: Math.min(bg.h, h), threshold: bloom.threshold } : null,
    leaks,
  };
}

/** Blurs, tints and adds up the light from the summed highlights (small grids: cheap). */
export function finishLightMap(plan: LightPlan, sums: HighlightSums): LightMap {
  const { w, h, fx, width, height } = plan;
  const hal = plan.halation;
  const bloom = plan.bloom;
  const short = Math.min(width, height);
  const data = new Float32Array(w * h * 3);
  if (hal && sums.luma && plan.lumaRequest) {
    averageSums(sums.luma, plan.lumaRequest, width, height);
    const mask = gaussianBlurRgb(sums.luma, w, h, hal.radius * Math.min(w, h), 1);
    const k = 255 * hal.amount * fx;
    for (let i = 0; i < w * h; i++) {
      const m = mask[i * 3]!;
      data[i * 3] = data[i * 3]! + m * hal.tint[0] * k;
      data[i * 3 + 1] = data[i * 3 + 1]! + m * hal.tint[1] * k;
      data[i * 3 + 2] = data[i * 3 + 2]! + m * hal.tint[2] * k;
    }
  }
  if (bloom && sums.rgb && plan.rgbRequest) {
    const { w: bw, h: bh } = plan.rgbRequest;
    averageSums(sums.rgb, plan.rgbRequest, width, height);
    const glow = resampleRgb(gaussianBlurRgb(sums.rgb, bw, bh, bloom.radius * Math.min(bw, bh)), bw, bh, w, h);
    const k = 255 * bloom.amount * fx;
    for (let i = 0; i < data.length; i++) data[i] = data[i]! + glow[i]! * k;
  }
  for (const leak of plan.leaks) {
    const k = leak.intensity * fx;
    for (let y = 0; y < h; y++) {
      const ny = ((y + 0.5) / h) * (height / short);
      for (let x = 0; x < w; x++) {
        const nx = ((x + 0.5) / w) * (width / short);
        const dx = (nx - leak.cx) / leak.rx;
        const dy = (ny - leak.cy) / leak.ry;
        const f = Math.exp(-(dx * dx + dy * dy) * 1.5) * k;
        const o = (y * w + x) * 3;
        data[o] = data[o]! + leak.colour[0] * f;
        data[o + 1] = data[o + 1]! + leak.colour[1] * f;
        data[o + 2] = data[o + 2]! + leak.colour[2] * f;
      }
    }
  }
  return { width: w, height: h, data };
}

/** The whole light map in one call (small pictures, and the worker-less fallback). */
export function computeLightMap(look: LookDefinition, src: Uint8Array, width: number, height: number, seed: number, fx: number): LightMap | null {
  const plan = planLight(look, width, height, seed, fx);
  if (!plan) return null;
  return finishLightMap(plan, highlightSums(src, width, height, plan.lumaRequest, plan.rgbRequest));
}
