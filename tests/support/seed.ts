// Albums to test with: real items filed through the library's own add path, each a small photograph-like
// JPEG with a number drawn big on it, so a screenshot shows which item is where.
import sharp from 'sharp';
import type { Library } from '../../main/library/index.ts';

export type Seeded = { id: string; takenAt: string; index: number };

/** A picture of `index`: a colour field that changes with the index, and the number in the middle. */
export async function numberedJpeg(index: number, width = 360, height = 240): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},45%,25%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.78}" cy="${height * 0.3}" r="${height * 0.16}" fill="hsl(${(hue + 180) % 360},60%,70%)"/>
    <text x="50%" y="58%" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${Math.round(height * 0.34)}" text-anchor="middle" fill="#fff" fill-opacity=".92">${index}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** `count` photos spread back in time from `newest`, `perDay` a day with gaps between days, item 0 the newest. */
export async function seedAlbum(library: Library, count: number, options: { newest?: Date; perDay?: number; lookId?: string; lookName?: string } = {}): Promise<Seeded[]> {
  const newest = options.newest ?? new Date(2026, 10, 20, 18, 0, 0);
  const perDay = options.perDay ?? 7;
  const out: Seeded[] = [];
  for (let index = 0; index < count; index++) {
    const day = Math.floor(index / perDay);
    // A gap of a day after every third day, the shots of one day an hour apart: strictly newest first.
    const takenAt = new Date(newest.getTime() - (day + Math.floor(day / 3)) * 86_400_000 - (index % perDay) * 3_600_000);
    const item = await library.addShot({
      kind: 'photo',
      data: await numberedJpeg(index),
      ext: 'jpg',
      width: 360,
      height: 240,
      takenAt,
      lookId: options.lookId ?? (index % 3 === 0 ? 'glacier-50' : 'harbor-400'),
      lookName: options.lookName ?? (index % 3 === 0 ? 'Glacier 50' : 'Harbor 400'),
      recipe: { lookId: 'harbor-400', lookVersion: 1, strength: 1, grain: 1, effects: true, seed: index, dateStampText: null },
    });
    out.push({ id: item.id, takenAt: item.takenAt, index });
  }
  return out;
}
