import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverRecordings, startRecording, type RecordingWarning } from './recorder.ts';
import { ffmpegRun, processExists, waitFor } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'darkslide-rec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Stream = { codec_type: string; codec_name: string; pix_fmt?: string; color_space?: string; color_primaries?: string; color_transfer?: string; width?: number; height?: number };
function probe(file: string): { streams: Stream[]; duration: number } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file], { encoding: 'utf8' });
  const j = JSON.parse(r.stdout) as { streams: Stream[]; format: { duration: string } };
  return { streams: j.streams, duration: Number(j.format.duration) };
}
/** Decodes every packet; ffmpeg prints nothing at -v error for a clean file. */
function decodeErrors(file: string): string {
  return spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' }).stderr.trim();
}

describe('startRecording', () => {
  it('records the demo camera and microphone to a tagged H.264/AAC MP4 with levels, progress and a live preview', async () => {
    const outFile = path.join(dir, 'demo.mp4');
    const levels: number[] = [];
    const progress: number[] = [];
    let previews = 0;
    const rec = await startRecording({
      deviceId: 'demo',
      micId: 'demo',
      outFile,
      size: { width: 1280, height: 720 },
      onLevel: (l) => levels.push(l),
      onProgress: (s) => progress.push(s),
      onFrame: () => void previews++,
      previewWidth: 640,
    });
    const pid = rec.pid!;
    expect(existsSync(rec.partialFile)).toBe(true);
    await waitFor(() => (progress.at(-1)! >= 2.5 ? true : undefined), 20_000, '2.5 s recorded');
    // A shutter press during the take gets the camera's full 1920x1080 frame, not the 1280x720 recording size.
    const still = await rec.captureStill();
    expect([still.width, still.height, still.raw.length]).toEqual([1920, 1080, 1920 * 1080 * 3]);
    expect(rec.fullSize).toEqual({ width: 1920, height: 1080 });
    const result = await rec.stop();
    await expect(rec.captureStill()).rejects.toMatchObject({ code: 'capture.stopped' });
    expect(processExists(pid)).toBe(false);
    expect(result.file).toBe(outFile);
    expect(existsSync(rec.partialFile)).toBe(false);

    const p = probe(outFile);
    const v = p.streams.find((s) => s.codec_type === 'video')!;
    const a = p.streams.find((s) => s.codec_type === 'audio')!;
    expect(v).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 1280, height: 720, color_space: 'bt709', color_primaries: 'bt709', color_transfer: 'bt709' });
    expect(a.codec_name).toBe('aac');
    expect(result.durationSec).toBeGreaterThanOrEqual(2.5);
    expect(Math.abs(result.durationSec - p.duration)).toBeLessThan(0.01);
    expect(decodeErrors(outFile)).toBe('');

    // The demo tone sits well above silence and below full scale.
    expect(levels.length).toBeGreaterThan(5);
    expect(levels.every((l) => l > -60 && l < 0)).toBe(true);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(previews).toBeGreaterThan(10);
  });

  it('records a file camera with its own sound through a plain filter chain', async () => {
    const clip = path.join(dir, 'clip.mkv');
    await ffmpegRun(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000', '-t', '2', '-c:v', 'mjpeg', '-q:v', '4', '-c:a', 'pcm_s16le', clip]);
    const outFile = path.join(dir, 'from-file.mp4');
    const progress: number[] = [];
    const rec = await startRecording({ deviceId: `file:${clip}`, micId: `file:${clip}`, outFile, videoFilter: 'hue=s=0', onProgress: (s) => progress.push(s) });
    await waitFor(() => (progress.at(-1)! >= 1.5 ? true : undefined), 20_000, '1.5 s recorded');
    const result = await rec.stop();
    const p = probe(result.file);
    expect(p.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(p.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 320, height: 240 });
    // hue=s=0 made it grey: chroma planes sit at 128.
    const raw = spawnSync('ffmpeg', ['-v', 'error', '-i', result.file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'], { maxBuffer: 1 << 24 }).stdout;
    const u = raw.subarray(320 * 240, 320 * 240 + 160 * 120);
    expect(Math.max(...u) - Math.min(...u)).toBeLessThanOrEqual(4);
  });

  it('warns once when the encoder cannot keep up with real time', async () => {
    const warnings: RecordingWarning[] = [];
    // A per-pixel expression at 1080p is far slower than real time on any machine.
    const slow = "geq=lum='p(X,Y)*(0.5+0.5*sin(X/7+T))':cb='p(X,Y)':cr='p(X,Y)*(0.5+0.5*cos(Y/5))'";
    const rec = await startRecording({ deviceId: 'demo', outFile: path.join(dir, 'slow.mp4'), videoFilter: slow, onWarning: (w) => warnings.push(w) });
    await waitFor(() => warnings[0], 20_000, 'falling-behind warning');
    await rec.stop();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.code).toBe('falling-behind');
    expect(warnings[0]!.speed).toBeLessThan(0.9);
  });

  it('explains bad options', async () => {
    await expect(startRecording({ deviceId: 'demo', outFile: 'relative.mp4' })).rejects.toMatchObject({ code: 'capture.output-not-absolute' });
    const noFolder = await startRecording({ deviceId: 'demo', outFile: path.join(dir, 'missing-folder', 'x.mp4') }).catch((e: unknown) => e);
    expect(noFolder).toMatchObject({ code: 'capture.output-folder' });
    expect((noFolder as Error).message).toContain('missing-folder');
    // A look whose plate is missing is a recording failure naming the plate, not a missing camera.
    const noPlate = await startRecording({
      deviceId: 'demo',
      outFile: path.join(dir, 'noplate.mp4'),
      videoFilter: { filterComplex: `movie=${path.join(dir, 'gone-plate.png')}[p];[0:v][p]overlay[vout]` },
    }).catch((e: unknown) => e);
    expect(noPlate).toMatchObject({ code: 'capture.recording-failed' });
    expect((noPlate as Error).message).toContain('gone-plate.png');
    expect(existsSync(path.join(dir, 'noplate.mp4.recording'))).toBe(false);
    await expect(startRecording({ deviceId: 'demo', outFile: path.join(dir, 'x.mp4'), videoFilter: { filterComplex: 'null[vout]' } })).rejects.toThrow(/\[0:v\]/);
    await expect(startRecording({ deviceId: 'demo', micId: 'mic0', outFile: path.join(dir, 'x.mp4') })).rejects.toMatchObject({ code: 'capture.bad-mic-id' });
  });
});

