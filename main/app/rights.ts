// The person's rights over what Darkslide keeps: see every store (where, how big, how many items), take a copy
// of their data (one zip), erase a store, their personal data or everything, and read the disk back to show
// what is left. Retention is applied here too (trash, logs, usage record), at start and every few hours.
//
// Erasing is crash-safe: the erase is first written down (`<data>/erase-pending.json`, atomically), with each
// step added to it as it ends; steps are idempotent. An erase killed midway is finished by the next start
// (`finishPendingErase`, before the app serves anything), running only the steps it had not finished. An erase
// that ran to its end removes the note even when a step failed: that is in its report, and running the erase
// again at every start would delete, unasked, whatever was made since (photos above all).
import { randomBytes } from 'node:crypto';
import { createWriteStream, type Dirent, existsSync, mkdirSync, readdirSync, fsyncSync, linkSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { z } from 'zod';
import type { Library, LibraryItem } from '../library/index.ts';
import { listLogFiles, logger, purgeLogs } from '../logging/index.ts';
import { listStoreFiles, measureStore, storeSpecs, STORE_IDS, type StoreId, type StoreSpec } from '../privacy/stores.ts';
import type { Privacy } from '../privacy/index.ts';
import type { Settings } from '../settings/index.ts';
import { stripLocation } from '../metadata/index.ts';
import { DarkslideError, toErrorData, type ErrorData } from '../shared/errors/index.ts';
import { fileError } from '../shared/errors/file-system.ts';
import { catalogues, LOCALES } from '../shared/i18n/index.ts';

const log = logger('rights');
const DAY_MS = 24 * 60 * 60 * 1000;
const PENDING_FILE = 'erase-pending.json';
/** The erase note as written by writePending; a note from before steps were recorded has no `done`. */
const PendingErase = z.object({
  scope: z.enum(['everything', 'personal', 'stores']),
  stores: z.array(z.string()),
  done: z.array(z.string()).default([]),
});
/** Stores whose items a service counts (rows, catalog entries) rather than files. */
const COUNTED: readonly StoreId[] = ['photos', 'trash', 'catalog', 'jobs', 'usage', 'consent'];

/** What "erase personal data" erases: about the person, not their photos. */
export const PERSONAL_STORES: readonly StoreId[] = ['usage', 'consent', 'logs', 'location', 'diagnostics'];
/** Stores that can be erased on their own; the library's go together, with "erase everything". */
const ERASABLE_ALONE: readonly StoreId[] = [...PERSONAL_STORES, 'trash', 'thumbnails', 'caches'];
/** The order of an "everything" erase: the library through its own crash-safe deletion first. */
const EVERYTHING_ORDER: readonly StoreId[] = ['photos', 'originals', 'trash', 'jobs', 'catalog', 'thumbnails', 'looks', 'caches', 'settings', ...PERSONAL_STORES];

export type StoreInfo = {
  id: StoreId;
  group: StoreSpec['group'];
  paths: string[];
  bytes: number;
  files: number;
  items: number | null;
  erasable: boolean;
};
export type EraseScope = 'stores' | 'personal' | 'everything';
/** "Erase personal data": locations taken out of the library's files and catalog, each file read back. */
export type PlacesReport = {
  /** Files read back without any location (each item's file, its kept original, its thumbnail). */
  files: number;
  /** Catalog rows whose location was cleared. */
  rows: number;
  /** Geotag jobs (their inputs held positions) removed from the journal. */
  jobs: number;
  /** What still holds a location, or could not be cleaned or read: a file by name, or the catalog. */
  left: { path: string; error: ErrorData }[];
};
export type EraseReport = {
  scope: EraseScope;
  erased: StoreId[];
  remaining: StoreInfo[];
  failed: { store: StoreId; path: string; error: ErrorData }[];
  /** Only for scope 'personal'. */
  places?: PlacesReport;
  verifiedAt: string;
};
export type RetentionApplied = { at: string; trash: number; logs: number; usage: number; diagnostics: number };
export type Progress = { done: number; total: number };

export type RightsDeps = {
  /** The app's data folder (privacy store, logs, settings, location); the library's own comes from `library`. */
  dataDir: string;
  library: Library;
  privacy: Privacy;
  settings: Settings;
  /** Closes and reopens this process's log (its open file is among what an erase removes). */
  reopenLog?: () => Promise<void>;
  /**
   * Lets go of the catalog for "erase everything" (jobs stopped, the library's worker closed, so no open handle
   * keeps the file alive) and opens a fresh, empty one afterwards, so the app goes on working.
   */
  catalog?: { detach(): Promise<void>; attach(): Promise<void> };
};

export type Rights = ReturnType<typeof openRights>;

/** The word "erase everything" asks to be typed, in every language of the catalogue. */
export function confirmWords(): string[] {
  return LOCALES.map((locale) => catalogues[locale]['privacy.erase.word']);
}

export function openRights(deps: RightsDeps) {
  const { library, privacy, settings, dataDir } = deps;
  // The library can be switched or moved while the app runs (Settings → Library): its folders are asked each time.
  const specs = () => storeSpecs({ libraryRoot: library.root, libraryData: library.dataDir, dataDir });
  const specOf = (id: StoreId) => specs().find((spec) => spec.id === id)!;
  let lastRetention: RetentionApplied | null = null;
  /** Set while an erase has let go of the catalog: the erase opens a fresh one before it reads anything back. */
  let detached = false;
  let exporting: { cancelled: boolean } | null = null;

  async function itemCount(id: StoreId): Promise<number | null> {
    switch (id) {
      case 'photos':
        return (await library.album.layout({ trashed: false })).total;
      case 'trash':
        return (await library.album.layout({ trashed: true })).total;
      case 'catalog':
        return (await library.album.layout({ trashed: false })).total + (await library.album.layout({ trashed: true })).total;
      case 'jobs':
        return (await library.jobs.list(10_000)).length;
      case 'usage':
        return privacy.usage.list(36_500).length;
      case 'consent':
        return privacy.ledger().length;
      default:
        return null;
    }
  }

  async function describe(ids: readonly StoreId[] = STORE_IDS): Promise<StoreInfo[]> {
    const out: StoreInfo[] = [];
    for (const spec of specs()) {
      if (!ids.includes(spec.id)) continue;
      const measured = measureStore(spec);
      const items = await itemCount(spec.id);
      out.push({ id: spec.id, group: spec.group, paths: spec.paths, bytes: measured.bytes, files: measured.files, items: items ?? measured.files, erasable: ERASABLE_ALONE.includes(spec.id) });
    }
    return out;
  }

  /** Every item id in the catalog, live and trashed. */
  async function allItemIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const trashed of [false, true]) {
      const { total } = await library.album.layout({ trashed });
      for (let offset = 0; offset < total; offset += 500) ids.push(...(await library.album.range({ trashed }, offset, 500)).map((item) => item.id));
    }
    return ids;
  }

  async function allItems(): Promise<LibraryItem[]> {
    const items: LibraryItem[] = [];
    for (const trashed of [false, true]) {
      const { total } = await library.album.layout({ trashed });
      for (let offset = 0; offset < total; offset += 500) items.push(...(await library.album.range({ trashed }, offset, 500)));
    }
    return items;
  }

  /** Every file of the library that could hold a location: each item's file (home or trash), kept original, thumbnail. */
  async function libraryFiles(): Promise<string[]> {
    const files: string[] = [];
    for (const item of await allItems()) {
      for (const variant of ['original', ...(item.hasOriginal ? ['undeveloped' as const] : [])] as const) {
        // A file that is gone holds no location; the library's own recovery reports it elsewhere.
        const file = await library.mediaPath(item.id, variant).catch(() => null);
        if (file) files.push(file);
      }
      const thumb = path.join(library.dataDir, 'thumbs', `${item.id}.jpg`);
      if (existsSync(thumb)) files.push(thumb);
    }
    return files;
  }

  /**
   * Takes every location out of the library's files (exiftool, the app's one pool: each file rewritten beside
   * itself and renamed over, then read back) and out of the catalog. A file that fails is named in the report
   * and the rest go on; so is the catalog, if a row still holds a location when read back.
   */
  async function erasePlaces(files: string[], onFile: () => void): Promise<PlacesReport> {
    const left: PlacesReport['left'] = [];
    let clean = 0;
    let next = 0;
    // Two at a time: the pool runs two exiftool processes, and one file's wait on the disk hides behind the other.
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        try {
          await stripLocation(file);
          clean += 1;
        } catch (error) {
          left.push({ path: file, error: toErrorData(error) });
        }
        onFile();
      }
    };
    await Promise.all([worker(), worker()]);
    const catalog = await library.forgetLocations();
    if (catalog.rowsLeft > 0) {
      const file = path.join(library.dataDir, 'catalog.sqlite');
      left.push({ path: file, error: toErrorData(new DarkslideError('privacy.location-rows-left', { count: catalog.rowsLeft, file })) });
    }
    left.sort((a, b) => a.path.localeCompare(b.path));
    return { files: clean, rows: catalog.rows, jobs: catalog.jobs, left };
  }

  /** Removes what the store's paths hold; errors are collected, not thrown, so the rest still goes. */
  function removePaths(id: StoreId, failed: EraseReport['failed'], paths = specOf(id).paths): void {
    for (const target of paths) {
      try {
        rmSync(target, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        failed.push({ store: id, path: target, error: toErrorData(fileError(error, target, 'write')) });
      }
    }
  }

  /** One step of an erase; each can run again after a crash and ends in the same place. */
  async function eraseStore(id: StoreId, failed: EraseReport['failed']): Promise<void> {
    switch (id) {
      case 'trash':
        // Through the library's own deletion journal, so a crash midway never leaves a row without its file.
        await library.emptyTrash();
        removePaths(id, failed);
        return;
      case 'photos':
      case 'originals': {
        const ids = await allItemIds();
        for (let i = 0; i < ids.length; i += 500) await library.trash(ids.slice(i, i + 500));
        await library.emptyTrash();
        removePaths(id, failed);
        return;
      }
      case 'jobs':
        await library.jobs.prune(-DAY_MS);
        return;
      case 'catalog': {
        // Its rows went with the photos and jobs above; now the file itself, once nothing holds it open.
        if (!deps.catalog) return;
        await deps.catalog.detach();
        detached = true;
        removePaths(id, failed);
        for (const target of specOf(id).paths) if (existsSync(target)) failed.push({ store: id, path: target, error: toErrorData(new DarkslideError('privacy.still-there', { path: target })) });
        return;
      }
      case 'usage':
        privacy.eraseUsage();
        return;
      case 'consent':
        privacy.eraseConsent();
        return;
      case 'logs':
        removePaths(id, failed);
        await deps.reopenLog?.();
        return;
      case 'settings':
        // A write under way finishes first, and what is in memory goes too: nothing writes the old settings back.
        await settings.reset();
        removePaths(id, failed);
        return;
      default:
        removePaths(id, failed);
    }
  }

  function writePending(scope: EraseScope, stores: StoreId[], done: StoreId[]): void {
    const file = path.join(dataDir, PENDING_FILE);
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, JSON.stringify({ scope, stores, done, startedAt: new Date().toISOString() }), { mode: 0o600 });
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
    fsyncDir(dataDir);
  }

  async function run(scope: EraseScope, stores: StoreId[], onProgress: (progress: Progress) => void, alreadyDone: StoreId[] = []): Promise<EraseReport> {
    const finished = [...alreadyDone];
    writePending(scope, stores, finished);
    const failed: EraseReport['failed'] = [];
    // Personal data includes where each photo was taken: every library file is a step of the progress too.
    const files = scope === 'personal' ? await libraryFiles() : [];
    const total = stores.length + files.length;
    let done = 0;
    onProgress({ done, total });
    for (const id of stores) {
      if (!finished.includes(id)) {
        try {
          await eraseStore(id, failed);
        } catch (error) {
          failed.push({ store: id, path: specOf(id).paths[0] ?? '', error: toErrorData(fileError(error, specOf(id).paths[0] ?? id, 'write')) });
        }
        finished.push(id);
        // A kill after this point does not run this step again.
        writePending(scope, stores, finished);
      }
      onProgress({ done: ++done, total });
    }
    if (detached) {
      detached = false;
      await deps.catalog!.attach();
    }
    const places = scope === 'personal' ? await erasePlaces(files, () => onProgress({ done: ++done, total })) : undefined;
    // Answers erased with the consent ledger go back to their defaults, the trash's retention among them.
    await library.setTrashKeepDays(privacy.status().retention.trash).catch(() => undefined);
    // The note goes last (the log it would write to may just have been erased): the erase ran to its end. What
    // failed is in the report; nothing reruns it unasked.
    rmSync(path.join(dataDir, PENDING_FILE), { force: true });
    const report: EraseReport = { scope, erased: stores, remaining: await verify(stores), failed, ...(places ? { places } : {}), verifiedAt: new Date().toISOString() };
    log.info({ scope, stores: stores.length, remaining: report.remaining.length, failed: failed.length, placesLeft: places?.left.length ?? 0 }, 'erased');
    return report;
  }

  /** The stores read back from the disk: those that still hold anything. */
  async function verify(stores: readonly StoreId[]): Promise<StoreInfo[]> {
    const now = await describe(stores);
    // Stores counted by a service hold nothing when it counts nothing (the open catalog file stays, empty); a
    // store of files holds nothing when no byte is left (a log file just reopened is empty).
    return now.filter((store) => (COUNTED.includes(store.id) ? (store.items ?? 0) > 0 : store.bytes > 0));
  }

  return {
    stores: () => describe(),
    paths: () => ({ libraryRoot: path.resolve(library.root), dataDir: path.resolve(dataDir) }),
    lastRetention: () => lastRetention,

    storeFiles(id: StoreId, limit = 200): { files: { path: string; bytes: number }[]; more: boolean } {
      const spec = specOf(id);
      const files = listStoreFiles(spec, limit + 1);
      return {
        files: files.slice(0, limit).map((file) => ({ path: file, bytes: safeSize(file) })),
        more: files.length > limit,
      };
    },

    /** Where the system's file manager should point for a store: its first path that exists. */
    revealTarget(id: StoreId): string {
      const spec = specOf(id);
      return spec.paths.find((target) => existsSync(target)) ?? (spec.paths[0] ? path.dirname(spec.paths[0]) : dataDir);
    },

    async erase(scope: EraseScope, chosen: StoreId[] | undefined, confirm: string | undefined, onProgress: (progress: Progress) => void = () => undefined): Promise<EraseReport> {
      let stores: StoreId[];
      if (scope === 'everything') {
        if (!confirm || !confirmWords().includes(confirm.trim().toLowerCase())) throw new DarkslideError('privacy.confirm-mismatch');
        stores = [...EVERYTHING_ORDER];
      } else if (scope === 'personal') {
        stores = [...PERSONAL_STORES];
      } else {
        stores = [...new Set(chosen ?? [])];
        const refused = stores.find((id) => !ERASABLE_ALONE.includes(id));
        if (stores.length === 0) throw new DarkslideError('privacy.erase-nothing');
        if (refused) throw new DarkslideError('privacy.erase-not-alone', { store: refused });
      }
      return run(scope, stores, onProgress);
    },

    /** Finishes an erase a crash or a quit interrupted. Null when none was pending. */
    async finishPendingErase(): Promise<EraseReport | null> {
      const file = path.join(dataDir, PENDING_FILE);
      if (!existsSync(file)) return null;
      let pending: z.infer<typeof PendingErase>;
      try {
        pending = PendingErase.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        // Written by rename, so never half-written; unreadable or of another shape means not ours: it is left for
        // a person to look at, and the app starts.
        log.error('erase note unreadable');
        return null;
      }
      const known = (ids: string[]) => ids.filter((id): id is StoreId => (STORE_IDS as readonly string[]).includes(id));
      const stores = known(pending.stores);
      const done = known(pending.done);
      log.info({ scope: pending.scope, stores: stores.length, done: done.length }, 'finishing an interrupted erase');
      return run(pending.scope, stores, () => undefined, done);
    },

    /** Trash, logs and usage record older than their retention go. Runs at start and every few hours. */
    async applyRetention(now = Date.now()): Promise<RetentionApplied> {
      const { retention } = privacy.status();
      // The library keeps the trash as long as the person says (it was opened with it too; this follows a change).
      await library.setTrashKeepDays(retention.trash);
      const trash = await library.purgeTrash(now);
      const logsDir = specOf('logs').paths[0]!;
      const logs = purgeLogs(logsDir, retention.logs, now).length;
      const usage = privacy.usage.purge(retention.usage, new Date(now));
      const diagnostics = specOf('diagnostics').paths.reduce((sum, dir) => sum + purgeOlder(dir, retention.diagnostics * DAY_MS, now), 0);
      lastRetention = { at: new Date(now).toISOString(), trash, logs, usage, diagnostics };
      return lastRetention;
    },

    /**
     * Writes one zip of the person's data into `folder`: the catalog rows and jobs as JSON, settings, the consent
     * ledger, the usage record, the logs and location settings. Written beside its final name and linked into
     * place only when whole (never over an existing file); a cancel or an error leaves nothing behind.
     */
    async exportData(folder: string, onProgress: (progress: Progress) => void = () => undefined): Promise<{ name: string; file: string; bytes: number; entries: number }> {
      if (exporting) throw new DarkslideError('privacy.export-running');
      const state = { cancelled: false };
      exporting = state;
      const stamp = new Date().toISOString().slice(0, 10);
      try {
        const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
        const logFiles = listLogFiles(specOf('logs').paths[0]!);
        const locationFile = specOf('location').paths[0]!;
        const steps: [string, () => Promise<Buffer> | Buffer][] = [
          ['catalog.json', async () => json({ items: await allItems() })],
          ['jobs.json', async () => json({ jobs: await library.jobs.list(10_000) })],
          ['settings.json', () => json({ devices: settings.all(), privacy: privacy.status() })],
          ['consent-ledger.json', () => json({ ledger: privacy.ledger() })],
          ['usage-record.ndjson', () => Buffer.from(privacy.usage.ndjson(36_500))],
          ...(existsSync(locationFile) ? [['location.json', () => readFileSync(locationFile)] as [string, () => Buffer]] : []),
          ...logFiles.map((file) => [`logs/${file.name}`, () => readFileSync(path.join(specOf('logs').paths[0]!, file.name))] as [string, () => Buffer]),
        ];
        const total = steps.length + 1;
        let done = 0;
        onProgress({ done, total });
        const { name, bytes } = await writeZip(folder, `darkslide-data-${stamp}`, steps, () => state.cancelled, () => onProgress({ done: ++done, total }), dataDir);
        onProgress({ done: total, total });
        log.info({ entries: steps.length, bytes }, 'data exported');
        return { name, file: path.join(folder, name), bytes, entries: steps.length };
      } finally {
        exporting = null;
      }
    },

    cancelExport(): void {
      if (exporting) exporting.cancelled = true;
    },
  };
}

