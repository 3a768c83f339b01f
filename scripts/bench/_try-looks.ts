import { listCameras, developStill, previewLook } from '/work/main/main/looks/index.ts';
import sharp from 'sharp';
console.log(listCameras());
const src = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 120, g: 140, b: 160 } } }).jpeg().toBuffer();
for (const c of listCameras()) {
  const t = performance.now();
  const r = await developStill(src, { cameraId: c.id, seed: 1 });
  console.log(c.id, r.width, r.height, r.data.length, (performance.now() - t).toFixed(0), 'ms');
}
console.log(previewLook('harbor-400').size);
