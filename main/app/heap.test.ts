// The V8 setting is process-wide, so each case runs in a child process of its own: the same run of decoded-photo
// sized buffers, with and without countPixelBuffersInHeapLimit, counting V8's full collections.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heap = fileURLToPath(new URL('./heap.ts', import.meta.url));

function fullCollections(tuned: boolean): number {
  const script = `
    import { countPixelBuffersInHeapLimit } from ${JSON.stringify(heap)};
    import { PerformanceObserver, constants } from 'node:perf_hooks';
    if (${tuned}) countPixelBuffersInHeapLimit();
    let full = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++; }).observe({ entryTypes: ['gc'] });
    const held = [];
    // Twenty 24 MP photos' pixels, two alive at a time, as a batch holds them.
    for (let i = 0; i < 20; i++) {
      const pixels = Buffer.allocUnsafe(72_000_000);
      pixels.fill(i);
      held.push(pixels);
      if (held.length > 2) held.shift();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(full);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('countPixelBuffersInHeapLimit', () => {
  it('stops buffers outside the heap from starting full collections of their own', () => {
    const untouched = fullCollections(false);
    const counted = fullCollections(true);
    expect(untouched).toBeGreaterThanOrEqual(10);
    expect(counted).toBeLessThanOrEqual(untouched / 3);
  });
});
