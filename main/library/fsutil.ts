import { constants } from 'node:fs';
import { link, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { DarkslideError } from '../shared/errors/index.ts';

/** Writes `data` to a new file (fails if it exists) and flushes it to disk before returning. */
export async function writeDurable(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename/link/unlink in `dir` durable. Windows cannot open directories; NTFS journals metadata anyway. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems (e.g. network mounts) refuse fsync on directories; nothing more can be done.
  } finally {
    await handle.close();
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export async function removeIfPresent(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'EISDIR' || code === 'EPERM') {
      await rm(file, { recursive: true, force: true });
      return true;
    }
    throw error;
  }
}

/**
 * Puts `from` at `to` without ever replacing an existing `to`: a hard link fails with EEXIST where rename would
 * silently overwrite. Afterwards `from` may still exist (as a second name of the same file): callers remove it.
 * File systems without hard links (FAT, exFAT on card readers) fall back to check-then-rename.
 */
export async function placeWithoutOverwrite(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new DarkslideError('file.exists', { file: to }, { cause: error });
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw error;
  }
  if (await exists(to)) {
    throw new DarkslideError('file.exists', { file: to });
  }
  await rename(from, to);
}
