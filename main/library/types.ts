// What the library's callers see: items, the inputs of an add, change events, the recovery report.
export type LibraryItem = {
  id: string;
  kind: 'photo' | 'video';
  fileName: string;
  /** Inside root, posix separators. Where the file lives when not trashed. */
  relPath: string;
  width: number;
  height: number;
  durationSec: number | null;
  /** ISO 8601 with the machine's UTC offset at the time of the shot. */
  takenAt: string;
  lookId: string;
  lookName: string;
  /** The look recipe to re-develop from, as JSON (main/app reads it as the shared Recipe). */
  recipe: unknown;
  trashedAt: string | null;
  recovered: boolean;
  bytes: number;
  /** True when an undeveloped original is kept (mediaPath(id, 'undeveloped')). */
  hasOriginal: boolean;
  /** Where it was taken, as its file says (kept in step by geotagging through setLocation); null when unknown. */
  location: ItemLocation | null;
  /** The name of the file it was imported from; null for shots, recordings and develops. */
  sourceName: string | null;
  favourite: boolean;
  /** When it came into the album (the "date added" sort). */
  addedAt: string;
  /** For a trashed item: when it will be deleted for good (the library's trashKeepDays after it was trashed). */
  purgeAt: string | null;
};

/** Which items an album view shows, and in which order (newest first). */
export type AlbumQuery = {
  sort?: 'taken' | 'added';
  trashed?: boolean;
  kind?: 'photo' | 'video';
  lookId?: string;
  favourite?: boolean;
  recovered?: boolean;
  location?: 'with' | 'without';
};

/** A run of items of one local day (of the date taken, or added), where it starts in the view, and how many. */
export type AlbumSection = { day: string; offset: number; count: number };

/** A view's shape: everything a virtualised grid needs to place every item without loading them. */
export type AlbumLayout = { total: number; days: AlbumSection[]; months: AlbumSection[] };

export type ItemLocation = { latitude: number; longitude: number };

export type ShotMeta = {
  width: number;
  height: number;
  takenAt: Date;
  lookId: string;
  lookName: string;
  recipe: unknown;
  /** The location written into the file, when it has one. */
  location?: ItemLocation | null;
  /**
   * An imported file: its content hash (SHA-256 of the bytes as they came) and its name. An add whose hash a live
   * item (trashed ones included) already has is refused as library.already-imported, atomically.
   */
  source?: { hash: string; name: string };
};

export type AddShotInput = ShotMeta & {
  kind: 'photo';
  /** The encoded, developed JPEG. */
  data: Buffer;
  ext: 'jpg';
  /** The undeveloped original, kept under <root>/.originals/ for re-developing. */
  original?: Buffer;
  /** The original's extension (heic, tif, ...), when it is not one the library recognises from its bytes. */
  originalExt?: string;
  /** Runs on the complete temp file before it gets its final name, e.g. to write EXIF into it. */
  beforeCommit?: (tempFile: string) => Promise<void>;
  /**
   * The album thumbnail already made from the photo's pixels (a JPEG made as THUMBNAIL says, as the developer
   * makes it beside the encode: DevelopOptions.thumbnail), saved as the cache once the shot is filed. Nothing is
   * decoded, and the album's first request reads it. Without it that request makes it from the file.
   */
  thumbnail?: Buffer;
  /**
   * What this shot was developed from and how (source content, recipe, renderer version; see main/app/jobs). Kept
   * with the item: an add with the key of a live item is refused as library.already-developed, atomically.
   */
  developKey?: string;
};

export type AddFileInput = ShotMeta & {
  kind: 'photo' | 'video';
  /** Moved into the library (copied then removed when on another drive), or copied with keepSource. */
  sourceFile: string;
  /** Copy, and leave the source exactly as it was (imports). */
  keepSource?: boolean;
  durationSec?: number | null;
  /** Marks an item salvaged after a crash (e.g. a recording whose process died). */
  recovered?: boolean;
};

export type ChangeReason = 'added' | 'trashed' | 'restored' | 'deleted' | 'recovered' | 'updated';
export type ChangeEvent = { ids: string[]; reason: ChangeReason };
export type MediaVariant = 'original' | 'thumb' | 'undeveloped';

export type ListQuery = {
  limit?: number;
  before?: string;
  trashed?: boolean;
  /** Only items with a location ('with') or without one ('without'). */
  location?: 'with' | 'without';
};
export type ListPage = { items: LibraryItem[]; nextCursor: string | null };

/** What the recovery pass on open found and fixed. */
export type RecoveryReport = {
  /** Pending adds whose final file existed: finished. */
  completed: number;
  /** Pending adds that never got their final file: row and temp files removed. */
  rolledBack: number;
  /** Deletions (emptyTrash) that were interrupted: finished. */
  deleted: number;
  /** Files moved to/from .trash to match their trashed state. */
  moved: number;
  /** Temp files without a pending add, removed. */
  strayTempFiles: number;
  /** Library-named files on disk without a row, added back as recovered items. */
  adopted: number;
};

/**
 * The album as its callers use it. Every call that reads or writes the catalog is asynchronous, so the same
 * interface can be served in-process (the CLI, tests) or by a worker thread (the app, whose main thread must
 * never wait on SQLite or on file moves).
 */
