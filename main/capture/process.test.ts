// The capture-process module every device opening goes through: the usage hook, claims, the start
// timeout and how an ending is named. Real ffmpeg throughout.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from './ffmpeg.ts';
import { captureStillOnce, onDeviceUse, startRecording, startViewfinder, type DeviceUse } from './index.ts';
import { startCaptureProcess } from './process.ts';
import { ffmpegRun, processExists, waitFor } from './testing.ts';

let dir: string;
let clip: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-process-'));
  clip = path.join(dir, 'clip.mkv');
  await ffmpegRun(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'mjpeg', '-c:a', 'pcm_s16le', clip]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(): { uses: DeviceUse[]; stop: () => void } {
  const uses: DeviceUse[] = [];
  const stop = onDeviceUse((use) => uses.push(use));
  return { uses, stop };
}

describe('onDeviceUse: every camera and microphone opened and closed', () => {
  it('the viewfinder opens the camera when its ffmpeg starts and closes it when that process has exited', async () => {
    const { uses, stop } = record();
    try {
      const id = `file:${clip}`;
      const vf = await startViewfinder({ deviceId: id, previewWidth: 320, onFrame: () => {} });
      expect(uses).toEqual([expect.objectContaining({ state: 'opened', device: 'camera', deviceId: id, kind: 'file', purpose: 'viewfinder', pid: vf.pid })]);
      await vf.stop();
      expect(uses.map((u) => u.state)).toEqual(['opened', 'closed']);
      // "closed" is sent only once the OS has let go: the process is gone.
      expect(processExists(uses[1]!.pid!)).toBe(false);
      expect(uses[1]!.at.getTime()).toBeGreaterThanOrEqual(uses[0]!.at.getTime());
    } finally {
      stop();
    }
  });

  it('a recording opens the camera and the microphone together and closes both', async () => {
    const { uses, stop } = record();
    try {
      const progress: number[] = [];
      const rec = await startRecording({ deviceId: 'demo', micId: 'demo', outFile: path.join(dir, 'use.mp4'), size: { width: 320, height: 180 }, onProgress: (s) => progress.push(s) });
      await waitFor(() => (progress.at(-1)! > 0.5 ? true : undefined), 20_000, 'recording');
      expect(uses.filter((u) => u.state === 'opened').map((u) => `${u.device}:${u.purpose}`).sort()).toEqual(['camera:recording', 'microphone:recording']);
      await rec.stop();
      expect(uses.filter((u) => u.state === 'closed').map((u) => u.device).sort()).toEqual(['camera', 'microphone']);
    } finally {
      stop();
    }
  });

  it('a one-shot still opens and closes the camera; a recording without a microphone opens none', async () => {
    const { uses, stop } = record();
    try {
      await captureStillOnce('demo');
      expect(uses.map((u) => `${u.state}:${u.device}:${u.purpose}`)).toEqual(['opened:camera:still', 'closed:camera:still']);
      uses.length = 0;
      const progress: number[] = [];
      const rec = await startRecording({ deviceId: 'demo', outFile: path.join(dir, 'silent.mp4'), size: { width: 320, height: 180 }, onProgress: (s) => progress.push(s) });
      await waitFor(() => (progress.at(-1)! > 0.3 ? true : undefined), 20_000, 'recording');
      await rec.stop();
      expect(uses.every((u) => u.device === 'camera')).toBe(true);
    } finally {
      stop();
    }
  });

  it('a listener that throws does not stop the camera', async () => {
    const off = onDeviceUse(() => {
      throw new Error('listener bug');
    });
    try {
      const vf = await startViewfinder({ deviceId: 'demo', previewWidth: 320, onFrame: () => {} });
      await vf.captureStill();
      await vf.stop();
    } finally {
      off();
    }
  });
});

describe('startCaptureProcess', () => {
  it('gives up on a source that never delivers, with a start timeout naming the camera, and ends its ffmpeg', async () => {
    const ffmpeg = await findFfmpeg();
    const states: string[] = [];
    const own = path.join(dir, 'own.mkv');
    await copyFile(clip, own);
    // Runs, but nothing is read from it: no activity ever arrives.
    const proc = startCaptureProcess({
      purpose: 'viewfinder',
      deviceId: `file:${own}`,
      ffmpegPath: ffmpeg.path,
      args: ['-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', own, '-f', 'null', '-'],
      startTimeoutMs: 800,
      onState: (s) => states.push(s.state),
    });
    await expect(proc.started).rejects.toMatchObject({ code: 'capture.start-timeout', params: { device: `file:${own}`, seconds: 1 } });
    await proc.exited;
    expect(processExists(proc.pid!)).toBe(false);
    expect(states).toEqual(['starting', 'error']);
    // The claim went with the process.
    const again = await startViewfinder({ deviceId: `file:${own}`, previewWidth: 320, onFrame: () => {} });
    await again.stop();
  });

  it('names an early exit after the source worked as a lost camera, and a missing plate as a failure, not a missing camera', async () => {
    const ffmpeg = await findFfmpeg();
    const lost = startCaptureProcess({
      purpose: 'viewfinder',
      deviceId: `file:${clip}`,
      ffmpegPath: ffmpeg.path,
      args: ['-hide_banner', '-loglevel', 'error', '-i', clip, '-f', 'null', '-'],
    });
    lost.activity();
    await lost.started;
    // The clip ends after 2 s and ffmpeg exits by itself: for a camera that is a loss.
    expect(await lost.exited).toMatchObject({ code: 'capture.device-lost' });

    const plate = path.join(dir, 'no-such-plate.png');
    const noPlate = startCaptureProcess({
      purpose: 'recording',
      deviceId: `file:${clip}`,
      ffmpegPath: ffmpeg.path,
      args: ['-hide_banner', '-loglevel', 'error', '-i', clip, '-filter_complex', `movie=${plate}[p];[0:v][p]overlay`, '-f', 'null', '-'],
    });
    const failure = await noPlate.exited;
    expect(failure).toMatchObject({ code: 'capture.recording-failed' });
    expect(failure!.message).toContain('no-such-plate.png');
  });
});
