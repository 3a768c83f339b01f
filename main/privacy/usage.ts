// The usage record: when the camera, microphone and location were on and what for. Written by the code
// that opens the device (main/capture's onDeviceUse, main/location's use hook), through `begin`, never by
// the UI. A use still open when its process died is closed at the next start with the last time it was seen
// on, marked interrupted.
import { type Store, type UsageEntry, type UsageKind, type UsagePurpose } from './store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often an open use is marked as still on, so a crash loses at most this much of its end time. */
const HEARTBEAT_MS = 15_000;

type Row = { id: number; kind: UsageKind; purpose: UsagePurpose; device: string | null; started_at: string; ended_at: string | null; interrupted: number };

export type UsageRecord = {
  /** Records a use starting now; the returned function records its end (once). */
  begin(kind: UsageKind, purpose: UsagePurpose, device?: string | null): () => void;
  /** A use with no duration (a location written into a photo). */
  moment(kind: UsageKind, purpose: UsagePurpose): void;
  /** Uses that started in the last `days` days, newest first. */
  list(days: number, now?: Date): UsageEntry[];
  /** One JSON object a line, oldest first: what "Export" saves. */
  ndjson(days: number, now?: Date): string;
  /** Deletes uses that ended more than `days` ago. Returns how many. */
  purge(days: number, now?: Date): number;
  clear(): void;
  stop(): void;
};

export function usageRecord(store: Store, pidAlive: (pid: number) => boolean = isPidAlive): UsageRecord {
  const { db } = store;
  // Uses left open by a process that is gone: closed at their last heartbeat.
  const open = db.prepare('SELECT id, pid FROM usage WHERE ended_at IS NULL').all() as { id: number; pid: number | null }[];
  for (const row of open) {
    if (row.pid !== null && row.pid !== process.pid && pidAlive(row.pid)) continue;
    db.prepare('UPDATE usage SET ended_at = COALESCE(seen_at, started_at), interrupted = 1 WHERE id = ?').run(row.id);
  }
  const live = new Set<number>();
  const heartbeat = setInterval(() => {
    const now = new Date().toISOString();
    for (const id of live) db.prepare('UPDATE usage SET seen_at = ? WHERE id = ?').run(now, id);
  }, HEARTBEAT_MS).unref();

  const toEntry = (row: Row): UsageEntry => ({
    id: row.id,
    kind: row.kind,
    purpose: row.purpose,
    device: row.device,
    start: row.started_at,
    end: row.ended_at,
    interrupted: row.interrupted === 1,
  });

  const list = (days: number, now = new Date()) => {
    const since = new Date(now.getTime() - days * DAY_MS).toISOString();
    const rows = db
      .prepare('SELECT id, kind, purpose, device, started_at, ended_at, interrupted FROM usage WHERE COALESCE(ended_at, started_at) >= ? OR ended_at IS NULL ORDER BY started_at DESC, id DESC')
      .all(since) as Row[];
    return rows.map(toEntry);
  };

  return {
    begin(kind, purpose, device = null) {
      const now = new Date().toISOString();
      const id = Number(db.prepare('INSERT INTO usage (kind, purpose, device, started_at, seen_at, pid) VALUES (?, ?, ?, ?, ?, ?)').run(kind, purpose, device, now, now, process.pid).lastInsertRowid);
      live.add(id);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        live.delete(id);
        db.prepare('UPDATE usage SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(new Date().toISOString(), id);
      };
    },
    moment(kind, purpose) {
      const now = new Date().toISOString();
      db.prepare('INSERT INTO usage (kind, purpose, device, started_at, ended_at, seen_at, pid) VALUES (?, ?, NULL, ?, ?, ?, ?)').run(kind, purpose, now, now, now, process.pid);
    },
    list,
    ndjson(days, now) {
      return list(days, now)
        .reverse()
        .map((entry) => `${JSON.stringify({ kind: entry.kind, purpose: entry.purpose, device: entry.device, start: entry.start, end: entry.end, interrupted: entry.interrupted })}\n`)
        .join('');
    },
    purge(days, now = new Date()) {
      const before = new Date(now.getTime() - days * DAY_MS).toISOString();
      return Number(db.prepare('DELETE FROM usage WHERE ended_at IS NOT NULL AND ended_at < ?').run(before).changes);
    },
    clear() {
      db.prepare('DELETE FROM usage WHERE ended_at IS NOT NULL').run();
    },
    stop() {
      clearInterval(heartbeat);
    },
  };
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
