import { stat } from 'node:fs/promises';
import { DarkslideError } from '../shared/errors/index.ts';
import { isDemoDevice } from './sources.ts';

export type Holder = 'viewfinder' | 'recorder' | 'still';

/** Devices held by a capture process in this process: a second open would only fail later as "busy". */
const claimed = new Map<string, Holder>();

/**
 * Reserves a camera for one holder. The demo camera and test card are generated, so any number of users may share it.
 * Returns the release function.
 */
export function claimDevice(deviceId: string, holder: Holder): () => void {
  if (isDemoDevice(deviceId)) return () => {};
  const current = claimed.get(deviceId);
  if (current) throw new DarkslideError('capture.device-held', { device: deviceId, holder: current });
  claimed.set(deviceId, holder);
  let released = false;
  return () => {
    if (!released && claimed.get(deviceId) === holder) claimed.delete(deviceId);
    released = true;
  };
}

const WATCH_INTERVAL_MS = 500;

/**
 * Notices a camera that vanished without ffmpeg exiting: a file camera whose file was deleted (ffmpeg keeps the
 * open descriptor and would loop forever) or a device that stops delivering frames (some USB cameras hang
 * instead of erroring when unplugged).
 */
export function watchForLoss(params: {
  deviceId: string;
  filePath?: string;
  lastActivityAt: () => number | undefined;
  stallMs?: number;
  onLost: (err: DarkslideError) => void;
}): () => void {
  const stallMs = params.stallMs ?? 6000;
  let done = false;
  let lastTick = Date.now();
  const timer = setInterval(() => {
    // A tick long after the last one means this thread was busy (a develop, a copy): the camera's frames waiting
    // to be read are handled after timers, so the last activity looks old. Judge at the next tick, after them.
    const now = Date.now();
    const late = now - lastTick > WATCH_INTERVAL_MS * 3;
    lastTick = now;
    if (late) return;
    void (async () => {
      if (done) return;
      if (params.filePath) {
        try {
          await stat(params.filePath);
        } catch {
          if (done) return;
          done = true;
          params.onLost(new DarkslideError('capture.file-gone', { file: params.filePath }));
          return;
        }
      }
      const last = params.lastActivityAt();
      if (last !== undefined && Date.now() - last > stallMs && !done) {
        done = true;
        params.onLost(new DarkslideError('capture.stalled', { device: params.deviceId, seconds: Math.round(stallMs / 1000) }));
      }
    })();
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
