import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as location from '../../location/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { backupFile, geotagRunsDir, itemTargets, toApiResult } from '../../app/geotag.ts';
import { errorWords, locale, t } from '../locale.ts';
import { libraryPaths, numberFlag, partialFailure, print, progressBar, UsageError, parseWithPositionals, withLibrary } from '../support.ts';
import type { Library } from '../../library/index.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

const OPTIONS = {
  track: { type: 'string' },
  offset: { type: 'string' },
  'max-gap': { type: 'string' },
  'max-accuracy': { type: 'string' },
  zone: { type: 'string' },
  backup: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  undo: { type: 'string' },
  library: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `--offset -00:01:30` reads as an option to parseArgs; a signed time after --offset is its value. */
function joinSignedOffset(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--offset' && /^-\d/.test(args[i + 1] ?? '')) out.push(`--offset=${args[++i]}`);
    else out.push(args[i]!);
  }
  return out;
}

function describe(result: location.GeotagResult, refKind: 'line' | 'entry'): string {
  switch (result.status) {
    case 'tagged': {
      const refs = new Intl.ListFormat(locale, { type: 'conjunction' }).format(result.fixes.map((fix) => t('cli.geotag.ref', { kind: refKind, ref: fix.ref })));
      const where = { latitude: result.location.latitude.toFixed(6), longitude: result.location.longitude.toFixed(6), refs };
      return t(result.method === 'interpolated' ? 'cli.geotag.tagged-between' : 'cli.geotag.tagged-nearest', where);
    }
    case 'too-far':
      return t('cli.geotag.too-far', { minutes: Math.round(result.nearestSeconds / 60), where: result.where });
    case 'no-capture-time':
      return t('cli.geotag.no-capture-time');
    case 'no-zone':
      return t('cli.geotag.no-zone', { time: result.wallClock });
    case 'unreadable':
      return t('cli.geotag.unreadable', { reason: errorWords(result.error) });
  }
}

