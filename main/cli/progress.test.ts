import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../jobs/index.ts';
import { progressBar, progressLine } from './progress.ts';

const job = (patch: Partial<JobProgress>): JobProgress => ({
  jobId: 'j', kind: 'develop', state: 'running', done: 0, total: 0, skipped: 0, failed: 0, current: [], etaSec: null,
  finished: false, ownedHere: true, createdAt: '2026-12-01T00:00:00.000Z', ...patch,
});

describe('CLI progress', () => {
  it('shows the bar, counts, failures, time left and the file in hand', () => {
    const line = progressLine(job({ done: 6, total: 24, failed: 1, skipped: 2, etaSec: 83, current: ['IMG_0007.jpg'] }), 100, 'en');
    expect(line).toBe('[######..................]  6/24  2 already done  1 failed  1:23 left  IMG_0007.jpg');
    expect(progressLine(job({ state: 'paused', done: 24, total: 24 }), 100, 'en')).toBe(`[${'#'.repeat(24)}]  24/24  paused`);
  });

  it('speaks Chinese to a Chinese terminal', () => {
    const line = progressLine(job({ done: 6, total: 24, failed: 1, skipped: 2, etaSec: 83, current: ['IMG_0007.jpg'] }), 100, 'zh-CN');
    expect(line).toBe('[######..................]  6/24  2 个之前已完成  1 个失败  还剩 1:23  IMG_0007.jpg');
    expect(progressLine(job({ state: 'scanning' }), 100, 'zh-CN')).toBe(`[${'.'.repeat(24)}]  0/0  正在查找文件`);
  });

  it('fits the terminal', () => {
    expect(progressLine(job({ done: 1, total: 2, current: ['a'.repeat(200)] }), 60, 'en')).toHaveLength(59);
    // Chinese characters take two columns each: 59 columns hold the bar, the count and 12 of them.
    const line = progressLine(job({ done: 1, total: 2, current: ['照'.repeat(200)] }), 60, 'en');
    expect(line).toBe(`[############............]  1/2  ${'照'.repeat(12)}…`);
  });

  it('draws on a terminal only, never when piped or with --json', () => {
    const written: string[] = [];
    const stream = Object.assign(new PassThrough(), { isTTY: false, columns: 80 }) as unknown as NodeJS.WriteStream;
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const piped = progressBar({ quiet: false, stream });
    piped.update(job({ done: 1, total: 2 }));
    piped.done();
    (stream as unknown as { isTTY: boolean }).isTTY = true;
    const quiet = progressBar({ quiet: true, stream });
    quiet.update(job({ done: 1, total: 2 }));
    quiet.done();
    expect(written).toEqual([]);
    const shown = progressBar({ quiet: false, stream });
    shown.update(job({ done: 1, total: 2 }));
    shown.done();
    expect(written.join('')).toBe('\r[############............]  1/2\u001b[K\n');
  });
});
