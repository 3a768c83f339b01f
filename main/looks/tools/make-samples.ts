/**
 * Renders resources/samples/<id>.jpg for every built-in look from the demo camera's scene (two skin tones,
 * sky, sun, foliage, shadow), so the picker shows each look on the picture the viewfinder shows before a webcam
 * is chosen. Deterministic: fixed seed and date. Run: npx node main/looks/tools/make-samples.ts
 * `sampleSceneSvg` is the tests' synthetic scene (a grey ramp and colour patches they measure).
 */
import sharp from 'sharp';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { developStill, getLook, listLooks } from '../index.ts';
import { stopKernelWorkers } from '../render/pool.ts';

export function sampleSceneSvg(width = 960, height = 640): string {
  const ramp = Array.from({ length: 12 }, (_, i) => {
    const v = Math.round((i / 11) * 255);
    return `<rect x="${40 + i * 30}" y="${height - 70}" width="30" height="40" fill="rgb(${v},${v},${v})"/>`;
  }).join('');
  const patches = ['#b5473a', '#3b6bb0', '#4f8a3c', '#e2c23c', '#8a4fa0', '#e07f2c']
    .map((c, i) => `<rect x="${width - 330 + i * 48}" y="${height - 150}" width="44" height="44" fill="${c}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3f7fcf"/><stop offset="1" stop-color="#cfe3f2"/></linearGradient>
    <radialGradient id="sun"><stop offset="0" stop-color="#ffffff"/><stop offset="0.5" stop-color="#fff8e0"/><stop offset="1" stop-color="#fff8e0" stop-opacity="0"/></radialGradient>
    <radialGradient id="skin" cx="0.4" cy="0.35"><stop offset="0" stop-color="#f1c7a8"/><stop offset="1" stop-color="#a8684a"/></radialGradient>
    <radialGradient id="lamp"><stop offset="0" stop-color="#ffffff"/><stop offset="0.35" stop-color="#ffe2a0"/><stop offset="1" stop-color="#ffb050" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>
  <circle cx="${width * 0.78}" cy="${height * 0.2}" r="${height * 0.12}" fill="url(#sun)"/>
  <path d="M0 ${height * 0.62} Q ${width * 0.25} ${height * 0.48} ${width * 0.5} ${height * 0.6} T ${width} ${height * 0.55} V ${height} H 0 Z" fill="#3d6b2f"/>
  <path d="M0 ${height * 0.75} Q ${width * 0.3} ${height * 0.66} ${width * 0.65} ${height * 0.76} T ${width} ${height * 0.72} V ${height} H 0 Z" fill="#254a1f"/>
  <rect x="0" y="${height * 0.82}" width="${width}" height="${height * 0.18}" fill="#2a2420"/>
  <ellipse cx="${width * 0.3}" cy="${height * 0.45}" rx="${height * 0.13}" ry="${height * 0.17}" fill="url(#skin)"/>
  <rect x="${width * 0.22}" y="${height * 0.6}" width="${height * 0.3}" height="${height * 0.22}" rx="20" fill="#7a2f2a"/>
  <rect x="${width * 0.56}" y="${height * 0.36}" width="10" height="${height * 0.46}" fill="#1d1a18"/>
  <circle cx="${width * 0.56 + 5}" cy="${height * 0.36}" r="${height * 0.07}" fill="url(#lamp)"/>
  ${ramp}${patches}
</svg>`;
}

async function main(): Promise<void> {
  const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/samples');
  mkdirSync(outDir, { recursive: true });
  const demoScene = resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources/demo/scene.jpg');
  const scene = await sharp(demoScene).resize({ width: 960 }).png().toBuffer();
  for (const look of listLooks()) {
    // A half-frame look's sample is its print: two presses, the second a little later (the scene turned).
    const second = getLook(look.id).frame === 'half-frame' ? { second: await sharp(scene).flop().toBuffer() } : {};
    const result = await developStill(scene, { lookId: look.id, seed: 20261130, dateStamp: new Date(2026, 10, 30), longEdge: 480, quality: 80, ...second });
    const file = join(outDir, `${look.id}.jpg`);
    writeFileSync(`${file}.tmp`, result.data);
    renameSync(`${file}.tmp`, file);
    console.log(`${look.id}: ${result.width}x${result.height}, ${(result.data.length / 1024).toFixed(1)} KiB`);
  }
  await stopKernelWorkers();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
