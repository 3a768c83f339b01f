import { runJob } from '../run-job.ts';
import { finishAlbumJob, libraryPaths, numberFlag, resolveLook, UsageError, parseWithPositionals, useUserLooks, withLibrary } from '../support.ts';
import { t } from '../locale.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

/** The camera imports go through when none is named. */
export const DEFAULT_IMPORT_LOOK = 'harbor-400';

export const importCommand: Command = {
  name: 'import',
  usage: () => usageEntry('  darkslide import <files or folders...> [--look <id>] [--strength 0..1] [--grain 0..1] [--library DIR] [--json]', t('cli.usage.import', { look: DEFAULT_IMPORT_LOOK })),
  async run(args) {
    const { values, positionals } = parseWithPositionals(args, {
        look: { type: 'string' },
        strength: { type: 'string' },
        grain: { type: 'string' },
        library: { type: 'string' },
        json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError(t('cli.needs-files', { command: 'import', what: 'file' }));
    useUserLooks(values.library);
    const lookId = await resolveLook(values.look ?? DEFAULT_IMPORT_LOOK);
    const paths = libraryPaths(values.library);
    const params = {
      lookId,
      // The album's own folders are never imported into themselves.
      exclude: [paths.root, paths.dataDir],
      ...(values.strength === undefined ? {} : { strength: numberFlag('strength', values.strength, 0, 1) }),
      ...(values.grain === undefined ? {} : { grain: numberFlag('grain', values.grain, 0, 1) }),
    };
    const { job, errors } = await withLibrary({ library: values.library }, (library) => runJob(library, 'import', params, positionals, { quiet: Boolean(values.json) }));
    finishAlbumJob(
      values,
      { job, errors },
      (added) => t('cli.import.done', { added, total: job.total, skipped: job.skipped, failed: job.failed }),
      'imported',
    );
  },
};
