// Getting the person's files to main as handles (contract: main/shared/contract/methods/files.ts). A File the
// page holds (dropped, or from an <input type=file>) is uploaded in chunks, so no message carries a whole
// photo or LUT; the host's own picker, where there is one, gives handles to files where they are.
import type { FileHandleT } from '../../main/shared/contract/index.ts';
import { api } from './api.ts';

export type UploadOptions = { signal?: AbortSignal; onProgress?(sent: number, total: number): void };

/** Copies `file` into main chunk by chunk and returns its handle; aborting (or any failure) leaves nothing behind. */
export async function uploadFile(file: File, options: UploadOptions = {}): Promise<FileHandleT> {
  const { uploadId, chunkBytes } = await api.files.uploadBegin({ name: file.name, bytes: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      options.signal?.throwIfAborted();
      // One slice in memory at a time: a 400 MB LUT never sits whole in the page.
      const data = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await api.files.uploadChunk({ uploadId, offset, data });
      options.onProgress?.(Math.min(offset + chunkBytes, file.size), file.size);
    }
    return await api.files.uploadEnd({ uploadId });
  } catch (error) {
    await api.files.uploadAbort({ uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Forgets handles main holds for this page (an uploaded copy is deleted). Failures do not matter here. */
export function releaseFiles(handles: FileHandleT[]): void {
  if (handles.length > 0) void api.files.release({ ids: handles.map((handle) => handle.id) }).catch(() => undefined);
}

/** A file to work on: one the page holds (uploaded when its turn comes) or one the host's picker gave. */
export type ChosenFile = { name: string; file?: File; handle?: FileHandleT };

export const fromPage = (files: File[]): ChosenFile[] => files.map((file) => ({ name: file.name, file }));
export const fromPicker = (handles: FileHandleT[]): ChosenFile[] => handles.map((handle) => ({ name: handle.name, handle }));

/** The handle for a chosen file, uploading it first if the page holds it; `uploaded` says whether to release it after. */
export async function handleFor(chosen: ChosenFile, options: UploadOptions = {}): Promise<{ handle: FileHandleT; uploaded: boolean }> {
  if (chosen.handle) return { handle: chosen.handle, uploaded: false };
  if (!chosen.file) throw new Error(`${chosen.name}: nothing to read`);
  return { handle: await uploadFile(chosen.file, options), uploaded: true };
}

export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'webp', 'avif'];
export const LUT_EXTENSIONS = ['cube', '3dl', 'png', 'tif', 'tiff'];
