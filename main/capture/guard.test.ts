import { describe, expect, test } from 'vitest';
import { watchForLoss } from './guard.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Holds this thread as a long develop on it would. */
const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('the capture watchdog', () => {
  test('a camera that sends nothing for longer than the limit is reported lost', async () => {
    const lost: string[] = [];
    const stop = watchForLoss({ deviceId: 'cam', lastActivityAt: () => Date.now() - 10_000, stallMs: 1000, onLost: (error) => lost.push(error.code) });
    await wait(1200);
    stop();
    expect(lost).toEqual(['capture.stalled']);
  });

  test('a busy thread is not a frozen camera: frames read right after the block count before it is judged', async () => {
    let last = Date.now();
    const lost: string[] = [];
    const stop = watchForLoss({ deviceId: 'cam', lastActivityAt: () => last, stallMs: 1000, onLost: (error) => lost.push(error.code) });
    // Frames arrive every 50 ms, but this thread is blocked for 2.5 s; the frames that came meanwhile are read
    // (I/O runs after timers) right after it.
    const frames = setInterval(() => setImmediate(() => (last = Date.now())), 50);
    await wait(600);
    busy(2500);
    await wait(1200);
    clearInterval(frames);
    stop();
    expect(lost).toEqual([]);
  });
});
