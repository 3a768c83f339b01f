// The change feed. Every visible change (an item added, trashed, restored, deleted, recovered) is written to the
// `changes` log in the same transaction as the change itself (migration 005), so a process can tell its listeners
// what other processes did. Its own changes it announces directly, once.
import type { ChangeEvent, ChangeReason } from '../types.ts';
import { type Catalog, transaction } from './setup.ts';

/** How often a library with change listeners looks for changes committed by other processes. */
const CHANGE_POLL_MS = 1000;
/** How long change-log entries are kept for listeners in other processes. */
const CHANGE_LOG_KEEP_MS = 7 * 24 * 3600 * 1000;

/** Records changes for other processes; call inside the transaction that makes them. */
export function logChanges(catalog: Catalog, ids: string[], reason: ChangeReason): void {
  const log = catalog.db.prepare('INSERT INTO changes (item_id, reason, origin, at_ms) VALUES (?, ?, ?, ?)');
  const now = Date.now();
  for (const id of ids) log.run(id, reason, catalog.origin, now);
}

export function pruneChanges(catalog: Catalog, now = Date.now()): void {
  transaction(catalog, () => catalog.db.prepare('DELETE FROM changes WHERE at_ms < ?').run(now - CHANGE_LOG_KEEP_MS));
}

export type ChangeFeed = {
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  emit(event: ChangeEvent): void;
  stop(): void;
};

/**
 * While someone listens, checks every CHANGE_POLL_MS whether another connection (another process, or another
 * library instance here) committed, and announces the change-log entries it wrote. PRAGMA data_version changes
 * only on commits by other connections, so an idle check is one cheap pragma and no query.
 */
export function createChangeFeed(catalog: Catalog): ChangeFeed {
  const listeners = new Set<(event: ChangeEvent) => void>();
  let timer: NodeJS.Timeout | null = null;
  let seenDataVersion = 0;
  let seenSeq = 0;
  let stopped = false;

  const dataVersion = () => (catalog.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;

  function emit(event: ChangeEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not stop the others nor undo a saved shot.
        console.error('library change listener failed:', error);
      }
    }
  }

  function announceOthers(): void {
    if (stopped) return;
    const version = dataVersion();
    if (version === seenDataVersion) return;
    seenDataVersion = version;
    const entries = catalog.db
      .prepare('SELECT seq, item_id, reason, origin FROM changes WHERE seq > ? ORDER BY seq')
      .all(seenSeq) as { seq: number; item_id: string; reason: ChangeReason; origin: string }[];
    if (entries.length === 0) return;
    seenSeq = entries[entries.length - 1]!.seq;
    // Runs of the same reason become one event, in the order they were committed.
    let event: ChangeEvent | null = null;
    for (const entry of entries) {
      if (entry.origin === catalog.origin) continue;
      if (event && event.reason === entry.reason) {
        event.ids.push(entry.item_id);
        continue;
      }
      if (event) emit(event);
      event = { ids: [entry.item_id], reason: entry.reason };
    }
    if (event) emit(event);
  }

  function watch(): void {
    if (timer || stopped) return;
    seenDataVersion = dataVersion();
    seenSeq = (catalog.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
    timer = setInterval(() => {
      try {
        announceOthers();
      } catch (error) {
        console.error('library: could not read changes made by other processes:', error);
      }
    }, CHANGE_POLL_MS);
    // Listening must not keep a CLI process alive.
    timer.unref();
  }

  function unwatch(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      watch();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) unwatch();
      };
    },
    emit,
    stop() {
      stopped = true;
      unwatch();
      listeners.clear();
    },
  };
}
