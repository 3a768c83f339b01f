// Per-device settings a photographer expects to find again: resolution, frame
// rate, mirror and microphone, keyed by device id. One small JSON file in the
// data folder, written atomically, read once.
import { readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Makes the rename into `dir` durable. Windows cannot open folders (NTFS journals the rename); some mounts refuse. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  await handle.sync().catch(() => undefined);
  await handle.close();
}

export const DeviceSettingsSchema = z.object({
  /** Photo/video size; null = the device's largest. */
  size: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }).nullable().default(null),
  fps: z.number().positive().nullable().default(null),
  /** Mirror the viewfinder (what a webcam user usually wants to see). */
  mirror: z.boolean().default(false),
  /** With mirror on: save photos as seen (mirrored) or true (as the scene is). Stamps and frames are never mirrored. */
  saveMirrored: z.boolean().default(false),
  /** Microphone for videos; null = none, undefined = the default. */
  micId: z.string().nullable().default(null),
});
export type DeviceSettings = z.output<typeof DeviceSettingsSchema>;

/** What the real-time check measured for one device, capture size and look (measured once, kept). */
export const RecordCheckSchema = z.object({ speed: z.number().min(0), measuredAt: z.string() });
export type RecordCheck = z.output<typeof RecordCheckSchema>;

const FileSchema = z.object({
  version: z.literal(1),
  devices: z.record(z.string(), z.unknown()),
  /** The library folder the person chose or moved the library to (absolute); absent = the default place. */
  libraryFolder: z.string().optional().catch(undefined),
  recordChecks: z.record(z.string(), z.unknown()).optional(),
});

export type Settings = {
  device(deviceId: string): DeviceSettings;
  setDevice(deviceId: string, patch: Partial<DeviceSettings>): Promise<DeviceSettings>;
  /** The real-time check kept for `key` (device, capture size and look), if it was measured. */
  recordCheck(key: string): RecordCheck | null;
  setRecordCheck(key: string, check: RecordCheck): Promise<void>;
  /** Everything kept, for the user to see and export. */
  all(): Record<string, DeviceSettings>;
  /** The library folder chosen in Settings → Library, or null for the default place. */
  libraryFolder(): string | null;
  /** Written atomically: once this resolves, the next start opens that library. */
  setLibraryFolder(folder: string | null): Promise<void>;
  /**
   * "Erase everything": waits for writes under way, then forgets every setting held in memory (defaults from now
   * on) without writing. The caller removes the file; nothing written before the reset can bring it back.
   */
  reset(): Promise<void>;
  file: string;
};

/** The chosen library folder, read without opening the settings (the CLI and the start-up path need only this). */
export function readLibraryFolder(dataDir: string): string | null {
  try {
    const folder = FileSchema.parse(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).libraryFolder;
    return folder && path.isAbsolute(folder) ? folder : null;
  } catch {
    return null;
  }
}

export function openSettings(dataDir: string): Settings {
  const file = path.join(dataDir, 'settings.json');
  let devices: Record<string, DeviceSettings> = {};
  let libraryFolder: string | null = readLibraryFolder(dataDir);
  let recordChecks: Record<string, RecordCheck> = {};
  try {
    const parsed = FileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    for (const [key, value] of Object.entries(parsed.recordChecks ?? {})) {
      const checked = RecordCheckSchema.safeParse(value);
      if (checked.success) recordChecks[key] = checked.data;
    }
    for (const [id, value] of Object.entries(parsed.devices)) {
      const checked = DeviceSettingsSchema.safeParse(value);
      // One bad entry (hand-edited, older version) costs that device its settings, not everyone's.
      if (checked.success) devices[id] = checked.data;
    }
  } catch {
    devices = {};
  }
  let writing: Promise<void> = Promise.resolve();

  const persist = () => {
    const snapshot = JSON.stringify({ version: 1, devices, recordChecks, ...(libraryFolder ? { libraryFolder } : {}) }, null, 2);
    // Each write waits for the one before, but does not inherit its failure: one failed write (a full disk)
    // must not make every later setting fail to save.
    writing = writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dataDir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        try {
          // fsync before the rename, and the folder after it: the library folder written here is a move's
          // commit point, and a power cut must not bring the old settings back after the old library went.
          const handle = await open(temp, 'w');
          try {
            await handle.writeFile(snapshot);
            await handle.sync();
          } finally {
            await handle.close();
          }
          await rename(temp, file);
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
        await syncFolder(dataDir);
      });
    return writing;
  };

  return {
    file,
    device: (deviceId) => devices[deviceId] ?? DeviceSettingsSchema.parse({}),
    async setDevice(deviceId, patch) {
      const next = DeviceSettingsSchema.parse({ ...(devices[deviceId] ?? {}), ...patch });
      devices[deviceId] = next;
      await persist();
      return next;
    },
    all: () => ({ ...devices }),
    recordCheck: (key) => recordChecks[key] ?? null,
    async setRecordCheck(key, check) {
      recordChecks = { ...recordChecks, [key]: RecordCheckSchema.parse(check) };
      await persist();
    },
    libraryFolder: () => libraryFolder,
    async setLibraryFolder(folder) {
      libraryFolder = folder;
      await persist();
    },
    async reset() {
      await writing.catch(() => undefined);
      devices = {};
      recordChecks = {};
      libraryFolder = null;
    },
  };
}
