import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api.ts';

const WIDTH = 112;
const HEIGHT = 84;

/**
 * Imported cameras have no sample picture. This draws a small colour chart (hues fading to grey over a
 * grey ramp) through the camera's own preview LUT, so its colour character still shows in the list.
 */
export function LutSwatch(props: { id: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const preview = useQuery({ queryKey: ['look-lut', props.id], queryFn: () => api.looks.preview({ id: props.id }), staleTime: Infinity });

  useEffect(() => {
    const canvas = canvasRef.current;
    const look = preview.data;
    const context = canvas?.getContext('2d');
    if (!canvas || !look || !context) return;
    const bytes = look.lut;
    const lut = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const image = context.createImageData(WIDTH, HEIGHT);
    const chartHeight = Math.round(HEIGHT * 0.72);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const input = y < chartHeight ? chartColour(x / (WIDTH - 1), y / (chartHeight - 1)) : ([x / (WIDTH - 1), x / (WIDTH - 1), x / (WIDTH - 1)] as const);
        const output = sampleTrilinear(lut, look.size, input[0], input[1], input[2]);
        const offset = (y * WIDTH + x) * 4;
        image.data[offset] = output[0] * 255;
        image.data[offset + 1] = output[1] * 255;
        image.data[offset + 2] = output[2] * 255;
        image.data[offset + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
  }, [preview.data]);

  return <canvas ref={canvasRef} width={WIDTH} height={HEIGHT} className="ds-lut-swatch" data-testid="lut-swatch" />;
}

/** Hue across, from full colour at the top to a mid grey at the bottom, at a photographic brightness. */
function chartColour(across: number, down: number): readonly [number, number, number] {
  const hue = across * 6;
  const sector = Math.floor(hue) % 6;
  const f = hue - Math.floor(hue);
  const rgb = [
    [1, f, 0],
    [1 - f, 1, 0],
    [0, 1, f],
    [0, 1 - f, 1],
    [f, 0, 1],
    [1, 0, 1 - f],
  ][sector]!;
  const saturation = 0.85 * (1 - down);
  const value = 0.75 - 0.25 * down;
  return [value * (1 - saturation + saturation * rgb[0]!), value * (1 - saturation + saturation * rgb[1]!), value * (1 - saturation + saturation * rgb[2]!)];
}

/** A 16-bit RGB table, red index fastest; trilinear is plenty for a thumbnail. */
function sampleTrilinear(lut: Uint16Array, size: number, r: number, g: number, b: number): [number, number, number] {
  const scale = size - 1;
  const position = [Math.min(Math.max(r, 0), 1) * scale, Math.min(Math.max(g, 0), 1) * scale, Math.min(Math.max(b, 0), 1) * scale];
  const low = position.map((p) => Math.min(Math.floor(p), scale - 1));
  const frac = position.map((p, i) => p - low[i]!);
  const out: [number, number, number] = [0, 0, 0];
  for (let corner = 0; corner < 8; corner++) {
    const dr = corner & 1;
    const dg = (corner >> 1) & 1;
    const db = (corner >> 2) & 1;
    const weight = (dr ? frac[0]! : 1 - frac[0]!) * (dg ? frac[1]! : 1 - frac[1]!) * (db ? frac[2]! : 1 - frac[2]!);
    if (weight === 0) continue;
    const index = (((low[2]! + db) * size + (low[1]! + dg)) * size + (low[0]! + dr)) * 3;
    out[0] += weight * lut[index]!;
    out[1] += weight * lut[index + 1]!;
    out[2] += weight * lut[index + 2]!;
  }
  return [out[0] / 65535, out[1] / 65535, out[2] / 65535];
}
