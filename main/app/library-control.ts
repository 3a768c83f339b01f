// Settings → Library, the main side: where the library is, its size, choosing another one and moving it.
// The app keeps one SwitchableLibrary; choosing or moving opens the other catalog, switches every caller to it
// and closes the old one. Nothing switches while a job runs or a video records (they write to the library).
import path from 'node:path';
import * as looks from '../looks/index.ts';
import { DarkslideError, toErrorData, type ErrorData } from '../shared/contract/errors.ts';
import type { JobEngine } from '../jobs/index.ts';
import { otherLiveOpeners, type Library, type LibraryPaths } from '../library/index.ts';
import type { Settings } from '../settings/index.ts';
import { logger } from '../logging/index.ts';
import { copyLibrary, inspectFolder, librarySize, placeFor, planMove, removeOldLibrary, sameFolder, type MoveProgress } from './library-folder.ts';
import type { SwitchableLibrary } from './switchable-library.ts';

export type MoveState = MoveProgress & { to: string; state: 'running' | 'done' | 'cancelled' | 'failed'; error: ErrorData | null };
export type LibraryStatus = { folder: string; isDefault: boolean; bytes: number; items: number; trashed: number; move: MoveState | null };

export type LibraryControl = ReturnType<typeof createLibraryControl>;

export function createLibraryControl(options: {
  library: SwitchableLibrary;
  settings: Settings;
  jobs: JobEngine;
  appData: string;
  defaults: LibraryPaths;
  isRecording(): boolean;
  open(place: LibraryPaths): Promise<Library>;
  onMove(state: MoveState): void;
}) {
  const { library, settings, appData, defaults } = options;
  let move: { state: MoveState; abort: AbortController; done: Promise<void> } | null = null;

  const place = (): LibraryPaths => ({ root: library.current().root, dataDir: library.current().dataDir });

  async function assertIdle(action: 'move' | 'choose'): Promise<void> {
    if (move?.state.state === 'running') throw new DarkslideError('library.busy', { action, what: 'moving' });
    if (options.isRecording()) throw new DarkslideError('library.busy', { action, what: 'recording' });
    const active = (await options.jobs.list()).some((job) => job.state === 'running' || job.state === 'scanning');
    if (active) throw new DarkslideError('library.busy', { action, what: 'job' });
  }

  /** Opens `next`, makes it the library everyone uses, then closes the old one. */
  async function switchTo(next: LibraryPaths): Promise<void> {
    const opened = await options.open(next);
    const old = library.switchTo(opened);
    looks.setUserLooksDir(path.join(next.dataDir, 'looks'));
    await old.close();
  }

  function report(update: Partial<MoveState>): void {
    if (!move) return;
    move.state = { ...move.state, ...update };
    options.onMove(move.state);
  }

  return {
    async status(): Promise<LibraryStatus> {
      const current = place();
      const [bytes, kept, trashed] = await Promise.all([
        librarySize(current, appData),
        library.album.layout({}),
        library.album.layout({ trashed: true }),
      ]);
      return { folder: current.root, isDefault: sameFolder(current.root, defaults.root), bytes, items: kept.total, trashed: trashed.total, move: move?.state ?? null };
    },

    /** Points the app at another library folder: one that holds a Darkslide library, or an empty one for a new library. */
    async choose(folder: string): Promise<LibraryStatus> {
      await assertIdle('choose');
      const resolved = path.resolve(folder);
      if (!sameFolder(resolved, library.current().root)) {
        const isDefault = sameFolder(resolved, defaults.root);
        if (!isDefault) {
          const found = inspectFolder(resolved);
          if (found === 'other') throw new DarkslideError('library.not-a-library', { folder: resolved });
          if (found === 'missing') throw new DarkslideError('file.not-found', { file: resolved });
        }
        await switchTo(placeFor(resolved, defaults));
        await settings.setLibraryFolder(isDefault ? null : resolved);
        logger('library').info({ folder: resolved }, 'library chosen');
      }
      return this.status();
    },

    /** Starts moving the whole library to `folder`; progress arrives through onMove. */
    async move(folder: string): Promise<MoveState> {
      await assertIdle('move');
      const from = place();
      // Frozen before the plan is made: a shot filed while the library is walked would be in the catalog's copy
      // but not among the files copied, and the old folders go after the switch.
      library.freeze(true);
      let plan;
      try {
        // Another process writing (the command line) would race the copy the same way: refused while it runs.
        if (otherLiveOpeners(from.dataDir).length > 0) throw new DarkslideError('library.busy', { action: 'move', what: 'elsewhere' });
        // Refusals (inside the library, not writable, no space) answer this call; later failures come as progress.
        plan = await planMove(from, appData, folder);
      } catch (error) {
        library.freeze(false);
        throw error;
      }
      const { to } = plan;
      const abort = new AbortController();
      const state: MoveState = { stage: 'copying', done: 0, total: plan.total, file: null, to, state: 'running', error: null };
      const running = { state, abort, done: Promise.resolve() };
      move = running;
      running.done = (async () => {
        try {
          await copyLibrary({
            plan,
            appData,
            signal: abort.signal,
            onProgress: (progress) => report(progress),
            commit: (target) => settings.setLibraryFolder(sameFolder(target, defaults.root) ? null : target),
          });
          await switchTo(placeFor(to, defaults));
          library.freeze(false);
          await removeOldLibrary(appData, (progress) => report(progress));
          report({ state: 'done', stage: 'removing', file: null });
          logger('library').info({ from: from.root, to }, 'library moved');
        } catch (error) {
          library.freeze(false);
          const data = toErrorData(error);
          logger('library').warn({ error, to }, 'library move stopped');
          report({ state: data.code === 'library.move-cancelled' ? 'cancelled' : 'failed', error: data, file: null });
        }
      })();
      return state;
    },

    cancelMove(): MoveState | null {
      if (move?.state.state === 'running' && move.state.stage !== 'removing') move.abort.abort();
      return move?.state ?? null;
    },

    /** For tests and close(): resolves when the move in hand has settled. */
    async settled(): Promise<void> {
      await move?.done;
    },
  };
}
