// Files the person chose, as opaque handles. The renderer is untrusted: it never names a path on disk, and
// main never opens one the renderer wrote. A file reaches main in one of two ways, and both end in the same
// handle, { id, name, bytes, kind }; main keeps id -> real path for the session (until files.release or the
// app closes). Large files never travel as one message.
//
// 1. The host's own picker (Electron's open/save dialogs; in the browser host, whatever picker its process
//    was given, e.g. by a test):
//      const { available } = await api.files.picker();   // false in a plain browser host: use way 2
//      const { handles } = await api.files.pick({ purpose: 'develop', multiple: true, filters: [{ name: 'Photos', extensions: ['jpg', 'png'] }] });
//      // handles is [] when the person cancelled.
//    `folders: true` picks folders (kind 'folder'): an import source or an export destination.
//    `save: { defaultName }` asks where to save one new file (kind 'file', bytes 0): a zip, an export.
//    Handles from an open picker are read-only; folder and save handles may also be written.
//
// 2. Bytes the page already holds (a dropped File, an <input type=file>): a chunked upload into a temp file in
//    the app's data folder (deleted on release, on abort, when the app closes, and at the next start):
//      const { uploadId, chunkBytes } = await api.files.uploadBegin({ name: file.name, bytes: file.size });
//      for (let offset = 0; offset < file.size; offset += chunkBytes)
//        await api.files.uploadChunk({ uploadId, offset, data: new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer()) });
//      const handle = await api.files.uploadEnd({ uploadId });    // or api.files.uploadAbort({ uploadId })
//    renderer/src/files.ts `uploadFile(file, { onProgress, signal })` is that loop; use it.
//
// Methods that work on files take the handle's id (`file: handle.id`), never bytes or a path. Their
// handlers turn it into a path with `context.files.resolve(id, { kind, access })` (main/app/files.ts), and
// errors name `handle.name`, the name the person knows, never a temp path. Release handles you are done
// with: `api.files.release({ ids })`.
import { z } from 'zod';
import { bytes, id, method, nothing } from './define.ts';

/** At most this much travels in one uploadChunk: well under every transport's message limit. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export const FileHandle = z.object({
  id,
  /** The file's own name (no folder): what messages call it. */
  name: z.string(),
  /** Size in bytes; 0 for a folder or a file still to be written. */
  bytes: z.number().int().min(0),
  kind: z.enum(['file', 'folder']),
});

/** What the picker is for: the host chooses its title and starting folder by it. Add purposes as needed. */
export const PickPurpose = z.enum(['develop', 'look', 'import', 'geotag', 'export', 'save', 'library', 'camera']);

const FileFilter = z
  .object({
    name: z.string().min(1).max(100),
    extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'an extension without the dot')).min(1).max(30),
  })
  .strict();

const uploadId = z.string().min(1).max(64);

export const filesMethods = {
  'files.picker': method(nothing, z.object({ available: z.boolean() })),
  'files.pick': method(
    z
      .object({
        purpose: PickPurpose,
        multiple: z.boolean().optional(),
        folders: z.boolean().optional(),
        filters: z.array(FileFilter).max(10).optional(),
        save: z.object({ defaultName: z.string().min(1).max(255) }).strict().optional(),
      })
      .strict(),
    z.object({ handles: z.array(FileHandle) }),
  ),
  'files.uploadBegin': method(
    z
      .object({
        name: z.string().min(1).max(1024),
        bytes: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40),
      })
      .strict(),
    z.object({ uploadId, chunkBytes: z.number().int() }),
  ),
  'files.uploadChunk': method(
    z
      .object({
        uploadId,
        offset: z.number().int().min(0),
        data: bytes.refine((data) => data.byteLength > 0 && data.byteLength <= UPLOAD_CHUNK_BYTES, `must be 1 byte to ${UPLOAD_CHUNK_BYTES} bytes`),
      })
      .strict(),
    z.object({ received: z.number() }),
  ),
  'files.uploadEnd': method(z.object({ uploadId }).strict(), FileHandle),
  'files.uploadAbort': method(z.object({ uploadId }).strict(), nothing),
  'files.release': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), nothing),
};

export type FileHandleT = z.output<typeof FileHandle>;
export type PickPurposeT = z.output<typeof PickPurpose>;
