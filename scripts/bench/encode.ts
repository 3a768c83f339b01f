/**
 * Recording encode speed: how many times real time this machine encodes 720p30 and 1080p30 through the
 * recorder's own command line (x264 ultrafast + AAC + the MJPEG preview), without a look, with a LUT +
 * grain-plate blend, and with a look from the look engine. Ratios are against the no-look baseline measured
 * in the same run (the machine is shared and noisy).
 *
 *   npx node scripts/bench/encode.ts [seconds]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureEncodeSpeed, canRecordRealtime } from '../../main/capture/probe.ts';

const seconds = Number(process.argv[2] ?? 4);
const work = mkdtempSync(path.join(tmpdir(), 'darkslide-bench-encode-'));

function warmCube(file: string, n = 33): void {
  const lines = [`TITLE "bench warm"`, `LUT_3D_SIZE ${n}`];
  for (let b = 0; b < n; b++)
    for (let g = 0; g < n; g++)
      for (let r = 0; r < n; r++) {
        const R = r / (n - 1), G = g / (n - 1), B = b / (n - 1);
        const lift = (v: number) => Math.min(1, 0.03 + v * 0.94 + 0.08 * Math.sin(Math.PI * v) * 0.5);
        lines.push(`${lift(R * 1.04).toFixed(6)} ${lift(G).toFixed(6)} ${lift(B * 0.92).toFixed(6)}`);
      }
  writeFileSync(file, lines.join('\n') + '\n');
}

function lutGrainGraph(width: number, height: number): { filterComplex: string } {
  const cube = path.join(work, 'warm.cube');
  warmCube(cube);
  const grain = path.join(work, `grain-${width}x${height}.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x808080:s=${width}x${height},noise=alls=30:allf=u`, '-frames:v', '1', grain]);
  // lut3d on gbrpf32le takes ffmpeg's SIMD path (about 2x, NOTES). The plate is decoded once and repeated with
  // the loop filter: movie's own loop=0 re-decodes the PNG for every frame.
  return {
    filterComplex:
      `[0:v]format=gbrpf32le,lut3d=file='${cube}':interp=tetrahedral,format=gbrp[c];` +
      `movie='${grain}',format=gbrp,loop=loop=-1:size=1,setpts=N/(30*TB)[g];` +
      `[c][g]blend=all_mode=overlay:all_opacity=0.35:shortest=1[vout]`,
  };
}

async function lookEngineGraph(width: number, height: number): Promise<{ filterComplex: string } | string> {
  try {
    const looks = await import('../../main/looks/index.ts');
    const vf = await looks.buildVideoFilter('reel-8', { width, height, fps: 30, workDir: path.join(work, 'look') });
    return { filterComplex: vf.filterComplex };
  } catch (err) {
    return `look engine unavailable: ${(err as Error).message}`;
  }
}

const rows: string[] = [];
try {
  for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    const label = `${size.width}x${size.height}@30`;
    const timeLimitMs = 60_000;
    const baseline = await measureEncodeSpeed({ size, seconds, timeLimitMs });
    const lutGrain = await measureEncodeSpeed({ size, seconds, timeLimitMs, videoFilter: lutGrainGraph(size.width, size.height) });
    const look = await lookEngineGraph(size.width, size.height);
    const lookSpeed = typeof look === 'string' ? undefined : await measureEncodeSpeed({ size, seconds, timeLimitMs, videoFilter: look });
    rows.push(
      `${label}: baseline ${baseline.toFixed(2)}x real time | LUT+grain ${lutGrain.toFixed(2)}x (${(lutGrain / baseline).toFixed(2)} of baseline)` +
        (lookSpeed !== undefined ? ` | look reel-8 ${lookSpeed.toFixed(2)}x (${(lookSpeed / baseline).toFixed(2)} of baseline)` : ` | ${look as string}`),
    );
    console.log(rows.at(-1));
  }
  const probe = await canRecordRealtime({ width: 1920, height: 1080 });
  console.log(`canRecordRealtime(1920x1080): ok=${probe.ok} speed=${probe.speed.toFixed(2)}x${probe.suggestion ? ` suggestion=${probe.suggestion.width}x${probe.suggestion.height}` : ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
