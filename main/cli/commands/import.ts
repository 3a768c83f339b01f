import { runJob } from '../run-job.ts';
import { finishAlbumJob, libraryPaths, numberFlag, resolveLook, UsageError, parseWithPositionals, useUserLooks, withLibrary } from '../support.ts';
import type { Command } from './command.ts';

/** The camera imports go through when none is named. */
export const DEFAULT_IMPORT_LOOK = 'harbor-400';

export const importCommand: Command = {
  name: 'import',
  usage: `  darkslide import <files or folders...> [--look <id>] [--strength 0..1] [--grain 0..1] [--library DIR] [--json]
                                                  add photos (JPEG, PNG, TIFF, WebP, AVIF, HEIC, GIF) and videos
                                                  (MP4, MOV) to the album, folders recursively: originals kept
                                                  untouched, photos developed through the camera (default
                                                  ${DEFAULT_IMPORT_LOOK}); what is already there is skipped`,
  async run(args) {
    const { values, positionals } = parseWithPositionals(args, {
        look: { type: 'string' },
        strength: { type: 'string' },
        grain: { type: 'string' },
        library: { type: 'string' },
        json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('import needs at least one file or folder.');
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
      (added) => `Imported ${added} of ${job.total}${job.skipped ? ` (${job.skipped} already in the album)` : ''}${job.failed ? ` (${job.failed} failed, see above)` : ''}`,
      'imported',
    );
  },
};
