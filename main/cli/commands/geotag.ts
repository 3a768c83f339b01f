import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as location from '../../location/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { backupFile, geotagRunsDir, itemTargets, toApiResult } from '../../app/geotag.ts';
import { libraryPaths, numberFlag, print, progressBar, UsageError, parseWithPositionals, withLibrary } from '../support.ts';
import type { Library } from '../../library/index.ts';
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
      const refs = result.fixes.map((fix) => `${refKind} ${fix.ref}`).join(' and ');
      const how = result.method === 'interpolated' ? `between the fixes at ${refs}` : `from the nearest fix, at ${refs}`;
      return `tagged ${result.location.latitude.toFixed(6)}, ${result.location.longitude.toFixed(6)} (${how})`;
    }
    case 'too-far':
      return `not tagged: ${Math.round(result.nearestSeconds / 60)} min ${result.where === 'before' ? 'before the track starts' : result.where === 'after' ? 'after the track ends' : 'from the nearest fix'}`;
    case 'no-capture-time':
      return 'not tagged: it has no capture time';
    case 'no-zone':
      return `not tagged: its time (${result.wallClock}) has no UTC offset; give the zone it was taken in with --zone`;
    case 'unreadable':
      return `not tagged: ${result.error.message}`;
  }
}

export const geotagCommand: Command = {
  name: 'geotag',
  usage: `  darkslide geotag --track <file> [--offset ±HH:MM:SS] [--max-gap SECONDS] [--zone ZONE]
      [--max-accuracy M] [--backup] [--dry-run] [--library DIR] [--json] <item ids | files...>
                                                  give photos and videos the positions of a GPX/KML/Google track
                                                  (files outside the album in place; --backup keeps <file>_original)
  darkslide geotag --undo RUN [--library DIR]     put back the location tags a geotag run replaced`,
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
      for (const failure of undone.failed) process.stderr.write(`darkslide: ${failure.error.message}\n`);
      print(flags, undone, () => `Put back the earlier location tags of ${undone.restored.length} file${undone.restored.length === 1 ? '' : 's'}.`);
      if (undone.failed.length > 0) throw Object.assign(new Error('Some files could not be restored.'), { silent: true });
      return;
    }

    if (!flags.track) throw new UsageError('geotag needs --track <GPX, KML or Google location file>.');
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
    for (const failure of run?.failed ?? []) process.stderr.write(`darkslide: ${failure.error.message}\n`);
    const tagged = results.filter((result) => result.status === 'tagged' && !failedIds.has(result.id)).length;
    print(
      flags,
      { track: { file: track.file, format: track.format, fixes: track.fixes.length, dropped: track.dropped }, runId: run?.runId ?? null, results: results.map((result) => ({ ...toApiResult(result, track.refKind), file: result.file })) },
      () =>
        [
          `${path.basename(track.file)}: ${track.fixes.length} fixes (${track.format})${track.dropped.inaccurate ? `, ${track.dropped.inaccurate} less accurate than the limit left out` : ''}`,
          ...results.map((result) => `${path.relative(process.cwd(), result.file) || result.file}: ${describe(result, track.refKind)}`),
          flags['dry-run']
            ? `Dry run: ${tagged} of ${results.length} would be tagged; nothing was written.`
            : `${tagged} of ${results.length} tagged.${run && run.written.length > 0 ? ` Undo: darkslide geotag --undo ${run.runId}${flags.library ? ` --library ${flags.library}` : ''}` : ''}`,
        ].join('\n'),
    );
    if ((run?.failed.length ?? 0) > 0) throw Object.assign(new Error('Some files could not be tagged.'), { silent: true });
  },
};
