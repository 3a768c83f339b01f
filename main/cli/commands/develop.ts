import path from 'node:path';
import * as looks from '../../looks/index.ts';
import { runJob } from '../run-job.ts';
import { collectImages, finishAlbumJob, numberFlag, print, progressBar, resolveLook, UsageError, parseWithPositionals, useUserLooks, withLibrary } from '../support.ts';
import type { Command } from './command.ts';

export const developCommand: Command = {
  name: 'develop',
  usage: `  darkslide develop <files or folders...> --look <camera id | file.cube | file.3dl | hald.png>
      [--strength 0..1] [--grain 0..1] [--out DIR] [--format jpeg|png|tiff|webp] [--quality N]
      [--long-edge PX] [--seed N] [--no-effects] [--no-exif] [--json]
                                                  develop existing photos through a film camera into a folder
  darkslide develop <files or folders...> --look <id> (--album | --library DIR) [--strength 0..1] [--grain 0..1] [--json]
                                                  develop them into the album (a job: Ctrl-C pauses, the same
                                                  command continues; what was developed before is skipped)`,
  async run(args) {
    const { values, positionals } = parseWithPositionals(args, {
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
        album: { type: 'boolean' },
        library: { type: 'string' },
    });
    useUserLooks(values.library);
    if (!values.look) throw new UsageError('develop needs --look <camera id or LUT file> (see `darkslide looks`).');
    if (positionals.length === 0) throw new UsageError('develop needs at least one photo or folder.');
    const inputs = await collectImages(positionals);
    if (inputs.length === 0) throw new UsageError(`No photos found in ${positionals.join(', ')} (JPEG, PNG, TIFF, WebP, AVIF).`);
    const lookId = await resolveLook(values.look);
    if (values.album || values.library !== undefined) {
      if (values.out !== undefined) throw new UsageError('develop files either into the album (--album, --library) or into a folder (--out), not both.');
      for (const flag of ['format', 'quality', 'long-edge', 'seed', 'no-effects', 'no-exif'] as const) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --out only: the album keeps full-size JPEGs with their EXIF.`);
      }
      const params = { lookId, strength: numberFlag('strength', values.strength, 0, 1), grain: numberFlag('grain', values.grain, 0, 1) };
      const { job, errors } = await withLibrary({ library: values.library }, (library) =>
        runJob(library, 'develop', Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)), inputs.map((file) => ({ file })), { quiet: Boolean(values.json) }),
      );
      finishAlbumJob(
        values,
        { job, errors },
        (developed) => `Developed ${developed} of ${job.total} into the album${job.skipped ? ` (${job.skipped} developed before, skipped)` : ''}${job.failed ? ` (${job.failed} failed, see above)` : ''}`,
        'developed',
      );
      return;
    }
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
