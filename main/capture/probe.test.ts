import { describe, expect, it } from 'vitest';
import { canRecordRealtime, measureEncodeSpeed } from './probe.ts';

describe('canRecordRealtime', () => {
  it('measures the recorder command line and answers with a speed', async () => {
    const speed = await measureEncodeSpeed({ size: { width: 320, height: 180 }, seconds: 1 });
    expect(speed).toBeGreaterThan(0);
  });

  it('says no for a look far slower than real time, stops at its time budget, and offers a smaller size', async () => {
    const slow = "geq=lum='p(X,Y)*(0.5+0.5*sin(X/7))':cb='p(X,Y)':cr='p(X,Y)'";
    const answer = await canRecordRealtime({ width: 1920, height: 1080 }, { videoFilter: slow, seconds: 4, timeLimitMs: 4000 });
    expect(answer.ok).toBe(false);
    // The speed may be 0 when a busy machine gave ffmpeg no time to report progress inside the budget: still a "no".
    expect(answer.speed).toBeLessThan(1);
    // What is offered instead is a smaller standard size of the same shape.
    expect(answer.suggestion!.width).toBeLessThan(1920);
    expect(answer.suggestion!.width / answer.suggestion!.height).toBeCloseTo(16 / 9, 1);
  });

  it('rejects a broken filter with the ffmpeg reason', async () => {
    await expect(measureEncodeSpeed({ size: { width: 320, height: 180 }, seconds: 1, videoFilter: 'nosuchfilter=1' })).rejects.toThrow(/nosuchfilter|No such filter/i);
  });
});
