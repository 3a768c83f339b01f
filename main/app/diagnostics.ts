// The diagnostics bundle: what a bug report needs (versions, the machine's model and system, settings without
// anything personal, store sizes, the last log lines), built on this machine for the person to read first and
// to save where they choose. Darkslide never sends it anywhere. Every log line passes the redaction layer again
// (it did when written; a file from an older version may not have), and the summary names no folder, device
// or place.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as capture from '../capture/index.ts';
import { createRedactor, listLogFiles, machineFacts } from '../logging/index.ts';
import type { Privacy } from '../privacy/index.ts';
import type { Settings } from '../settings/index.ts';
import type { Rights } from './rights.ts';
import { APP_VERSION } from './version.ts';

/**
 * The app's own folder: this file is two levels below it, as the Electron bundle (out/main/index.cjs) is, so
 * the same path holds from the sources and from the bundle. Modules deeper down take it from here.
 */
export const APP_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Log lines the bundle keeps: enough for the moments before a problem, short enough to read. */
export const LOG_TAIL_LINES = 200;

export type DiagnosticsBundle = { summary: string; log: string };

export async function buildDiagnostics(deps: { dataDir: string; libraryRoot: string; privacy: Privacy; settings: Settings; rights: Rights }): Promise<DiagnosticsBundle> {
  const ffmpeg = await capture.findFfmpeg().catch(() => null);
  const status = deps.privacy.status();
  // Device ids can be a webcam's name or a file's path: each becomes its kind and a number.
  const devices = Object.entries(deps.settings.all()).map(([deviceId, value], index) => ({
    device: capture.isDemoDevice(deviceId) ? deviceId : `device ${index + 1}`,
    size: value.size,
    fps: value.fps,
    mirror: value.mirror,
    saveMirrored: value.saveMirrored,
    microphone: value.micId !== null,
  }));
  const summary = {
    createdAt: new Date().toISOString(),
    versions: {
      darkslide: APP_VERSION,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      ffmpeg: ffmpeg?.version ?? null,
      sharp: sharp.versions.sharp,
      libvips: sharp.versions.vips,
    },
    machine: await machineFacts(),
    settings: {
      devices,
      customLibraryFolder: deps.settings.libraryFolder() !== null,
      features: Object.fromEntries(Object.entries(status.features).map(([feature, value]) => [feature, value.on])),
      noticeVersion: status.noticeVersion,
      retention: status.retention,
    },
    stores: (await deps.rights.stores()).map(({ id, bytes, files, items }) => ({ id, bytes, files, items })),
  };
  const redactor = createRedactor({ home: homedir(), library: deps.libraryRoot, data: deps.dataDir, app: APP_ROOT });
  const logsDir = path.join(deps.dataDir, 'logs');
  const lines: string[] = [];
  // Newest file first; older files fill in until the tail is long enough.
  for (const file of listLogFiles(logsDir)) {
    const fileLines = readFileSync(path.join(logsDir, file.name), 'utf8').split('\n').filter(Boolean);
    lines.unshift(...fileLines.slice(-(LOG_TAIL_LINES - lines.length)));
    if (lines.length >= LOG_TAIL_LINES) break;
  }
  return {
    summary: `${JSON.stringify(summary, null, 2)}\n`,
    log: lines.map((line) => redactor.line(line)).join(''),
  };
}
