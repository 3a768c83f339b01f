// A real, small, full-able file system for ENOSPC tests: a tmpfs of a few MB mounted on a temp folder (root, as
// on these machines and in CI). Where mounting is not allowed the caller gets null and skips, saying why.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SmallDisk = { path: string; unmount(): void };

export function mountSmallDisk(megabytes: number): SmallDisk | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkslide-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    path: dir,
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk to within `leaveBytes` of full with one ballast file. */
export function fillDisk(dir: string, leaveBytes: number): void {
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free > leaveBytes) execFileSync('fallocate', ['-l', String(free - leaveBytes), path.join(dir, 'ballast')]);
}
