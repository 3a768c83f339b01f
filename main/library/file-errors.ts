// Node's file errors in the shared error language: the file named, what happened in words, what to do.
import { DarkslideError } from '../shared/errors/index.ts';

export function fileError(error: unknown, file: string, access: 'read' | 'write'): DarkslideError {
  if (error instanceof DarkslideError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const options = { cause: error };
  switch (code) {
    case 'ENOENT':
      return new DarkslideError('file.not-found', { file }, options);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DarkslideError('file.disk-full', { file }, options);
    case 'EACCES':
    case 'EPERM':
      return new DarkslideError('file.no-permission', { file, access }, options);
    case 'EROFS':
      return new DarkslideError('file.read-only', { file }, options);
    case 'EISDIR':
      return new DarkslideError('file.is-folder', { file }, options);
    case 'ENOTDIR':
      return new DarkslideError('file.not-a-folder', { file }, options);
    case 'ENAMETOOLONG':
      return new DarkslideError('file.name-too-long', { file }, options);
    case 'EEXIST':
      return new DarkslideError('file.exists', { file }, options);
    case 'EMFILE':
    case 'ENFILE':
      return new DarkslideError('file.too-many-open', { file }, options);
    default:
      return new DarkslideError('file.io', { file, access, detail: code ?? (error as Error)?.message ?? String(error) }, options);
  }
}
