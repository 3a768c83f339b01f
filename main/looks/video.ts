/**
 * The same look as an ffmpeg filter graph, for recording and exporting video. Colour goes through lut3d
 * (tetrahedral, float planar RGB); everything that does not depend on the picture (radial gain, grain,
 * light leaks) is rendered once by Darkslide into files and blended, so it matches the stills exactly;
 * halation and bloom follow the picture, so ffmpeg computes them with the stills' formulas.
 *
 * The graph reads `[0:v]` and ends in `[vout]` (yuv420p, BT.709 limited range, tagged). Plates are read
 * with the `movie` source (decoded once, repeated by `loop`), so the caller adds no inputs; `extraInputs` lists every file the graph reads
 * (delete them when the job is done, or keep `workDir` as a cache). Date stamps and frames are laid over
 * every frame as the still renderer places them.
 */
import sharp, { type Sharp } from 'sharp';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { getLook, lookLut } from './registry.ts';
import { blendWithIdentity, lutFromFunction } from './lut/lut.ts';
import { formatCube } from './lut/cube.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { aspectCropSize, effectiveAspect, placeStamp, resolveRecipe } from './develop.ts';
import { layout } from './effects/frame.ts';
import { formatStampText } from './effects/stamp.ts';
import { radialGainTable, type RadialGain } from './effects/vignette.ts';
import { GRAIN_CODES_AT_FULL, GrainSampler } from './effects/grain.ts';
import { leakShapes, lightGridSize } from './effects/light.ts';
import { srgbToLinear } from './colour/transfer.ts';
import type { LookDefinition } from './schema.ts';

