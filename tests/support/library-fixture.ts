// A real library for the Settings → Library tests: JPEGs filed through the catalog (one in the trash), their
// thumbnails made, one imported look, in the app's default layout (photos in one folder, catalog, thumbnails and
// looks in the app's data folder). Returns a sha256 per item of the files to compare against after a move.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openLibrary, type LibraryPaths } from '../../main/library/index.ts';
import { formatCube } from '../../main/looks/lut/cube.ts';
import { lutFromFunction } from '../../main/looks/lut/lut.ts';
import { importLut } from '../../main/looks/index.ts';
import { writeFileSync } from 'node:fs';

export type LibraryFixture = { place: LibraryPaths; appData: string; hashes: Map<string, string>; lookId: string };

export function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function makeLibrary(base: string, count = 6, pixels = 400): Promise<LibraryFixture> {
  const place = { root: path.join(base, 'Pictures', 'Darkslide'), dataDir: path.join(base, 'data') };
  const library = await openLibrary(place);
  const hashes = new Map<string, string>();
  try {
    for (let i = 0; i < count; i++) {
      const source = path.join(base, `in-${i}.jpg`);
      await sharp({ create: { width: pixels, height: Math.round(pixels * 0.75), channels: 3, background: { r: (i * 37) % 255, g: 90, b: 200 - ((i * 11) % 150) } } })
        .jpeg({ quality: 95 })
        .toFile(source);
      const item = await library.addFile({
        kind: 'photo',
        sourceFile: source,
        keepSource: true,
        width: pixels,
        height: Math.round(pixels * 0.75),
        takenAt: new Date(2026, 4, 1 + (i % 20), 10, i),
        lookId: 'harbor-400',
        lookName: 'Harbor 400',
        recipe: { lookId: 'harbor-400' },
      });
      await library.mediaPath(item.id, 'thumb');
      hashes.set(item.id, sha(source));
    }
    const [first] = hashes.keys();
    await library.trash([first!]);
  } finally {
    await library.close();
  }
  const cube = path.join(base, 'warm.cube');
  writeFileSync(cube, formatCube(lutFromFunction(9, (r, g, b) => [Math.min(1, r + 0.05), g, b * 0.95]), 'Warm'));
  const look = await importLut(cube, { name: 'Warm', looksDir: path.join(place.dataDir, 'looks') });
  return { place, appData: place.dataDir, hashes, lookId: look.id };
}