/**
 * One zip written beside its final name (`.<base>-<random>.zip.part`, 0600), fsynced, then linked to
 * `<base>.zip` (or `<base> (2).zip`…) so the folder only ever shows a whole file. A cancel or an error removes
 * the part file.
 */
export async function writeZip(
  folder: string,
  base: string,
  entries: [string, () => Promise<Buffer> | Buffer][],
  cancelled: () => boolean = () => false,
  onEntry: () => void = () => undefined,
  /** The app's data folder: the part file is noted there first, so a start after a kill can remove it (sweepPartZips). */
  dataDir?: string,
): Promise<{ name: string; bytes: number }> {
  const temp = path.join(folder, `.${base}-${randomBytes(6).toString('hex')}.zip.part`);
  const note = dataDir ? notePartZip(dataDir, temp) : null;
  try {
    const zip = new yazl.ZipFile();
    const out = createWriteStream(temp, { mode: 0o600 });
    const written = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
      zip.outputStream.on('error', reject);
    });
    zip.outputStream.pipe(out);
    try {
      for (const [name, read] of entries) {
        if (cancelled()) break;
        zip.addBuffer(await read(), name, { mtime: new Date(), mode: 0o100600 });
        onEntry();
      }
    } catch (error) {
      // A part that cannot be read ends the zip: its file is closed, and the stream's own end is not left unheard.
      written.catch(() => undefined);
      out.destroy();
      throw error;
    }
    zip.end();
    await written;
    if (cancelled()) throw new DarkslideError('privacy.export-cancelled');
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    const name = placeByLink(temp, folder, base, '.zip');
    fsyncDir(folder);
    return { name, bytes: statSync(path.join(folder, name)).size };
  } finally {
    rmSync(temp, { force: true });
    if (note) rmSync(note, { force: true });
  }
}

