import { copyFile, mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecording, startViewfinder, watchDevices, type DeviceChange, type ViewfinderState } from './index.ts';
import { ffmpegRun, processExists, waitFor } from './testing.ts';

let dir: string;
let clip: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-devices-'));
  clip = path.join(dir, 'clip.mkv');
  await ffmpegRun(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'mjpeg', '-c:a', 'pcm_s16le', clip]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('watchDevices (hot-plug by polling)', () => {
  it('reports cameras as they appear and disappear', async () => {
    const footage = path.join(dir, 'footage');
    await mkdir(footage);
    const changes: DeviceChange[] = [];
    const watcher = watchDevices((c) => changes.push(c), { fileCameraDir: footage, intervalMs: 150 });
    try {
      await waitFor(() => changes[0], 10_000, 'first listing');
      expect(changes[0]!.cameras[0]!.id).toBe('demo');
      expect(changes[0]!.added).toContain('camera:demo');

      const plugged = path.join(footage, 'Camera B.mkv');
      await copyFile(clip, plugged);
      const added = await waitFor(() => changes.find((c) => c.added.includes(`camera:file:${plugged}`)), 10_000, 'added camera');
      expect(added.cameras.map((c) => c.name)).toContain('Camera B.mkv');

      await unlink(plugged);
      const removed = await waitFor(() => changes.find((c) => c.removed.includes(`camera:file:${plugged}`)), 10_000, 'removed camera');
      expect(removed.cameras.some((c) => c.id === `file:${plugged}`)).toBe(false);
      const unchangedScans = changes.length;
      const list = await watcher.rescan();
      expect(list.cameras[0]!.id).toBe('demo');
      expect(changes.length).toBe(unchangedScans);
    } finally {
      watcher.stop();
    }
  });
});

describe('vanished and busy cameras', () => {
  it('a file camera whose file disappears ends in file-gone, naming the file, and its ffmpeg is gone', async () => {
    const vanishing = path.join(dir, 'vanishing.mkv');
    await copyFile(clip, vanishing);
    const states: ViewfinderState[] = [];
    const vf = await startViewfinder({ deviceId: `file:${vanishing}`, onFrame: () => {}, onState: (s) => states.push(s) });
    await unlink(vanishing);
    const err = await waitFor(() => states.find((s) => s.state === 'error'), 10_000, 'error state');
    expect(err.code).toBe('capture.file-gone');
    expect(err.message).toContain(vanishing);
    await vf.stop();
    expect(processExists(vf.pid!)).toBe(false);
  });

  it('a second open of the same camera is refused, naming who holds it, until the first is stopped', async () => {
    const id = `file:${clip}`;
    const vf = await startViewfinder({ deviceId: id, onFrame: () => {} });
    const err = await startRecording({ deviceId: id, outFile: path.join(dir, 'busy.mp4') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'capture.device-held', params: { holder: 'viewfinder' } });
    expect((err as Error).message).toMatch(/in use by Darkslide.s viewfinder/);
    await vf.stop();
    const again = await startViewfinder({ deviceId: id, onFrame: () => {} });
    await again.stop();
    // The demo camera is generated and may be shared.
    const a = await startViewfinder({ deviceId: 'demo', previewWidth: 320, onFrame: () => {} });
    const b = await startViewfinder({ deviceId: 'demo', previewWidth: 320, onFrame: () => {} });
    await Promise.all([a.stop(), b.stop()]);
  });
});
