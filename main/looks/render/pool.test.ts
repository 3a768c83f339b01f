// The pool's sliced copy, which keeps a decoded picture's move into shared memory from blocking the main thread.
import { describe, expect, it } from 'vitest';
import { copyInSlices, toSharedAsync } from './pool.ts';

describe('copyInSlices', () => {
  it('puts every byte where one set() would, over several slices and at an odd offset', async () => {
    const src = new Uint8Array(9 * 1024 * 1024 + 12_345);
    for (let i = 0; i < src.length; i++) src[i] = (i * 2_654_435_761) >>> 27;
    const offset = 1_000_003;
    const dst = new Uint8Array(new SharedArrayBuffer(offset + src.length + 7)).fill(0xee);
    await copyInSlices(dst, src, offset);
    const expected = new Uint8Array(dst.length).fill(0xee);
    expected.set(src, offset);
    expect(Buffer.from(dst).equals(Buffer.from(expected))).toBe(true);
  });

  it('toSharedAsync gives the same bytes in shared memory', async () => {
    const src = Buffer.alloc(6 * 1024 * 1024 + 1).map((_, i) => i % 251);
    const shared = await toSharedAsync(src);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(shared.buffer, shared.byteOffset, shared.byteLength).equals(src)).toBe(true);
  });
});
