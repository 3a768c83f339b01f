// The main side of the files domain (contract: main/shared/contract/methods/files.ts). The renderer only ever
// holds opaque ids; this registry maps them to the real paths the person chose in the host's picker, or to
// temp copies of bytes the page uploaded in chunks. Uploads live in <data>/uploads/<pid>/ so that a crash
// leaves them where the next start finds and deletes them, and two processes never touch each other's.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rm, stat, type FileHandle as FsHandle } from 'node:fs/promises';
import path from 'node:path';
import { DarkslideError } from '../shared/errors/index.ts';
import { fileError, type FileAccess } from '../shared/errors/file-system.ts';
import { UPLOAD_CHUNK_BYTES, type FileHandleT, type PickPurposeT } from '../shared/contract/api.ts';

/** What the host's picker is asked for. Paths it returns are the person's choice, so they are trusted. */
export type PickRequest = {
  purpose: PickPurposeT;
  multiple: boolean;
  folders: boolean;
  filters: { name: string; extensions: string[] }[];
  save?: { defaultName: string };
};
/** The host's picker: absolute paths, [] when the person cancelled. */
export type PickFiles = (request: PickRequest) => Promise<string[]>;

type Chosen = { path: string; name: string; kind: 'file' | 'folder'; bytes: number; access: FileAccess; temp: boolean };
type Upload = { name: string; path: string; bytes: number; received: number; file: FsHandle; busy: boolean };

/** Uploads in flight at once, per app: enough for a batch dropped on the album, not a way to fill the disk. */
const MAX_OPEN_UPLOADS = 16;

export type FileRegistry = ReturnType<typeof openFileRegistry>;

