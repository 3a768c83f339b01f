/**
 * Shutter to file through the whole app path: captureStill() on a running viewfinder, the camera's look
 * (developStill), the kept original, EXIF and the catalog commit (shoot()). Baseline in the same run: a
 * sharp JPEG encode of the same frame to disk. Frames of 1280x720 come from a file camera made here, and
 * 1920x1080 from the demo camera.
 *
 *   npx node scripts/bench/shoot.ts [shots] [lookId]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { shoot } from '../../main/app/shoot.ts';
import { findFfmpeg, startViewfinder } from '../../main/capture/index.ts';
import { openLibrary } from '../../main/library/index.ts';
import { stopKernelWorkers } from '../../main/looks/index.ts';
import { closeMetadata } from '../../main/metadata/index.ts';

const shots = Number(process.argv[2] ?? 8);
const lookId = process.argv[3] ?? 'harbor-400';
const work = mkdtempSync(path.join(tmpdir(), 'darkslide-bench-shoot-'));
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const clip = path.join(work, 'camera-720p.mkv');
const ffmpeg = await findFfmpeg();
execFileSync(ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=4', '-c:v', 'mjpeg', '-q:v', '3', clip]);
const library = await openLibrary({ root: path.join(work, 'library'), dataDir: path.join(work, 'data') });

try {
  console.log(`shutter to file with the ${lookId} look, ${shots} shots each (median)`);
  for (const deviceId of [`file:${clip}`, 'demo']) {
    const vf = await startViewfinder({ deviceId, onFrame: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const full: number[] = [];
    const baseline: number[] = [];
    let size = '';
    for (let i = 0; i < shots; i++) {
      const t0 = process.hrtime.bigint();
      const frame = await vf.captureStill();
      await shoot({ library, frame, lookId, seed: i });
      full.push(ms(t0));
      size = `${frame.width}x${frame.height}`;
      const t1 = process.hrtime.bigint();
      await sharp(frame.raw, { raw: { width: frame.width, height: frame.height, channels: 3 } }).jpeg({ quality: 92 }).toFile(path.join(work, `baseline-${i}.jpg`));
      baseline.push(ms(t1));
    }
    await vf.stop();
    const f = median(full);
    const b = median(baseline);
    console.log(`${size.padEnd(10)} shutter to file ${f.toFixed(0)} ms; JPEG encode alone ${b.toFixed(0)} ms; ratio ${(f / b).toFixed(1)}`);
  }
} finally {
  await library.close();
  await Promise.all([closeMetadata(), stopKernelWorkers()]);
  rmSync(work, { recursive: true, force: true });
}
