// Files and folders Darkslide creates are the user's alone to read: folders 0700, files 0600 on Linux and
// macOS. One policy, applied where each thing is created (the data folder, logs, the privacy store, the
// library), instead of relying on the user's umask (often 022: readable by every account on the machine).
// Windows keeps its per-user profile ACLs; the modes are not applied there.
import { chmodSync, mkdirSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/** mkdir -p with 0700 on every folder it creates, and on `dir` itself. */
export function makePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!POSIX) return;
  // mkdir's mode is masked by the umask; chmod is not. `first` is the top-most folder it had to create.
  if (first) {
    let current = dir;
    while (current.length >= first.length) {
      chmodSync(current, PRIVATE_DIR_MODE);
      const parent = current.slice(0, Math.max(current.lastIndexOf('/'), 1));
      if (parent === current) break;
      current = parent;
    }
  } else {
    chmodSync(dir, PRIVATE_DIR_MODE);
  }
}

/** Makes an existing file the user's alone (after a library such as SQLite created it with the umask). */
export function makePrivateFile(file: string): void {
  if (POSIX) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * For the lifetime of the process, files and folders created without an explicit mode (by sharp, exiftool,
 * ffmpeg children, SQLite's -wal and -shm files) get at most 0600/0700. Children inherit the umask.
 * Returns the previous umask. Electron's main process and the CLI call this once at start.
 */
export function applyPrivateUmask(): number {
  return POSIX ? process.umask(0o077) : 0;
}
