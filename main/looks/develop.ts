import sharp, { type Sharp } from 'sharp';
import { statSync } from 'node:fs';
import { fileError } from '../shared/errors/file-system.ts';
import { randomInt } from 'node:crypto';
import { DarkslideError } from '../shared/errors/index.ts';
import { lookLut, lookLutAsync, getLook } from './registry.ts';
import { blendWithIdentity, type Lut3D } from './lut/lut.ts';
import { type KernelParams } from './render/kernel.ts';
import { acquireShared, colourTable, holdColourTable, copyInSlices, colourTableName, computeLightMapAsync, finishLightAsync, grainPlateAsync, highlightBandsAsync, lightBands, releaseShared, runKernelAsync, runKernelRowsAsync, TABLE_MIN_PIXELS, toSharedAsync } from './render/pool.ts';
import type { LookDefinition } from './schema.ts';
import { planLight, type LightMap } from './effects/light.ts';
import { formatStampText, stampSvg, type StampStyle } from './effects/stamp.ts';
import { applyFrame, frameAspect } from './effects/frame.ts';
import { aspectCropSize } from '../shared/looks/math.ts';

export type OutputFormat = 'jpeg' | 'png' | 'tiff' | 'webp';

/**
 * Bumped whenever the same recipe would give different pixels (kernel, grain, light, frames, encoder settings):
 * batch jobs key what they developed by source, recipe and this, so a change here develops everything afresh.
 */
export const RENDERER_VERSION = 2;
export type DevelopOptions = {
  lookId: string;
  /** Colour strength 0..1 (default 1). */
  strength?: number;
  /** Grain and effects strength 0..1 (default 1). */
  grain?: number;
  /** false = colour only. */
  effects?: boolean;
  seed?: number;
  dateStamp?: Date | null;
  format?: OutputFormat;
  quality?: number;
  longEdge?: number;
  /**
   * EXIF written by the encoder itself (sharp's withExif: IFD0 and the Exif IFD, values as text), so a shot
   * needs no second pass through exiftool. Nothing else is carried over from the input.
   */
  exif?: EncoderExif;
  /**
   * JPEG only: true builds Huffman tables for this picture (a second pass over every coefficient): the same
   * pixels in a file about 5% smaller, for four times the encode (0.48 s instead of 0.12 s of CPU for 12 MP,
   * a third of a batch develop's work). Default false, for the shutter and every batch (sharp's own default is
   * true, so encodes here and in the benchmarks' baselines say false where they mean it).
   */
  optimiseCoding?: boolean;
  /**
   * Whether a large picture may be decoded as two row ranges at once, so one photo uses two cores (default
   * true). A batch with two photos in flight says false: the second range's decoder decodes every row above
   * it too, about 60% more decode CPU, and both cores are busy anyway (bench:develop: 1 s of 16 saved).
   */
  decodeInParts?: boolean;
  /** What messages call the input (the person's file name); default: its path, or "the picture". */
  displayName?: string;
  /**
   * Half-frame looks: the picture for the right half of the print, developed on its own (seed + 1) as a
   * second exposure; the input fills the left half. Without it the print is a single half.
   */
  second?: DevelopInput;
  /**
   * Also make a small JPEG of the finished print (`size` on its long side, never enlarged, at `quality`) from
   * its pixels, on another core while the full picture encodes: the shutter's album thumbnail, made the way the
   * library makes one (library THUMBNAIL), without decoding the new file again (that decode was most of a
   * 1080p shot's filing time).
   */
  thumbnail?: { size: number; quality: number };
};
export type EncoderExif = { IFD0?: Record<string, string>; IFD2?: Record<string, string> };
export type Recipe = { lookId: string; lookVersion: number; strength: number; grain: number; effects: boolean; seed: number; dateStampText: string | null; pair?: true };
export type RawImage = { raw: Buffer; width: number; height: number; channels: 3 };
export type DevelopInput = string | Buffer | RawImage;
export type DevelopResult = { data: Buffer; width: number; height: number; format: string; recipe: Recipe; thumbnail?: Buffer };

function unitOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new DarkslideError('look.invalid-option', { option: name, expected: 'between 0 and 1', value: String(value) });
  return value;
}

function describeInput(input: DevelopInput, displayName?: string): string {
  return displayName ?? (typeof input === 'string' ? input : 'the picture');
}

