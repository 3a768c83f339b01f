export type CaptureErrorCode =
  | 'ffmpeg-missing'
  | 'ffmpeg-too-old'
  | 'device-not-found'
  | 'device-busy'
  | 'device-lost'
  | 'device-permission'
  | 'bad-device-id'
  | 'bad-option'
  | 'capture-failed'
  | 'recording-failed'
  | 'timeout'
  | 'stopped';

/** Errors the API layer forwards as `{ code, message }`; messages say what failed and what to do. */
export class CaptureError extends Error {
  code: CaptureErrorCode;
  constructor(code: CaptureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaptureError';
    this.code = code;
  }
}

/**
 * Maps ffmpeg's stderr to an error code. ffmpeg only reports device problems as text, so this is
 * the one place that knows which phrases mean what (Linux errno strings, dshow/avfoundation texts).
 */
export function classifyFfmpegFailure(stderr: string): CaptureErrorCode {
  if (/Device or resource busy|Could not run graph|device is in use|already in use/i.test(stderr)) return 'device-busy';
  if (/Permission denied|not authorized|access denied|TCC/i.test(stderr)) return 'device-permission';
  if (/No such file or directory|No such device|Could not find video device|Could not find audio only device|does not exist|Cannot open video device|Video device not found|Audio device not found|Invalid device index/i.test(stderr)) return 'device-not-found';
  if (/No such device|ENODEV|Input\/output error|device disconnected/i.test(stderr)) return 'device-lost';
  return 'capture-failed';
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
