/**
 * The floor for bench:export, a process of its own like the CLI it is compared with: what a person could run
 * instead, sharp decoding and encoding each file with the export's own encoder settings (encoderOptions),
 * upright, sRGB, the source's EXIF kept, streaming, one file per core at a time.
 * Usage: node scripts/bench/export-floor.ts <out dir> <jpeg|avif|webp|png|tiff> <quality> <files...>
 */
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { encoderOptions, type PhotoFormat } from '../../main/export/photo.ts';

const [out, format, quality, ...files] = process.argv.slice(2) as [string, PhotoFormat, string, ...string[]];
let next = 0;
async function lane(): Promise<void> {
  while (next < files.length) {
    const file = files[next++]!;
    let pipeline = sharp(file, { failOn: 'error' }).autoOrient().toColourspace('srgb').keepExif();
    if (format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
    await pipeline.toFormat(format, encoderOptions(format, Number(quality))).toFile(join(out, `${basename(file)}.${format}`));
  }
}
// All cores, as a person batching with sharp would: on the 2-core machines here that is two files at a time.
await Promise.all(Array.from({ length: availableParallelism() }, lane));