/** libvips' reason in a few words: its first line, without the paths and prefixes it adds. */
function decodeDetail(error: unknown): string {
  const first = ((error as Error)?.message ?? String(error)).split('\n')[0]!.replace(/^[A-Za-z]+(load|save)?[A-Za-z_]*: /, '').replace(/ ?"[^"]*"/g, '');
  return first.trim().replace(/\.$/, '').slice(0, 160) || 'unknown reason';
}

/** The error for a picture that cannot be decoded; an empty file says so instead of "unsupported format". */
function undecodable(input: DevelopInput, error: unknown, displayName?: string): DarkslideError {
  const file = describeInput(input, displayName);
  if (Buffer.isBuffer(input) && input.length === 0) return new DarkslideError('file.empty', { file }, { cause: error });
  if (typeof input === 'string') {
    let size: number;
    try {
      size = statSync(input).size;
    } catch (statError) {
      return fileError(statError, file);
    }
    if (size === 0) return new DarkslideError('file.empty', { file }, { cause: error });
  }
  return new DarkslideError('develop.undecodable', { file, detail: decodeDetail(error) }, { cause: error });
}

export function resolveRecipe(look: LookDefinition, options: DevelopOptions): Recipe {
  const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new DarkslideError('look.invalid-option', { option: 'seed', expected: 'a whole number', value: String(seed) });
  return {
    lookId: look.id,
    lookVersion: look.version,
    strength: unitOption('strength', options.strength, 1),
    grain: unitOption('grain', options.grain, 1),
    effects: options.effects ?? true,
    seed,
    dateStampText: null,
  };
}

export { aspectCropSize };

/**
 * Decodes to 8-bit sRGB, oriented, centre-cropped to the look's aspect (turned to match the picture's
 * orientation) and resized to longEdge if asked, in one libvips pipeline.
 */
export async function decodeInput(input: DevelopInput, longEdge?: number, aspect?: string | null, displayName?: string): Promise<{ data: Buffer; width: number; height: number }> {
  let img: Sharp;
  let w: number;
  let h: number;
  try {
    if (typeof input === 'string' || Buffer.isBuffer(input)) {
      img = sharp(input, { failOn: 'error', limitInputPixels: MAX_PIXELS }).rotate();
      // The header is only needed to plan a crop or resize; a plain develop skips that extra file read.
      if (aspect || longEdge !== undefined) {
        const meta = await sharp(input).metadata();
        w = meta.autoOrient?.width ?? meta.width ?? 0;
        h = meta.autoOrient?.height ?? meta.height ?? 0;
      } else {
        w = 0;
        h = 0;
      }
    } else {
      if (input.channels !== 3 || input.raw.length !== input.width * input.height * 3)
        throw new DarkslideError('develop.raw-size', { width: input.width, height: input.height, expected: input.width * input.height * 3, actual: input.raw.length });
      img = sharp(input.raw, { raw: { width: input.width, height: input.height, channels: 3 } });
      w = input.width;
      h = input.height;
    }
  } catch (error) {
    if (error instanceof DarkslideError) throw error;
    throw undecodable(input, error, displayName);
  }
  if (longEdge !== undefined && (!Number.isInteger(longEdge) || longEdge < 16))
    throw new DarkslideError('look.invalid-option', { option: 'longEdge', expected: 'a whole number of at least 16', value: String(longEdge) });
  let { width: tw, height: th } = aspectCropSize(w, h, w > 0 ? (aspect ?? null) : null);
  if (longEdge !== undefined && Math.max(tw, th) > longEdge) {
    const s = longEdge / Math.max(tw, th);
    tw = Math.max(1, Math.round(tw * s));
    th = Math.max(1, Math.round(th * s));
  }
  // Raw capture pixels that keep their size are already what the kernel reads: no trip through libvips.
  if (typeof input !== 'string' && !Buffer.isBuffer(input) && tw === w && th === h) return { data: input.raw, width: w, height: h };
  if (tw !== w || th !== h) img = img.resize({ width: tw, height: th, fit: 'cover', position: 'centre' });
  try {
    const { data, info } = await img.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw undecodable(input, error, displayName);
  }
}

