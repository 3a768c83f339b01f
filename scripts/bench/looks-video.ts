/**
 * Video look throughput: frames per second through each camera's ffmpeg graph (buildVideoFilter) from a
 * testsrc2 source, against the same source through a bare yuv420p conversion measured in the same run,
 * and as a real-time factor for the camera's frame rate. Run: npx node scripts/bench/looks-video.ts [WxH ...]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVideoFilter } from '../../main/looks/index.ts';

const FRAMES = 90;
const sizes = process.argv.slice(2).length ? process.argv.slice(2) : ['640x360', '1280x720'];
const lookIds = ['reel-8', 'harbor-400', 'nightreel-500t'];
const dir = mkdtempSync(join(tmpdir(), 'bench-looks-video-'));

function fps(size: string, graph: string): number {
  const graphFile = join(dir, 'graph.txt');
  writeFileSync(graphFile, graph);
  const t = performance.now();
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`, '-filter_complex_script', graphFile, '-map', '[vout]', '-frames:v', String(FRAMES), '-f', 'null', '-']);
  return FRAMES / ((performance.now() - t) / 1000);
}

for (const size of sizes) {
  const [width, height] = size.split('x').map(Number) as [number, number];
  const base = fps(size, '[0:v]format=yuv420p[vout]');
  console.log(`${size}: bare conversion ${base.toFixed(1)} fps`);
  for (const id of lookIds) {
    const vf = await buildVideoFilter(id, { width, height, fps: 30, seed: 1, workDir: join(dir, 'work') });
    const f = fps(size, vf.filterComplex);
    console.log(`  ${id.padEnd(16)} ${f.toFixed(1)} fps = ${(f / base).toFixed(2)} of bare, ${(f / vf.fps).toFixed(2)}x real time at ${vf.fps} fps`);
  }
}
rmSync(dir, { recursive: true, force: true });
