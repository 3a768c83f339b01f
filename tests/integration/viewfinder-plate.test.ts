// looks.grainPlate through the real app (dispatcher, contract validation, look engine, pixel workers): what a
// camera view on a machine without a GPU asks for instead of building its grain plate a strip a frame. That the
// plate is the one the GPU builds is checked in Chromium (tests/e2e/preview-parity.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';
import { GrainSampler } from '../../main/looks/effects/grain.ts';
import { getLook, listLooks } from '../../main/looks/index.ts';

let dir: string;
let app: Darkslide;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'darkslide-viewfinder-plate-'));
  app = await createDarkslide({ libraryRoot: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('looks.grainPlate', () => {
  test("gives a grainy camera's plate as RGB floats, rows from the top, the grain sampler's values", async () => {
    const width = 640;
    const height = 360;
    const result = await app.dispatch('looks.grainPlate', { id: 'harbor-400', width, height, seed: 7 });
    expect(result.ok).toBe(true);
    const bytes = result.ok ? (result.value as { plate: Uint8Array | null }).plate : null;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes!.byteLength).toBe(width * height * 3 * 4);
    const plate = new Float32Array(bytes!.slice().buffer);
    // Row 200 as the still renderer's JavaScript sampler (the reference the kernel matches bit for bit) draws it.
    const sampler = new GrainSampler(width, height, 7, getLook('harbor-400').grain);
    const channels = sampler.row(200);
    const row = Array.from({ length: width * 3 }, (_, i) => channels[channels.length === 1 ? 0 : i % 3]![Math.floor(i / 3)]!);
    expect(Array.from(plate.subarray(200 * width * 3, 201 * width * 3))).toEqual(row);
  });

  test('gives none for a camera without grain', async () => {
    const clean = listLooks().find((look) => getLook(look.id).grain.amount <= 0);
    expect(clean).toBeDefined();
    const result = await app.dispatch('looks.grainPlate', { id: clean!.id, width: 320, height: 180, seed: 0 });
    expect(result).toEqual({ ok: true, value: { plate: null } });
  });

  test('refuses a plate larger than a viewfinder canvas, naming the field', async () => {
    const result = await app.dispatch('looks.grainPlate', { id: 'harbor-400', width: 4096, height: 4096, seed: 0 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(/width/);
  });
});
