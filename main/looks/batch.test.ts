import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { ExifTool } from 'exiftool-vendored';
import { developFiles, developStill } from './index.ts';

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
    expect(results[1]!.error?.code).toBe('develop.undecodable');
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

  it('never overwrites: the same develop again is skipped, another recipe gets a new name, an input named like an output is left alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-out-'));
    const first = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 2 });
    const again = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 2 });
    expect(first[0]!.output).toBe(join(out, 'plain-silverline-100.jpg'));
    // Defect 5: a re-run (after a crash, say) made plain-silverline-100-2.jpg; now it finds the finished output.
    expect(again[0]).toMatchObject({ output: join(out, 'plain-silverline-100.jpg'), skipped: true });
    const other = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 3 });
    expect(other[0]!.output).toBe(join(out, 'plain-silverline-100-2.jpg'));
    // An output that was damaged (its size changed) is developed again, never trusted.
    writeFileSync(join(out, 'plain-silverline-100.jpg'), 'truncated');
    const redone = await developFiles([plain], { lookId: 'silverline-100', outDir: out, seed: 2 });
    expect(redone[0]!.skipped).toBeUndefined();
    expect(redone[0]!.output).toBe(join(out, 'plain-silverline-100-3.jpg'));
    const trap = join(out, 'x-silverline-100.jpg');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).jpeg().toFile(trap);
    const x = join(out, 'x.jpg');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).jpeg().toFile(x);
    const trapHash = md5(trap);
    const r = await developFiles([x, trap], { lookId: 'silverline-100', outDir: out, format: 'png' });
    expect(r[0]!.output).toBe(join(out, 'x-silverline-100.png'));
    expect(md5(trap)).toBe(trapHash);
  });

  it('cleans the temps a killed batch left behind, and leaves none of its own', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-temps-'));
    // What a SIGKILL mid-write left (defect 4): a partial temp and a zero-byte one, from a process now gone.
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
    writeFileSync(join(out, `.ds-${dead}-0a1b2c3d.tmp.jpg`), Buffer.alloc(5000, 1));
    writeFileSync(join(out, `.ds-${dead}-0a1b2c3e.tmp.jpg_exiftool_tmp`), '');
    // A live process's temp (this test runner's parent) is not touched.
    writeFileSync(join(out, `.ds-${process.ppid}-0a1b2c3f.tmp.jpg`), 'in use');
    await developFiles([plain], { lookId: 'harbor-400', outDir: out, seed: 1 });
    expect(readdirSync(out).sort()).toEqual([`.darkslide-develop.json`, `.ds-${process.ppid}-0a1b2c3f.tmp.jpg`, 'plain-harbor-400.jpg']);
  });

  it('an output in the manifest whose file is missing (a batch killed between recording and naming it) is developed again under its own name', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-order-'));
    const [first] = await developFiles([plain], { lookId: 'harbor-400', outDir: out, seed: 1 });
    const made = readFileSync(first!.output!);
    // The state such a kill leaves: the manifest has the entry, the name has no file.
    rmSync(first!.output!);
    const [again] = await developFiles([plain], { lookId: 'harbor-400', outDir: out, seed: 1 });
    expect(again!.skipped).toBeUndefined();
    expect(again!.output).toBe(first!.output);
    expect(readFileSync(again!.output!).equals(made)).toBe(true);
    // And done now: a third run skips it, and no -2 copy was ever made.
    const [third] = await developFiles([plain], { lookId: 'harbor-400', outDir: out, seed: 1 });
    expect(third!.skipped).toBe(true);
    expect(readdirSync(out).filter((name) => !name.startsWith('.'))).toEqual(['plain-harbor-400.jpg']);
  });

  it('develops files whose names are very long or hold a newline (defect 7)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-names-'));
    // 240 bytes: with "-harbor-400" the output name would pass 255 bytes, and the old temp name added 18 more.
    const long = join(dir, `${'é'.repeat(60)}${'n'.repeat(116)}.png`);
    const newline = join(dir, 'two\nlines.jpg');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#446688' } }).png().toFile(long);
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#886644' } }).withExif({ IFD0: { Make: 'NewlineCam' } }).jpeg().toFile(newline);
    const results = await developFiles([long, newline], { lookId: 'harbor-400', outDir: out, seed: 1 });
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    for (const r of results) expect(Buffer.byteLength(basename(r.output!))).toBeLessThanOrEqual(255);
    expect(basename(results[1]!.output!)).toBe('two lines-harbor-400.jpg');
    const et = new ExifTool({ maxProcs: 1 });
    try {
      expect((await et.read(results[1]!.output!)).Make).toBe('NewlineCam');
    } finally {
      await et.end();
    }
    expect(readdirSync(out).filter((name) => name.startsWith('.ds-'))).toEqual([]);
  });

  it('names the folder and says what to do when the output folder cannot be made', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(developFiles([plain], { lookId: 'harbor-400', outDir: join(file, 'out') })).rejects.toMatchObject({
      code: 'file.not-a-folder',
      message: `"${file}" is a file, so nothing can be put inside it. Choose a folder instead.`,
    });
  });

  it('develops two at a time yet names, skips and reports in input order, each file the bytes it gets alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'looks-batch-order-'));
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    // Same name in two folders: the first in the list gets the plain name, whoever finishes first.
    const big = join(a, 'same.jpg');
    await sharp({ create: { width: 900, height: 700, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 120, sigma: 40 } } }).jpeg().toFile(big);
    const small = join(b, 'same.jpg');
    await sharp({ create: { width: 160, height: 120, channels: 3, background: '#304050' } }).jpeg().toFile(small);
    const inputs = [big, small, big, rotated];
    const done: string[] = [];
    const results = await developFiles(inputs, { lookId: 'harbor-400', seed: 5, outDir: out, keepExif: false, onProgress: (p) => done.push(p.input) });
    expect(done).toEqual(inputs);
    expect(results.map((r) => (r.output ? basename(r.output) : r.error?.code))).toEqual(['same-harbor-400.jpg', 'same-harbor-400-2.jpg', 'same-harbor-400.jpg', 'rotated-harbor-400.jpg']);
    expect(results.map((r) => r.skipped ?? false)).toEqual([false, false, true, false]);
    for (const i of [0, 1, 3]) {
      const alone = await developStill(inputs[i]!, { lookId: 'harbor-400', seed: 5 });
      expect(md5(results[i]!.output!)).toBe(createHash('md5').update(alone.data).digest('hex'));
    }
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
