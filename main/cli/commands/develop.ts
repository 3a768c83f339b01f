import path from 'node:path';
import * as looks from '../../looks/index.ts';
import { runJob } from '../run-job.ts';
import { errorWords, t } from '../locale.ts';
import { collectImages, finishAlbumJob, numberFlag, partialFailure, print, progressBar, resolveLook, UsageError, parseWithPositionals, useUserLooks, withLibrary } from '../support.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

export const developCommand: Command = {
  name: 'develop',
  usage: () =>
    [
      usageEntry(
        `  darkslide develop <files or folders...> --look <camera id | file.cube | file.3dl | hald.png>
      [--strength 0..1] [--grain 0..1] [--out DIR] [--format jpeg|png|tiff|webp] [--quality N]
      [--long-edge PX] [--seed N] [--no-effects] [--no-exif] [--json]`,
        t('cli.usage.develop-folder'),
      ),
      usageEntry('  darkslide develop <files or folders...> --look <id> (--album | --library DIR) [--strength 0..1] [--grain 0..1] [--json]', t('cli.usage.develop-album')),
    ].join('\n'),
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
    if (!values.look) throw new UsageError(t('cli.needs-see', { command: 'develop', what: '--look <camera id | LUT file>', see: '`darkslide looks`' }));
    if (positionals.length === 0) throw new UsageError(t('cli.needs-files', { command: 'develop', what: 'photo' }));
    const inputs = await collectImages(positionals);
    if (inputs.length === 0) throw new UsageError(t('cli.develop.no-photos', { paths: positionals.join(t('cli.list-separator')) }));
    const lookId = await resolveLook(values.look);
    if (values.album || values.library !== undefined) {
      if (values.out !== undefined) throw new UsageError(t('cli.develop.album-or-folder'));
      for (const flag of ['format', 'quality', 'long-edge', 'seed', 'no-effects', 'no-exif'] as const) {
        if (values[flag] !== undefined) throw new UsageError(t('cli.develop.folder-only', { flag }));
      }
      const params = { lookId, strength: numberFlag('strength', values.strength, 0, 1), grain: numberFlag('grain', values.grain, 0, 1) };
      const { job, errors } = await withLibrary({ library: values.library }, (library) =>
        runJob(library, 'develop', Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)), inputs.map((file) => ({ file })), { quiet: Boolean(values.json) }),
      );
      finishAlbumJob(
        values,
        { job, errors },
        (developed) => t('cli.develop.done-album', { developed, total: job.total, skipped: job.skipped, failed: job.failed }),
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
        if (result.error) process.stderr.write(`${showProgress ? '\n' : ''}darkslide: ${errorWords(result.error)}\n`);
      },
    });
    if (showProgress) process.stderr.write('\n');
    const failed = results.filter((result) => result.error);
    // --json keeps each error's shape ({code, message}), its message in the person's language.
    const shown = results.map(({ error, ...result }) => (error ? { ...result, error: { code: error.code, message: errorWords(error) } } : result));
    print(values, shown, () => t('cli.develop.done-folder', { developed: results.length - failed.length, total: results.length, folder: outDir, failed: failed.length }));
    if (failed.length) throw partialFailure({ failed: failed.length, total: results.length }, 'developed');
  },
};
