import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startRecording } from './recorder.ts';
import { ffmpegRun, waitFor } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-sync-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SOURCE_SECONDS = 10;
// The bar: 60 s through the webcam path, every beep within 40 ms of its flash, no drift.
const RECORD_SECONDS = 60;

/**
 * Flash and beep onsets in the recorded file's own timeline (-copyts keeps container timestamps, so the
 * audio edit list / encoder delay is part of what is measured, as a player would see it).
 */
function measureEvents(file: string): { flashes: number[]; beeps: number[] } {
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-copyts', '-i', file, '-vf', 'blackdetect=d=0.01:pix_th=0.10', '-af', 'silencedetect=n=-35dB:d=0.01', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const times = (re: RegExp) => [...r.stderr.matchAll(re)].map((m) => Number(m[1]));
  // An onset counts only if the event also ends within 0.1 s: the detectors report a spurious "end" at EOF.
  const onsets = (ends: number[], starts: number[]) => ends.filter((t) => starts.some((s) => s > t && s <= t + 0.1));
  return {
    flashes: onsets(times(/black_end:\s*([\d.]+)/g), times(/black_start:\s*([\d.]+)/g)),
    beeps: onsets(times(/silence_end:\s*([\d.]+)/g), times(/silence_start:\s*([\d.]+)/g)),
  };
}

describe('A/V sync through the webcam path', () => {
  // The two takes record at once: each is a minute of real time that mostly waits on the clock, and one after the
  // other they were the longest file of the unit tests (137 s). Each has its own source, microphone and output file.
  it.concurrent.for<[label: string, separateMic: boolean]>([
    ['one input (camera with its own sound)', false],
    ['two inputs (camera + separate microphone, like V4L2 + Pulse)', true],
  ])(`%s: a flash and a beep made at the same instant stay within 40 ms over ${RECORD_SECONDS} s, without drift`, { timeout: (RECORD_SECONDS + 60) * 1000 }, async ([label, separateMic], { expect }) => {
    // One white frame and a 1/30 s 1 kHz beep at every whole second; MJPEG + PCM in MKV reads like a UVC camera.
    const source = path.join(dir, `flash-beep-${separateMic ? 2 : 1}.mkv`);
    await ffmpegRun([
      '-f', 'lavfi', '-i', `color=c=black:s=640x360:r=30:d=${SOURCE_SECONDS},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(n\\,30)\\,1)'`,
      '-f', 'lavfi', '-i', `aevalsrc='if(lt(mod(t\\,1)\\,1/30)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:d=${SOURCE_SECONDS}`,
      '-c:v', 'mjpeg', '-q:v', '3', '-c:a', 'pcm_s16le', source,
    ]);
    const src = measureEvents(source);
    expect(src.flashes.length).toBeGreaterThanOrEqual(SOURCE_SECONDS - 1);
    expect(src.beeps.length).toBeGreaterThanOrEqual(SOURCE_SECONDS - 1);

    let micSource = source;
    if (separateMic) {
      micSource = path.join(dir, 'mic.mkv');
      await copyFile(source, micSource);
    }
    const outFile = path.join(dir, `synced-${separateMic ? 2 : 1}.mp4`);
    let seconds = 0;
    const rec = await startRecording({ deviceId: `file:${source}`, micId: `file:${micSource}`, outFile, onProgress: (s) => (seconds = s) });
    await waitFor(() => (seconds >= RECORD_SECONDS ? true : undefined), (RECORD_SECONDS + 20) * 1000, `${RECORD_SECONDS} s recorded`);
    await rec.stop();

    const { flashes, beeps } = measureEvents(outFile);
    console.log(`${label}: flashes at ${flashes.map((f) => f.toFixed(3)).join(' ')}; beeps at ${beeps.map((b) => b.toFixed(3)).join(' ')}`);
    expect(flashes.length).toBeGreaterThanOrEqual(RECORD_SECONDS - 2);
    expect(beeps.length).toBeGreaterThanOrEqual(RECORD_SECONDS - 2);
    const offsets: Array<{ at: number; ms: number }> = [];
    // The take's two ends can cut one stream a few frames before the other; only those edge events may lack a partner.
    const inner = flashes.filter((f) => f >= Math.min(...beeps) - 0.5 && f <= Math.max(...beeps) + 0.5);
    expect(flashes.length - inner.length).toBeLessThanOrEqual(2);
    for (const flash of inner) {
      const beep = beeps.reduce((best, b) => (Math.abs(b - flash) < Math.abs(best - flash) ? b : best), Number.POSITIVE_INFINITY);
      expect(Math.abs(beep - flash)).toBeLessThan(0.5);
      offsets.push({ at: flash, ms: (beep - flash) * 1000 });
    }
    console.log(`${label}: A/V offsets (beep - flash, ms) over ${offsets.length} events: ${offsets.map((o) => o.ms.toFixed(1)).join(' ')}`);
    expect(offsets.length).toBeGreaterThanOrEqual(RECORD_SECONDS - 2);
    for (const o of offsets) expect(Math.abs(o.ms)).toBeLessThanOrEqual(40);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const drift = mean(offsets.slice(-5).map((o) => o.ms)) - mean(offsets.slice(0, 5).map((o) => o.ms));
    console.log(`${label}: A/V drift first 5 vs last 5 events: ${drift.toFixed(1)} ms`);
    expect(Math.abs(drift)).toBeLessThanOrEqual(10);
  });
});
