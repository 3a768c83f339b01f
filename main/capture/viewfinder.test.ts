import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DarkslideError } from '../shared/errors/index.ts';
import { captureStillOnce, findFfmpeg, listDevices, startViewfinder, type ViewfinderState } from './index.ts';
import { ffmpegRun, processExists, waitFor } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-camera-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('findFfmpeg', () => {
  it('finds the system ffmpeg and reports its version', async () => {
    const info = await findFfmpeg();
    expect(path.isAbsolute(info.path)).toBe(true);
    expect(info.version).toMatch(/^\S*\d+\.\d+/);
  });

  it('names FFMPEG_PATH and what to install when it points nowhere', async () => {
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = path.join(dir, 'no-such-ffmpeg');
    try {
      const err = await findFfmpeg().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DarkslideError);
      expect((err as DarkslideError).code).toBe('capture.ffmpeg-path-invalid');
      expect((err as DarkslideError).message).toContain('no-such-ffmpeg');
      expect((err as DarkslideError).message).toMatch(/Install FFmpeg 4\.4/);
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
  });

  it('refuses an ffmpeg older than 4.4', async () => {
    const old = path.join(dir, 'old-ffmpeg');
    await writeFile(old, '#!/bin/sh\necho "ffmpeg version 4.1.3 Copyright (c) 2000-2019 the FFmpeg developers"\n');
    await chmod(old, 0o755);
    const saved = process.env.FFMPEG_PATH;
    process.env.FFMPEG_PATH = old;
    try {
      const err = await findFfmpeg().catch((e: unknown) => e);
      expect((err as DarkslideError).code).toBe('capture.ffmpeg-too-old');
      expect((err as DarkslideError).message).toContain('4.1.3');
    } finally {
      if (saved === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = saved;
    }
  });
});

const execFileAsync = promisify(execFile);

describe('the npm fallback ffmpeg', () => {
  it('is used when nothing is on PATH, says what it cannot do, and really runs', async () => {
    const saved = { path: process.env.PATH, ffmpeg: process.env.FFMPEG_PATH };
    delete process.env.FFMPEG_PATH;
    process.env.PATH = dir; // a folder with no ffmpeg in it
    try {
      const found = await findFfmpeg();
      expect(found.path).toContain('@ffmpeg-installer');
      expect(found.limitations).toMatch(/no PulseAudio input and no ffprobe/);
      const { stdout } = await execFileAsync(found.path, ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc2=size=64x36:duration=0.2', '-f', 'null', '-', '-v', 'error', '-version']);
      expect(stdout).toMatch(/ffmpeg version/);
    } finally {
      process.env.PATH = saved.path;
      if (saved.ffmpeg !== undefined) process.env.FFMPEG_PATH = saved.ffmpeg;
    }
  });

  it('is not used when a system ffmpeg is there', async () => {
    const found = await findFfmpeg();
    expect(found.limitations).toBeUndefined();
  });
});

describe('listDevices', () => {
  it('lists the demo camera and microphone first', async () => {
    const { cameras, microphones } = await listDevices();
    expect(cameras[0]).toMatchObject({ id: 'demo', kind: 'demo' });
    expect(cameras[0]!.modes[0]).toMatchObject({ width: 1920, height: 1080 });
    expect(microphones[0]).toMatchObject({ id: 'demo' });
    expect(new Set(cameras.map((c) => c.id)).size).toBe(cameras.length);
  });
});

describe('demo viewfinder', () => {
  it('delivers 1280x720 JPEG previews, full-resolution stills, and stops its ffmpeg for real', async () => {
    const frames: Array<{ jpeg: Buffer; seq: number; width: number; height: number }> = [];
    const states: ViewfinderState[] = [];
    const vf = await startViewfinder({
      deviceId: 'demo',
      onFrame: (jpeg, info) => {
        if (frames.length < 40) frames.push({ jpeg, seq: info.seq, width: info.width, height: info.height });
      },
      onState: (s) => states.push(s),
    });
    const pid = vf.pid!;
    expect(processExists(pid)).toBe(true);
    expect(vf.fullSize).toEqual({ width: 1920, height: 1080 });

    await waitFor(() => (frames.length >= 10 ? true : undefined), 15_000, '10 preview frames');
    for (const f of frames.slice(0, 10)) {
      const meta = await sharp(f.jpeg).metadata();
      expect(meta.format).toBe('jpeg');
      expect([meta.width, meta.height]).toEqual([1280, 720]);
      expect([f.width, f.height]).toEqual([1280, 720]);
      // Decoding the whole image proves the Content-length framing cut it at the right byte.
      const { info } = await sharp(f.jpeg).raw().toBuffer({ resolveWithObject: true });
      expect(info.width).toBe(1280);
    }
    const seqs = frames.map((f) => f.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const still = await vf.captureStill();
    expect([still.width, still.height, still.channels]).toEqual([1920, 1080, 3]);
    expect(still.raw.length).toBe(1920 * 1080 * 3);
    // A real frame has detail: the clock's white-on-colour edges give many distinct values.
    const stats = await sharp(still.raw, { raw: { width: 1920, height: 1080, channels: 3 } }).stats();
    expect(stats.channels[0]!.max - stats.channels[0]!.min).toBeGreaterThan(200);

    // Zero-lag shutter: the newest full-resolution frame, never older than one still interval (5 fps).
    const pressed = Date.now();
    const latest = await vf.captureStill();
    expect(latest.at.getTime()).toBeGreaterThanOrEqual(pressed - 250);
    expect(latest.raw.length).toBe(1920 * 1080 * 3);
    // Each caller owns its buffer.
    const again = await vf.captureStill();
    expect(again.raw.buffer === latest.raw.buffer).toBe(false);

    await vf.stop();
    expect(processExists(pid)).toBe(false);
    expect(states.map((s) => s.state)).toEqual(['starting', 'live', 'stopped']);
    await expect(vf.captureStill()).rejects.toMatchObject({ code: 'capture.stopped' });
  });

  it("shutter 'next' waits for a full-resolution frame completed after the press", async () => {
    const vf = await startViewfinder({ deviceId: 'demo', previewWidth: 320, shutter: 'next', onFrame: () => {} });
    await new Promise((r) => setTimeout(r, 500));
    const pressed = Date.now();
    const still = await vf.captureStill();
    expect(still.at.getTime()).toBeGreaterThanOrEqual(pressed);
    expect([still.width, still.height]).toEqual([1920, 1080]);
    await vf.stop();
  });

  it('drops frames instead of queueing them while the consumer is busy', async () => {
    let delivered = 0;
    let lastDropped = 0;
    const vf = await startViewfinder({
      deviceId: 'demo',
      previewWidth: 640,
      onFrame: async (_jpeg, info) => {
        delivered++;
        lastDropped = info.dropped;
        await new Promise((r) => setTimeout(r, 300));
      },
    });
    await waitFor(() => (lastDropped > 0 && delivered >= 3 ? true : undefined), 15_000, 'dropped frames');
    expect(vf.previewSize).toEqual({ width: 640, height: 360 });
    await vf.stop();
    expect(lastDropped).toBeGreaterThan(delivered);
  });

  it('reports a vanished ffmpeg as an error state instead of hanging', async () => {
    const states: ViewfinderState[] = [];
    const vf = await startViewfinder({ deviceId: 'demo', previewWidth: 320, onFrame: () => {}, onState: (s) => states.push(s) });
    const pendingStill = vf.captureStill(10_000);
    process.kill(vf.pid!, 'SIGKILL');
    await expect(pendingStill).rejects.toBeInstanceOf(DarkslideError);
    const last = await waitFor(() => states.find((s) => s.state === 'error'), 5000, 'error state');
    expect(last.code).toBe('capture.device-lost');
    expect(last.params).toMatchObject({ device: 'demo' });
    expect(last.message).toContain('demo');
    await vf.stop();
  });
});

describe('file camera', () => {
  it('plays a video file as a live camera at its own size', async () => {
    const file = path.join(dir, 'clip.mp4');
    await ffmpegRun(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file]);
    const sizes: string[] = [];
    const vf = await startViewfinder({ deviceId: `file:${file}`, onFrame: (_j, i) => void sizes.push(`${i.width}x${i.height}`) });
    // Looping: a 1 s clip keeps delivering beyond its length.
    await waitFor(() => (sizes.length >= 40 ? true : undefined), 15_000, '40 frames from a 25-frame clip');
    expect(new Set(sizes)).toEqual(new Set(['320x240']));
    const still = await vf.captureStill();
    expect([still.width, still.height]).toEqual([320, 240]);
    await vf.stop();
    expect(processExists(vf.pid!)).toBe(false);

    const once = await captureStillOnce(`file:${file}`);
    expect([once.width, once.height, once.raw.length]).toEqual([320, 240, 320 * 240 * 3]);
  });
});

describe('captureStillOnce', () => {
  it('grabs one full-resolution demo frame', async () => {
    const still = await captureStillOnce('demo');
    expect([still.width, still.height, still.channels]).toEqual([1920, 1080, 3]);
    expect(still.raw.length).toBe(1920 * 1080 * 3);
  });
});

describe('bad devices', () => {
  it('rejects malformed ids with a clear code', async () => {
    await expect(startViewfinder({ deviceId: 'webcam0', onFrame: () => {} })).rejects.toMatchObject({ code: 'capture.bad-device-id', params: { device: 'webcam0' } });
    await expect(startViewfinder({ deviceId: 'file:relative.mp4', onFrame: () => {} })).rejects.toMatchObject({ code: 'capture.file-path-relative' });
  });

  it('reports a missing file camera as file-not-found, naming it', async () => {
    const id = `file:${path.join(dir, 'gone.mp4')}`;
    const err = await startViewfinder({ deviceId: id, onFrame: () => {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'capture.file-not-found' });
    expect((err as Error).message).toContain('gone.mp4');
  });

  it('reports a V4L2 node that does not exist as device-not-found', async () => {
    const states: ViewfinderState[] = [];
    const err = await startViewfinder({
      deviceId: 'v4l2:/dev/video-darkslide-missing',
      captureSize: { width: 640, height: 480 },
      onFrame: () => {},
      onState: (s) => states.push(s),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'capture.device-not-found' });
    expect((err as Error).message).toContain('/dev/video-darkslide-missing');
    expect(states.at(-1)?.state).toBe('error');
  });
});