export type Library = {
  root: string;
  dataDir: string;
  recovery: RecoveryReport;
  addShot(input: AddShotInput): Promise<LibraryItem>;
  addFile(input: AddFileInput): Promise<LibraryItem>;
  list(query?: ListQuery): Promise<ListPage>;
  get(id: string): Promise<LibraryItem | null>;
  /** Moves items to the trash; resolves to the ids that changed (already trashed ones are left out). */
  trash(ids: string[]): Promise<string[]>;
  /** Brings trashed items back; resolves to the ids that changed. */
  restore(ids: string[]): Promise<string[]>;
  emptyTrash(): Promise<number>;
  mediaPath(id: string, variant: MediaVariant): Promise<string>;
  /** Records the location now written in an item's file (after geotagging or its undo); null when it has none. */
  setLocation(id: string, location: ItemLocation | null): Promise<void>;
  /**
   * Every row forgets its location and settled geotag jobs leave the journal ("erase personal data"; the files
   * are the caller's to strip). rowsLeft: rows still holding a location afterwards, read back.
   */
  forgetLocations(): Promise<{ rows: number; jobs: number; rowsLeft: number }>;
  /**
   * Hears every change: this instance's at once, those of other processes (or other instances on the same folder)
   * within about a second, polled only while at least one listener is subscribed. Returns the unsubscribe function.
   */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Adds and emptyTrash calls already under way still finish; then the catalog and this opener's lock are released. */
  close(): Promise<void>;
  /** The jobs journal (main/jobs runs the jobs). */
  jobs: JobJournal;
  /** What imports need to recognise files seen before (main/app/jobs/import.ts). */
  imports: ImportIndex;
  /** The album's views: counts, date sections and items by position, for a grid that can reach any item. */
  album: {
    layout(query?: AlbumQuery): Promise<AlbumLayout>;
    /** Items `offset`..`offset + limit - 1` of the view (at most 500), as fast at the end as at the top. */
    range(query: AlbumQuery, offset: number, limit: number): Promise<LibraryItem[]>;
    /** Where an item is in the view, or null when the view does not show it. */
    position(query: AlbumQuery, id: string): Promise<number | null>;
  };
  /** Marks items as favourites (or not); resolves to the ids that changed. */
  setFavourite(ids: string[], favourite: boolean): Promise<string[]>;
  /** Deletes for good what has been in the trash longer than the library keeps it (trashKeepDays); resolves to how many. */
  purgeTrash(now?: number): Promise<number>;
  /** The person changed their trash retention: purgeTrash and purgeAt follow it from now on. */
  setTrashKeepDays(days: number): Promise<void>;
};

export type OpenLibraryOptions = {
  root: string;
  dataDir: string;
  /** ffmpeg used for video posters; default: the one main/capture finds. */
  ffmpegPath?: string;
  /** ffprobe used to size videos found without a row; default: the one main/capture finds. */
  ffprobePath?: string;
  /**
   * How many days a trashed item is kept before it is deleted for good (the person's retention setting; 30 when
   * not given). The purge the library runs at open uses it too, so every opener must pass the person's value.
   */
  trashKeepDays?: number;
};

// ---- the jobs journal (sql/jobs.ts; the engine is main/jobs) ------------------------------------------------

export type JobState = 'scanning' | 'running' | 'paused' | 'cancelled' | 'finished';
export type JobItemState = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled';
/** An item's error as it is kept: the shared error language's data (code, English text, params). */
export type JobErrorData = { code: string; message: string; params?: Record<string, string | number> };

export type JobRecord = {
  id: string;
  kind: string;
  params: unknown;
  batchKey: string;
  state: JobState;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  createdAtMs: number;
  updatedAtMs: number;
  finishedAtMs: number | null;
  /** Run by this process (not by another app window or command). */
  ownedHere: boolean;
};

export type JobItemRecord = {
  seq: number;
  input: unknown;
  label: string;
  state: JobItemState;
  result: unknown;
  error: JobErrorData | null;
};

export type NewJob = {
  id: string;
  kind: string;
  params: unknown;
  batchKey: string;
  /** What the caller named (files, folders, item ids): an interrupted scan starts over from them. */
  inputs: unknown[];
  state: 'scanning' | 'running';
  items?: { input: unknown; label: string }[];
};

/** The journal as the jobs engine uses it; every call is one short transaction. */
export type JobJournal = {
  create(job: NewJob): Promise<JobRecord>;
  addItems(jobId: string, items: { input: unknown; label: string }[]): Promise<void>;
  clearItems(jobId: string): Promise<void>;
  get(jobId: string): Promise<JobRecord | null>;
  list(limit?: number): Promise<JobRecord[]>;
  setState(jobId: string, state: JobState): Promise<JobRecord | null>;
  inputs(jobId: string): Promise<unknown[]>;
  pendingItems(jobId: string, afterSeq: number, limit: number): Promise<JobItemRecord[]>;
  /** Records a settled item and moves the job's counters; resolves to the job as it now is. */
  setItemState(jobId: string, seq: number, state: JobItemState, outcome?: { result?: unknown; error?: JobErrorData }): Promise<JobRecord | null>;
  errors(jobId: string, offset: number, limit: number): Promise<{ items: JobItemRecord[]; total: number }>;
  /** Settled items (done, skipped, failed) with their results and errors, in order: what a job's report lists. */
  settled(jobId: string, offset: number, limit: number): Promise<{ items: JobItemRecord[]; total: number }>;
  claimOrphans(batchKey?: string): Promise<JobRecord[]>;
  prune(keepMs: number): Promise<number>;
  /** The live item developed from the same source content with the same recipe and renderer, if any. */
  findDeveloped(developKey: string): Promise<string | null>;
};

/** Import bookkeeping: content hashes of imported items, and files already looked at by path, size and mtime. */
export type ImportIndex = {
  /** The live item (trashed ones included) imported from this content, if any. */
  findBySource(hash: string): Promise<string | null>;
  /** The hash of a file seen before at this path with this size and mtime, if any: unchanged, so not read again. */
  known(path: string, size: number, mtimeMs: number): Promise<string | null>;
  remember(path: string, size: number, mtimeMs: number, hash: string): Promise<void>;
};
