import path from 'node:path';
import { parseArgs } from 'node:util';
import * as looks from '../../looks/index.ts';
import { collectImages, numberFlag, print, progressBar, resolveLook, UsageError, usageText, useUserLooks } from '../support.ts';
import type { Command } from './command.ts';

export const developCommand: Command = {
  name: 'develop',
  usage: `  darkslide develop <files or folders...> --look <camera id | file.cube | file.3dl | hald.png>
      [--strength 0..1] [--grain 0..1] [--out DIR] [--format jpeg|png|tiff|webp] [--quality N]
      [--long-edge PX] [--seed N] [--no-effects] [--no-exif] [--json]
                                                  develop existing photos through a film camera`,
  async run(args) {
    useUserLooks();
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          look: { type: 'string' },
          strength: { type: 'string' },
          grain: { type: 'string' },
          out: { type: 'string' },
          format: { type: 'string' },
          quality: { type: 'string' },
          'long-edge': { type: 'string' },
          seed: { type: 'string' },
          'no-effects': { type: 'boolean' },
          'no-exif': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${usageText()}`);
    }
    const { values, positionals } = parsed;
    if (!values.look) throw new UsageError('develop needs --look <camera id or LUT file> (see `darkslide looks`).');
    if (positionals.length === 0) throw new UsageError('develop needs at least one photo or folder.');
    const inputs = await collectImages(positionals);
    if (inputs.length === 0) throw new UsageError(`No photos found in ${positionals.join(', ')} (JPEG, PNG, TIFF, WebP, HEIF).`);
    const lookId = await resolveLook(values.look);
    const outDir = path.resolve(values.out ?? 'developed');
    const showProgress = !values.json && process.stderr.isTTY;
    const results = await looks.developFiles(inputs, {
      lookId,
      outDir,
      strength: numberFlag('strength', values.strength, 0, 1),
      grain: numberFlag('grain', values.grain, 0, 1),
      effects: !values['no-effects'],
      format: values.format as 'jpeg' | 'png' | 'tiff' | 'webp' | undefined,
      quality: numberFlag('quality', values.quality, 1, 100),
      longEdge: numberFlag('long-edge', values['long-edge'], 16, 65_535),
      seed: numberFlag('seed', values.seed, 0, 2 ** 31 - 1),
      keepExif: !values['no-exif'],
      onProgress: ({ done, total, result }) => {
        if (showProgress) process.stderr.write(`\r${progressBar(done, total)} ${done}/${total}`);
        if (result.error) process.stderr.write(`${showProgress ? '\n' : ''}darkslide: ${result.error.message}\n`);
      },
    });
    if (showProgress) process.stderr.write('\n');
    const failed = results.filter((result) => result.error);
    print(values, results, () => `Developed ${results.length - failed.length} of ${results.length} into ${outDir}${failed.length ? ` (${failed.length} failed, see above)` : ''}`);
    if (failed.length) throw Object.assign(new Error(`${failed.length} of ${results.length} files could not be developed.`), { code: 'partial', silent: true });
  },
};
