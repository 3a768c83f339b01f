/**
 * Memory benchmark (npm run bench:memory): peak RSS per input the app accepts, each in a child process of its
 * own, beside a floor measured in the same run on the same input (sharp decoding and re-encoding it, or
 * reading the LUT's bytes once). Budget: under 2 GB for any input, under 1.5 GB for a batch of 24 MP photos.
 *   - a 775 KB PNG that declares 16000x16000 (refused from its header)
 *   - the largest picture accepted (MAX_PIXELS, as a noise JPEG)
 *   - a batch of 24 MP photos through developFiles
 *   - a real 256-point .cube imported as a look
 * Options: --batch N (default 6), --skip-cube, --skip-max
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { developFiles, developStill, importLut, MAX_PIXELS, stopKernelWorkers } from '../../main/looks/index.ts';

const args = process.argv.slice(2);
const here = fileURLToPath(import.meta.url);

/** In the child: one job, then its peak RSS (all threads: kernel workers and libvips included). */
async function child(job: string, inputs: string[], out: string): Promise<void> {
  let outcome = 'ok';
  try {
    if (job === 'develop') await developStill(inputs[0]!, { lookId: 'harbor-400', seed: 1 }).then((r) => writeFileSync(join(out, 'out.jpg'), r.data));
    else if (job === 'batch') {
      const results = await developFiles(inputs, { lookId: 'harbor-400', seed: 1, outDir: out });
      if (results.some((r) => r.error)) outcome = results.find((r) => r.error)!.error!.code;
    } else if (job === 'cube') await importLut(inputs[0]!, { looksDir: out });
    else if (job === 'floor-image') await sharp(inputs[0]!, { limitInputPixels: false }).jpeg({ quality: 92 }).toFile(join(out, 'floor.jpg'));
    else if (job === 'floor-batch') for (const input of inputs) await sharp(input).jpeg({ quality: 92 }).toFile(join(out, 'floor.jpg'));
    else if (job === 'floor-bytes') readFileSync(inputs[0]!);
  } catch (error) {
    outcome = (error as { code?: string }).code ?? (error as Error).message;
  }
  await stopKernelWorkers();
  process.stdout.write(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
}

function measure(job: string, inputs: string[]): { maxRssMb: number; outcome: string; seconds: number } {
  const out = mkdtempSync(join(tmpdir(), 'bench-memory-out-'));
  const started = Date.now();
  const run = spawnSync(process.execPath, [here, '--child', job, out, ...inputs], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`${job} failed: ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as { maxRssMb: number; outcome: string }), seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const rows: string[][] = [['input', 'peak RSS', 'floor', 'ratio', 'budget', 'outcome', 'time']];
  const row = (name: string, job: string, floorJob: string, inputs: string[], budgetMb: number) => {
    const result = measure(job, inputs);
    const floor = measure(floorJob, inputs);
    rows.push([name, `${result.maxRssMb} MB`, `${floor.maxRssMb} MB`, (result.maxRssMb / floor.maxRssMb).toFixed(2), `${result.maxRssMb < budgetMb ? 'within' : 'OVER'} ${budgetMb} MB`, result.outcome, `${result.seconds.toFixed(1)} s`]);
    console.log(rows.at(-1)!.join('  '));
  };
  try {
    const png = join(dir, 'declares-16000.png');
    await sharp({ create: { width: 16000, height: 16000, channels: 3, background: { r: 90, g: 120, b: 150 } } }).png({ compressionLevel: 9 }).toFile(png);
    console.log(`16000x16000 PNG: ${(statSync(png).size / 1024).toFixed(0)} KB`);
    row('PNG declaring 16000x16000', 'develop', 'floor-image', [png], 2048);

    if (!args.includes('--skip-max')) {
      const side = Math.floor(Math.sqrt(MAX_PIXELS));
      const max = join(dir, 'largest-accepted.jpg');
      await sharp(randomBytes(side * 3 * 64), { raw: { width: side, height: 64, channels: 3 } })
        .resize(side, side, { kernel: 'nearest' })
        .jpeg({ quality: 90 })
        .toFile(max);
      row(`largest accepted, ${side}x${side}`, 'develop', 'floor-image', [max], 2048);
    }

    const batchSize = Number(args[args.indexOf('--batch') + 1]) || 6;
    const batch: string[] = [];
    for (let i = 0; i < batchSize; i++) {
      const file = join(dir, `24mp-${i}.jpg`);
      await sharp(randomBytes(6000 * 3 * 40), { raw: { width: 6000, height: 40, channels: 3 } }).resize(6000, 4000, { kernel: 'nearest' }).jpeg({ quality: 90 }).toFile(file);
      batch.push(file);
    }
    row(`batch of ${batchSize} x 24 MP`, 'batch', 'floor-batch', batch, 1536);

    if (!args.includes('--skip-cube')) {
      const cube = join(dir, 'real-256.cube');
      const fd = openSync(cube, 'w');
      writeSync(fd, 'TITLE "bench 256"\nLUT_3D_SIZE 256\n');
      const f = (x: number) => (Math.pow(x / 255, 0.9) * 0.95 + 0.02).toFixed(6);
      for (let b = 0; b < 256; b++) {
        let chunk = '';
        for (let g = 0; g < 256; g++) for (let r = 0; r < 256; r++) chunk += `${f(r)} ${f(g)} ${f(b)}\n`;
        writeSync(fd, chunk);
      }
      closeSync(fd);
      console.log(`256-point cube: ${(statSync(cube).size / 1024 / 1024).toFixed(0)} MB`);
      row('256-point .cube import', 'cube', 'floor-bytes', [cube], 2048);
    }
    console.log(`\n${rows.map((r) => r.join(' | ')).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args[0] === '--child') await child(args[1]!, args.slice(3), args[2]!);
else await main();
