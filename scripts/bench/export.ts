/**
 * Export throughput (npm run bench:export): 12 MP JPEGs from an album exported to JPEG and to AVIF by one
 * `darkslide export --all` process, as a person runs it, against the floor: sharp decoding and encoding the same
 * files in its own process with the same encoder settings (main/export's encoderOptions), upright, sRGB, the
 * source's EXIF kept, streaming, two files at a time (both cores). Darkslide also builds each file's metadata
 * from the policy, writes it with exiftool and reads every file back before it gets its name: that is the cost
 * the ratio shows. The two sides alternate; each keeps its best of the rounds.
 * Options: --count N (default 8), --rounds N (default 2), --formats jpeg,avif
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { openLibrary } from '../../main/library/index.ts';
import { closeMetadata } from '../../main/metadata/index.ts';
import { agreeToPrivacyNotice } from '../../tests/support/privacy.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(root, 'out', 'bench-export');
const COUNT = Number(option('--count', '8'));
const ROUNDS = Math.max(1, Number(option('--rounds', '2')));
const FORMATS = option('--formats', 'jpeg,avif').split(',') as ('jpeg' | 'avif')[];
const QUALITY = 90;
const [W, H] = [4000, 3000];

/** Photo-like 12 MP frames: blurred colour noise over gradients (detail at every scale), with a camera's EXIF. */
async function photos(): Promise<string[]> {
  mkdirSync(CACHE, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const file = join(CACHE, `12mp-${i}.jpg`);
    files.push(file);
    if (existsSync(file)) continue;
    const noise = await sharp({ create: { width: W, height: H, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).blur(1.5 + (i % 3)).raw().toBuffer();
    const taken = `2026:05:0${1 + (i % 9)} 10:2${i % 10}:33`;
    await sharp(noise, { raw: { width: W, height: H, channels: 3 } })
      .modulate({ hue: i * 37, brightness: 0.9 + (i % 3) * 0.08 })
      .withExif({ IFD0: { Make: 'Bench', Model: 'Camera 12MP', DateTime: taken }, IFD2: { DateTimeOriginal: taken, OffsetTimeOriginal: '+01:00' } })
      .jpeg({ quality: 92 })
      .toFile(`${file}.part`);
    renameSync(`${file}.part`, file);
  }
  return files;
}

function timed(command: string, commandArgs: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done((performance.now() - started) / 1000) : fail(new Error(`${commandArgs.slice(0, 3).join(' ')} exited ${code}`))));
  });
}

const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'darkslide-bench-export-'));
try {
  const files = await photos();
  const library = join(work, 'library');
  const opened = await openLibrary({ root: library, dataDir: join(library, '.darkslide') });
  for (const [i, file] of files.entries()) {
    // The library takes the file it is given (moved in): give it a copy, the floor reads the cached original.
    const copy = join(work, `in-${i}.jpg`);
    copyFileSync(file, copy);
    await opened.addFile({ kind: 'photo', sourceFile: copy, width: W, height: H, takenAt: new Date(Date.UTC(2026, 4, 1 + i, 9, 20)), lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, location: null });
  }
  await opened.close();
  await closeMetadata();
  await agreeToPrivacyNotice(join(library, '.darkslide'));
  const floorScript = join(root, 'scripts/bench/export-floor.ts');
  console.log(`export of ${files.length} photos at ${W}x${H} (12 MP), quality ${QUALITY}, best of ${ROUNDS}; load ${loadavg()[0]!.toFixed(1)} on 2 cores`);
  for (const format of FORMATS) {
    let ours = Infinity;
    let floor = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const outFloor = join(work, `floor-${format}`);
      rmSync(outFloor, { recursive: true, force: true });
      mkdirSync(outFloor);
      floor = Math.min(floor, await timed(node, [floorScript, outFloor, format, String(QUALITY), ...files]));
      const outOurs = join(work, `ours-${format}`);
      rmSync(outOurs, { recursive: true, force: true });
      ours = Math.min(ours, await timed(node, [join(root, 'bin/darkslide.js'), 'export', '--all', '--out', outOurs, '--library', library, '--format', format, '--quality', String(QUALITY), '--metadata', 'keep', '--json']));
      if (readdirSync(outOurs).length !== files.length) throw new Error(`darkslide export wrote ${readdirSync(outOurs).length} of ${files.length} files`);
    }
    const perMinute = (seconds: number) => ((files.length / seconds) * 60).toFixed(1);
    console.log(`${format}: darkslide ${ours.toFixed(1)} s (${perMinute(ours)} items/min), floor ${floor.toFixed(1)} s (${perMinute(floor)} items/min), ratio ${(ours / floor).toFixed(2)}`);
  }
  console.log(`load ${loadavg()[0]!.toFixed(1)} at the end`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