describe('recoverRecordings', () => {
  it('turns the fragmented MP4 left by a killed recorder into a playable file', async () => {
    const recDir = path.join(dir, 'killed');
    await (await import('node:fs/promises')).mkdir(recDir);
    const outFile = path.join(recDir, 'take.mp4');
    const progress: number[] = [];
    const states: string[] = [];
    const rec = await startRecording({ deviceId: 'demo', micId: 'demo', outFile, size: { width: 640, height: 360 }, onProgress: (s) => progress.push(s), onState: (s) => states.push(s.state) });
    await waitFor(() => (progress.at(-1)! >= 4 ? true : undefined), 20_000, '4 s recorded');
    const recordedBeforeKill = progress.at(-1)!;
    process.kill(rec.pid!, 'SIGKILL');
    await waitFor(() => (states.includes('error') ? true : undefined), 5000, 'error state');
    expect(existsSync(outFile)).toBe(false);
    expect(existsSync(rec.partialFile)).toBe(true);

    await writeFile(path.join(recDir, 'empty.mp4.recording'), '');
    const report = await recoverRecordings(recDir);
    expect(report.recovered.map((r) => r.file)).toEqual([outFile]);
    expect(report.failed.map((f) => path.basename(f.partialFile))).toEqual(['empty.mp4.recording']);
    const kept = report.recovered[0]!.durationSec;
    console.log(`recovery: ${kept.toFixed(2)} s kept of ${recordedBeforeKill.toFixed(2)} s recorded before SIGKILL`);
    expect(recordedBeforeKill - kept).toBeLessThan(2.0);
    expect(decodeErrors(outFile)).toBe('');
    expect(probe(outFile).streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect((await readdir(recDir)).sort()).toEqual(['empty.mp4.recording', 'take.mp4']);
  });

  it('stop() after a crash salvages what was written', async () => {
    const outFile = path.join(dir, 'salvaged.mp4');
    const progress: number[] = [];
    const rec = await startRecording({ deviceId: 'demo', outFile, size: { width: 640, height: 360 }, onProgress: (s) => progress.push(s) });
    await waitFor(() => (progress.at(-1)! >= 2 ? true : undefined), 20_000, '2 s recorded');
    process.kill(rec.pid!, 'SIGKILL');
    const result = await rec.stop();
    expect(result.durationSec).toBeGreaterThan(0.5);
    expect(decodeErrors(outFile)).toBe('');
  });
});