const PART_NOTES = 'part-zips';

/** Writes down, durably, where a part file is about to be made; returns the note. */
function notePartZip(dataDir: string, temp: string): string {
  const dir = path.join(dataDir, PART_NOTES);
  mkdirSync(dir, { recursive: true });
  const note = path.join(dir, `${randomBytes(6).toString('hex')}.json`);
  const fd = openSync(note, 'w', 0o600);
  try {
    writeFileSync(fd, JSON.stringify({ file: temp }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  fsyncDir(dir);
  return note;
}

/**
 * Removes the part files of zips (data exports, diagnostics bundles) a killed process left in the person's folders;
 * resolves to how many. Runs at start: a note names each part file, in a folder Darkslide does not otherwise know.
 */
export function sweepPartZips(dataDir: string): number {
  const dir = path.join(dataDir, PART_NOTES);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const note = path.join(dir, name);
    try {
      const { file } = JSON.parse(readFileSync(note, 'utf8')) as { file?: unknown };
      // Only what this code names: a dot-file ending in .zip.part.
      if (typeof file === 'string' && /\.zip\.part$/.test(file) && path.basename(file).startsWith('.') && existsSync(file)) {
        rmSync(file, { force: true });
        removed += 1;
      }
    } catch {
      // A note cut short by the kill: its part file was not made yet.
    }
    rmSync(note, { force: true });
  }
  return removed;
}

/** Gives the finished temp file its name without overwriting: `name.zip`, else `name (2).zip`, … */
function placeByLink(temp: string, folder: string, base: string, ext: string): string {
  for (let n = 1; n < 1000; n += 1) {
    const name = n === 1 ? `${base}${ext}` : `${base} (${n})${ext}`;
    try {
      linkSync(temp, path.join(folder, name));
      unlinkSync(temp);
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new DarkslideError('privacy.export-name', { folder });
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Deletes files under `dir` (crash dumps sit in sub-folders) last written longer than `keepMs` ago. */
function purgeOlder(dir: string, keepMs: number, now: number): number {
  let removed = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removed += purgeOlder(full, keepMs, now);
    else if (now - safeMtime(full) > keepMs) {
      rmSync(full, { force: true });
      removed += 1;
    }
  }
  return removed;
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
