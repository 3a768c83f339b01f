// Print borders true to their formats (issue 14), checked against the formats' published sizes, not the code's
// constants: ISO 1007 35 mm film (KS perforations 2.79 mm across the film and 1.98 mm along it, 4.75 mm pitch,
// so 8 per 38 mm frame advance on each edge; film 35 mm wide) and Instax Wide film (108 x 86 mm, picture 99 x 62).
import { describe, expect, test } from 'vitest';
import { layout } from './effects/frame.ts';

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
});
