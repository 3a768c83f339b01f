// Draws the demo camera's scene, resources/demo/scene.jpg: two people in a meadow under a blue sky with the
// sun in frame, trees, and a shaded wall. It exists so a film look has something to show on the demo camera:
// skin (a deep and a light tone), sky, foliage, clipped highlights and near-black shadows. Drawn here as SVG
// (own work, MIT like the rest of Darkslide), so there is no photograph and no licence to track.
// The scene is larger than 1920x1080 because the demo camera drifts across it to look live.
// Run after changing the drawing: node_modules/.bin/node scripts/build-demo-scene.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const SCENE = { width: 2112, height: 1188 };
const { width: W, height: H } = SCENE;

/** Deterministic, so the file only changes when the drawing does. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function trees(): string {
  const rand = random(7);
  const greens = ['#1f3d17', '#2c5220', '#3b6b28', '#4e8232', '#6a9c3e', '#8fbb52'];
  const parts: string[] = [];
  const clumps = [
    { x: 1240, y: 600, r: 150 },
    { x: 1420, y: 560, r: 190 },
    { x: 1640, y: 610, r: 160 },
    { x: 1860, y: 570, r: 200 },
    { x: 2060, y: 620, r: 170 },
    { x: 120, y: 630, r: 130 },
    { x: 300, y: 600, r: 150 },
  ];
  for (const c of clumps) {
    parts.push(`<rect x="${c.x - 14}" y="${c.y}" width="28" height="${c.r * 0.9}" fill="#2a1d12"/>`);
    for (let layer = 0; layer < greens.length; layer++) {
      const n = 10 - layer;
      for (let i = 0; i < n; i++) {
        const a = rand() * Math.PI * 2;
        const d = rand() * c.r * (0.75 - layer * 0.07);
        // Lighter leaves sit up and to the right: the sun is top right.
        const x = c.x + Math.cos(a) * d + layer * 9;
        const y = c.y - c.r * 0.35 + Math.sin(a) * d * 0.8 - layer * 10;
        parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(c.r * (0.42 - layer * 0.04)).toFixed(1)}" fill="${greens[layer]}"/>`);
      }
    }
  }
  return parts.join('');
}

function grass(): string {
  const rand = random(11);
  const parts: string[] = [];
  for (let i = 0; i < 900; i++) {
    const x = rand() * W;
    const y = 760 + rand() ** 0.7 * (H - 760);
    const h = 10 + (y - 760) * 0.09 * (0.6 + rand());
    const lean = (rand() - 0.5) * h * 0.6;
    const shade = ['#5b8a2e', '#76a23a', '#a3c65a', '#3e6a22'][Math.floor(rand() * 4)];
    parts.push(`<path d="M${x.toFixed(1)} ${y.toFixed(1)} q${(lean / 2).toFixed(1)} ${(-h / 2).toFixed(1)} ${lean.toFixed(1)} ${(-h).toFixed(1)}" stroke="${shade}" stroke-width="${(1.5 + (y - 760) / 200).toFixed(1)}" fill="none"/>`);
  }
  return parts.join('');
}

type Person = { x: number; y: number; s: number; skin: string; light: string; shade: string; hair: string; shirt: string; shirtShade: string; lips: string };

/** A head-and-shoulders figure lit from the top right; x,y is the chin, s the scale (1 = a 300 px tall head). */
function person(p: Person, id: string): string {
  const u = (v: number) => (v * p.s).toFixed(1);
  const X = (v: number) => (p.x + v * p.s).toFixed(1);
  const Y = (v: number) => (p.y + v * p.s).toFixed(1);
  return `
  <defs>
    <radialGradient id="face-${id}" cx="0.62" cy="0.38" r="0.75">
      <stop offset="0" stop-color="${p.light}"/><stop offset="0.55" stop-color="${p.skin}"/><stop offset="1" stop-color="${p.shade}"/>
    </radialGradient>
    <linearGradient id="shirt-${id}" x1="1" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${p.shirt}"/><stop offset="1" stop-color="${p.shirtShade}"/>
    </linearGradient>
  </defs>
  <path d="M${X(-330)} ${Y(520)} C${X(-320)} ${Y(180)} ${X(-200)} ${Y(120)} ${X(-70)} ${Y(90)} L${X(70)} ${Y(90)} C${X(200)} ${Y(120)} ${X(320)} ${Y(180)} ${X(330)} ${Y(520)} Z" fill="url(#shirt-${id})"/>
  <path d="M${X(-62)} ${Y(-20)} L${X(-66)} ${Y(100)} Q${X(0)} ${Y(150)} ${X(66)} ${Y(100)} L${X(62)} ${Y(-20)} Z" fill="${p.shade}"/>
  <ellipse cx="${X(0)}" cy="${Y(-190)}" rx="${u(168)}" ry="${u(200)}" fill="${p.hair}"/>
  <ellipse cx="${X(0)}" cy="${Y(-140)}" rx="${u(128)}" ry="${u(165)}" fill="url(#face-${id})"/>
  <ellipse cx="${X(-132)}" cy="${Y(-130)}" rx="${u(20)}" ry="${u(36)}" fill="${p.shade}"/>
  <ellipse cx="${X(132)}" cy="${Y(-130)}" rx="${u(20)}" ry="${u(36)}" fill="${p.skin}"/>
  <path d="M${X(-128)} ${Y(-190)} C${X(-130)} ${Y(-370)} ${X(130)} ${Y(-370)} ${X(130)} ${Y(-200)} C${X(60)} ${Y(-260)} ${X(-40)} ${Y(-250)} ${X(-128)} ${Y(-190)} Z" fill="${p.hair}"/>
  <path d="M${X(-82)} ${Y(-178)} q${u(30)} ${u(-14)} ${u(58)} ${u(-2)} M${X(26)} ${Y(-180)} q${u(30)} ${u(-12)} ${u(58)} ${u(2)}" stroke="${p.hair}" stroke-width="${u(9)}" fill="none" stroke-linecap="round"/>
  <ellipse cx="${X(-52)}" cy="${Y(-150)}" rx="${u(17)}" ry="${u(10)}" fill="#f3efe9"/>
  <ellipse cx="${X(54)}" cy="${Y(-150)}" rx="${u(17)}" ry="${u(10)}" fill="#f3efe9"/>
  <circle cx="${X(-50)}" cy="${Y(-150)}" r="${u(8)}" fill="#1b120c"/>
  <circle cx="${X(56)}" cy="${Y(-150)}" r="${u(8)}" fill="#1b120c"/>
  <path d="M${X(4)} ${Y(-140)} q${u(10)} ${u(50)} ${u(-14)} ${u(62)} q${u(12)} ${u(6)} ${u(26)} ${u(-2)}" stroke="${p.shade}" stroke-width="${u(5)}" fill="none" stroke-linecap="round"/>
  <path d="M${X(-44)} ${Y(-30)} Q${X(0)} ${Y(4)} ${X(46)} ${Y(-30)} Q${X(0)} ${Y(-14)} ${X(-44)} ${Y(-30)} Z" fill="${p.lips}"/>`;
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#14407a"/><stop offset="0.35" stop-color="#3f7fc4"/><stop offset="0.62" stop-color="#9cc4e6"/>
    </linearGradient>
    <radialGradient id="sun-glow"><stop offset="0" stop-color="#fffef6"/><stop offset="0.2" stop-color="#fff6d8" stop-opacity="0.9"/><stop offset="1" stop-color="#fff0c0" stop-opacity="0"/></radialGradient>
    <linearGradient id="meadow" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#7fae45"/><stop offset="0.5" stop-color="#5b8c30"/><stop offset="1" stop-color="#2c4a18"/>
    </linearGradient>
    <linearGradient id="wall" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#050505"/><stop offset="0.8" stop-color="#14110e"/><stop offset="1" stop-color="#2a241e"/>
    </linearGradient>
    <filter id="soft" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="22"/></filter>
    <filter id="haze"><feGaussianBlur stdDeviation="4"/></filter>
    <radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  <g filter="url(#soft)" fill="#ffffff">
    <ellipse cx="420" cy="210" rx="260" ry="70" opacity="0.95"/><ellipse cx="560" cy="170" rx="170" ry="80"/>
    <ellipse cx="1060" cy="330" rx="300" ry="60" opacity="0.85"/><ellipse cx="1180" cy="300" rx="160" ry="70" opacity="0.9"/>
    <ellipse cx="1500" cy="150" rx="200" ry="50" opacity="0.7"/>
  </g>
  <circle cx="1790" cy="200" r="330" fill="url(#sun-glow)"/>
  <circle cx="1790" cy="200" r="62" fill="#ffffff"/>
  <path d="M0 640 C300 560 520 610 760 575 C1000 540 1240 600 1480 560 C1720 520 1940 580 ${W} 560 L${W} ${H} L0 ${H} Z" fill="#7d99b0" filter="url(#haze)"/>
  <path d="M0 700 C260 660 560 690 820 670 C1100 650 1400 690 1700 665 C1900 650 2020 670 ${W} 660 L${W} ${H} L0 ${H} Z" fill="#55813a"/>
  ${trees()}
  <path d="M0 760 C400 740 900 770 1300 750 C1700 735 1950 755 ${W} 745 L${W} ${H} L0 ${H} Z" fill="url(#meadow)"/>
  <ellipse cx="1540" cy="800" rx="520" ry="48" fill="#1f3410" opacity="0.55" filter="url(#soft)"/>
  ${grass()}
  <path d="M0 ${H} L0 560 L210 540 L250 ${H} Z" fill="url(#wall)"/>
  ${person({ x: 760, y: 790, s: 1.0, skin: '#8d5524', light: '#b57a48', shade: '#4e2c14', hair: '#0e0a08', shirt: '#f6f4ee', shirtShade: '#b9b6ae', lips: '#6e3228' }, 'a')}
  ${person({ x: 1230, y: 850, s: 0.92, skin: '#e8b896', light: '#fbdcc4', shade: '#b98264', hair: '#5a3a22', shirt: '#c8322a', shirtShade: '#6e1812', lips: '#b85a58' }, 'b')}
  <rect width="${W}" height="${H}" fill="url(#vignette)"/>
</svg>`;

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const out = join(import.meta.dirname, '..', 'resources', 'demo', 'scene.jpg');
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 90, chromaSubsampling: '4:4:4', mozjpeg: true }).toBuffer();
  writeFileSync(out, jpeg);
  console.log(`wrote ${out} (${jpeg.length} bytes)`);
}
