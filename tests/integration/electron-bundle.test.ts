// The Electron main bundle cannot be launched here, but what it needs from the
// disk can be checked: the worker script it starts and the resources it reads
// relative to itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('Electron bundle', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.ts')], { cwd: root, stdio: 'pipe' });
  }, 120_000);

  test('main, preload and the pixel worker are built as CommonJS', () => {
    for (const file of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/main/kernel-worker.cjs']) expect(existsSync(path.join(root, file))).toBe(true);
  });

  test('the worker the bundle starts exists beside it', () => {
    const bundle = readFileSync(path.join(root, 'out/main/index.cjs'), 'utf8');
    const workers = [...bundle.matchAll(/new URL\("\.\/([\w-]+\.c?js)"/g)].map((match) => match[1]!);
    expect(workers).toContain('kernel-worker.cjs');
    expect(workers).toContain('library-worker.cjs');
    expect(workers).toContain('heif-worker.cjs');
    for (const worker of workers) expect(existsSync(path.join(root, 'out/main', worker))).toBe(true);
  });

  test("the bundled library worker opens a catalog and answers a call (the app's catalog thread)", async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'ds-bundle-library-'));
    const worker = new Worker(path.join(root, 'out/main/library-worker.cjs'));
    try {
      const replies: { type: string; value?: unknown }[] = [];
      const next = () => new Promise<{ type: string; value?: unknown }>((resolve) => worker.once('message', resolve));
      worker.postMessage({ type: 'open', options: { root: path.join(work, 'library'), dataDir: path.join(work, 'data') } });
      replies.push(await next());
      worker.postMessage({ type: 'call', id: 1, method: 'album.layout', args: [{}] });
      replies.push(await next());
      expect(replies).toEqual([
        expect.objectContaining({ type: 'opened', root: path.join(work, 'library') }),
        { type: 'result', id: 1, value: { total: 0, days: [], months: [] } },
      ]);
      expect(existsSync(path.join(work, 'data', 'catalog.sqlite'))).toBe(true);
      worker.postMessage({ type: 'close' });
      expect(await next()).toEqual({ type: 'closed' });
    } finally {
      await worker.terminate();
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("the bundled HEIF worker decodes a HEIC file (the import job's decoder, off the main thread)", async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'ds-bundle-heif-'));
    const worker = new Worker(path.join(root, 'out/main/heif-worker.cjs'));
    try {
      const png = path.join(work, 'red.png');
      await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 220, g: 30, b: 30 } } }).png().toFile(png);
      execFileSync('heif-enc', ['-q', '90', '-o', path.join(work, 'red.heic'), png], { stdio: 'ignore' });
      worker.postMessage({ id: 7, bytes: readFileSync(path.join(work, 'red.heic')) });
      const reply = await new Promise<{ id: number; width: number; height: number; rgb: ArrayBuffer }>((resolve) => worker.once('message', resolve));
      expect({ id: reply.id, width: reply.width, height: reply.height, bytes: reply.rgb.byteLength }).toEqual({ id: 7, width: 64, height: 48, bytes: 64 * 48 * 3 });
      const [r, g, b] = new Uint8Array(reply.rgb);
      expect(r).toBeGreaterThan(190);
      expect(g! + b!).toBeLessThan(100);
    } finally {
      await worker.terminate();
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('no ES-module-only syntax is left in the CJS bundle', () => {
    const bundle = readFileSync(path.join(root, 'out/main/index.cjs'), 'utf8');
    expect(bundle).not.toMatch(/\bimport\.meta\b/);
    // Resources are found from out/main as from main/<service>: two levels below the root.
    expect(existsSync(path.resolve(root, 'out/main', '../../resources/looks'))).toBe(true);
  });

  test('the preload imports nothing but electron', () => {
    const preload = readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });
});
