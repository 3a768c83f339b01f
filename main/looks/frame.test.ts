// Print borders true to their formats (issue 14), checked against the formats' published sizes, not the code's
// constants: ISO 1007 35 mm film (KS perforations 2.79 mm across the film and 1.98 mm along it, 4.75 mm pitch,
// so 8 per 38 mm frame advance on each edge; film 35 mm wide) and Instax Wide film (108 x 86 mm, picture 99 x 62).
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { layout } from './effects/frame.ts';
import { developStill, stopKernelWorkers } from './index.ts';

afterAll(() => stopKernelWorkers());

describe('print borders', () => {
  test('35 mm: a 36 x 24 mm picture on 35 mm film, KS perforations at 4.75 mm pitch, edge print between holes and edge', () => {
    const mm = 100; // a 3600 x 2400 picture: 100 px to the millimetre
    const frame = layout('35mm', 36 * mm, 24 * mm, 'DARKSLIDE 400');
    expect(frame.canvasH / mm).toBeCloseTo(35, 1);
    const holes = frame.marks.filter((mark) => mark.kind === 'rect');
    const top = holes.filter((hole) => hole.y < frame.canvasH / 2).sort((a, b) => a.x - b.x);
    const bottom = holes.filter((hole) => hole.y > frame.canvasH / 2);
    expect(bottom.length).toBe(top.length);
    for (const hole of holes) {
      expect(hole.width / mm, 'along the film').toBeCloseTo(1.98, 1);
      expect(hole.height / mm, 'across the film').toBeCloseTo(2.79, 1);
    }
    const pitches = top.slice(1).map((hole, i) => (hole.x - top[i]!.x) / mm);
    for (const pitch of pitches) expect(pitch).toBeCloseTo(4.75, 2);
    // 8 holes per 38 mm frame advance, on each edge.
    expect(38 / pitches[0]!).toBeCloseTo(8, 1);
    // Holes sit on the film outside the picture; the edge print between the bottom holes and the film's edge.
    for (const hole of top) expect(hole.y + hole.height).toBeLessThanOrEqual(frame.top);
    for (const hole of bottom) expect(hole.y).toBeGreaterThanOrEqual(frame.top + 24 * mm);
    const text = frame.marks.find((mark) => mark.kind === 'text');
    expect(text).toBeDefined();
    const lowestHole = Math.max(...bottom.map((hole) => hole.y + hole.height));
    expect(text!.y - text!.size).toBeGreaterThanOrEqual(lowestHole - 1);
    expect(text!.y).toBeLessThanOrEqual(frame.canvasH);
  });

  test('Instax Wide: the print keeps the film\'s 108 x 86 mm around a 99 x 62 mm picture', () => {
    const mm = 20;
    const frame = layout('instant-wide', 99 * mm, 62 * mm, '');
    expect(frame.canvasW / mm).toBeCloseTo(108, 0);
    expect(frame.canvasH / mm).toBeCloseTo(86, 0);
    // The wide border is at the bottom, where the chemistry pod was.
    expect(frame.canvasH - frame.top - 62 * mm).toBeGreaterThan(2 * frame.top);
  });

  test('half-frame: two tall 18 x 24 mm halves side by side make one 36 x 24 mm frame; a lone half keeps the border', () => {
    const mm = 50;
    const frame = layout('half-frame', 18 * mm, 24 * mm, '');
    expect(frame.pair).toBeDefined();
    const { canvasW, secondLeft } = frame.pair!;
    const gap = secondLeft - (frame.left + 18 * mm);
    expect(gap).toBeGreaterThan(0);
    // The pair is the 36 x 24 mm frame plus the gap between the halves and the same border all round.
    expect(canvasW - 2 * frame.left - gap).toBe(36 * mm);
    expect(frame.canvasH - 2 * frame.top).toBe(24 * mm);
    expect(frame.canvasW).toBe(18 * mm + 2 * frame.left);
  });
});

describe('Twin Half prints', () => {
  const flat = (r: number, g: number, b: number) => sharp({ create: { width: 640, height: 360, channels: 3, background: { r, g, b } } }).raw().toBuffer();
  const pixelAt = async (data: Buffer, x: number, y: number) => {
    const { data: raw, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
    const i = (Math.round(y) * info.width + Math.round(x)) * info.channels;
    return [raw[i]!, raw[i + 1]!, raw[i + 2]!] as const;
  };

  test('two presses fill the left and the right half, whole: no strip over either picture', async () => {
    const [red, blue] = await Promise.all([flat(200, 60, 50), flat(50, 70, 200)]);
    const pair = await developStill({ raw: red, width: 640, height: 360, channels: 3 }, { lookId: 'twin-half', grain: 0, seed: 5, format: 'png', second: { raw: blue, width: 640, height: 360, channels: 3 } });
    // Each half keeps a tall 3:4 crop of its 16:9 frame: 270 x 360.
    const l = layout('half-frame', 270, 360, '');
    expect(pair.width).toBe(l.pair!.canvasW);
    expect(pair.height).toBe(l.canvasH);
    // Across each half's middle row, every pixel is picture (its own colour), none is film.
    for (let x = l.left + 2; x < l.left + 268; x += 6) {
      const [r, , b] = await pixelAt(pair.data, x, l.top + 180);
      expect(r, `left half at x=${x}`).toBeGreaterThan(b + 40);
    }
    for (let x = l.pair!.secondLeft + 2; x < l.pair!.secondLeft + 268; x += 6) {
      const [r, , b] = await pixelAt(pair.data, x, l.top + 180);
      expect(b, `right half at x=${x}`).toBeGreaterThan(r + 40);
    }
    const [gr, gg, gb] = await pixelAt(pair.data, (l.left + 270 + l.pair!.secondLeft) / 2, l.top + 180);
    expect(Math.max(gr, gg, gb)).toBeLessThan(30);
  });

  test('one press alone is a single half in its border', async () => {
    const red = await flat(200, 60, 50);
    const single = await developStill({ raw: red, width: 640, height: 360, channels: 3 }, { lookId: 'twin-half', grain: 0, seed: 5, format: 'png' });
    const l = layout('half-frame', 270, 360, '');
    expect([single.width, single.height]).toEqual([l.canvasW, l.canvasH]);
  });

  test('a pair with a camera that is not half-frame is refused, naming the option', async () => {
    const red = await flat(200, 60, 50);
    const input = { raw: red, width: 640, height: 360, channels: 3 as const };
    await expect(developStill(input, { lookId: 'harbor-400', second: input })).rejects.toThrow(/second/);
  });
});
