// Settings → Library: where the library is, how big, choosing another library folder and moving the whole
// library (photos, catalog, thumbnails, imported looks) as a job with progress and cancel. Folders come as
// handles from files.pick({ purpose: 'library', folders: true }).
import { z } from 'zod';
import { id, method, nothing } from './define.ts';

export const LibraryMove = z.object({
  stage: z.enum(['copying', 'verifying', 'switching', 'removing']),
  /** Bytes copied or verified of `total` (files removed, while removing). */
  done: z.number().min(0),
  total: z.number().min(0),
  file: z.string().nullable(),
  /** The destination folder, as the person picked it. */
  to: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).nullable(),
});

export const LibraryFolderStatus = z.object({
  /** The library's folder (its photos; a moved or chosen library keeps its catalog in `.darkslide/` inside). */
  folder: z.string(),
  isDefault: z.boolean(),
  bytes: z.number().min(0),
  items: z.number().int().min(0),
  trashed: z.number().int().min(0),
  move: LibraryMove.nullable(),
});

export const libraryFolderMethods = {
  'libraryFolder.status': method(nothing, LibraryFolderStatus),
  /** Opens the library in the chosen folder (a Darkslide library, or an empty folder for a new one) and keeps that choice. */
  'libraryFolder.choose': method(z.object({ folder: id }).strict(), LibraryFolderStatus),
  /** Starts moving the library into the chosen (empty) folder; refusals answer here, progress comes as libraryFolder.move. */
  'libraryFolder.move': method(z.object({ folder: id }).strict(), LibraryMove),
  'libraryFolder.cancelMove': method(nothing, LibraryMove.nullable()),
};

export const libraryFolderEvents = {
  'libraryFolder.move': LibraryMove,
};