/** A late-90s CCD: resampled through its small sensor, soft then oversharpened, through its own JPEG. */
async function digitalCharacter(look: LookDefinition, data: Buffer, width: number, height: number, fx: number): Promise<Buffer> {
  const d = look.digital;
  if (!d || fx <= 0) return data;
  let img = sharp(data, { raw: { width, height, channels: 3 } });
  const native = d.nativeLongEdge;
  if (native && Math.max(width, height) > native) img = img.resize({ width: width >= height ? native : undefined, height: height > width ? native : undefined });
  const scale = native ? Math.min(1, native / Math.max(width, height)) : 1;
  if (d.softness > 0) img = img.blur(Math.max(0.3, d.softness * 1.2 * scale * fx));
  if (d.sharpen > 0) img = img.sharpen({ sigma: 0.8, m1: 0, m2: d.sharpen * 4 * fx });
  const jpeg = await img.jpeg({ quality: Math.round(100 - (100 - d.jpegQuality) * fx), chromaSubsampling: '4:2:0' }).toBuffer();
  let back = sharp(jpeg);
  if (scale < 1) back = back.resize({ width, height, fit: 'fill', kernel: 'linear' });
  return back.removeAlpha().raw().toBuffer();
}

export async function encodeOutput(pixels: Uint8Array, width: number, height: number, format: OutputFormat, quality?: number, exif?: EncoderExif, optimiseCoding = false): Promise<Buffer> {
  // No embedded profile: attaching one makes libvips run an sRGB->sRGB transform (~12% of the encode);
  // untagged JPEG/PNG/WebP are read as sRGB, and the batch carries the source's EXIF ColorSpace over.
  let img = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (exif) img = img.withExif(exif);
  const q = quality ?? 92;
  if (!Number.isInteger(q) || q < 1 || q > 100) throw new DarkslideError('look.invalid-option', { option: 'quality', expected: 'a whole number from 1 to 100', value: String(quality) });
  switch (format) {
    case 'jpeg':
      // 4:4:4: film colour edges (halation, toning) suffer visibly from chroma subsampling.
      return img.jpeg({ quality: q, chromaSubsampling: '4:4:4', optimiseCoding }).toBuffer();
    case 'png':
      return img.png({ compressionLevel: 6 }).toBuffer();
    case 'tiff':
      return img.tiff({ compression: 'lzw' }).toBuffer();
    case 'webp':
      return img.webp({ quality: q }).toBuffer();
    default:
      throw new DarkslideError('look.invalid-option', { option: 'format', expected: 'jpeg, png, tiff or webp', value: String(format) });
  }
}

