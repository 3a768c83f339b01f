// A camera's LUT compiled on a pixel worker (lookLutAsync) is the very LUT this thread compiles, float for float,
// and is what lookLut then gives.
import { afterAll, describe, expect, it } from 'vitest';
import { compileParametric } from './colour/compile.ts';
import { getLook, listLooks, lookLutAsync } from './index.ts';
import { invalidateLooks, lookLut } from './registry.ts';
import { stopKernelWorkers } from './render/pool.ts';

afterAll(() => stopKernelWorkers());

const bytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe('lookLutAsync', () => {
  it('gives every shipped camera the same LUT as compiling it here, and lookLut then returns it', { timeout: 60_000 }, async () => {
    const ids = listLooks().map((look) => look.id);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      const colour = getLook(id).colour;
      if (colour.source !== 'parametric') continue;
      const here = compileParametric(colour);
      const compiled = await lookLutAsync(id);
      expect(compiled.size).toBe(here.size);
      expect(bytes(compiled.data).equals(bytes(here.data)), id).toBe(true);
      expect(lookLut(id)).toBe(compiled);
    }
  });

  it('compiles a camera once when asked for it twice at once', async () => {
    invalidateLooks(); // forgets the LUTs the test above made
    const [a, b] = await Promise.all([lookLutAsync('glacier-50'), lookLutAsync('glacier-50')]);
    expect(a).toBe(b);
  });

  it('refuses an unknown camera as lookLut does', async () => {
    await expect(lookLutAsync('no-such-camera')).rejects.toMatchObject({ code: 'look.unknown' });
  });
});
