import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import { fileResponse, parseByteRange, resolveInside } from './files.ts';

describe('byte ranges (RFC 9110, one range)', () => {
  test.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=90-500', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    // Not a range we serve: the whole file instead, as the RFC allows.
    ['bytes=9-0', 100, null],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
    ['bytes=-', 100, null],
    [null, 100, null],
  ] as const)('%s of %d bytes', (header, size, expected) => {
    expect(parseByteRange(header, size)).toEqual(expected);
  });
});

describe('files served from a folder', () => {
  const dirs = tempDir('files');
  const root = path.join(dirs.path, 'served');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(path.join(dirs.path, 'secret.txt'), 'secret');
  symlinkSync(path.join(dirs.path, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  afterAll(() => dirs.remove());

  test('resolve inside the folder only', async () => {
    expect(await resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(await resolveInside(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    for (const outside of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/link.txt', `/${path.join(dirs.path, 'secret.txt')}`, '/%E0%A4%A', '/index.html%00', '/', '/assets/../../secret.txt']) {
      expect([outside, await resolveInside(root, outside)]).toEqual([outside, null]);
    }
  });

  test('a file answer carries its type, and a range gets 206 with exactly its bytes', async () => {
    const file = path.join(root, 'assets', 'app.js');
    const whole = await fileResponse(new Request('app://x/app.js'), file, { 'x-extra': 'yes' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(whole.headers.get('x-extra')).toBe('yes');
    expect(await whole.text()).toBe('export {}');
    const part = await fileResponse(new Request('app://x/app.js', { headers: { range: 'bytes=2-4' } }), file);
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, 'bytes 2-4/9', 'por']);
    const head = await fileResponse(new Request('app://x/app.js', { method: 'HEAD' }), file);
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, '9', null]);
    expect((await fileResponse(new Request('app://x/'), root)).status).toBe(404);
  });
});
