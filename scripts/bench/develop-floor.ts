/**
 * The floor for bench:develop, as a process of its own like the CLI it is compared with: sharp decoding and
 * encoding each file in one streaming libvips pipeline (no raw buffer in between), one file per core at a time, with
 * the output Darkslide's develop writes: upright, sRGB, no ICC profile, JPEG at the given quality, 4:4:4, without
 * per-picture Huffman tables, the source's EXIF kept. sharp optimises the tables unless told not to: left to
 * that default the floor did four times the encode work Darkslide does, and the ratio looked better than it is.
 * Usage: node scripts/bench/develop-floor.ts <out dir> <quality> <files...>
 */
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';

const [outDir, quality, ...files] = process.argv.slice(2);
if (!outDir || !quality || files.length === 0) {
  console.error('usage: develop-floor.ts <out dir> <quality> <files...>');
  process.exit(2);
}
const out: string = outDir;
mkdirSync(out, { recursive: true });
// All cores, as a person batching with sharp would: on the 2-core machines here that is two files at a time.
const PARALLEL = availableParallelism();
let next = 0;
async function lane(): Promise<void> {
  while (next < files.length) {
    const file = files[next++]!;
    await sharp(file, { failOn: 'error' })
      .autoOrient()
      .toColourspace('srgb')
      .keepExif()
      .jpeg({ quality: Number(quality), chromaSubsampling: '4:4:4', optimiseCoding: false })
      .toFile(join(out, basename(file)));
  }
}
await Promise.all(Array.from({ length: PARALLEL }, lane));