export function kernelParamsFor(look: LookDefinition, recipe: Recipe, width: number, height: number, light: LightMap | null = null): KernelParams & { lut: Lut3D } {
  const fx = recipe.effects ? recipe.grain : 0;
  const vignette = look.vignette && fx > 0 ? look.vignette.amount * fx : 0;
  const flash = look.flash && fx > 0 ? look.flash.amount * fx : 0;
  return {
    width,
    height,
    lut: blendWithIdentity(lookLut(look.id), recipe.strength),
    radial: vignette > 0 || flash > 0 ? { vignette, falloff: look.vignette?.falloff ?? 2.5, flash, flashReach: look.flash?.reach ?? 0.7 } : null,
    grain: look.grain.amount > 0 && fx > 0 ? { ...look.grain, amount: look.grain.amount * fx } : null,
    seed: recipe.seed,
    light,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The look's own aspect, or the one its frame imposes. */
export function effectiveAspect(look: LookDefinition): string | null {
  return frameAspect(look.frame) ?? look.aspect;
}

/**
 * The largest picture developed, in pixels: a 61 MP full-frame photo fits, with the whole develop under the
 * 2 GB memory budget (scripts/bench/memory.ts measured about 22 bytes a pixel: 105 MP took 2.5 GB). Larger ones
 * are refused from their header, before any pixel is decoded: a 775 KB PNG may declare 16000x16000. Developing
 * in strips would lift this; until then a 100 MP medium-format photo is refused with the reason.
 */
export const MAX_PIXELS = 70_000_000;

/** Refuses, from the header alone, what is too big to develop (or not a picture at all). */
async function checkSize(input: DevelopInput, displayName?: string): Promise<void> {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return;
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch (error) {
    throw undecodable(input, error, displayName);
  }
  if (width * height > MAX_PIXELS)
    throw new DarkslideError('develop.too-many-pixels', { file: describeInput(input, displayName), width, height, megapixels: Math.round((width * height) / 1e6), limit: Math.round(MAX_PIXELS / 1e6) });
}

export async function developStill(input: DevelopInput, options: DevelopOptions): Promise<DevelopResult> {
  const look = getLook(options.lookId);
  const recipe = resolveRecipe(look, options);
  const thumbnail = options.thumbnail;
  if (thumbnail !== undefined && (!Number.isInteger(thumbnail.size) || thumbnail.size < 16 || thumbnail.size > 4096)) {
    throw new DarkslideError('look.invalid-option', { option: 'thumbnail.size', expected: 'a whole number of pixels from 16 to 4096', value: String(thumbnail.size) });
  }
  if (thumbnail !== undefined && (!Number.isInteger(thumbnail.quality) || thumbnail.quality < 1 || thumbnail.quality > 100)) {
    throw new DarkslideError('look.invalid-option', { option: 'thumbnail.quality', expected: 'a whole number from 1 to 100', value: String(thumbnail.quality) });
  }
  await checkSize(input, options.displayName);
  // kernelParamsFor then finds the look's LUT made, off this thread.
  await lookLutAsync(look.id);
  const format = options.format ?? 'jpeg';
  if (options.second !== undefined) {
    if (look.frame !== 'half-frame') throw new DarkslideError('look.invalid-option', { option: 'second', expected: 'a half-frame camera', value: look.id });
    // Colour only has no frame to put a pair in: the first picture alone.
    if (recipe.effects) return developPair(input, options.second, look, recipe, format, options);
  }
  const split = options.decodeInParts === false ? null : await splitPlan(input, look, recipe, options.longEdge);
  if (split) return developSplit(input, split, look, recipe, format, options);
  const { pixels: developed, width, height } = await developPicture(input, look, recipe, options);
  try {
    return await finishStill(look, recipe, developed, width, height, format, options);
  } finally {
    releaseShared(developed);
  }
}

/** Decode, crop and the look, without imprint or frame; the pixels are shared memory the caller releases. */
async function developPicture(input: DevelopInput, look: LookDefinition, recipe: Recipe, options: DevelopOptions): Promise<{ pixels: Uint8Array; width: number; height: number }> {
  const fx = recipe.effects ? recipe.grain : 0;
  const decoded = await decodeInput(input, options.longEdge, keptAspect(look, recipe), options.displayName);
  const { width, height } = decoded;
  const source = await toSharedAsync(await digitalCharacter(look, decoded.data, width, height, fx));
  const light = await computeLightMapAsync(look, source, width, height, recipe.seed, fx);
  const params = kernelParamsFor(look, recipe, width, height, light);
  await withColourTable(look, recipe, params);
  params.grainPlate = await takeGrainPlate(params);
  const pixels = await runKernelAsync(params, source);
  releaseShared(source);
  return { pixels, width, height };
}

/**
 * Two exposures on one half-frame print, each developed as its own picture (its own vignette, grain and
 * imprint, as two frames of film are). A second picture of another size is fitted to the first's.
 */
async function developPair(first: DevelopInput, second: DevelopInput, look: LookDefinition, recipe: Recipe, format: OutputFormat, options: DevelopOptions): Promise<DevelopResult> {
  await checkSize(second, options.displayName);
  const left = await developPicture(first, look, recipe, options);
  try {
    const { width, height } = left;
    const right = await developPicture(second, look, { ...recipe, seed: (recipe.seed + 1) % 2 ** 31 }, options);
    let rightPixels: Uint8Array = right.pixels;
    try {
      if (right.width !== width || right.height !== height) {
        rightPixels = await sharp(right.pixels, { raw: { width: right.width, height: right.height, channels: 3 } }).resize({ width, height, fit: 'cover' }).raw().toBuffer();
      }
      const [leftStamped, rightStamped] = await Promise.all([stampFor(look, recipe, left.pixels, width, height, options), stampFor(look, recipe, rightPixels, width, height, options)]);
      const framed = await applyFrame(look.frame, leftStamped, width, height, edgeText(look, recipe), rightStamped);
      return { ...(await encodeFinished(framed, format, options)), format, recipe: { ...recipe, pair: true } };
    } finally {
      releaseShared(right.pixels);
    }
  } finally {
    releaseShared(left.pixels);
  }
}

/** Grain plates drawn ahead of shots (prepareStill), by size, seed and grain; each is used once. */
const grainPlates = new Map<string, Promise<SharedArrayBuffer | null>>();
const GRAIN_PLATES_KEPT = 2;
/** 4K: a plate is 12 bytes a pixel, so larger pictures draw their grain as they develop. */
const GRAIN_PLATE_MAX_PIXELS = 3840 * 2160;

function grainPlateKey(p: KernelParams): string | null {
  if (!p.grain || p.grain.amount <= 0) return null;
  return `${p.width}x${p.height}:${p.seed}:${p.grain.size}:${p.grain.roughness}:${p.grain.monochrome ? 1 : 0}`;
}

/** Forgets the plates drawn ahead (tests start from none; the ones being drawn finish unused). */
export function forgetPreparedStills(): void {
  grainPlates.clear();
}

/** How many grain plates are drawn or being drawn and not yet used (tests). */
export function grainPlatesWaiting(): number {
  return grainPlates.size;
}

function takeGrainPlate(params: KernelParams): Promise<SharedArrayBuffer | null> | null {
  const key = grainPlateKey(params);
  const plate = key ? grainPlates.get(key) : undefined;
  if (!plate) return null;
  grainPlates.delete(key!);
  return plate;
}

/**
 * Gets a look ready to develop the next shot of a `frame`-sized capture with this seed: its grain finer than
 * a pixel (most of a webcam still's develop time) is drawn now, in the background, so the shutter only reads
 * it. developStill with the same look, seed and options then gives the same bytes as without preparing.
 * Aborting `signal` (another look chosen before this one was used) stops the drawing where it is.
 */
export function prepareStill(frame: { width: number; height: number }, options: DevelopOptions & { seed: number; signal?: AbortSignal }): Promise<void> {
  const preparing = prepare(frame, options);
  const settled = preparing.catch(() => undefined).finally(() => preparations.delete(settled));
  preparations.add(settled);
  return preparing;
}

/** prepareStill calls not yet done. */
const preparations = new Set<Promise<void>>();

/** Resolves once every preparation asked for so far is done (tests: a press made when the shot is ready). */
export async function preparationsSettled(): Promise<void> {
  while (preparations.size > 0) await Promise.all([...preparations]);
}

async function prepare(frame: { width: number; height: number }, options: DevelopOptions & { seed: number; signal?: AbortSignal }): Promise<void> {
  const look = getLook(options.lookId);
  const recipe = resolveRecipe(look, options);
  const kept = aspectCropSize(frame.width, frame.height, keptAspect(look, recipe));
  await lookLutAsync(look.id);
  if (kept.width * kept.height > GRAIN_PLATE_MAX_PIXELS) return;
  const params = kernelParamsFor(look, recipe, kept.width, kept.height);
  // A 1080p shot develops through the colour table: filled here once per look, not on the shutter's path.
  // Failing here is left to the develop, which fills it again and reports what went wrong.
  const table = withColourTable(look, recipe, params)
    .then(() => (params.table ? holdColourTable(params.table) : undefined))
    .catch(() => undefined);
  const key = grainPlateKey(params);
  if (!key) {
    await table;
    return;
  }
  let plate = grainPlates.get(key);
  if (!plate) {
    const drawing: Promise<SharedArrayBuffer | null> = grainPlateAsync(params.width, params.height, params.seed, params.grain!, options.signal).catch(() => {
      // Abandoned (or failed): a develop that finds no plate draws its grain itself.
      if (grainPlates.get(key) === drawing) grainPlates.delete(key);
      return null;
    });
    plate = drawing;
    grainPlates.set(key, plate);
    while (grainPlates.size > GRAIN_PLATES_KEPT) grainPlates.delete(grainPlates.keys().next().value!);
  }
  await Promise.all([plate, table]);
}

async function withColourTable(look: LookDefinition, recipe: Recipe, params: KernelParams & { lut: Lut3D }): Promise<void> {
  if (params.width * params.height < TABLE_MIN_PIXELS) return;
  params.table = await colourTable(`${look.id}@${look.version}:${recipe.strength}`, params.lut);
  params.tableKey = colourTableName(params.table);
}

/** Below this many pixels a picture is decoded in one piece: two decoders cost more than they save. */
const SPLIT_MIN_PIXELS = 4_000_000;
/** Share of the rows in the top part: its decoder stops early, so its kernel starts while the rest decodes. */
const SPLIT_TOP_SHARE = 0.6;

/** The crop a develop keeps: the look's (or its frame's) aspect, none when effects are off. */
function keptAspect(look: LookDefinition, recipe: Recipe): string | null {
  return recipe.effects ? effectiveAspect(look) : null;
}

/** Whether developStill decodes this input in two parts (its tests check both ways give the same bytes). */
export async function decodesInParts(input: DevelopInput, options: DevelopOptions): Promise<boolean> {
  const look = getLook(options.lookId);
  return options.decodeInParts !== false && (await splitPlan(input, look, resolveRecipe(look, options), options.longEdge)) !== null;
}

/** The picture as decodeInput gives it (a centre crop of the file at `left`, `top`), and the split row. */
type SplitPlan = { width: number; height: number; left: number; top: number; split: number };

/**
 * A large encoded picture that needs no turning or resize is decoded as two row ranges at once (a decoder
 * is single-threaded), and developing the top range starts as soon as it is in. Anything else (raw pixels,
 * EXIF rotation, a long-edge resize, the CCD look's whole-picture resampling) is decoded in one piece.
 */
async function splitPlan(input: DevelopInput, look: LookDefinition, recipe: Recipe, longEdge: number | undefined): Promise<SplitPlan | null> {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return null;
  if (look.digital && recipe.effects && recipe.grain > 0) return null;
  let meta;
  try {
    meta = await sharp(input).metadata();
  } catch {
    return null; // decodeInput reports it, with the file's name
  }
  const fileWidth = meta.width ?? 0;
  const fileHeight = meta.height ?? 0;
  if ((meta.orientation ?? 1) !== 1 || (meta.pages ?? 1) > 1) return null;
  const { width, height } = aspectCropSize(fileWidth, fileHeight, keptAspect(look, recipe));
  if (width * height < SPLIT_MIN_PIXELS) return null;
  if (longEdge !== undefined && Math.max(width, height) > longEdge) return null;
  // Where sharp's centre crop (resize with fit 'cover' at scale 1) takes the picture from.
  const left = Math.floor((fileWidth - width + 1) / 2);
  const top = Math.floor((fileHeight - height + 1) / 2);
  return { width, height, left, top, split: Math.round(height * SPLIT_TOP_SHARE) };
}

async function decodeRows(input: string | Buffer, left: number, top: number, width: number, height: number, displayName?: string): Promise<Buffer> {
  try {
    return await sharp(input, { failOn: 'error', limitInputPixels: MAX_PIXELS }).extract({ left, top, width, height }).removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer();
  } catch (error) {
    throw undecodable(input, error, displayName);
  }
}

async function developSplit(input: DevelopInput, plan: SplitPlan, look: LookDefinition, recipe: Recipe, format: OutputFormat, options: DevelopOptions): Promise<DevelopResult> {
  const { width, height } = plan;
  const file = input as string | Buffer;
  const fx = recipe.effects ? recipe.grain : 0;
  const rowBytes = width * 3;
  // Light (halation, bloom) sums highlights over the whole picture in fixed bands: those looks split on a
  // band boundary and sum each part's bands as it arrives; the kernel then waits for the finished map.
  const lightPlan = planLight(look, width, height, recipe.seed, fx);
  const needsPixels = !!lightPlan && (!!lightPlan.lumaRequest || !!lightPlan.rgbRequest);
  const bands = needsPixels ? lightBands(width, height) : null;
  const split = bands ? Math.min(height - 1, Math.ceil(bands.count / 2) * bands.rows) : plan.split;
  const source = acquireShared(rowBytes * height);
  const developed = acquireShared(rowBytes * height);
  let sourceHeld = true;
  try {
    const parts = [decodeRows(file, plan.left, plan.top, width, split, options.displayName), decodeRows(file, plan.left, plan.top + split, width, height - split, options.displayName)] as const;
    for (const part of parts) part.catch(() => undefined); // reported through settle() below
    const params = kernelParamsFor(look, recipe, width, height, needsPixels ? null : await computeLightMapAsync(look, new Uint8Array(0), width, height, recipe.seed, fx));
    const table = withColourTable(look, recipe, params);
    params.grainPlate = await takeGrainPlate(params);
    const place = async (part: Promise<Buffer>, y0: number): Promise<void> => {
      await copyInSlices(source, await part, y0 * rowBytes);
    };
    if (needsPixels && bands) {
      const topBands = Array.from({ length: Math.ceil(split / bands.rows) }, (_, b) => b);
      const bottomBands = Array.from({ length: bands.count - topBands.length }, (_, b) => topBands.length + b);
      const sums = [place(parts[0], 0).then(() => highlightBandsAsync(lightPlan!, source, topBands)), place(parts[1], split).then(() => highlightBandsAsync(lightPlan!, source, bottomBands))];
      await settle([...sums, table]);
      params.light = await finishLightAsync(lightPlan!, [...(await sums[0]!), ...(await sums[1]!)]);
      await runKernelRowsAsync(params, source, developed, 0, height);
    } else if (needsPixels) {
      await settle([place(parts[0], 0), place(parts[1], split), table]);
      params.light = await computeLightMapAsync(look, source, width, height, recipe.seed, fx);
      await runKernelRowsAsync(params, source, developed, 0, height);
    } else {
      // Every job is waited for, even after a failure: workers must be done with the buffers before reuse.
      await settle([
        place(parts[0], 0).then(() => table).then(() => runKernelRowsAsync(params, source, developed, 0, split)),
        place(parts[1], split).then(() => table).then(() => runKernelRowsAsync(params, source, developed, split, height)),
      ]);
    }
    releaseShared(source);
    sourceHeld = false;
    return await finishStill(look, recipe, developed, width, height, format, options);
  } finally {
    if (sourceHeld) releaseShared(source);
    releaseShared(developed);
  }
}

/** Waits for all, then throws the first failure. */
async function settle(jobs: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The date imprint, when the look has one and it is wanted (recorded in the recipe). */
async function stampFor(look: LookDefinition, recipe: Recipe, pixels: Uint8Array, width: number, height: number, options: DevelopOptions): Promise<Uint8Array> {
  if (!look.dateStamp || !recipe.effects || options.dateStamp === null) return pixels;
  recipe.dateStampText = formatStampText(look.dateStamp.format, options.dateStamp ?? new Date());
  return stampPicture(pixels, width, height, recipe.dateStampText, look.dateStamp.style, look.dateStamp.colour);
}

function edgeText(look: LookDefinition, recipe: Recipe): string {
  const frameNo = 1 + (recipe.seed % 36);
  return escapeXml(`DARKSLIDE ${look.name.toUpperCase()}   \u25B8${frameNo}   ${frameNo}A`);
}

async function finishStill(look: LookDefinition, recipe: Recipe, developed: Uint8Array, width: number, height: number, format: OutputFormat, options: DevelopOptions): Promise<DevelopResult> {
  const pixels = await stampFor(look, recipe, developed, width, height, options);
  let framed = { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height };
  if (recipe.effects && look.frame !== 'none') framed = await applyFrame(look.frame, pixels, width, height, edgeText(look, recipe));
  return { ...(await encodeFinished(framed, format, options)), format, recipe };
}

/** The print encoded, with its thumbnail made from the same pixels at once when asked (options.thumbnail). */
async function encodeFinished(framed: { data: Uint8Array; width: number; height: number }, format: OutputFormat, options: DevelopOptions): Promise<{ data: Buffer; width: number; height: number; thumbnail?: Buffer }> {
  const { width, height } = framed;
  const small = options.thumbnail;
  const [data, thumbnail] = await Promise.all([
    encodeOutput(framed.data, width, height, format, options.quality, options.exif, options.optimiseCoding),
    small === undefined ? undefined : sharp(framed.data, { raw: { width, height, channels: 3 } }).resize(small.size, small.size, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: small.quality }).toBuffer(),
  ]);
  return { data, width, height, ...(thumbnail ? { thumbnail } : {}) };
}

/** Date imprint glyph height and its margin from the corner, as shares of the picture's short side. */
export const STAMP_GLYPH_SHARE = 0.045;
export const STAMP_MARGIN_SHARE = 0.05;

/** Where and how big the date imprint is on a picture of this size: the same for stills and video. */
export function placeStamp(width: number, height: number, text: string, style: StampStyle, colour: string) {
  const short = Math.min(width, height);
  const glyph = Math.max(8, Math.round(short * STAMP_GLYPH_SHARE));
  const stamp = stampSvg(text, style, colour, glyph);
  const margin = Math.round(short * STAMP_MARGIN_SHARE);
  return { stamp, left: Math.max(0, width - stamp.width - margin), top: Math.max(0, height - stamp.height - margin) };
}

/** Date imprint in the picture's lower right (each half of a half-frame pair is a picture of its own). */
export async function stampPicture(pixels: Uint8Array, width: number, height: number, text: string, style: StampStyle, colour: string): Promise<Uint8Array> {
  const { stamp, left, top } = placeStamp(width, height, text, style, colour);
  const { data } = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: stamp.svg, left, top, blend: 'screen' }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data;
}
