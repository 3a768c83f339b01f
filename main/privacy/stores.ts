// What Darkslide keeps, store by store: where each one is on disk, how many bytes and files it holds now.
// The same table drives Settings → Privacy ("What Darkslide keeps"), the data export and erasing, so a store
// added here is shown, exported and erased alike. Item counts that only a service knows (catalog rows, jobs,
// usage entries) are added by the caller (main/app/rights.ts); this file only reads the disk.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const STORE_IDS = [
  'photos',
  'originals',
  'trash',
  'catalog',
  'jobs',
  'thumbnails',
  'settings',
  'usage',
  'consent',
  'logs',
  'looks',
  'location',
  'diagnostics',
  'caches',
] as const;
export type StoreId = (typeof STORE_IDS)[number];

/** personal: about the person (erased by "erase personal data"); library: the photos and their catalog; app: the rest. */
export type StoreGroup = 'personal' | 'library' | 'app';

export type StoreSpec = {
  id: StoreId;
  group: StoreGroup;
  /** Files and folders that hold the store (what "open" shows and erasing removes). */
  paths: string[];
  /** Paths below `paths` that belong to another store (the data folder inside the library root). */
  exclude: string[];
  /** Rows in a database file another store owns: its bytes are counted there, not here. */
  sharedFile: boolean;
};

export type StoreMeasure = { bytes: number; files: number; present: boolean };

/** The library's folder and its own data folder (catalog, thumbnails, imported looks), and the app's data folder. */
export type Roots = { libraryRoot: string; libraryData: string; dataDir: string };

/** Where each store lives. Top-level dot folders of the library root belong to Darkslide (trash, originals). */
export function storeSpecs({ libraryRoot, libraryData, dataDir }: Roots): StoreSpec[] {
  const root = path.resolve(libraryRoot);
  const data = path.resolve(dataDir);
  const libData = path.resolve(libraryData);
  const inData = (...names: string[]) => names.map((name) => path.join(data, name));
  const inLibData = (...names: string[]) => names.map((name) => path.join(libData, name));
  const sqlite = (name: string) => inData(name, `${name}-wal`, `${name}-shm`);
  const inside = (dir: string) => dir === root || dir.startsWith(root + path.sep);
  const spec = (id: StoreId, group: StoreGroup, paths: string[], options: Partial<StoreSpec> = {}): StoreSpec => ({ id, group, paths, exclude: [], sharedFile: false, ...options });
  return [
    // The photos' folders are the year folders Darkslide names (YYYY/YYYY-MM-DD/DS_…); the rest of the root is the user's.
    spec('photos', 'library', yearFolders(root)),
    spec('originals', 'library', [path.join(root, '.originals')]),
    spec('trash', 'library', [path.join(root, '.trash')]),
    spec('catalog', 'library', inLibData('catalog.sqlite', 'catalog.sqlite-wal', 'catalog.sqlite-shm')),
    spec('jobs', 'library', inLibData('catalog.sqlite'), { sharedFile: true }),
    spec('thumbnails', 'library', inLibData('thumbs')),
    spec('settings', 'app', inData('settings.json', 'window-state.json')),
    spec('usage', 'personal', sqlite('privacy.sqlite')),
    spec('consent', 'personal', inData('privacy.sqlite'), { sharedFile: true }),
    spec('logs', 'personal', inData('logs')),
    spec('looks', 'app', inLibData('looks')),
    // Geotag runs' snapshots sit with the library's data (main/app/geotag.ts), which a moved library takes along.
    spec('location', 'personal', [...new Set([...inData('location.json', 'geotag-runs'), ...inLibData('geotag-runs')])]),
    spec('diagnostics', 'personal', inData('crashes', 'diagnostics')),
    spec('caches', 'app', inData('uploads', 'recordings')),
  ].map((entry) => ({ ...entry, exclude: [...new Set([data, libData])].filter(inside) }));
}

/** The library's year folders (`2026`, …) directly under the root. */
export function yearFolders(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name))
      .map((entry) => path.join(root, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/** Bytes and files under the store's paths now (links are counted, never followed). */
export function measureStore(spec: StoreSpec): StoreMeasure {
  const out: StoreMeasure = { bytes: 0, files: 0, present: false };
  const walk = (target: string) => {
    if (spec.exclude.includes(target)) return;
    let stat;
    try {
      stat = lstatSync(target);
    } catch {
      return;
    }
    out.present = true;
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(target);
      } catch {
        return;
      }
      for (const name of names) walk(path.join(target, name));
    } else {
      out.files += 1;
      out.bytes += stat.size;
    }
  };
  for (const target of spec.paths) walk(target);
  if (spec.sharedFile) return { bytes: 0, files: 0, present: out.present };
  return out;
}

/** Every file under the store's paths (for the export and for "see what is there"), relative to `base`. */
export function listStoreFiles(spec: StoreSpec, limit = Infinity): string[] {
  const out: string[] = [];
  const walk = (target: string) => {
    if (out.length >= limit || spec.exclude.includes(target)) return;
    let stat;
    try {
      stat = lstatSync(target);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(target).sort();
      } catch {
        return;
      }
      for (const name of names) walk(path.join(target, name));
    } else {
      out.push(target);
    }
  };
  for (const target of spec.paths) walk(target);
  return out;
}
