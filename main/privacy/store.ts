// The privacy store: one small SQLite file in the data folder (`privacy.sqlite`, 0600) with three tables:
//   usage   — every time the camera, microphone or location was on: start, end, what for (kept N days);
//   consent — the consent ledger, append-only: what the user agreed to or declined, with the notice version;
//   state   — the current answers: age, the guardian's PIN hash, the feature switches, retention days.
// SQLite (not a JSON file) because the app and the CLI write to it at once and a purge must not lose a line
// another process appends meanwhile.
import { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { makePrivateDir, makePrivateFile } from './files.ts';

export const STORE_FILE = 'privacy.sqlite';

export type UsageKind = 'camera' | 'microphone' | 'location';
export type UsagePurpose = 'viewfinder' | 'photo' | 'recording' | 'geotag';
export type UsageEntry = {
  id: number;
  kind: UsageKind;
  purpose: UsagePurpose;
  /** Which kind of device (webcam, demo, file, avfoundation…): never its name or path. */
  device: string | null;
  start: string;
  /** Null while still on. */
  end: string | null;
  /** True when Darkslide stopped without closing it (a crash): `end` is the last time it was seen on. */
  interrupted: boolean;
};

export type LedgerEntry = {
  id: number;
  at: string;
  noticeVersion: number;
  event: 'accepted' | 'declined' | 'age' | 'guardian-set' | 'guardian-confirmed' | 'switch' | 'retention';
  /** What the event concerns: features accepted/declined, or the new value. */
  detail: Record<string, unknown>;
};

export type Store = {
  db: DatabaseSync;
  file: string;
  close(): void;
};

export function openStore(dataDir: string): Store {
  makePrivateDir(dataDir);
  const file = path.join(dataDir, STORE_FILE);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
  db.exec(`
    CREATE TABLE IF NOT EXISTS usage (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      purpose TEXT NOT NULL,
      device TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      seen_at TEXT,
      pid INTEGER,
      interrupted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS usage_started ON usage(started_at);
    CREATE TABLE IF NOT EXISTS consent (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      notice_version INTEGER NOT NULL,
      event TEXT NOT NULL,
      detail TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  for (const name of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(name)) makePrivateFile(name);
  return { db, file, close: () => db.close() };
}

export function getState<T>(store: Store, key: string): T | undefined {
  const row = store.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function setState(store: Store, key: string, value: unknown): void {
  if (value === undefined) store.db.prepare('DELETE FROM state WHERE key = ?').run(key);
  else store.db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function appendLedger(store: Store, entry: Omit<LedgerEntry, 'id' | 'at'> & { at?: Date }): LedgerEntry {
  const at = (entry.at ?? new Date()).toISOString();
  const result = store.db
    .prepare('INSERT INTO consent (at, notice_version, event, detail) VALUES (?, ?, ?, ?)')
    .run(at, entry.noticeVersion, entry.event, JSON.stringify(entry.detail));
  return { id: Number(result.lastInsertRowid), at, noticeVersion: entry.noticeVersion, event: entry.event, detail: entry.detail };
}

export function readLedger(store: Store): LedgerEntry[] {
  const rows = store.db.prepare('SELECT id, at, notice_version, event, detail FROM consent ORDER BY id').all() as {
    id: number;
    at: string;
    notice_version: number;
    event: LedgerEntry['event'];
    detail: string;
  }[];
  return rows.map((row) => ({ id: row.id, at: row.at, noticeVersion: row.notice_version, event: row.event, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}
