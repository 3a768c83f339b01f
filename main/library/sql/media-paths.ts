// Media paths: where an item's file, its kept original and its thumbnail are, resolved and checked to stay inside
// the library (the catalog is a file on disk: a row that names ../../etc/passwd is never opened).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { DarkslideError } from '../../shared/errors/index.ts';
import { exists } from '../fsutil.ts';
import { makeThumbnail } from '../media.ts';
import { isSafeRelPath, toAbsolute, TRASH_DIR } from '../paths.ts';
import type { MediaVariant } from '../types.ts';
import { doneRow, type Row } from './items.ts';
import { type Catalog, invalid } from './setup.ts';

export type MediaPaths = { mediaPath(id: string, variant: MediaVariant): Promise<string> };

/** Where the item's file is now: at home, or in the trash. */
export function currentRelPath(row: Row): string {
  return row.location === 'trash' ? `${TRASH_DIR}/${row.rel_path}` : row.rel_path;
}

export function thumbPath(catalog: Catalog, id: string): string {
  return path.join(catalog.thumbsDir, `${id}.jpg`);
}

/** Serves paths by item id; thumbnails are made once, on first request, one job per item however many ask. */
export function createMediaPaths(catalog: Catalog): MediaPaths {
  const thumbJobs = new Map<string, Promise<string>>();
  let realRoot: string | null = null;

  /** Resolves symlinks and refuses anything that ends up outside the library root. */
  async function contained(relPath: string, row: Row): Promise<string> {
    if (!isSafeRelPath(relPath)) throw new DarkslideError('library.outside', { name: row.file_name, file: relPath });
    realRoot ??= await realpath(catalog.root);
    const file = toAbsolute(catalog.root, relPath);
    let real: string;
    try {
      real = await realpath(file);
    } catch (error) {
      throw new DarkslideError('library.file-missing', { file }, { cause: error });
    }
    const inside = path.relative(realRoot, real);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new DarkslideError('library.outside', { name: row.file_name, file: real });
    }
    return real;
  }

  return {
    async mediaPath(id, variant) {
      const row = doneRow(catalog, id);
      if (!row) throw new DarkslideError('album.item-not-found', { id: String(id) });
      if (variant === 'original') return contained(currentRelPath(row), row);
      if (variant === 'undeveloped') {
        if (!row.original_rel_path) throw new DarkslideError('album.no-original', { file: row.file_name });
        return contained(row.original_rel_path, row);
      }
      if (variant !== 'thumb') invalid('variant', "must be 'original', 'thumb' or 'undeveloped'");
      const thumb = thumbPath(catalog, row.id);
      if (await exists(thumb)) return thumb;
      let job = thumbJobs.get(row.id);
      if (!job) {
        job = (async () => {
          const source = await contained(currentRelPath(row), row);
          await makeThumbnail(source, row.kind, thumb, catalog.ffmpegPath);
          return thumb;
        })().finally(() => thumbJobs.delete(row.id));
        thumbJobs.set(row.id, job);
      }
      return job;
    },
  };
}
