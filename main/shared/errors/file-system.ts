// The one way a failed file operation becomes words for the person: Node's error codes (ENOSPC, EACCES, ...)
// mapped to the file.* codes, naming the file the person knows. Callers pass that name, never a temp path
// of ours: a full disk while writing `.trip.3f9a.tmp.jpg` is reported as the output `trip-harbor-400.jpg`.
// Pure (it only reads `error.code`), so it lives beside the tables and any service can call it.
import { DarkslideError } from './index.ts';

export type FileAccess = 'read' | 'write';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const NO_PERMISSION = new Set(['EACCES', 'EPERM']);
const TOO_MANY_OPEN = new Set(['EMFILE', 'ENFILE']);
const BUSY = new Set(['EBUSY', 'ETXTBSY']);

/** The Node error code of anything thrown (undefined when it has none). */
export function errnoCode(error: unknown): string | undefined {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `error` from reading or writing `file` as a DarkslideError. A DarkslideError passes through unchanged, so
 * a service can wrap a whole step without hiding a more precise error from inside it.
 */
export function fileError(error: unknown, file: string, access: FileAccess = 'read'): DarkslideError {
  if (error instanceof DarkslideError) return error;
  const code = errnoCode(error);
  const cause = { cause: error };
  if (code === 'ENOENT') return new DarkslideError('file.not-found', { file }, cause);
  if (code && DISK_FULL.has(code)) return new DarkslideError('file.disk-full', { file }, cause);
  if (code && NO_PERMISSION.has(code)) return new DarkslideError('file.no-permission', { file, access }, cause);
  if (code === 'EROFS') return new DarkslideError('file.read-only', { file }, cause);
  if (code === 'EISDIR') return new DarkslideError('file.is-folder', { file }, cause);
  if (code === 'ENOTDIR') return new DarkslideError('file.not-a-folder', { file }, cause);
  if (code === 'ENAMETOOLONG') return new DarkslideError('file.name-too-long', { file }, cause);
  if (code === 'EEXIST') return new DarkslideError('file.exists', { file }, cause);
  if (code && TOO_MANY_OPEN.has(code)) return new DarkslideError('file.too-many-open', { file }, cause);
  if (code === 'EFBIG') return new DarkslideError('file.too-large-for-disk', { file }, cause);
  if (code && BUSY.has(code)) return new DarkslideError('file.busy', { file }, cause);
  // Node refuses a path with a NUL byte before asking the system.
  const message = error instanceof Error ? error.message : String(error);
  if ((code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') && /null bytes/i.test(message)) return new DarkslideError('file.bad-name', { file: file.replace(/\0/g, '\\0') }, cause);
  return new DarkslideError('file.io', { file, access, detail: code === 'EIO' ? 'input/output error' : (code ?? message) }, cause);
}
