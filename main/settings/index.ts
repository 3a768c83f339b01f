// Per-device settings a photographer expects to find again: resolution, frame
// rate, mirror and microphone, keyed by device id. One small JSON file in the
// data folder, written atomically, read once.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

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

const FileSchema = z.object({ version: z.literal(1), devices: z.record(z.string(), z.unknown()) });

export type Settings = {
  device(deviceId: string): DeviceSettings;
  setDevice(deviceId: string, patch: Partial<DeviceSettings>): Promise<DeviceSettings>;
  /** Everything kept, for the user to see and export. */
  all(): Record<string, DeviceSettings>;
  file: string;
};

export function openSettings(dataDir: string): Settings {
  const file = path.join(dataDir, 'settings.json');
  let devices: Record<string, DeviceSettings> = {};
  try {
    const parsed = FileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
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
    const snapshot = JSON.stringify({ version: 1, devices }, null, 2);
    writing = writing.then(async () => {
      await mkdir(dataDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, snapshot);
      await rename(temp, file);
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
  };
}
