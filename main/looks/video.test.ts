/**
 * Video parity: the ffmpeg graph built from a camera must give the picture developStill gives, decoded back
 * from an encoded H.264 frame (yuv420p floor: mean ~0.6 dE00).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildVideoFilter, developStill, getLook, listLooks, setUserLooksDir } from './index.ts';
import { compareImages } from './color/deltaE2000.ts';
import { sampleSceneSvg } from './tools/make-samples.ts';

let dir: string;
let scene: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'looks-video-'));
  scene = join(dir, 'scene.png');
  // Softened like a real lens: a vector scene's pixel-hard edges would measure 4:2:0 chroma, not the graph.
  await sharp(Buffer.from(sampleSceneSvg(640, 480))).blur(1.2).png().toFile(scene);
  // The halation/bloom/vignette of a tungsten stock without grain: the effects compared, not the noise.
  const looks = join(dir, 'looks');
  mkdirSync(looks);
  const base = getLook('nightreel-500t');
  writeFileSync(join(looks, 'nightreel-clean.json'), JSON.stringify({ ...base, id: 'nightreel-clean', grain: { ...base.grain, amount: 0 } }));
  const grainy = getLook('reel-8');
  writeFileSync(join(looks, 'reel-grain-only.json'), JSON.stringify({ ...grainy, id: 'reel-grain-only', kind: 'photo', video: null, halation: null, vignette: null }));
  setUserLooksDir(looks);
});
afterAll(() => setUserLooksDir(null));

/** Encodes 2 frames through the camera's graph with x264 and decodes frame 0 back to 16-bit RGB. */
function renderVideoFrame(graph: string, w: number, h: number): Uint16Array {
  const graphFile = join(dir, 'graph.txt');
  const movie = join(dir, 'out.mp4');
  writeFileSync(graphFile, graph);
  execFileSync('ffmpeg', ['-v', 'error', '-loop', '1', '-framerate', '24', '-i', scene, '-filter_complex_script', graphFile, '-map', '[vout]', '-frames:v', '2', '-c:v', 'libx264', '-crf', '8', '-y', movie]);
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', movie, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int,format=rgb48le', '-f', 'rawvideo', '-'], { maxBuffer: 1 << 26 });
  expect(raw.length).toBe(w * h * 6);
  return new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
}

async function stillPixels(lookId: string, grain: number): Promise<{ px: Uint8Array; w: number; h: number }> {
  const r = await developStill(scene, { lookId, grain, seed: 9, format: 'png' });
  return { px: new Uint8Array(await sharp(r.data).raw().toBuffer()), w: r.width, h: r.height };
}

describe('buildVideoFilter', () => {
  it.each([['reel-8', 0], ['nightreel-500t', 0], ['nightreel-clean', 1]] as const)('%s (grain %d): video frame vs developStill mean dE00 < 1.0, p95 < 2.0', async (lookId, grain) => {
    const vf = await buildVideoFilter(lookId, { width: 640, height: 480, fps: 24, grain, seed: 9, gateWeave: false, workDir: join(dir, 'work') });
    const still = await stillPixels(lookId, grain);
    expect([vf.width, vf.height]).toEqual([still.w, still.h]);
    const stats = compareImages(still.px, renderVideoFrame(vf.filterComplex, vf.width, vf.height));
    console.log(`${lookId} grain ${grain}: mean ${stats.mean.toFixed(3)} p95 ${stats.p95.toFixed(3)} dE00`);
    expect(stats.mean).toBeLessThan(1.0);
    expect(stats.p95).toBeLessThan(2.0);
  });

  it.each(['moment-square', 'snapbox-800', 'twin-half'])('%s: the frame and date imprint of the still are in the video too (grain off)', async (lookId) => {
    const when = new Date('2026-07-14T18:30:00');
    const vf = await buildVideoFilter(lookId, { width: 640, height: 480, fps: 24, grain: 0, seed: 9, gateWeave: false, dateStamp: when, workDir: join(dir, 'work') });
    const r = await developStill(scene, { lookId, grain: 0, seed: 9, format: 'png', dateStamp: when });
    // Video sizes are even: at most one row or column less than the still, which is compared on the same area.
    expect(r.width - vf.width).toBeGreaterThanOrEqual(0);
    expect(r.width - vf.width).toBeLessThanOrEqual(1);
    expect(r.height - vf.height).toBeGreaterThanOrEqual(0);
    expect(r.height - vf.height).toBeLessThanOrEqual(1);
    const still = new Uint8Array(await sharp(r.data).extract({ left: 0, top: 0, width: vf.width, height: vf.height }).raw().toBuffer());
    const stats = compareImages(still, renderVideoFrame(vf.filterComplex, vf.width, vf.height));
    console.log(`${lookId} with frame/imprint: mean ${stats.mean.toFixed(3)} p95 ${stats.p95.toFixed(3)} dE00`);
    expect(stats.mean).toBeLessThan(1.0);
    expect(stats.p95).toBeLessThan(2.0);
  });

  it('uses the stills grain plates: frame 0 carries the developStill grain structure', async () => {
    const withGrain = await buildVideoFilter('reel-grain-only', { width: 640, height: 480, fps: 24, seed: 9, workDir: join(dir, 'work') });
    const without = await buildVideoFilter('reel-grain-only', { width: 640, height: 480, fps: 24, seed: 9, grain: 0, workDir: join(dir, 'work') });
    const vg = renderVideoFrame(withGrain.filterComplex, withGrain.width, withGrain.height);
    const vc = renderVideoFrame(without.filterComplex, without.width, without.height);
    const sg = (await stillPixels('reel-grain-only', 1)).px;
    const sc = (await stillPixels('reel-grain-only', 0)).px;
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < sg.length; i += 3) {
      // Green carries most luma: chroma grain is halved by 4:2:0 and would understate the match.
      const x = (vg[i + 1]! - vc[i + 1]!) / 257;
      const y = sg[i + 1]! - sc[i + 1]!;
      sxy += x * y; sxx += x * x; syy += y * y;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.8);
    expect(withGrain.extraInputs.every((f) => existsSync(f))).toBe(true);
  });

  it('builds a graph ffmpeg runs for every camera (leaks, flash, frames-only cameras included)', async () => {
    for (const { id } of listLooks()) {
      // One grain plate: the grain chain is the same graph with any count, and plates cost most of the build.
      const vf = await buildVideoFilter(id, { width: 192, height: 144, fps: 24, seed: 5, grainPlates: 1, workDir: join(dir, 'work-all') });
      const graphFile = join(dir, `graph-${id}.txt`);
      writeFileSync(graphFile, vf.filterComplex);
      const raw = execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=192x144:rate=24', '-filter_complex_script', graphFile, '-map', '[vout]', '-frames:v', '3', '-f', 'rawvideo', '-'], { maxBuffer: 1 << 24 });
      // yuv420p: 1.5 bytes per pixel per frame.
      expect(raw.length, id).toBe(vf.width * vf.height * 1.5 * 3);
    }
  }, 240_000);

  it('gives a video camera its frame rate, aspect and gate weave', async () => {
    const vf = await buildVideoFilter('reel-8', { width: 1280, height: 720, fps: 30, seed: 1, workDir: join(dir, 'work') });
    expect(vf.fps).toBe(18);
    expect([vf.width, vf.height]).toEqual([960, 720]);
    expect(vf.filterComplex).toMatch(/fps=18/);
    expect(vf.filterComplex).toMatch(/sin\(n\*/);
    expect(vf.extraInputs.some((f) => f.endsWith('.cube'))).toBe(true);
  });
});
