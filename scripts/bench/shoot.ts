/**
 * Shutter to file through the whole app path: captureStill() on a running viewfinder, the look
 * (developStill), the kept original, EXIF and the catalog commit (shoot()), then the album thumbnail.
 * Baseline in the same run: a sharp JPEG encode of the same frame to disk, with the shot's settings (quality 92, 4:4:4,
 * no optimised Huffman tables: the shutter's encode). Frames of 1280x720 come from a
 * file camera made here, 1920x1080 from the demo camera. The catalog runs in its worker thread, as in the app.
 * Each press is broken down into its stages as they ran (the frame grab, the look's develop and encode, the
 * kept original beside them, filing: files, fsyncs, the thumbnail the develop made from the print's pixels beside its encode,
 * rows). Then each stage alone on one frame, and the old way (EXIF through an exiftool round trip) for comparison.
 *
 *   npm run bench:shoot -- [shots] [lookId]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { encodeOriginal } from '../../main/app/develop.ts';
import { shoot, shotExif, type ShotStage } from '../../main/app/shoot.ts';
import { APP_NAME, APP_VERSION } from '../../main/app/version.ts';
import { findFfmpeg, startViewfinder, type StillFrame } from '../../main/capture/index.ts';
import { openLibraryInWorker, type Library } from '../../main/library/index.ts';
import { developStill, getLook, prepareStill, stopKernelWorkers } from '../../main/looks/index.ts';
import { closeMetadata, writeShotMetadata } from '../../main/metadata/index.ts';

const shots = Number(process.argv[2] ?? 8);
const lookId = process.argv[3] ?? 'harbor-400';
const work = mkdtempSync(path.join(tmpdir(), 'darkslide-bench-shoot-'));
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (f: () => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  await f();
  return ms(t);
};

const clip = path.join(work, 'camera-720p.mkv');
const ffmpeg = await findFfmpeg();
execFileSync(ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=4', '-c:v', 'mjpeg', '-q:v', '3', clip]);
const library = await openLibraryInWorker({ root: path.join(work, 'library'), dataDir: path.join(work, 'data') });

/** The thumbnail the album asks for right after a shot (a shot brings its own; stages() times making one from the file). */
async function thumbnail(lib: Library, id: string): Promise<void> {
  await readFile(await lib.mediaPath(id, 'thumb'));
}

async function stages(frame: StillFrame, rounds: number): Promise<void> {
  const look = getLook(lookId);
  const develop: number[] = [];
  const original: number[] = [];
  const exiftool: number[] = [];
  const add: number[] = [];
  const thumb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let developed!: Awaited<ReturnType<typeof developStill>>;
    develop.push(await time(async () => {
      developed = await developStill({ raw: frame.raw, width: frame.width, height: frame.height, channels: 3 }, { lookId, seed: i, dateStamp: frame.at, format: 'jpeg', quality: 92, exif: shotExif(frame.at, look.name) });
    }));
    let kept!: Buffer;
    original.push(await time(async () => (kept = await encodeOriginal(frame))));
    const loose = path.join(work, `exif-${i}.jpg`);
    await sharp(developed.data).toFile(loose);
    exiftool.push(await time(() => writeShotMetadata(loose, { takenAt: frame.at, utcOffsetMinutes: -frame.at.getTimezoneOffset(), make: APP_NAME, model: look.name, software: `${APP_NAME} ${APP_VERSION}` })));
    let id = '';
    add.push(await time(async () => {
      id = (await library.addShot({ kind: 'photo', data: developed.data, ext: 'jpg', width: developed.width, height: developed.height, takenAt: frame.at, lookId, lookName: look.name, recipe: developed.recipe, original: kept })).id;
    }));
    thumb.push(await time(() => thumbnail(library, id)));
  }
  const line = (name: string, xs: number[]) => `  ${name.padEnd(42)} ${median(xs).toFixed(0).padStart(5)} ms`;
  console.log(line('look + JPEG encode with EXIF (unprepared)', develop));
  console.log(line('kept original (JPEG q95 4:4:4)', original));
  console.log(line('catalog add: files, fsyncs, rows', add));
  console.log(line('thumbnail from the file (item without one)', thumb));
  console.log(line('(old) EXIF through exiftool', exiftool));
}

try {
  console.log(`shutter to file with the ${lookId} look, ${shots} shots each (median)`);
  for (const deviceId of [`file:${clip}`, 'demo']) {
    const vf = await startViewfinder({ deviceId, onFrame: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const full: number[] = [];
    const cold: number[] = [];
    const cpu: number[] = [];
    const thumbs: number[] = [];
    const baseline: number[] = [];
    let size = '';
    let last: StillFrame | undefined;
    const breakdown = new Map<string, number[]>();
    const record = (name: string, value: number) => breakdown.set(name, [...(breakdown.get(name) ?? []), value]);
    for (let i = 0; i < shots; i++) {
      // As the app does between presses (shutter.ready): the next shot's grain is drawn while nothing happens.
      await prepareStill(vf.fullSize, { lookId, seed: i });
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const frame = await vf.captureStill();
      record('frame grab', ms(t0));
      const item = await shoot({ library, frame, lookId, seed: i, onStage: (stage: ShotStage, took: number) => record(stage, took) });
      full.push(ms(t0));
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      const t2 = process.hrtime.bigint();
      await thumbnail(library, item.id);
      record('thumbnail request (worker, read)', ms(t2));
      thumbs.push(ms(t0));
      // And a press that comes before the next shot is ready.
      const tc = process.hrtime.bigint();
      await shoot({ library, frame: await vf.captureStill(), lookId, seed: 1000 + i });
      cold.push(ms(tc));
      size = `${frame.width}x${frame.height}`;
      last = frame;
      const t1 = process.hrtime.bigint();
      await sharp(frame.raw, { raw: { width: frame.width, height: frame.height, channels: 3 } }).jpeg({ quality: 92, chromaSubsampling: '4:4:4', optimiseCoding: false }).toFile(path.join(work, `baseline-${i}.jpg`));
      baseline.push(ms(t1));
    }
    await vf.stop();
    const f = median(full);
    const b = median(baseline);
    console.log(`${size.padEnd(10)} shutter to file ${f.toFixed(0)} ms (to thumbnail ${median(thumbs).toFixed(0)} ms); JPEG encode alone ${b.toFixed(0)} ms; ratio ${(f / b).toFixed(1)}`);
    console.log(`${''.padEnd(10)} CPU time of a press, all threads: ${median(cpu).toFixed(0)} ms (a quiet 2-core machine needs at least half that)`);
    console.log(`${''.padEnd(10)} unprepared press ${median(cold).toFixed(0)} ms (ratio ${(median(cold) / b).toFixed(1)})`);
    const labels: Record<string, string> = {
      develop: 'look + JPEG encode with EXIF (+ thumbnail)',
      original: 'kept original (beside the develop)',
      file: 'filing: files, fsyncs, thumbnail saved, rows',
    };
    console.log(`  a prepared press, stage by stage (median ms; develop and original run at once):`);
    for (const [name, xs] of breakdown) console.log(`    ${(labels[name] ?? name).padEnd(40)} ${median(xs).toFixed(0).padStart(5)} ms`);
    console.log(`  where the time goes, one stage at a time (${size}):`);
    await stages(last!, Math.max(3, Math.round(shots / 2)));
  }
} finally {
  library.close();
  await Promise.all([closeMetadata(), stopKernelWorkers()]);
  rmSync(work, { recursive: true, force: true });
}