function newId(): string {
  return randomBytes(16).toString('base64url');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Upload folders of processes that are gone (a crash, a SIGKILL) are deleted at start. */
export function removeStaleUploads(dataDir: string): void {
  const root = path.join(dataDir, 'uploads');
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) continue;
    rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

/** A temp name that keeps the person's extension: the LUT readers and image decoders go by it. */
function tempName(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  return ext ? `${newId()}.${ext}` : newId();
}

/** The last part of a name the page sent, as people see it (a browser File has no folder anyway). */
function displayName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

export function openFileRegistry(options: { dataDir: string; pickFiles?: PickFiles }) {
  removeStaleUploads(options.dataDir);
  const uploadsDir = path.join(options.dataDir, 'uploads', String(process.pid));
  const handles = new Map<string, Chosen>();
  const uploads = new Map<string, Upload>();

  function toHandle(id: string, chosen: Chosen): FileHandleT {
    return { id, name: chosen.name, bytes: chosen.bytes, kind: chosen.kind };
  }

  function add(chosen: Chosen): FileHandleT {
    const id = newId();
    handles.set(id, chosen);
    return toHandle(id, chosen);
  }

  function upload(uploadId: string): Upload {
    const found = uploads.get(uploadId);
    if (!found) throw new DarkslideError('file.upload-unknown');
    return found;
  }

  async function dropUpload(uploadId: string, entry: Upload): Promise<void> {
    uploads.delete(uploadId);
    await entry.file.close().catch(() => undefined);
    await rm(entry.path, { force: true });
  }

  return {
    hasPicker: () => options.pickFiles !== undefined,

    async pick(request: PickRequest): Promise<FileHandleT[]> {
      if (!options.pickFiles) throw new DarkslideError('file.no-picker');
      const paths = await options.pickFiles(request);
      const out: FileHandleT[] = [];
      for (const chosen of request.multiple ? paths : paths.slice(0, 1)) {
        const name = path.basename(chosen);
        if (request.save) {
          out.push(add({ path: chosen, name, kind: 'file', bytes: 0, access: 'write', temp: false }));
          continue;
        }
        const info = await stat(chosen).catch((error: unknown) => {
          throw fileError(error, name);
        });
        const kind = info.isDirectory() ? 'folder' : 'file';
        out.push(add({ path: chosen, name, kind, bytes: kind === 'file' ? info.size : 0, access: kind === 'folder' ? 'write' : 'read', temp: false }));
      }
      return out;
    },

    async uploadBegin(input: { name: string; bytes: number }): Promise<{ uploadId: string; chunkBytes: number }> {
      const name = displayName(input.name);
      if (uploads.size >= MAX_OPEN_UPLOADS) throw new DarkslideError('file.upload-too-many', { count: uploads.size });
      mkdirSync(uploadsDir, { recursive: true });
      const file = path.join(uploadsDir, tempName(name));
      let handle: FsHandle;
      try {
        handle = await open(file, 'wx', 0o600);
      } catch (error) {
        throw fileError(error, name, 'write');
      }
      const uploadId = newId();
      uploads.set(uploadId, { name, path: file, bytes: input.bytes, received: 0, file: handle, busy: false });
      return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
    },

    async uploadChunk(input: { uploadId: string; offset: number; data: Uint8Array }): Promise<{ received: number }> {
      const entry = upload(input.uploadId);
      // One chunk at a time and in order: the file is written front to back, never with holes.
      if (entry.busy || input.offset !== entry.received) throw new DarkslideError('file.upload-out-of-order', { file: entry.name, expected: entry.received, offset: input.offset });
      if (entry.received + input.data.byteLength > entry.bytes) throw new DarkslideError('file.upload-size', { file: entry.name, received: entry.received + input.data.byteLength, bytes: entry.bytes });
      entry.busy = true;
      try {
        let written = 0;
        while (written < input.data.byteLength) {
          const { bytesWritten } = await entry.file.write(input.data, written, input.data.byteLength - written, entry.received + written);
          written += bytesWritten;
        }
        entry.received += written;
      } catch (error) {
        await dropUpload(input.uploadId, entry);
        throw fileError(error, entry.name, 'write');
      } finally {
        entry.busy = false;
      }
      return { received: entry.received };
    },

    async uploadEnd(input: { uploadId: string }): Promise<FileHandleT> {
      const entry = upload(input.uploadId);
      if (entry.busy) throw new DarkslideError('file.upload-out-of-order', { file: entry.name, expected: entry.received, offset: entry.received });
      if (entry.received !== entry.bytes) {
        await dropUpload(input.uploadId, entry);
        throw new DarkslideError('file.upload-size', { file: entry.name, received: entry.received, bytes: entry.bytes });
      }
      uploads.delete(input.uploadId);
      try {
        await entry.file.close();
      } catch (error) {
        await rm(entry.path, { force: true });
        throw fileError(error, entry.name, 'write');
      }
      return add({ path: entry.path, name: entry.name, kind: 'file', bytes: entry.bytes, access: 'read', temp: true });
    },

    async uploadAbort(input: { uploadId: string }): Promise<void> {
      const entry = uploads.get(input.uploadId);
      if (entry) await dropUpload(input.uploadId, entry);
    },

    async release(ids: string[]): Promise<void> {
      for (const id of ids) {
        const chosen = handles.get(id);
        if (!chosen) continue;
        handles.delete(id);
        if (chosen.temp) await rm(chosen.path, { force: true });
      }
    },

    /**
     * The real path behind a handle, for a handler about to use it. `kind` says what the method needs;
     * `access: 'write'` is only granted for what was chosen as a save target or a folder.
     */
    resolve(id: string, want: { kind?: 'file' | 'folder'; access?: FileAccess } = {}): { path: string; name: string; kind: 'file' | 'folder'; bytes: number } {
      const chosen = handles.get(id);
      if (!chosen) throw new DarkslideError('file.handle-unknown');
      if (want.kind && chosen.kind !== want.kind) throw new DarkslideError('file.handle-wrong-kind', { file: chosen.name, kind: chosen.kind, wanted: want.kind });
      if (want.access === 'write' && chosen.access !== 'write') throw new DarkslideError('file.read-only-choice', { file: chosen.name });
      return { path: chosen.path, name: chosen.name, kind: chosen.kind, bytes: chosen.bytes };
    },

    /** The app is closing: every upload and temp copy goes. */
    async close(): Promise<void> {
      for (const [uploadId, entry] of [...uploads]) await dropUpload(uploadId, entry);
      handles.clear();
      await rm(uploadsDir, { recursive: true, force: true });
    },
  };
}
