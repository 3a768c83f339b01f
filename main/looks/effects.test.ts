import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { developStill, getLook, listLooks } from './index.ts';
import { computeLightMap, leakShapes } from './effects/light.ts';
import { computeLightMapAsync } from './render/pool.ts';
import { formatStampText } from './effects/stamp.ts';
import { parseLookDefinition } from './registry.ts';
import type { DarkslideError } from '../shared/errors/index.ts';

async function rawOf(data: Buffer) {
  const { data: px, info } = await sharp(data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { px, w: info.width, h: info.height };
}

describe('built-in cameras', () => {
  it('has at least 12 cameras, including a video camera with fps and gate weave', () => {
    const cams = listLooks();
    expect(cams.length).toBeGreaterThanOrEqual(12);
    const video = cams.filter((c) => c.kind === 'video').map((c) => getLook(c.id));
    expect(video.length).toBeGreaterThanOrEqual(1);
    expect(video[0]!.video!.fps).toBeGreaterThan(0);
    expect(video[0]!.video!.gateWeave).toBeGreaterThan(0);
  });

  it('gives every camera its own colour (no two LUT renders alike)', async () => {
    const scene = Buffer.alloc(48 * 32 * 3);
    for (let i = 0; i < scene.length; i++) scene[i] = (i * 53) & 255;
    const renders = await Promise.all(
      listLooks().map(async (c) => (await rawOf((await developStill({ raw: scene, width: 48, height: 32, channels: 3 }, { lookId: c.id, effects: false, format: 'png' })).data)).px),
    );
    for (let a = 0; a < renders.length; a++)
      for (let b = a + 1; b < renders.length; b++) {
        let diff = 0;
        for (let i = 0; i < renders[a]!.length; i++) diff += Math.abs(renders[a]![i]! - renders[b]![i]!);
        expect(diff / renders[a]!.length).toBeGreaterThan(1);
      }
  });

  it('refuses a bad definition naming the field', () => {
    const good = { id: 'x', version: 1, name: 'X', description: '', kind: 'photo', colour: { source: 'parametric' } };
    expect(parseLookDefinition(good, 'x.json').grain.amount).toBe(0);
    const err = (() => { try { parseLookDefinition({ ...good, grain: { amount: 3 } }, 'x.json'); } catch (e) { return e; } })() as DarkslideError;
    expect(err.code).toBe('look.invalid-definition');
    expect(err.message).toMatch(/x\.json.*grain\.amount/);
    expect(() => parseLookDefinition({ ...good, kind: 'video' }, 'v.json')).toThrow(/video/);
  });
});

describe('effects', () => {
  it('halation tints the surroundings of a highlight red-orange', async () => {
    const w = 400, h = 300;
    const raw = Buffer.alloc(w * h * 3, 40);
    const dark = Buffer.from(raw);
    for (let y = 120; y < 180; y++) for (let x = 170; x < 230; x++) raw.fill(255, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const opts = { lookId: 'nightreel-500t', seed: 3, format: 'png' as const };
    // Same seed, same grain: the only difference outside the patch is the light it spreads.
    const on = await rawOf((await developStill({ raw, width: w, height: h, channels: 3 }, opts)).data);
    const off = await rawOf((await developStill({ raw: dark, width: w, height: h, channels: 3 }, opts)).data);
    // Nightreel crops to 16:9: find the same ring position relative to the centre.
    const at = (img: { px: Buffer; w: number; h: number }, dx: number, c: number) => img.px[((img.h >> 1) * img.w + (img.w >> 1) + dx) * 3 + c]!;
    const ringR = at(on, 34, 0) - at(off, 34, 0);
    const ringB = at(on, 34, 2) - at(off, 34, 2);
    expect(at(on, 80, 0) - at(off, 80, 0)).toBeLessThan(ringR);
    expect(ringR).toBeGreaterThan(8);
    expect(ringR).toBeGreaterThan(ringB + 5);
  });

  it('the light map summed in worker bands equals the one-pass map', async () => {
    const w = 900, h = 600;
    const src = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      const x = i % w, y = (i / w) | 0;
      const v = Math.hypot(x - 300, y - 200) < 40 || Math.hypot(x - 700, y - 450) < 25 ? 255 : (x * 7 + y * 3) & 127;
      src[i * 3] = v; src[i * 3 + 1] = v; src[i * 3 + 2] = Math.min(255, v + 10);
    }
    for (const id of ['nightreel-500t', 'moment-square', 'attic-200']) {
      const cam = getLook(id);
      const single = computeLightMap(cam, src, w, h, 3, 1)!;
      const banded = (await computeLightMapAsync(cam, src, w, h, 3, 1))!;
      expect([banded.width, banded.height]).toEqual([single.width, single.height]);
      let worst = 0;
      for (let i = 0; i < single.data.length; i++) worst = Math.max(worst, Math.abs(single.data[i]! - banded.data[i]!));
      expect(worst, id).toBeLessThan(1e-3);
    }
  });

  it('light leaks are decided by the seed: same seed same leak, and about `probability` of frames leak', () => {
    const cam = getLook('attic-200');
    expect(leakShapes(cam, 11, 1.5)).toEqual(leakShapes(cam, 11, 1.5));
    let leaking = 0;
    for (let s = 0; s < 400; s++) if (leakShapes(cam, s, 1.5).length > 0) leaking++;
    expect(leaking / 400).toBeGreaterThan(cam.leaks!.probability - 0.1);
    expect(leaking / 400).toBeLessThan(cam.leaks!.probability + 0.1);
    expect(leakShapes(getLook('harbor-400'), 11, 1.5)).toEqual([]);
  });

  it('prints the date stamp left to right (never mirrored) in the lower right, and records it', async () => {
    expect(formatStampText("'YY MM DD", new Date(2026, 0, 5))).toBe("'26 01 05");
    const w = 600, h = 400;
    const r = await developStill({ raw: Buffer.alloc(w * h * 3, 0), width: w, height: h, channels: 3 }, { lookId: 'snapbox-800', seed: 1, grain: 0, format: 'png', dateStamp: new Date(2026, 0, 5) });
    expect(r.recipe.dateStampText).toBe("'26 1 5");
    const img = await rawOf(r.data);
    let minX = img.w, maxX = 0, minY = img.h;
    const cols = new Map<number, number[]>();
    for (let y = 0; y < img.h; y++)
      for (let x = 0; x < img.w; x++) {
        const o = (y * img.w + x) * 3;
        if (img.px[o]! > 150 && img.px[o]! > img.px[o + 2]! + 80) {
          minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y);
          if (!cols.has(x)) cols.set(x, []);
          cols.get(x)!.push(y);
        }
      }
    expect(minX).toBeGreaterThan(img.w / 2);
    expect(minY).toBeGreaterThan(img.h / 2);
    // The apostrophe comes first: the leftmost lit columns sit only in the upper part of the glyph row.
    const glyphTop = minY;
    const leftCols = [...cols.entries()].filter(([x]) => x < minX + 4).flatMap(([, ys]) => ys);
    const rightCols = [...cols.entries()].filter(([x]) => x > maxX - 4).flatMap(([, ys]) => ys);
    expect(Math.max(...leftCols) - glyphTop).toBeLessThan(Math.max(...rightCols) - glyphTop);
    const none = await developStill({ raw: Buffer.alloc(w * h * 3, 0), width: w, height: h, channels: 3 }, { lookId: 'snapbox-800', seed: 1, dateStamp: null, format: 'png' });
    expect(none.recipe.dateStampText).toBeNull();
  });

  it('frames: instant square is a square picture in a border with a deep bottom, 35mm adds a strip', async () => {
    const raw = { raw: Buffer.alloc(640 * 480 * 3, 128), width: 640, height: 480, channels: 3 as const };
    const sq = await developStill(raw, { lookId: 'moment-square', seed: 1, format: 'png' });
    const side = Math.round(480 * 0.06);
    expect(sq.width).toBe(480 + 2 * side);
    expect(sq.height).toBe(480 + side + Math.round(480 * 0.24));
    const img = await rawOf(sq.data);
    const px = (x: number, y: number) => [...img.px.subarray((y * img.w + x) * 3, (y * img.w + x) * 3 + 3)];
    expect(px(5, img.h - 5)).toEqual([242, 239, 230]);
    const strip = await developStill(raw, { lookId: 'nocturne-3200', seed: 1, format: 'png' });
    expect(strip.height).toBeGreaterThan(strip.width / 1.5 * 1.3);
    const colourOnly = await developStill(raw, { lookId: 'moment-square', effects: false, format: 'png' });
    expect([colourOnly.width, colourOnly.height]).toEqual([640, 480]);
  });

  it('crops to the camera aspect following the picture orientation', async () => {
    const portrait = { raw: Buffer.alloc(300 * 600 * 3, 90), width: 300, height: 600, channels: 3 as const };
    const r = await developStill(portrait, { lookId: 'pixelmate-99', seed: 2, format: 'png', dateStamp: null });
    expect([r.width, r.height]).toEqual([300, 400]);
  });
});
