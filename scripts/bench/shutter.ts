/**
 * Shutter-to-file time for a 1920x1080 still from the demo camera: captureStill() on a running viewfinder
 * (waits for the next full-resolution frame of the 5 fps still branch) plus a sharp JPEG encode to disk. The
 * look is added by the app and not measured here. Baseline in the same run: the JPEG encode alone, and a
 * cold captureStillOnce() (open, grab, close) for comparison.
 *
 *   npx node scripts/bench/shutter.ts [shots]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { captureStillOnce, startViewfinder } from '../../main/capture/index.ts';

const shots = Number(process.argv[2] ?? 10);
const work = mkdtempSync(path.join(tmpdir(), 'darkslide-bench-shutter-'));
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)]!, max: s.at(-1)!, mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const fmt = (x: { p50: number; max: number; mean: number }) => `p50 ${x.p50.toFixed(0)} ms, mean ${x.mean.toFixed(0)} ms, max ${x.max.toFixed(0)} ms`;

let frames = 0;
const vf = await startViewfinder({ deviceId: 'demo', onFrame: () => void frames++ });
try {
  await new Promise((r) => setTimeout(r, 2000));
  const framesAtStart = frames;
  const startedAt = Date.now();
  const grab: number[] = [];
  const encode: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < shots; i++) {
    // Spread the presses so they land at different phases of the still branch.
    await new Promise((r) => setTimeout(r, 137 + ((i * 53) % 200)));
    const t0 = process.hrtime.bigint();
    const still = await vf.captureStill();
    const t1 = process.hrtime.bigint();
    if (still.width !== 1920 || still.height !== 1080) throw new Error(`still is ${still.width}x${still.height}, expected 1920x1080`);
    await sharp(still.raw, { raw: { width: still.width, height: still.height, channels: 3 } })
      .jpeg({ quality: 92, chromaSubsampling: '4:2:0' })
      .toFile(path.join(work, `shot-${i}.jpg`));
    grab.push(Number(t1 - t0) / 1e6);
    encode.push(ms(t1));
    total.push(ms(t0));
  }
  const previewFps = (frames - framesAtStart) / ((Date.now() - startedAt) / 1000);
  await vf.stop();
  const vfNext = await startViewfinder({ deviceId: 'demo', shutter: 'next', onFrame: () => {} });
  const waitNext: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < shots; i++) {
      await new Promise((r) => setTimeout(r, 137 + ((i * 53) % 200)));
      const t0 = process.hrtime.bigint();
      await vfNext.captureStill();
      waitNext.push(ms(t0));
    }
  } finally {
    await vfNext.stop();
  }
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    await captureStillOnce('demo');
    cold.push(ms(t0));
  }
  const t = stats(total);
  const e = stats(encode);
  console.log(`shots: ${shots} at 1920x1080`);
  console.log(`captureStill (live viewfinder): ${fmt(stats(grab))}`);
  console.log(`sharp JPEG q92 encode + write (baseline): ${fmt(e)}`);
  console.log(`shutter-to-file total: ${fmt(t)}  (${(t.p50 / e.p50).toFixed(2)}x the encode baseline)`);
  console.log(`captureStill with shutter 'next' (waits for a frame after the press): ${fmt(stats(waitNext))}`);
  console.log(`preview frames while shooting: ${previewFps.toFixed(1)} fps at 1280x720`);
  console.log(`captureStillOnce (cold open/grab/close): ${fmt(stats(cold))}  (${(stats(cold).p50 / t.p50).toFixed(2)}x the live shutter)`);
} finally {
  await vf.stop();
  rmSync(work, { recursive: true, force: true });
}