export type VideoFilterOptions = {
  width: number;
  height: number;
  fps: number;
  strength?: number;
  grain?: number;
  effects?: boolean;
  seed?: number;
  /** Grain plates cycled frame to frame (default 4). */
  grainPlates?: number;
  /** Frame-to-frame weave of video looks (default on). */
  gateWeave?: boolean;
  /** Where LUT, masks and plates are written (default a temp folder); files are reused when identical. */
  workDir?: string;
  /** The date imprinted by looks that have a date stamp (default: now; null: no imprint). */
  dateStamp?: Date | null;
};
async function writePng(target: string, image: Sharp): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp.png`;
  await image.png().toFile(tmp);
  renameSync(tmp, target);
}

export type VideoFilter = { filterComplex: string; extraInputs: string[]; width: number; height: number; fps: number };

const RADIAL_ENTRIES = 4096;
/** 1 / 0.9961547, the float value swscale gives 8-bit white (measured on ffmpeg 5.1, RGB and YUV sources alike). */
const EIGHT_BIT_FLOAT_GAIN = 1.00386;

function even(n: number): number {
  return Math.max(2, n - (n % 2));
}

/** ffmpeg filter-argument escaping for paths inside a filtergraph. */
function graphPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/([:'\\,;[\]])/g, '\\\\$1');
}

/** Writes what `make` gives only when the file is not there yet: a LUT's text takes tens of ms to build. */
function atomicWrite(file: string, make: () => string | Buffer): void {
  if (existsSync(file)) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, make());
  renameSync(tmp, file);
}

function oneDCube(title: string, fn: (x: number) => number, size = 4096): string {
  const lines = [`TITLE "${title}"`, `LUT_1D_SIZE ${size}`];
  for (let i = 0; i < size; i++) {
    const v = fn(i / (size - 1)).toFixed(7);
    lines.push(`${v} ${v} ${v}`);
  }
  return lines.join('\n') + '\n';
}

async function writeRaw16(file: string, data: Uint16Array, width: number, height: number): Promise<void> {
  if (existsSync(file)) return;
  const tmp = `${file}.${process.pid}.tmp.png`;
  await sharp(data, { raw: { width, height, channels: 3 } }).toColourspace('rgb16').png({ compressionLevel: 3 }).toFile(tmp);
  renameSync(tmp, file);
}

/** Radial gain / 2 (flash can push it above 1), exactly the kernel's table lookup, per pixel centre. */
function radialPlate(g: RadialGain, width: number, height: number): Uint16Array {
  const table = radialGainTable(g, RADIAL_ENTRIES);
  const out = new Uint16Array(width * height * 3);
  const halfW = width / 2;
  const halfH = height / 2;
  const inv = 1 / (halfW * halfW + halfH * halfH);
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - halfH;
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - halfW;
      const t = (dx * dx + dy * dy) * inv * RADIAL_ENTRIES;
      const ti = t >= RADIAL_ENTRIES ? RADIAL_ENTRIES - 1 : Math.floor(t);
      const tf = t >= RADIAL_ENTRIES ? 1 : t - ti;
      const f = table[ti]! + (table[ti + 1]! - table[ti]!) * tf;
      const v = Math.round(Math.min(Math.max(f / 2, 0), 1) * 65535);
      const o = (y * width + x) * 3;
      out[o] = out[o + 1] = out[o + 2] = v;
    }
  }
  return out;
}

/**
 * The size a look records a capture of `size` at, as buildVideoFilter's graph will: the look's crop, then the
 * frame's canvas around it. Cheap (no plates drawn), so a size can be offered as what will really be recorded.
 */
export function videoOutputSize(lookId: string, size: { width: number; height: number }, options: { effects?: boolean } = {}): { width: number; height: number } {
  const look: LookDefinition = getLook(lookId);
  const effects = options.effects ?? true;
  const crop = aspectCropSize(size.width, size.height, effects ? effectiveAspect(look) : null);
  const W = even(crop.width);
  const H = even(crop.height);
  if (look.frame === 'none' || !effects) return { width: W, height: H };
  const frame = layout(look.frame, W, H, '');
  return { width: even(frame.canvasW), height: even(frame.canvasH) };
}

export async function buildVideoFilter(lookId: string, options: VideoFilterOptions): Promise<VideoFilter> {
  const look: LookDefinition = getLook(lookId);
  const { width: inW, height: inH } = options;
  if (!Number.isInteger(inW) || !Number.isInteger(inH) || inW < 16 || inH < 16)
    throw new DarkslideError('video.invalid-size', { width: inW, height: inH });
  if (!(options.fps > 0)) throw new DarkslideError('look.invalid-option', { option: 'fps', expected: 'more than 0', value: String(options.fps) });
  const recipe = resolveRecipe(look, { lookId, strength: options.strength, grain: options.grain, effects: options.effects, seed: options.seed ?? 1 });
  const fx = recipe.effects ? recipe.grain : 0;
  const crop = aspectCropSize(inW, inH, recipe.effects ? effectiveAspect(look) : null);
  const W = even(crop.width);
  const H = even(crop.height);
  const fps = look.video && recipe.effects ? look.video.fps : options.fps;

  const key = createHash('sha256')
    .update(JSON.stringify({ look, recipe, W, H, plates: options.grainPlates ?? 4 }))
    .digest('hex')
    .slice(0, 16);
  const dir = options.workDir ?? join(tmpdir(), 'darkslide-video', key);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const file = (name: string) => {
    const f = join(dir, `${key}-${name}`);
    files.push(f);
    return f;
  };

  const chains: string[] = [];
  let pre = `[0:v]crop=${W}:${H}:${Math.round((inW - W) / 2)}:${Math.round((inH - H) / 2)}`;
  if (look.video && recipe.effects && options.gateWeave !== false && look.video.gateWeave > 0) {
    // Weave: a small crop wandering on two incommensurate sines of the frame number, scaled back.
    const m = Math.max(1, Math.round(look.video.gateWeave * Math.min(W, H)));
    chains.push(`${pre},crop=${W - 2 * m}:${H - 2 * m}:'${m}+${m}*(0.6*sin(n*1.3)+0.4*sin(n*0.31+2))':'${m}+${m}*(0.6*sin(n*0.9+1)+0.4*sin(n*0.23))',scale=${W}:${H}:flags=bicubic[cropped]`);
    pre = '[cropped]null';
  }
  if (look.video && recipe.effects) pre += `,fps=${fps}`;
  const lutFile = file('look.cube');
  atomicWrite(lutFile, () => formatCube(blendWithIdentity(lookLut(look.id), recipe.strength), look.name));

  const hal = fx > 0 && look.halation && look.halation.amount > 0 ? look.halation : null;
  const bloom = fx > 0 && look.bloom && look.bloom.amount > 0 ? look.bloom : null;
  const short = Math.min(W, H);
  const leaks = fx > 0 ? leakShapes(look, recipe.seed, W / short) : [];
  const hasLight = hal || bloom || leaks.length > 0;
  // swscale turns 8-bit samples (RGB or YUV) into float as about v/256 (white = 0.99615, a code dark); a
  // hop through rgb48 fixes RGB but costs 3x and makes YUV worse (white 0.9922), so scale back instead.
  chains.push(`${pre},format=gbrpf32le,colorchannelmixer=rr=${EIGHT_BIT_FLOAT_GAIN}:gg=${EIGHT_BIT_FLOAT_GAIN}:bb=${EIGHT_BIT_FLOAT_GAIN}${hasLight ? ',split=2[src][lightsrc]' : '[src]'}`);
  chains.push(`[src]lut3d=file=${graphPath(lutFile)}:interp=tetrahedral[graded]`);
  let current = '[graded]';

  if (hasLight) {
    // Same working grids as the stills: halation's (or the default) for the map, a coarser one for bloom.
    const grid = lightGridSize(W, H, hal ? hal.radius : 0);
    const gridShort = Math.min(grid.w, grid.h);
    const parts: string[] = [];
    const sources = [hal ? 'hal' : null, bloom ? 'bloom' : null].filter(Boolean) as string[];
    if (sources.length === 2) chains.push('[lightsrc]split=2[halsrc][bloomsrc]');
    else if (sources.length === 1) chains.push(`[lightsrc]null[${sources[0]}src]`);
    else chains.push('[lightsrc]nullsink');
    if (hal) {
      // Linearise, take luma and threshold in one lut3d pass (three full-resolution passes otherwise).
      const maskFile = file(`halation-mask-${hal.threshold}.cube`);
      atomicWrite(maskFile, () =>
        formatCube(
          lutFromFunction(33, (r, g, b) => {
            const m = Math.max(0, (0.2126 * srgbToLinear(r) + 0.7152 * srgbToLinear(g) + 0.0722 * srgbToLinear(b) - hal.threshold) / (1 - hal.threshold));
            return [m, m, m];
          }),
          'halation mask',
        ),
      );
      const k = hal.amount * fx;
      chains.push(
        `[halsrc]lut3d=file=${graphPath(maskFile)}:interp=tetrahedral,scale=${grid.w}:${grid.h}:flags=area,gblur=sigma=${(hal.radius * gridShort).toFixed(4)}:steps=6,` +
          `colorchannelmixer=rr=${(hal.tint[0] * k).toFixed(5)}:gg=${(hal.tint[1] * k).toFixed(5)}:bb=${(hal.tint[2] * k).toFixed(5)}[hal]`,
      );
      parts.push('[hal]');
    }
    if (bloom) {
      const thr = file(`bloom-${bloom.threshold}.cube`);
      atomicWrite(thr, () => oneDCube('linear threshold', (x) => Math.max(0, (srgbToLinear(x) - bloom.threshold) / (1 - bloom.threshold))));
      const k = bloom.amount * fx;
      const bg = lightGridSize(W, H, bloom.radius);
      const bw = Math.min(bg.w, grid.w);
      const bh = Math.min(bg.h, grid.h);
      chains.push(
        `[bloomsrc]lut1d=file=${graphPath(thr)},scale=${bw}:${bh}:flags=area,gblur=sigma=${(bloom.radius * Math.min(bw, bh)).toFixed(4)}:steps=6,` +
          `scale=${grid.w}:${grid.h}:flags=bilinear,colorchannelmixer=rr=${k.toFixed(5)}:gg=${k.toFixed(5)}:bb=${k.toFixed(5)}[bloom]`,
      );
      parts.push('[bloom]');
    }
    if (leaks.length > 0) {
      const plate = new Uint16Array(grid.w * grid.h * 3);
      for (const leak of leaks) {
        const k = leak.intensity * fx;
        for (let y = 0; y < grid.h; y++)
          for (let x = 0; x < grid.w; x++) {
            const nx = ((x + 0.5) / grid.w) * (W / short);
            const ny = ((y + 0.5) / grid.h) * (H / short);
            const dx = (nx - leak.cx) / leak.rx;
            const dy = (ny - leak.cy) / leak.ry;
            const f = Math.exp(-(dx * dx + dy * dy) * 1.5) * k;
            const o = (y * grid.w + x) * 3;
            for (let c = 0; c < 3; c++) plate[o + c] = Math.min(65535, plate[o + c]! + Math.round((leak.colour[c]! / 255) * f * 65535));
          }
      }
      const leakFile = file('leaks.png');
      await writeRaw16(leakFile, plate, grid.w, grid.h);
      chains.push(`movie=${graphPath(leakFile)},format=gbrpf32le,loop=loop=-1:size=1:start=0,setpts=N/(${fps}*TB)[leaks]`);
      parts.push('[leaks]');
    }
    // As in the stills, the light adds up on the working grid and is upsampled once.
    let light = parts[0]!;
    for (let i = 1; i < parts.length; i++) {
      chains.push(`${light}${parts[i]}blend=all_mode=addition:shortest=1[light${i}]`);
      light = `[light${i}]`;
    }
    chains.push(`${light}scale=${W}:${H}:flags=bilinear[lightfull]`);
    chains.push(`${current}[lightfull]blend=all_mode=screen:shortest=1[lit]`);
    current = '[lit]';
  }

  const vignette = look.vignette && fx > 0 ? look.vignette.amount * fx : 0;
  const flash = look.flash && fx > 0 ? look.flash.amount * fx : 0;
  if (vignette > 0 || flash > 0) {
    const g: RadialGain = { vignette, falloff: look.vignette?.falloff ?? 2.5, flash, flashReach: look.flash?.reach ?? 0.7 };
    const radialFile = file('radial.png');
    if (!existsSync(radialFile)) await writeRaw16(radialFile, radialPlate(g, W, H), W, H);
    chains.push(`movie=${graphPath(radialFile)},format=gbrpf32le,loop=loop=-1:size=1:start=0,setpts=N/(${fps}*TB)[radial]`);
    // Built-in blend modes only: an all_expr blend evaluates an expression per sample and ran at ~2 fps at 720p.
    chains.push(`${current}[radial]blend=all_mode=multiply:shortest=1,colorchannelmixer=rr=2:gg=2:bb=2[radialed]`);
    current = '[radialed]';
  }

  if (fx > 0 && look.grain.amount > 0) {
    const plates = Math.max(1, Math.min(12, options.grainPlates ?? 4));
    const amp = look.grain.amount * fx * GRAIN_CODES_AT_FULL;
    // Grain plates, 16-bit around 32768 (8-bit plates come into float as v/256, not v/255: a half-code bias),
    // stacked vertically; frame n shows plate n mod count.
    const grainFile = file(`grain-${plates}.png`);
    // Drawn once per look and size (the file is the cache). Drawing 1080p plates takes seconds of JavaScript in
    // main, which also forwards the viewfinder's frames: give the event loop a turn every few milliseconds.
    if (!existsSync(grainFile)) {
      const data = new Uint16Array(W * H * plates * 3);
      let turn = performance.now();
      for (let p = 0; p < plates; p++) {
        const sampler = new GrainSampler(W, H, (recipe.seed + p * 7919) | 0, { ...look.grain, amount: look.grain.amount * fx });
        for (let y = 0; y < H; y++) {
          const rows = sampler.row(y);
          const o = ((p * H + y) * W) * 3;
          for (let x = 0; x < W; x++)
            for (let c = 0; c < 3; c++) {
              const v = Math.round(32768 + rows[rows.length === 1 ? 0 : c]![x]! * amp * 257);
              data[o + x * 3 + c] = v < 0 ? 0 : v > 65535 ? 65535 : v;
            }
          if (performance.now() - turn > 8) {
            await new Promise((resolve) => setImmediate(resolve));
            turn = performance.now();
          }
        }
      }
      const tmp = `${grainFile}.${process.pid}.tmp.png`;
      await sharp(data, { raw: { width: W, height: H * plates, channels: 3 } }).toColourspace('rgb16').png({ compressionLevel: 3 }).toFile(tmp);
      renameSync(tmp, grainFile);
    }
    chains.push(`movie=${graphPath(grainFile)},format=gbrpf32le,loop=loop=-1:size=1:start=0,setpts=N/(${fps}*TB),crop=${W}:${H}:0:'${H}*mod(n,${plates})'[grainplate]`);
    // A + (B - 0.5) * w(A) with w(a) = 0.25 + 3a(1-a), from built-in modes:
    // X = w(A) * B + (1 - w(A)) / 2 (multiply, then addition), then grainmerge: A + X - 0.5.
    const weightFile = file('grain-weight.cube');
    atomicWrite(weightFile, () => oneDCube('grain weight', (a) => 0.25 + 3 * a * (1 - a)));
    const offsetFile = file('grain-offset.cube');
    atomicWrite(offsetFile, () => oneDCube('grain offset', (a) => (1 - (0.25 + 3 * a * (1 - a))) / 2));
    chains.push(`${current}split=3[gbase][gw][go]`);
    chains.push(`[gw]lut1d=file=${graphPath(weightFile)}[gweight]`);
    chains.push(`[go]lut1d=file=${graphPath(offsetFile)}[goffset]`);
    chains.push(`[gweight][grainplate]blend=all_mode=multiply:shortest=1[gscaled]`);
    chains.push(`[gscaled][goffset]blend=all_mode=addition[gdelta]`);
    chains.push(`[gbase][gdelta]blend=all_mode=grainmerge[grained]`);
    current = '[grained]';
  }
  // Date imprint and frame, as the still renderer places them: rendered once by sharp, laid over every frame.
  const stampDate = options.dateStamp === undefined ? new Date() : options.dateStamp;
  if (look.dateStamp && recipe.effects && stampDate) {
    const text = formatStampText(look.dateStamp.format, stampDate);
    const placed = placeStamp(W, H, text, look.dateStamp.style, look.dateStamp.colour);
    {
      const stampFile = file(`stamp-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.png`);
      if (!existsSync(stampFile)) await writePng(stampFile, sharp({ create: { width: W, height: H, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: placed.stamp.svg, left: placed.left, top: placed.top }]));
      chains.push(`movie=${graphPath(stampFile)},format=rgba,loop=loop=-1:size=1:start=0,setpts=N/(${fps}*TB)[stampplate]`);
      chains.push(`${current}format=rgb24[unstamped]`);
      chains.push(`[unstamped][stampplate]overlay=0:0:shortest=1:format=rgb[stamped]`);
      current = '[stamped]';
    }
  }
  let outW = W;
  let outH = H;
  if (look.frame !== 'none' && recipe.effects) {
    const frame = layout(look.frame, W, H, `DARKSLIDE ${look.name.toUpperCase()}`.replace(/[<>&]/g, ''));
    outW = even(frame.canvasW);
    outH = even(frame.canvasH);
    chains.push(`${current}format=rgb24,pad=${outW}:${outH}:${frame.left}:${frame.top}:color=${frame.background.replace('#', '0x')}[padded]`);
    current = '[padded]';
    if (frame.overlay) {
      const overlayFile = file('frame-overlay.png');
      if (!existsSync(overlayFile)) await writePng(overlayFile, sharp(Buffer.from(frame.overlay)).resize(outW, outH, { fit: 'fill' }));
      chains.push(`movie=${graphPath(overlayFile)},format=rgba,loop=loop=-1:size=1:start=0,setpts=N/(${fps}*TB)[frameplate]`);
      chains.push(`${current}[frameplate]overlay=0:0:shortest=1:format=rgb[framed]`);
      current = '[framed]';
    }
  }
  chains.push(
    `${current}scale=${outW}:${outH}:out_color_matrix=bt709:out_range=tv:flags=accurate_rnd,format=yuv420p,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709[vout]`,
  );
  return { filterComplex: chains.join(';\n'), extraInputs: files, width: outW, height: outH, fps };
}
