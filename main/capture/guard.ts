import { stat } from 'node:fs/promises';
import { CaptureError } from './errors.ts';

/** Devices held by a viewfinder or recorder in this process: a second open would only fail later as "busy". */
const claimed = new Map<string, string>();

/**
 * Reserves a camera for one owner. The demo camera is generated, so any number of users may share it.
 * Returns the release function.
 */
export function claimDevice(deviceId: string, owner: string): () => void {
  if (deviceId === 'demo') return () => {};
  const holder = claimed.get(deviceId);
  if (holder) {
    throw new CaptureError(
      'device-busy',
      `Camera "${deviceId}" is already in use by Darkslide's ${holder}. Stop the ${holder} before opening it again (recording takes over the preview).`,
    );
  }
  claimed.set(deviceId, owner);
  let released = false;
  return () => {
    if (!released && claimed.get(deviceId) === owner) claimed.delete(deviceId);
    released = true;
  };
}

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
  onLost: (err: CaptureError) => void;
}): () => void {
  const stallMs = params.stallMs ?? 6000;
  let done = false;
  const timer = setInterval(() => {
    void (async () => {
      if (done) return;
      if (params.filePath) {
        try {
          await stat(params.filePath);
        } catch {
          if (done) return;
          done = true;
          params.onLost(new CaptureError('device-lost', `Camera "${params.deviceId}": the file ${params.filePath} disappeared. Pick another camera or restore the file.`));
          return;
        }
      }
      const last = params.lastActivityAt();
      if (last !== undefined && Date.now() - last > stallMs && !done) {
        done = true;
        params.onLost(
          new CaptureError('device-lost', `Camera "${params.deviceId}" sent no picture for ${Math.round(stallMs / 1000)} s (unplugged or frozen). Reconnect it and start again.`),
        );
      }
    })();
  }, 500);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