export const geotagCommand: Command = {
  name: 'geotag',
  usage: () =>
    [
      usageEntry(
        `  darkslide geotag --track <file> [--offset ±HH:MM:SS] [--max-gap SECONDS] [--zone ZONE]
      [--max-accuracy M] [--backup] [--dry-run] [--library DIR] [--json] <item ids | files...>`,
        t('cli.usage.geotag', { backup: '<file>_original' }),
      ),
      usageEntry('  darkslide geotag --undo RUN [--library DIR]', t('cli.usage.geotag-undo')),
    ].join('\n'),
  async run(rawArgs) {
    const { values: flags, positionals } = parseWithPositionals(joinSignedOffset(rawArgs), OPTIONS);
    const runsDir = geotagRunsDir(libraryPaths(flags.library).dataDir);

    if (flags.undo) {
      const run = await location.loadRun(runsDir, flags.undo);
      // Album items (ids, not paths) have their catalog row follow the file.
      const items = run.written.some((entry) => !path.isAbsolute(entry.id));
      const undo = (library?: Library) =>
        location.undoGeotags(run.written, {
          onRestored: (entry, where) => (library && !path.isAbsolute(entry.id) ? library.setLocation(entry.id, where && { latitude: where.latitude, longitude: where.longitude }) : undefined),
        });
      const undone = items ? await withLibrary(flags, undo) : await undo();
      for (const failure of undone.failed) process.stderr.write(`darkslide: ${errorWords(failure.error)}\n`);
      print(flags, undone, () => t('cli.geotag.restored', { count: undone.restored.length }));
      if (undone.failed.length > 0) throw partialFailure({ failed: undone.failed.length, total: undone.failed.length + undone.restored.length }, 'restored');
      return;
    }

    if (!flags.track) throw new UsageError(t('cli.needs', { command: 'geotag', what: t('cli.geotag.track-what', { flag: '--track <file>' }) }));
    if (positionals.length === 0) throw new DarkslideError('location.no-items');
    const options: location.GeotagOptions = {
      offsetSeconds: flags.offset === undefined ? 0 : location.parseTimeOffset(flags.offset),
      zone: flags.zone === undefined ? undefined : location.checkZone(flags.zone),
    };
    if (flags['max-gap'] !== undefined) {
      const gap = Number(flags['max-gap']);
      if (!Number.isInteger(gap) || gap < 1) throw new DarkslideError('location.bad-max-gap', { value: flags['max-gap'] }, { field: 'max-gap' });
      options.maxGapSeconds = gap;
    }
    const maxAccuracy = numberFlag('max-accuracy', flags['max-accuracy'], 1, 100_000);

    // The track first: a track that cannot be used stops everything before any file is touched.
    const track = await location.readTrack(path.resolve(flags.track), maxAccuracy === undefined ? {} : { maxAccuracy });

    // Existing paths are plain files, geotagged in place; anything else is an album item id.
    const files: location.GeotagTarget[] = [];
    const ids: string[] = [];
    for (const entry of positionals) {
      const info = await stat(entry).catch(() => null);
      if (info?.isFile()) files.push({ id: path.resolve(entry), file: path.resolve(entry) });
      else if (info?.isDirectory()) throw new DarkslideError('file.is-folder', { file: entry });
      else if (/[\\/]|\.\w{2,4}$/.test(entry)) throw new DarkslideError('file.not-found', { file: entry });
      else ids.push(entry);
    }

    const work = async (targets: location.GeotagTarget[], library?: Library) => {
      const results = location.matchCaptures(track, await location.readCaptures(targets), options);
      if (flags['dry-run']) return { results, run: null };
      if (flags.backup) for (const result of results) if (result.status === 'tagged' && files.some((f) => f.file === result.file)) await backupFile(result.file);
      const showProgress = !flags.json && process.stderr.isTTY;
      const run = await location.writeGeotags(results, {
        onWritten: (entry, where) => (library && ids.includes(entry.id) ? library.setLocation(entry.id, { latitude: where.latitude, longitude: where.longitude }) : undefined),
        onProgress: (done, total) => showProgress && process.stderr.write(`\r${progressBar(done, total)} ${done}/${total}`),
      });
      if (showProgress) process.stderr.write('\n');
      if (run.written.length > 0) await location.saveRun(runsDir, run);
      return { results, run };
    };
    const { results, run } = ids.length > 0 ? await withLibrary(flags, async (library) => work([...files, ...(await itemTargets(library, ids))], library)) : await work(files);

    const failedIds = new Set(run?.failed.map((failure) => failure.id));
    for (const failure of run?.failed ?? []) process.stderr.write(`darkslide: ${errorWords(failure.error)}\n`);
    const tagged = results.filter((result) => result.status === 'tagged' && !failedIds.has(result.id)).length;
    print(
      flags,
      { track: { file: track.file, format: track.format, fixes: track.fixes.length, dropped: track.dropped }, runId: run?.runId ?? null, results: results.map((result) => ({ ...toApiResult(result, track.refKind), file: result.file })) },
      () =>
        [
          t('cli.geotag.track', { file: path.basename(track.file), fixes: track.fixes.length, format: track.format, inaccurate: track.dropped.inaccurate }),
          ...results.map((result) => `${path.relative(process.cwd(), result.file) || result.file}: ${describe(result, track.refKind)}`),
          flags['dry-run']
            ? t('cli.geotag.dry-run', { tagged, total: results.length })
            : t('cli.geotag.done', { tagged, total: results.length }) +
              (run && run.written.length > 0 ? t('cli.geotag.undo-hint', { command: `darkslide geotag --undo ${run.runId}${flags.library ? ` --library ${flags.library}` : ''}` }) : ''),
        ].join('\n'),
    );
    if (run && run.failed.length > 0) throw partialFailure({ failed: run.failed.length, total: results.length }, 'tagged');
  },
};
