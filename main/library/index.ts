// The library: photos and videos on disk under a user-visible root, indexed in SQLite (node:sqlite). The facade is
// catalog.ts; the catalog's work is plain functions in sql/, one file per concern.
export { openLibrary } from './catalog.ts';
export { openLibraryInWorker } from './remote.ts';
export { otherLiveOpeners } from './sessions.ts';
export type {
  AddFileInput,
  AlbumLayout,
  AlbumQuery,
  AlbumSection,
  AddShotInput,
  ChangeEvent,
  ChangeReason,
  ImportIndex,
  JobErrorData,
  JobItemRecord,
  JobItemState,
  JobJournal,
  JobRecord,
  JobState,
  Library,
  LibraryItem,
  ListPage,
  ListQuery,
  ItemLocation,
  MediaVariant,
  NewJob,
  OpenLibraryOptions,
  RecoveryReport,
} from './types.ts';
export { defaultPaths, libraryAt, LIBRARY_DATA_DIR, type LibraryPaths } from './paths.ts';
export { thumbnailJpeg, THUMB_SIZE, THUMBNAIL } from './media.ts';
