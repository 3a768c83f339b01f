// Putting an exported file in the person's folder without ever leaving half of one there, and without
// overwriting anything. Each file is written under a temporary name in the destination folder itself (so the
// last step is a link or rename on one disk, never a copy), then given its final name with link(2), which
// fails when the name is taken: a collision is numbered "name (2).jpg" and nothing already there is replaced.
// A process killed mid-write leaves only a temporary name, which the next export into that folder, or the
// next start of the app, removes.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { numberedName } from '../shared/export/names.ts';

/** Temporary names: ".darkslide-export-<pid>-<random>.<ext>" (exiftool's own temp adds "_exiftool_tmp"). */
const PARTIAL_PREFIX = '.darkslide-export-';
const PARTIAL = /^\.darkslide-export-(\d+)-[0-9a-f]+\./;
/** A partial older than this is garbage whoever made it (a pid can be reused after a reboot). */
const STALE_MS = 24 * 3600 * 1000;
const MAX_NUMBER = 9999;

export function partialName(ext: string): string {
  return `${PARTIAL_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}${ext}`;
}

export function isPartialName(name: string): boolean {
  return PARTIAL.test(name);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that exports by dead processes left in `dir` (this process's own are removed
 * by the export that made them, on success, failure or cancel). Returns how many went. Never throws: a folder
 * that is gone or unreadable has nothing to clean.
 */
export async function sweepPartials(dir: string, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = PARTIAL.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    const info = await lstat(file).catch(() => null);
    if (!info?.isFile()) continue;
    if (alive(Number(match[1])) && now - info.mtimeMs < STALE_MS) continue;
    await unlink(file).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Same bytes: an earlier run of this export already put this very file there (e.g. killed before it recorded so). */
async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  if (!sa?.isFile() || !sb?.isFile() || sa.size !== sb.size) return false;
  const [ha, hb] = await Promise.all([sha256(a), sha256(b)]);
  return ha === hb;
}

/** Flushes a file (or, where the system allows it, a folder's entries) to the disk. */
export async function flush(target: string, folder = false): Promise<void> {
  let handle;
  try {
    handle = await open(target, folder ? 'r' : 'r+');
    await handle.sync();
  } catch (error) {
    // Folders cannot be opened for syncing on Windows, nor synced on some network disks: the file itself was.
    if (!folder) throw error;
  } finally {
    await handle?.close();
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);
// Without hard links (FAT32, exFAT, some network shares), a check then rename: one at a time per folder here.
const folderLocks = new Map<string, Promise<unknown>>();

async function underFolderLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = folderLocks.get(dir) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  folderLocks.set(dir, tail);
  try {
    return await run;
  } finally {
    if (folderLocks.get(dir) === tail) folderLocks.delete(dir);
  }
}

export type Placed = { name: string; alreadyThere: boolean };

/**
 * Gives the finished temporary file `temp` (in `dir`) its final name: `stem + ext`, or the first free
 * "stem (n)ext". If a candidate already holds exactly these bytes, that file is the result and `temp` goes.
 * `first` starts the search at "stem (first)ext": the k-th of an export's items sharing a name starts at k, so
 * items done out of order still get numbers in their order. `hardLinks: false` forces the path used on disks
 * without them (tests).
 */
export async function placeFile(temp: string, dir: string, stem: string, ext: string, options: { hardLinks?: boolean; first?: number } = {}): Promise<Placed> {
  let hardLinks = options.hardLinks !== false;
  for (let n = Math.max(1, options.first ?? 1); n <= MAX_NUMBER; n++) {
    const name = numberedName(stem, ext, n);
    const target = path.join(dir, name);
    if (hardLinks) {
      try {
        await link(temp, target);
        await unlink(temp);
        return { name, alreadyThere: false };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') {
          if (await sameContent(target, temp)) {
            await unlink(temp);
            return { name, alreadyThere: true };
          }
          continue;
        }
        if (!NO_HARD_LINKS.has(code)) throw error;
        hardLinks = false;
      }
    }
    const placed = await underFolderLock(dir, async () => {
      if (await lstat(target).then(() => true, () => false)) {
        if (await sameContent(target, temp)) {
          await unlink(temp);
          return { name, alreadyThere: true };
        }
        return null;
      }
      await rename(temp, target);
      return { name, alreadyThere: false };
    });
    if (placed) return placed;
  }
  throw Object.assign(new Error(`no free name for ${stem}${ext} after ${MAX_NUMBER} tries`), { code: 'EEXIST' });
}
