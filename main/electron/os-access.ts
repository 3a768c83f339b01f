// The operating system's own camera and microphone permission for Darkslide, read and opened where Electron
// can: macOS (System Settings → Privacy & Security) and Windows (Settings → Privacy). Linux has no such
// per-app switch; there the privacy panel shows Darkslide's own switches only.
import { shell, systemPreferences } from 'electron';
import type { OsAccessHost } from '../app/handlers/privacy.ts';

/** The panes each system opens at, by the URL schemes their settings apps register. */
const SETTINGS_URL = {
  mac: {
    camera: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
    microphone: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone',
  },
  windows: { camera: 'ms-settings:privacy-webcam', microphone: 'ms-settings:privacy-microphone' },
} as const;

export function osAccessHost(platform: NodeJS.Platform = process.platform): OsAccessHost | undefined {
  const system = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : null;
  if (!system) return undefined;
  return {
    system,
    // Documented for macOS and Windows: 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown'.
    status: (device) => systemPreferences.getMediaAccessStatus(device),
    openSettings: (device) => shell.openExternal(SETTINGS_URL[system][device]),
  };
}
