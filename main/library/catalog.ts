// The library's facade: opens the catalog and serves the Library interface from the plain functions in sql/,
// one file per concern (setup and transactions, item rows, the add journal, trash moves, media paths, recovery,
// the change feed). It holds only what an open library owns: the connection, listeners, work in flight.
import { DarkslideError } from '../shared/errors/index.ts';
import { DEFAULT_FFMPEG, DEFAULT_FFPROBE } from './media.ts';
import { createChangeFeed } from './sql/changes.ts';
import { DEFAULT_TRASH_KEEP_DAYS, getItem, listItems } from './sql/items.ts';
import { forgetLocations, setItemLocation } from './sql/location.ts';
import { addFile, addShot } from './sql/journal.ts';
import { createMediaPaths } from './sql/media-paths.ts';
import { emptyReport, recover } from './sql/recovery.ts';
import { closeCatalog, invalid, openCatalog } from './sql/setup.ts';
import {
  addJobItems,
  claimOrphanJobs,
  clearJobItems,
  createJob,
  findDeveloped,
  getJob,
  jobErrors,
  jobInputs,
  listJobs,
  pendingJobItems,
  pruneJobs,
  setJobItemState,
  settledJobItems,
  setJobState,
} from './sql/jobs.ts';
import { albumLayout, albumPosition, albumRange, purgeTrash, setFavourite } from './sql/album.ts';
import { findImported, knownSource, rememberSource } from './sql/imports.ts';
import { emptyTrash, restoreItems, trashItems } from './sql/trash.ts';
import type { Library, OpenLibraryOptions } from './types.ts';

const DAY_MS = 24 * 3600 * 1000;

/** The person's trash retention, in whole days (Settings → Privacy offers 1 to 365). */
function checkKeepDays(days: unknown): void {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650) invalid('trashKeepDays', 'must be a whole number of days from 1 to 3650');
}

/**
 * Opens (creating if needed) the library and settles what crashed processes left half done. Any number of
 * processes may have the same library open at once; each sees the others' changes (see Library.onChange).
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<Library> {
  if (!options || typeof options.root !== 'string' || options.root === '') invalid('root', 'must be a folder path');
  if (typeof options.dataDir !== 'string' || options.dataDir === '') invalid('dataDir', 'must be a folder path');
  for (const key of ['ffmpegPath', 'ffprobePath'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) invalid(key, 'must be the path of the executable when given');
  }
  const trashKeepDays = options.trashKeepDays ?? DEFAULT_TRASH_KEEP_DAYS;
  checkKeepDays(trashKeepDays);
  const catalog = openCatalog({
    root: options.root,
    dataDir: options.dataDir,
    ffmpegPath: options.ffmpegPath ?? DEFAULT_FFMPEG,
    ffprobePath: options.ffprobePath ?? DEFAULT_FFPROBE,
    trashKeepDays,
  });
  const feed = createChangeFeed(catalog);
  catalog.emit = feed.emit;
  const media = createMediaPaths(catalog);
  /** Adds and deletions under way: close() keeps the catalog and the lock file until they settle. */
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;
  let released = false;

  const release = () => {
    if (released) return;
    released = true;
    closeCatalog(catalog);
  };
  const assertOpen = () => {
    if (closed) throw new DarkslideError('library.closed');
  };
  /** Runs an add or deletion so that close() waits for it before releasing the catalog. */
  const track = <T>(work: () => Promise<T>): Promise<T> => {
    const running = work();
    inFlight.add(running);
    // Released before the caller hears the result, so "await add; close" leaves nothing behind.
    return running.finally(() => {
      inFlight.delete(running);
      if (closed && inFlight.size === 0) release();
    });
  };
  // Plain functions are synchronous where SQLite is; the interface is asynchronous so a worker can serve it too.
  const call = <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      assertOpen();
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };

  const library: Library = {
    root: catalog.root,
    dataDir: catalog.dataDir,
    recovery: emptyReport(),
    addShot: (input) => call(() => track(() => addShot(catalog, input))),
    addFile: (input) => call(() => track(() => addFile(catalog, input))),
    list: (query) => call(() => listItems(catalog, query)),
    get: (id) => call(() => getItem(catalog, id)),
    trash: (ids) => call(() => trashItems(catalog, ids)),
    restore: (ids) => call(() => restoreItems(catalog, ids)),
    emptyTrash: () => call(() => track(() => emptyTrash(catalog))),
    mediaPath: (id, variant) => call(() => media.mediaPath(id, variant)),
    setLocation: (id, location) => call(() => setItemLocation(catalog, id, location)),
    forgetLocations: () => call(() => forgetLocations(catalog)),
    onChange: (listener) => feed.subscribe(listener),
    jobs: {
      create: (job) => call(() => createJob(catalog, job)),
      addItems: (jobId, items) => call(() => addJobItems(catalog, jobId, items)),
      clearItems: (jobId) => call(() => clearJobItems(catalog, jobId)),
      get: (jobId) => call(() => getJob(catalog, jobId)),
      list: (limit) => call(() => listJobs(catalog, limit)),
      setState: (jobId, state) => call(() => setJobState(catalog, jobId, state)),
      inputs: (jobId) => call(() => jobInputs(catalog, jobId)),
      pendingItems: (jobId, afterSeq, limit) => call(() => pendingJobItems(catalog, jobId, afterSeq, limit)),
      setItemState: (jobId, seq, state, outcome) => call(() => setJobItemState(catalog, jobId, seq, state, outcome)),
      errors: (jobId, offset, limit) => call(() => jobErrors(catalog, jobId, offset, limit)),
      settled: (jobId, offset, limit) => call(() => settledJobItems(catalog, jobId, offset, limit)),
      claimOrphans: (batchKey) => call(() => claimOrphanJobs(catalog, batchKey)),
      prune: (keepMs) => call(() => pruneJobs(catalog, keepMs)),
      findDeveloped: (developKey) => call(() => findDeveloped(catalog, developKey)),
    },
    album: {
      layout: (query) => call(() => albumLayout(catalog, query)),
      range: (query, offset, limit) => call(() => albumRange(catalog, query, offset, limit)),
      position: (query, id) => call(() => albumPosition(catalog, query, id)),
    },
    setFavourite: (ids, favourite) => call(() => setFavourite(catalog, ids, favourite)),
    purgeTrash: (now) => call(() => track(() => purgeTrash(catalog, now))),
    setTrashKeepDays: (days) =>
      call(() => {
        checkKeepDays(days);
        catalog.trashKeepMs = days * DAY_MS;
      }),
    imports: {
      findBySource: (hash) => call(() => findImported(catalog, hash)),
      known: (file, size, mtimeMs) => call(() => knownSource(catalog, file, size, mtimeMs)),
      remember: (file, size, mtimeMs, hash) => call(() => rememberSource(catalog, file, size, mtimeMs, hash)),
    },
    async close() {
      if (closed) return;
      closed = true;
      feed.stop();
      // Nothing under way: released at once, so a caller that does not wait can reopen straight away.
      if (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      release();
    },
  };

  try {
    library.recovery = await recover(catalog);
    // What has been in the trash longer than the person keeps it goes now (the album shows each trashed item's date).
    await purgeTrash(catalog);
  } catch (error) {
    closed = true;
    feed.stop();
    release();
    throw error;
  }
  return library;
}
