/**
 * A synthetic test scene defined in coordinates normalised to the frame, so it can be drawn at any size:
 * a grey ramp, a hue sweep at several lightnesses, skin tones, saturated primaries, and a dark band with
 * blown highlights (what halation and bloom react to).
 */
const SKIN: [number, number, number][] = [
  [255, 224, 196], [241, 194, 155], [224, 172, 130], [198, 134, 94], [160, 100, 66], [110, 68, 44], [75, 48, 33],
];
const SATURATED: [number, number, number][] = [
  [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255], [255, 0, 255], [255, 128, 0], [128, 0, 255],
];

function hue(h: number): [number, number, number] {
  const k = (n: number) => (n + h * 6) % 6;
  const f = (n: number) => 1 - Math.max(0, Math.min(k(n), 4 - k(n), 1));
  return [f(5), f(3), f(1)];
}

export function sceneColour(u: number, v: number): [number, number, number] {
  if (v < 0.2) {
    const g = Math.round(u * 255);
    return [g, g, g];
  }
  if (v < 0.45) {
    // Hue across, lightness down: pastel at the top of the band, deep at the bottom.
    const t = (v - 0.2) / 0.25;
    const [r, g, b] = hue(u);
    const mixWhite = (c: number) => (t < 0.5 ? c + (1 - c) * (0.5 - t) * 1.2 : c * (1.35 - 0.7 * t));
    return [Math.round(255 * mixWhite(r)), Math.round(255 * mixWhite(g)), Math.round(255 * mixWhite(b))];
  }
  if (v < 0.6) return SKIN[Math.min(SKIN.length - 1, Math.floor(u * SKIN.length))]!;
  if (v < 0.75) return SATURATED[Math.min(SATURATED.length - 1, Math.floor(u * SATURATED.length))]!;
  // Night scene: dark blue-grey with lamps (white, warm, cool) that blow out.
  const lamps: [number, number, number, [number, number, number]][] = [
    [0.15, 0.87, 0.04, [255, 255, 255]], [0.4, 0.85, 0.025, [255, 230, 170]], [0.62, 0.9, 0.05, [255, 250, 240]], [0.85, 0.86, 0.03, [200, 230, 255]],
  ];
  for (const [cx, cy, r, c] of lamps) {
    const d = Math.hypot((u - cx) * 16 / 9, v - cy);
    if (d < r) return c;
  }
  const base = 18 + 30 * (1 - v) + 20 * u;
  return [Math.round(base * 0.8), Math.round(base * 0.9), Math.round(base * 1.2)];
}

/** RGB, 8 bits, row-major; each pixel takes the scene at its centre. */
export function makeTestImage(width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = sceneColour((x + 0.5) / width, (y + 0.5) / height);
      const o = (y * width + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  return out;
}
