// The library catalog: photos and videos on disk under a user-visible root, indexed in SQLite (node:sqlite).
export { openLibrary } from './catalog.ts';
export type {
  AddFileInput,
  AddShotInput,
  ChangeEvent,
  ChangeReason,
  Library,
  LibraryItem,
  ListQuery,
  MediaVariant,
  OpenLibraryOptions,
  RecoveryReport,
} from './catalog.ts';
export { LibraryError } from './errors.ts';
export { defaultPaths, type LibraryPaths } from './paths.ts';
