import { homedir } from 'node:os';
import path from 'node:path';

export type LibraryPaths = { root: string; dataDir: string };

/**
 * Where the photos (user-visible, backed up with the user's pictures) and the catalog/thumbnails (app data, may
 * be rebuilt) live by default. DARKSLIDE_LIBRARY / DARKSLIDE_DATA override each one.
 */
export function defaultPaths(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): LibraryPaths {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  let pictures: string;
  let dataDir: string;
  if (platform === 'darwin') {
    pictures = join(home, 'Pictures');
    dataDir = join(home, 'Library', 'Application Support', 'Darkslide');
  } else if (platform === 'win32') {
    pictures = join(env.USERPROFILE || home, 'Pictures');
    // Local, not Roaming: the catalog and thumbnail cache should not be copied around a domain profile.
    dataDir = join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Darkslide');
  } else {
    pictures = xdgPicturesDir(env, home);
    dataDir = join(env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share'), 'darkslide');
  }
  return {
    root: env.DARKSLIDE_LIBRARY || join(pictures, 'Darkslide'),
    dataDir: env.DARKSLIDE_DATA || dataDir,
  };
}

function xdgPicturesDir(env: NodeJS.ProcessEnv, home: string): string {
  // xdg-user-dirs exports XDG_PICTURES_DIR only when sourced; honour it when present, like file managers do.
  const fromEnv = env.XDG_PICTURES_DIR?.replace(/^\$HOME(?=\/|$)/, home);
  if (fromEnv && path.posix.isAbsolute(fromEnv)) return fromEnv;
  return path.posix.join(home, 'Pictures');
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Wall-clock parts in the machine's zone, plus the ISO string with that zone's offset at that instant. */
export function localTime(instant: Date) {
  const offsetMinutes = -instant.getTimezoneOffset();
  const yyyy = pad(instant.getFullYear(), 4);
  const mm = pad(instant.getMonth() + 1);
  const dd = pad(instant.getDate());
  const hh = pad(instant.getHours());
  const mi = pad(instant.getMinutes());
  const ss = pad(instant.getSeconds());
  const ms = pad(instant.getMilliseconds(), 3);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return {
    offsetMinutes,
    iso: `${yyyy}-${mm}-${dd}T${hh}:${mi}:${ss}.${ms}${offset}`,
    dayFolder: `${yyyy}/${yyyy}-${mm}-${dd}`,
    stamp: `${yyyy}${mm}${dd}_${hh}${mi}${ss}`,
  };
}

export const FILE_NAME_PATTERN = /^DS_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})_(\d+)\.([a-z0-9]+)$/;
export const TEMP_PREFIX = '.ds-tmp-';
export const TRASH_DIR = '.trash';
export const ORIGINALS_DIR = '.originals';

/** A catalog rel_path is trusted only if it is a plain relative posix path that stays inside the root. */
export function isSafeRelPath(relPath: string): boolean {
  if (relPath === '' || relPath.includes('\\') || relPath.includes('\0') || path.posix.isAbsolute(relPath)) return false;
  if (/^[a-zA-Z]:/.test(relPath)) return false;
  return relPath.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function toAbsolute(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

/** A library that is one folder: the photos in it, its catalog, thumbnails and imported looks in `.darkslide/`. */
export const LIBRARY_DATA_DIR = '.darkslide';

export function libraryAt(folder: string): LibraryPaths {
  const root = path.resolve(folder);
  return { root, dataDir: path.join(root, LIBRARY_DATA_DIR) };
}
