// Darkslide's own log: what went wrong and how long things took, kept on this machine only, in rotating files
// in the data folder, for a limited time. pino writes the lines; pino-roll starts a new file each day (and
// past a size), and files older than the retention are deleted here (pino-roll counts files, we promise
// days). Every line passes the redaction layer (redact.ts) before it is written, so no caller can put a
// path, a coordinate or a token into a file by mistake.
//
//   import { logger } from '../logging/index.ts';
//   const log = logger('capture');
//   log.info({ deviceKind: 'webcam' }, 'viewfinder started');
//   const done = log.time('develop'); …; done({ looks: 1 });
//
// Loggers can be made at import time: until a host calls openLog (the app, the CLI), lines go nowhere.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pino-roll has no types; every program importing this file needs ours
/// <reference path="./pino-roll.d.ts" />
import { chmodSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import pino, { type Logger as PinoLogger } from 'pino';
import pinoRoll from 'pino-roll';
import type { SonicBoom } from 'sonic-boom';
import { createRedactor, type Redactor, type RedactRoots } from './redact.ts';
import { machineFacts } from './machine.ts';

export { createRedactor, REDACTED, type Redactor, type RedactRoots } from './redact.ts';
export { machineFacts, type MachineFacts } from './machine.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_RETENTION_DAYS = 30;
/** A day's file is cut into parts past this size, so one runaway loop cannot fill the disk. */
const MAX_FILE_SIZE = '5m';
const DAY_MS = 24 * 60 * 60 * 1000;

export type Logger = PinoLogger & {
  /** Starts a timing; the function it returns logs `{op, ms, ...extra}` at info and returns the ms. */
  time(op: string): (extra?: Record<string, unknown>) => number;
};

export type OpenLogOptions = {
  /** Folder for the log files (the app uses `<data>/logs`). Created 0700; files are 0600. */
  dir: string;
  /** Which program writes: 'app' or 'cli'. Each has its own files, so two processes never rotate each other's. */
  role: 'app' | 'cli' | string;
  level?: LogLevel;
  retentionDays?: number;
  /** Darkslide's own folders, which the redaction layer shows by name instead of hiding. */
  roots?: Omit<RedactRoots, 'home'>;
};

type Destination = SonicBoom;

let destination: Destination | null = null;
let opened: { dir: string; role: string; retentionDays: number; purgeTimer: NodeJS.Timeout } | null = null;
let redactor: Redactor = createRedactor({ home: homedir(), app: appRoot() });

// The one place a line leaves the logger: redacted, then written (or dropped while no log is open).
const sink = {
  write(line: string) {
    if (destination) destination.write(redactor.line(line));
  },
};

const root = pino(
  {
    level: 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  },
  sink,
);

/** A logger for one part of Darkslide; `scope` names the part ('capture', 'library', 'app'…). */
export function logger(scope: string): Logger {
  const child = root.child({ scope }) as Logger;
  child.time = (op: string) => {
    const started = performance.now();
    return (extra?: Record<string, unknown>) => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      child.info({ ...extra, op, ms }, 'timing');
      return ms;
    };
  };
  return child;
}

export function setLogLevel(level: LogLevel): void {
  root.level = level;
}

/**
 * Opens the log files for this process. Calling it again (another data folder, as tests do) closes the
 * previous files first.
 */
export async function openLog(options: OpenLogOptions): Promise<{ dir: string; file: string }> {
  await closeLog();
  const dir = path.resolve(options.dir);
  makePrivateDir(dir);
  const retentionDays = options.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
  purgeLogs(dir, retentionDays);
  const stream = await pinoRoll({
    file: path.join(dir, options.role),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: MAX_FILE_SIZE,
    // Small and rare lines: written at once, so a crash loses none of them.
    sync: true,
    mode: 0o600,
  });
  destination = stream;
  redactor = createRedactor({ home: homedir(), app: appRoot(), ...options.roots });
  if (options.level) root.level = options.level;
  const purgeTimer = setInterval(() => purgeLogs(dir, opened?.retentionDays ?? retentionDays), DAY_MS / 4).unref();
  opened = { dir, role: options.role, retentionDays, purgeTimer };
  // sonic-boom keeps the path it opened as `file` (not in its types).
  return { dir, file: (stream as SonicBoom & { file: string }).file };
}

export async function closeLog(): Promise<void> {
  const current = destination;
  if (opened) clearInterval(opened.purgeTimer);
  destination = null;
  opened = null;
  if (!current) return;
  current.flushSync();
  await new Promise<void>((resolve) => {
    current.once('close', () => resolve());
    current.end();
  });
}

/** Where this process's log is, or null when none is open. */
export function logDir(): string | null {
  return opened?.dir ?? null;
}

export function setLogRetention(days: number): void {
  if (!opened) return;
  opened.retentionDays = days;
  purgeLogs(opened.dir, days);
}

export type LogFile = { name: string; bytes: number; modified: string };

/** The log files kept now, newest first. */
export function listLogFiles(dir: string): LogFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.log'))
    .map((name) => {
      const stat = statSync(path.join(dir, name));
      return { name, bytes: stat.size, modified: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.modified.localeCompare(a.modified));
}

/** Deletes log files last written more than `days` ago; returns the names removed. */
export function purgeLogs(dir: string, days: number, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const file of listLogFiles(dir)) {
    if (now - Date.parse(file.modified) > days * DAY_MS) {
      try {
        unlinkSync(path.join(dir, file.name));
        removed.push(file.name);
      } catch {
        // Gone already (another process purged it) or not ours to delete: the next purge tries again.
      }
    }
  }
  return removed;
}

/**
 * The first lines of a run: what machine and versions Darkslide runs on, so a bug report can be read.
 * No host name, user name or any identifier: model, OS and versions only.
 */
export async function logStartup(versions: Record<string, string | null | undefined>): Promise<void> {
  const machine = await machineFacts();
  logger('app').info({ machine, versions: { ...versions, node: process.versions.node, electron: process.versions.electron ?? null } }, 'started');
}

/**
 * Records what ends a process badly: an exception nobody caught, a promise nobody awaited. A rejection is
 * then raised again as Node would without a listener, unless `rethrow` is false (a host that shows its own
 * error instead).
 */
export function logProcessFailures({ rethrow = true }: { rethrow?: boolean } = {}): () => void {
  const log = logger('process');
  const onException = (error: Error) => {
    log.fatal({ err: error }, 'uncaught exception');
    destination?.flushSync();
  };
  const onRejection = (reason: unknown) => {
    log.error({ err: reason instanceof Error ? reason : new Error(String(reason)) }, 'unhandled rejection');
    if (rethrow) throw reason;
  };
  process.on('uncaughtExceptionMonitor', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtExceptionMonitor', onException);
    process.off('unhandledRejection', onRejection);
  };
}

/** mkdir -p, then 0700 on the folder itself: logs are the user's alone to read. */
function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

function appRoot(): string {
  return path.resolve(import.meta.dirname, '..', '..');
}
