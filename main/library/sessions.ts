// Which processes have a library open. Each process that opens a library writes catalog.<pid>.<nonce>.lock in
// the data folder and removes it when its last library there is closed. Unsettled rows and temp files carry the
// same <pid>-<nonce> tag, so recovery can tell work of a live process (leave it alone) from work of a dead one.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEMP_PREFIX } from './paths.ts';

export type Owner = { pid: number; nonce: string };

/** This process. One nonce per process (per module instance: worker threads get their own, with their own file). */
export const self: Owner = { pid: process.pid, nonce: randomBytes(8).toString('hex') };

/** The tag that names this process's temp files: `.ds-tmp-<pid>-<nonce>-...`. */
export function ownerTag(owner: Owner = self): string {
  return `${owner.pid}-${owner.nonce}`;
}

const TEMP_OWNER = /^\.ds-tmp-(\d+)-([0-9a-f]{16})-/;
const LOCK_NAME = /^catalog\.(\d+)\.([0-9a-f]{16})\.lock$/;
/** Written by Darkslide versions that allowed one process at a time. */
export const LEGACY_LOCK = 'catalog.lock';

/** The owner a temp file name carries, or null for names without one (left by older versions). */
export function tempFileOwner(name: string): Owner | null {
  if (!name.startsWith(TEMP_PREFIX)) return null;
  const match = TEMP_OWNER.exec(name);
  return match ? { pid: Number(match[1]), nonce: match[2]! } : null;
}

export function lockFileName(owner: Owner): string {
  return `catalog.${owner.pid}.${owner.nonce}.lock`;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started, where the OS tells cheaply (Linux: clock ticks since boot); null elsewhere. Recorded in
 * the lock file so a dead owner whose pid now belongs to another program is recognised as dead.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

const registrations = new Map<string, number>();

/** Records this process as an opener of the library whose data folder is `dataDir`; counted per open library. */
export function register(dataDir: string): void {
  const count = registrations.get(dataDir) ?? 0;
  if (count === 0) {
    writeFileSync(
      path.join(dataDir, lockFileName(self)),
      JSON.stringify({ pid: self.pid, nonce: self.nonce, startTime: processStartTime(self.pid), openedAt: new Date().toISOString() }),
    );
  }
  registrations.set(dataDir, count + 1);
}

export function unregister(dataDir: string): void {
  const count = registrations.get(dataDir) ?? 0;
  if (count > 1) {
    registrations.set(dataDir, count - 1);
    return;
  }
  registrations.delete(dataDir);
  try {
    unlinkSync(path.join(dataDir, lockFileName(self)));
  } catch {
    // Already gone (removed by hand): nothing to release.
  }
}

/**
 * True while the owner may still be working: its lock file exists, its pid is alive and (where known) that pid
 * still belongs to the process that wrote the lock file. Errs towards "alive": a wrongly live owner only delays
 * a clean-up, a wrongly dead one would destroy a shot being saved.
 */
export function isOwnerAlive(dataDir: string, owner: Owner): boolean {
  let recorded: { startTime?: unknown };
  try {
    recorded = JSON.parse(readFileSync(path.join(dataDir, lockFileName(owner)), 'utf8')) as { startTime?: unknown };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    // Unreadable or torn (its writer was killed while writing it): the pid alone has to decide.
    recorded = {};
  }
  if (!isProcessAlive(owner.pid)) return false;
  if (typeof recorded.startTime === 'string') {
    const now = processStartTime(owner.pid);
    if (now !== null && now !== recorded.startTime) return false;
  }
  return true;
}

/** Every opener that has left a lock file in `dataDir`, live or not. */
function lockOwners(dataDir: string): Owner[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = LOCK_NAME.exec(name);
    return match ? [{ pid: Number(match[1]), nonce: match[2]! }] : [];
  });
}

/**
 * Other processes that have the library in `dataDir` open now (the darkslide command line, a second app). This
 * process's own locks do not count, whichever thread wrote them: the catalog's worker thread registers with a
 * nonce of its own.
 */
export function otherLiveOpeners(dataDir: string): Owner[] {
  return lockOwners(dataDir).filter((owner) => owner.pid !== self.pid && isOwnerAlive(dataDir, owner));
}

/** Removes the lock files of openers that are gone; returns how many. */
export function removeDeadLocks(dataDir: string): number {
  let removed = 0;
  for (const owner of lockOwners(dataDir)) {
    if (isOwnerAlive(dataDir, owner)) continue;
    try {
      unlinkSync(path.join(dataDir, lockFileName(owner)));
      removed++;
    } catch {
      // Another opener removed it first.
    }
  }
  return removed;
}
