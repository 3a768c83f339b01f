// Where recordings live while they are being made, and how the ones a crash
// interrupted come back. Each process records into its own folder named by
// pid, so a CLI opening the library while the app records never "recovers"
// a file that is still being written.
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as capture from '../capture/index.ts';
import type { Library, LibraryItem } from '../library/index.ts';
import { writeShotMetadata, type Location } from '../metadata/index.ts';
import { APP_NAME, APP_VERSION } from './version.ts';

export function recordingsDir(dataDir: string, pid = process.pid): string {
  return path.join(dataDir, 'recordings', String(pid));
}

export async function newRecordingFile(dataDir: string, startedAt: Date): Promise<string> {
  const dir = recordingsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return path.join(dir, `DS_${stamp}_${startedAt.getMilliseconds()}.mp4`);
}

export type RecordingSidecar = { takenAt: string; lookId: string; lookName: string; recipe: unknown; width: number; height: number };

/** Written when a recording starts, so a recovered file keeps its camera and date. */
export async function writeSidecar(file: string, sidecar: RecordingSidecar): Promise<void> {
  const temp = `${file}.json.tmp`;
  await writeFile(temp, JSON.stringify(sidecar));
  await rename(temp, `${file}.json`);
}

async function readSidecar(file: string): Promise<RecordingSidecar | null> {
  try {
    const saved = JSON.parse(await readFile(`${file}.json`, 'utf8')) as RecordingSidecar & { cameraId?: string; cameraName?: string };
    // Sidecars written before looks were called looks in code name them cameraId/cameraName.
    return { ...saved, lookId: saved.lookId ?? saved.cameraId, lookName: saved.lookName ?? saved.cameraName };
  } catch {
    return null;
  }
}

export type VideoMeta = { takenAt: Date; lookId: string; lookName: string; recipe: unknown; width: number; height: number; durationSec: number; recovered?: boolean; location?: Location | null };

/** Tags the finished MP4 and moves it into the library. */
export async function fileVideo(library: Library, file: string, meta: VideoMeta): Promise<LibraryItem> {
  await writeShotMetadata(file, {
    takenAt: meta.takenAt,
    utcOffsetMinutes: -meta.takenAt.getTimezoneOffset(),
    make: APP_NAME,
    model: meta.lookName,
    software: `${APP_NAME} ${APP_VERSION}`,
    gps: meta.location ?? null,
  });
  const item = await library.addFile({
    kind: 'video',
    sourceFile: file,
    width: meta.width,
    height: meta.height,
    durationSec: meta.durationSec,
    takenAt: meta.takenAt,
    lookId: meta.lookId,
    lookName: meta.lookName,
    recipe: meta.recipe,
    recovered: meta.recovered ?? false,
    location: meta.location ? { latitude: meta.location.latitude, longitude: meta.location.longitude } : null,
  });
  await rm(`${file}.json`, { force: true });
  return item;
}

/**
 * Runs whenever a library is opened (app or CLI): recordings left by a
 * process that died are remuxed into playable files and land in the album
 * marked as recovered. Folders of live processes are left alone.
 */
export async function recoverInterruptedRecordings(library: Library, dataDir: string): Promise<{ recovered: LibraryItem[]; failed: { file: string; message: string }[] }> {
  const root = path.join(dataDir, 'recordings');
  const owners = await readdir(root).catch(() => [] as string[]);
  const recovered: LibraryItem[] = [];
  const failed: { file: string; message: string }[] = [];
  for (const owner of owners) {
    const pid = Number(owner);
    if (!Number.isInteger(pid) || pid === process.pid || capture.isPidRunning(pid)) continue;
    const dir = path.join(root, owner);
    const report = await capture.recoverRecordings(dir);
    for (const entry of report.failed) failed.push({ file: entry.partialFile, message: entry.message });
    // Remuxed just now, or finished earlier but never filed (the process died after the remux).
    const finished = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.mp4') && !name.startsWith('.'));
    for (const name of finished) {
      const file = path.join(dir, name);
      try {
        const probe = await capture.probeFile(file);
        const sidecar = await readSidecar(file);
        recovered.push(
          await fileVideo(library, file, {
            takenAt: sidecar ? new Date(sidecar.takenAt) : (takenAtFromName(file) ?? new Date()),
            lookId: sidecar?.lookId ?? 'unknown',
            lookName: sidecar?.lookName ?? 'Recovered recording',
            recipe: sidecar?.recipe ?? null,
            width: probe.width ?? sidecar?.width ?? 0,
            height: probe.height ?? sidecar?.height ?? 0,
            durationSec: probe.durationSec ?? 0,
            recovered: true,
          }),
        );
      } catch (error) {
        failed.push({ file, message: (error as Error).message });
      }
    }
    // Sidecars whose recording could not be saved are kept beside it for a later try; lone ones go.
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.endsWith('.mp4.json') && !finished.includes(name.slice(0, -5))) {
        const partial = path.join(dir, `${name.slice(0, -5)}${capture.PARTIAL_SUFFIX}`);
        if (!(await stat(partial).catch(() => null))) await rm(path.join(dir, name), { force: true });
      }
    }
    await rmdir(dir).catch(() => undefined);
  }
  return { recovered, failed };
}

function takenAtFromName(file: string): Date | null {
  const match = /DS_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})/.exec(path.basename(file));
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
}

