import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ExifTool } from 'exiftool-vendored';
import { developFiles } from './index.ts';

const md5 = (f: string) => createHash('md5').update(readFileSync(f)).digest('hex');

let dir: string;
let rotated: string;
let plain: string;
let broken: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'looks-batch-'));
  rotated = join(dir, 'rotated.jpg');
  // Stored 400x300 landscape, EXIF says "rotate 90 CW": upright it is 300x400.
  await sharp({ create: { width: 400, height: 300, channels: 3, background: '#6080a0' } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestMaker', Model: 'T-1' } })
    .jpeg({ quality: 90 })
    .toFile(rotated);
  plain = join(dir, 'plain.png');
  await sharp({ create: { width: 320, height: 200, channels: 3, background: '#a08060' } }).png().toFile(plain);
  broken = join(dir, 'broken.jpg');
  writeFileSync(broken, 'this is not a jpeg');
});

describe('developFiles', () => {
  it('develops every good file, goes on past a bad one, keeps EXIF with the orientation applied, never touches inputs', async () => {
    const before = [rotated, plain, broken].map(md5);
    const progress: number[] = [];
    const results = await developFiles([rotated, broken, plain], { lookId: 'harbor-400', seed: 1, outDir: dir, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2, 3]);
    expect([rotated, plain, broken].map(md5)).toEqual(before);
    expect(results[1]!.error?.code).toBe('decode-failed');
    expect(results[1]!.error?.message).toContain('broken.jpg');
    expect(results[0]!.output).toBe(join(dir, 'rotated-harbor-400.jpg'));
    expect(results[2]!.output).toBe(join(dir, 'plain-harbor-400.jpg'));
    const meta = await sharp(results[0]!.output!).metadata();
    expect([meta.width, meta.height]).toEqual([300, 400]);
    const et = new ExifTool({ maxProcs: 1 });
    try {
      const tags = await et.read(results[0]!.output!);
      expect(tags.Make).toBe('TestMaker');
      expect(tags.Orientation ?? 1).toBe(1);
    } finally {
      await et.end();
    }
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('never overwrites: a second run gets a new name, and an input named like an output is skipped over', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-out-'));
    const first = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 2 });
    const second = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 2 });
    expect(first[0]!.output).toBe(join(out, 'plain-silverline-100.jpg'));
    expect(second[0]!.output).toBe(join(out, 'plain-silverline-100-2.jpg'));
    const trap = join(out, 'x-silverline-100.jpg');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).jpeg().toFile(trap);
    const x = join(out, 'x.jpg');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).jpeg().toFile(x);
    const trapHash = md5(trap);
    const r = await developFiles([x, trap], { lookId: 'silverline-100', outDir: out, format: 'png' });
    expect(r[0]!.output).toBe(join(out, 'x-silverline-100.png'));
    expect(md5(trap)).toBe(trapHash);
  });

  it('drops metadata when asked and stops starting files once aborted', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-abort-'));
    const controller = new AbortController();
    const results = await developFiles([rotated, plain, plain], {
      lookId: 'harbor-400',
      outDir: out,
      keepExif: false,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(results[0]!.output).toBeTruthy();
    expect(results.slice(1).map((r) => r.error?.code)).toEqual(['aborted', 'aborted']);
    const et = new ExifTool({ maxProcs: 1 });
    try {
      expect((await et.read(results[0]!.output!)).Make).toBeUndefined();
    } finally {
      await et.end();
    }
  });
});
