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
};

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
};

export type AddShotInput = ShotMeta & {
  kind: 'photo';
  /** The encoded, developed JPEG. */
  data: Buffer;
  ext: 'jpg';
  /** The undeveloped original, kept under <root>/.originals/ for re-developing. */
  original?: Buffer;
  /** Runs on the complete temp file before it gets its final name, e.g. to write EXIF into it. */
  beforeCommit?: (tempFile: string) => Promise<void>;
};

export type AddFileInput = ShotMeta & {
  kind: 'photo' | 'video';
  /** Moved into the library (copied then removed when on another drive). */
  sourceFile: string;
  durationSec?: number | null;
  /** Marks an item salvaged after a crash (e.g. a recording whose process died). */
  recovered?: boolean;
};

export type ChangeReason = 'added' | 'trashed' | 'restored' | 'deleted' | 'recovered';
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
   * Hears every change: this instance's at once, those of other processes (or other instances on the same folder)
   * within about a second, polled only while at least one listener is subscribed. Returns the unsubscribe function.
   */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Adds and emptyTrash calls already under way still finish; then the catalog and this opener's lock are released. */
  close(): Promise<void>;
};

export type OpenLibraryOptions = {
  root: string;
  dataDir: string;
  /** ffmpeg used for video posters; default: the one main/capture finds. */
  ffmpegPath?: string;
  /** ffprobe used to size videos found without a row; default: the one main/capture finds. */
  ffprobePath?: string;
};

