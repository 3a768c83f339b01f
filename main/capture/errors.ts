// How ffmpeg's failures become Darkslide's error language (codes in main/shared/errors/capture.ts).
import { DarkslideError } from '../shared/errors/index.ts';

export { DarkslideError };

export type FailureKind = 'busy' | 'permission' | 'not-found' | 'lost' | 'unknown';

/**
 * ffmpeg only reports device problems as text, so this is the one place that knows which phrases mean
 * what (Linux errno strings, dshow/avfoundation texts).
 */
export function classifyFfmpegFailure(stderr: string): FailureKind {
  if (/Device or resource busy|Could not run graph|device is in use|already in use/i.test(stderr)) return 'busy';
  if (/Permission denied|not authorized|access denied|TCC/i.test(stderr)) return 'permission';
  if (/No such file or directory|No such device|Could not find video device|Could not find audio only device|does not exist|Cannot open video device|Video device not found|Audio device not found|Invalid device index/i.test(stderr)) return 'not-found';
  if (/ENODEV|Input\/output error|device disconnected/i.test(stderr)) return 'lost';
  return 'unknown';
}

/** Last meaningful lines of ffmpeg's stderr: enough to explain a failure without the banner. */
export function stderrTail(stderr: string, lines = 4): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame=|size=|video:|Press \[q\])/.test(l))
    .slice(-lines)
    .join(' | ');
}

/**
 * The error for a capture process that ended on its own. `live` says whether the source had delivered
 * anything: a camera that worked and then failed for no stated reason was lost (unplugged, crashed).
 */
export function failureError(kind: FailureKind, params: { deviceId: string; detail: string; live: boolean; recording: boolean }): DarkslideError {
  const device = params.deviceId;
  const detail = params.detail;
  switch (kind) {
    case 'busy':
      return new DarkslideError('capture.device-busy', { device, detail });
    case 'permission':
      return new DarkslideError('capture.device-permission', { device, detail });
    case 'not-found':
      return new DarkslideError('capture.device-not-found', { device, detail });
    case 'lost':
      return new DarkslideError('capture.device-lost', { device, detail });
    default:
      if (params.live) return new DarkslideError('capture.device-lost', { device, detail });
      return params.recording ? new DarkslideError('capture.recording-failed', { device, detail }) : new DarkslideError('capture.failed', { device, detail });
  }
}

/** True for a DarkslideError with one of these codes (capture code names without the `capture.` prefix). */
export function isCaptureError(error: unknown, ...codes: string[]): error is DarkslideError {
  return error instanceof DarkslideError && (codes.length === 0 ? error.code.startsWith('capture.') : codes.some((c) => error.code === `capture.${c}`));
}
