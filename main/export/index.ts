// Export: album files written to a folder the person chose, with exactly the metadata a policy allows. Built,
// never cleaned: the pixels are encoded with no metadata at all (photo.ts; videos through main/capture's
// exportVideo), then the record the policy allows is written (main/metadata writeRecord), then the file is read
// back and checked against that record (auditTags) before it gets its name: a file that says more than its
// record never appears in the folder. Temporary names and placement without overwriting: place.ts.
import { stat, statfs, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportVideo } from '../capture/export-video.ts';
import { auditTags, locationFromTags, readMetadata, writeRecord, type Finding, type MetadataRecord } from '../metadata/index.ts';
import { DarkslideError } from '../shared/errors/index.ts';
import { fileError } from '../shared/errors/file-system.ts';
import { numberedName } from '../shared/export/names.ts';
import { encodePhoto, EXTENSIONS, type PhotoOptions } from './photo.ts';
import { flush, partialName, placeFile } from './place.ts';

export { datelessSrgbProfile, encodePhoto, encoderOptions, EXTENSIONS, LOSSY, PHOTO_FORMATS, type PhotoFormat, type PhotoOptions } from './photo.ts';
export { isPartialName, partialName, placeFile, sweepPartials } from './place.ts';
export { sourceRecord, type CatalogFacts } from './record.ts';

/** What reading an exported file back found: every tag it holds, what they say, and anything beyond its record. */
export type FileCheck = {
  /** Tags stored in the file (exiftool -a -G1, every group; not the ones describing the file on disk). */
  tags: number;
  /** What the file says, as read back: the kinds of personal metadata present, and its place if it has one. */
  holds: { captureTime: boolean; device: boolean; software: boolean; description: boolean; location: { latitude: number; longitude: number; accuracy?: number } | null };
  /** Tags beyond the record: always empty for a file that was kept (one with findings is not exported). */
  findings: Finding[];
};

export type ExportRequest = {
  /** The album's file (or the kept original). */
  source: string;
  /** What errors call the source (its album file name). */
  sourceName: string;
  kind: 'photo' | 'video';
  folder: string;
  /** A safe name stem (main/shared/export/names.ts); collisions get " (2)" etc. */
  stem: string;
  /** The collision number to try first (see placeFile). */
  first?: number;
  /** The metadata the output may hold: applyPolicy(sourceRecord, policy). */
  record: MetadataRecord;
  /** For photos: format, quality, long edge. Videos are always MP4 at their own size. */
  photo?: PhotoOptions;
  signal?: AbortSignal;
};

export type ExportResult = { name: string; bytes: number; alreadyThere: boolean; check: FileCheck };

const NOT_IN_FILE = new Set(['System', 'File', 'ExifTool', 'Composite']);

/** Reads `file` back and compares it with `record` (exported for tests and the benchmark). */
export async function checkFile(file: string, record: MetadataRecord): Promise<FileCheck> {
  const tags = await readMetadata(file);
  const stored = Object.keys(tags).filter((key) => key.includes(':') && !NOT_IN_FILE.has(key.slice(0, key.lastIndexOf(':'))));
  // Everything personal the file holds is what an audit against an empty record lists.
  const kinds = new Set(auditTags(tags, {}).map((finding) => finding.kind));
  const location = locationFromTags(tags);
  return {
    tags: stored.length,
    holds: {
      captureTime: kinds.has('capture-time'),
      device: kinds.has('device'),
      software: kinds.has('software'),
      description: kinds.has('description'),
      location: location ? { latitude: location.latitude, longitude: location.longitude, ...(location.accuracy === undefined ? {} : { accuracy: location.accuracy }) } : null,
    },
    findings: auditTags(tags, record),
  };
}

function cancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DarkslideError('job.cancelled');
}

/** An error about our temporary file, told about the file the person will look for. */
function renamed(error: unknown, temp: string, name: string): unknown {
  if (error instanceof DarkslideError && error.params?.file === temp) return new DarkslideError(error.code as never, { ...error.params, file: name } as never, { cause: error });
  return error;
}

/** exiftool says only "error writing" when the disk fills up under it: the folder's free space tells. */
async function diskFull(folder: string, needed: number): Promise<boolean> {
  const info = await statfs(folder).catch(() => null);
  return info !== null && info.bavail * info.bsize < Math.max(needed * 2, 1 << 20);
}

/** Writes one export (see the top of this file). Throws a DarkslideError naming the file; leaves nothing behind on any failure or cancel. */
export async function exportFile(request: ExportRequest): Promise<ExportResult> {
  const { folder, stem, record, signal } = request;
  const ext = request.kind === 'video' ? EXTENSIONS.mp4 : EXTENSIONS[request.photo!.format];
  const name = numberedName(stem, ext, request.first ?? 1);
  const temp = path.join(folder, partialName(ext));
  let size = 0;
  try {
    if (request.kind === 'photo') {
      let pixels: Buffer;
      try {
        pixels = await encodePhoto(request.source, request.photo!);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DarkslideError('file.not-found', { file: request.sourceName }, { cause: error });
        throw new DarkslideError('export.unreadable', { file: request.sourceName, detail: (error as Error).message }, { cause: error });
      }
      cancelled(signal);
      size = pixels.length;
      await writeFile(temp, pixels, { flag: 'wx' }).catch((error: unknown) => {
        throw fileError(error, name, 'write');
      });
    } else {
      await exportVideo(request.source, temp, { name, ...(signal ? { signal } : {}) });
    }
    cancelled(signal);
    try {
      await writeRecord(temp, record);
    } catch (error) {
      if (error instanceof DarkslideError && error.code === 'metadata.write-failed' && (await diskFull(folder, size))) throw new DarkslideError('file.disk-full', { file: name }, { cause: error });
      throw renamed(error, temp, name);
    }
    const check = await checkFile(temp, record).catch((error: unknown) => {
      throw renamed(error, temp, name);
    });
    if (check.findings.length > 0) throw new DarkslideError('export.metadata-leak', { file: name, tags: check.findings.map((finding) => finding.tag).join(', ') });
    await flush(temp).catch((error: unknown) => {
      throw fileError(error, name, 'write');
    });
    cancelled(signal);
    let placed;
    try {
      placed = await placeFile(temp, folder, stem, ext, { first: request.first ?? 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DarkslideError('export.no-free-name', { file: name, last: numberedName(stem, ext, 9999) }, { cause: error });
      throw fileError(error, name, 'write');
    }
    await flush(folder, true);
    const { size: bytes } = await stat(path.join(folder, placed.name));
    return { name: placed.name, bytes, alreadyThere: placed.alreadyThere, check };
  } finally {
    // Gone already when placed; after a failure or cancel, the temporary file and exiftool's own go now.
    await unlink(temp).catch(() => undefined);
    await unlink(`${temp}_exiftool_tmp`).catch(() => undefined);
  }
}

/**
 * Checks that `folder` exists and a file can be made in it, before any work: an unwritable folder is one clear
 * error, not one per file. `name` is what the person calls the folder.
 */
export async function assertWritableFolder(folder: string, name = folder): Promise<void> {
  const probe = path.join(folder, partialName('.probe'));
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DarkslideError('file.not-found', { file: name }, { cause: error });
    throw fileError(error, name, 'write');
  }
  await unlink(probe).catch(() => undefined);
}
