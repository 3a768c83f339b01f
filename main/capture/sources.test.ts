import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCaptureInputs, buildVideoInput, demoSceneGraph, demoScenePath, parseDeviceId, parseMicId, testCardGraph } from './sources.ts';
import { buildRecordingArgs, spliceVideoFilter } from './recorder.ts';

describe('device ids', () => {
  it('parses every kind and rejects the rest with a hint', () => {
    expect(parseDeviceId('demo')).toEqual({ kind: 'demo' });
    expect(parseDeviceId('demo:testcard')).toEqual({ kind: 'demo', scene: 'testcard' });
    expect(() => parseDeviceId('demo:other')).toThrow(expect.objectContaining({ code: 'capture.bad-device-id' }));
    expect(parseDeviceId('v4l2:/dev/video2')).toEqual({ kind: 'v4l2', path: '/dev/video2' });
    expect(parseDeviceId('file:/tmp/a b.mp4')).toEqual({ kind: 'file', path: '/tmp/a b.mp4' });
    expect(parseDeviceId('dshow:USB Video Device')).toEqual({ kind: 'dshow', name: 'USB Video Device' });
    expect(parseDeviceId('avfoundation:FaceTime HD Camera')).toEqual({ kind: 'avfoundation', ref: 'FaceTime HD Camera' });
    expect(() => parseDeviceId('v4l2:video0')).toThrow(/\/dev\/video0/);
    expect(() => parseDeviceId('camera1')).toThrow(expect.objectContaining({ code: 'capture.bad-device-id' }));
    expect(() => parseMicId('hw:0')).toThrow(/pulse:/);
  });
});

describe('capture command lines per platform', () => {
  it('Linux: V4L2 MJPEG with size and rate, PulseAudio as a second input', () => {
    const inputs = buildCaptureInputs(parseDeviceId('v4l2:/dev/video0'), parseMicId('pulse:default'), { size: { width: 1920, height: 1080 }, fps: 30 }, 'linux');
    expect(inputs.args).toEqual([
      '-f', 'v4l2', '-thread_queue_size', '64', '-input_format', 'mjpeg', '-video_size', '1920x1080', '-framerate', '30', '-timestamps', 'abs', '-i', '/dev/video0',
      '-f', 'pulse', '-thread_queue_size', '1024', '-i', 'default',
    ]);
    expect([inputs.video, inputs.audio, inputs.clock]).toEqual(['0:v:0', '1:a:0', 'wallclock']);
    const args = buildRecordingArgs({ inputArgs: inputs.args, videoSpec: inputs.video, audioSpec: inputs.audio, fps: 30, partialFile: '/r/x.mp4.recording', preset: 'ultrafast', crf: 20, wallclockOrigin: 1764500000.25 });
    expect(args).toContain('-copyts');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain("[0:v:0]setpts='if(gt(abs(STARTPTS*TB-1764500000.250000),60),PTS-STARTPTS,PTS-1764500000.250000/TB)',fps=30");
    expect(graph).toContain("[1:a:0]asetpts='if(gt(abs(STARTPTS*TB-1764500000.250000),60),PTS-STARTPTS,PTS-1764500000.250000/TB)',aresample=async=1");
  });

  it('Linux: ALSA microphone', () => {
    const inputs = buildCaptureInputs(parseDeviceId('demo'), parseMicId('alsa:hw:C920,0'), {}, 'linux');
    expect(inputs.args.slice(-6)).toEqual(['-f', 'alsa', '-thread_queue_size', '1024', '-i', 'hw:C920,0']);
  });

  it('macOS: camera and microphone as one avfoundation input with an explicit frame rate', () => {
    const inputs = buildCaptureInputs(parseDeviceId('avfoundation:FaceTime HD Camera'), parseMicId('avfoundation:MacBook Pro Microphone'), { size: { width: 1280, height: 720 }, fps: 30 }, 'darwin');
    expect(inputs.args).toEqual(['-f', 'avfoundation', '-framerate', '30', '-video_size', '1280x720', '-i', 'FaceTime HD Camera:MacBook Pro Microphone']);
    expect(inputs.audio).toBe('0:a:0');
    const noMic = buildVideoInput(parseDeviceId('avfoundation:0'), {}, 'darwin');
    expect(noMic.args).toEqual(['-f', 'avfoundation', '-framerate', '30', '-i', '0:none']);
  });

  it('Windows: one dshow input video=..:audio=.. keeps A/V on one clock', () => {
    const inputs = buildCaptureInputs(parseDeviceId('dshow:Integrated Webcam'), parseMicId('dshow:Microphone (Realtek(R) Audio)'), { size: { width: 1280, height: 720 }, fps: 30, pixelFormat: 'mjpeg' }, 'win32');
    expect(inputs.args).toEqual([
      '-f', 'dshow', '-rtbufsize', '256M', '-video_size', '1280x720', '-framerate', '30', '-vcodec', 'mjpeg',
      '-thread_queue_size', '1024', '-i', 'video=Integrated Webcam:audio=Microphone (Realtek(R) Audio)',
    ]);
    expect(inputs.audio).toBe('0:a:0');
  });

  it('demo: paced lavfi scene plus a lavfi tone; file camera uses its own audio', () => {
    const demo = buildCaptureInputs(parseDeviceId('demo'), parseMicId('demo'), {}, 'linux');
    expect(demo.args[0]).toBe('-re');
    expect(demo.args.filter((a) => a === '-re')).toHaveLength(2);
    expect(demo.size).toEqual({ width: 1920, height: 1080 });
    const file = buildCaptureInputs(parseDeviceId('file:/v/clip.mp4'), parseMicId('file:/v/clip.mp4'), {}, 'linux');
    expect(file.args).toEqual(['-re', '-stream_loop', '-1', '-i', '/v/clip.mp4']);
    expect(file.audio).toBe('0:a:0');
  });

  it('refuses a camera from another platform', () => {
    expect(() => buildVideoInput(parseDeviceId('dshow:Integrated Webcam'), {}, 'linux')).toThrow(/DirectShow devices exist only on win32/);
    expect(() => buildVideoInput(parseDeviceId('v4l2:/dev/video0'), {}, 'darwin')).toThrow(expect.objectContaining({ code: 'capture.wrong-platform', params: expect.objectContaining({ device: 'v4l2:/dev/video0' }) }));
  });

  it('refuses a microphone from another platform', () => {
    expect(() => buildCaptureInputs(parseDeviceId('demo'), parseMicId('pulse:default'), {}, 'win32')).toThrow(/PulseAudio devices exist only on linux/);
  });
});

describe('recording command line', () => {
  const base = { inputArgs: ['-i', 'x'], videoSpec: '0:v:0', audioSpec: '1:a:0', fps: 30, partialFile: '/r/a.mp4.recording', preset: 'ultrafast', crf: 20 };

  it('H.264 yuv420p tagged BT.709, GOP = fps, fragmented MP4, silence-filled AAC', () => {
    const args = buildRecordingArgs(base);
    const joined = args.join(' ');
    expect(joined).toContain('-c:v libx264 -preset ultrafast');
    expect(joined).toContain('-g 30 -keyint_min 30');
    expect(joined).toContain('-color_primaries bt709 -color_trc bt709 -colorspace bt709 -color_range tv');
    expect(joined).toContain('-movflags +frag_keyframe+empty_moov+default_base_moof -frag_duration 500000 -flush_packets 1 -f mp4 -y /r/a.mp4.recording');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph).toContain('[1:a:0]aresample=async=1');
    expect(graph).toContain('out_color_matrix=bt709');
  });

  it('splices a look graph that reads [0:v] (twice) and ends in [vout]', () => {
    const look = { filterComplex: '[0:v]split[a][b];[a][b]blend=all_mode=average,format=gbrp[x];movie=/p/grain.png[g];[x][g]blend=all_mode=overlay[vout]', extraInputs: ['/p/grain.png'] };
    const spliced = spliceVideoFilter(look, '[ds_cam]');
    expect(spliced.graph.startsWith('[ds_cam]split[a][b]')).toBe(true);
    expect(spliced.graph.endsWith('[ds_look]')).toBe(true);
    const twice = spliceVideoFilter({ filterComplex: '[0:v]negate[n];[0:v][n]blend=all_mode=average[vout]' }, '[ds_cam]');
    expect(twice.graph).toBe('[ds_cam]split=2[ds_cam0][ds_cam1];[ds_cam0]negate[n];[ds_cam1][n]blend=all_mode=average[ds_look]');
    expect(spliceVideoFilter('eq=saturation=0.5', '[ds_cam]').graph).toBe('[ds_cam]eq=saturation=0.5[ds_look]');
    expect(() => spliceVideoFilter({ filterComplex: '[1:v]null[vout]' }, '[ds_cam]')).toThrow(/\[0:v\]/);
  });
});

/** Frames of a lavfi graph as rgb24, from the given time. */
function frames(graph: string, size: { width: number; height: number }, count: number, from = 0): Buffer[] {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', graph, '-ss', String(from), '-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 26 });
  expect(r.stderr.toString()).toBe('');
  const bytes = size.width * size.height * 3;
  expect(r.stdout.length).toBe(bytes * count);
  return Array.from({ length: count }, (_, i) => r.stdout.subarray(i * bytes, (i + 1) * bytes));
}

describe('demo scene', () => {
  const size = { width: 640, height: 360 };
  /** Share of pixels whose colour passes a test: proves each thing a look needs is in the picture. */
  const share = (rgb: Buffer, test: (r: number, g: number, b: number) => boolean) => {
    let n = 0;
    for (let i = 0; i < rgb.length; i += 3) if (test(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) n++;
    return n / (rgb.length / 3);
  };

  it('has sky, foliage, skin, clipped highlights and deep shadows, and drifts so it is plainly live', () => {
    const [first, later] = [frames(demoSceneGraph(size, 30), size, 1)[0]!, frames(demoSceneGraph(size, 30), size, 1, 4)[0]!];
    expect(share(first, (r, g, b) => b > 150 && b > r + 60)).toBeGreaterThan(0.1); // blue sky
    expect(share(first, (r, g, b) => g > r + 20 && g > b + 30)).toBeGreaterThan(0.15); // foliage and grass
    expect(share(first, (r, g, b) => r > g + 15 && g > b + 10 && r > 200 && b > 120)).toBeGreaterThan(0.01); // light skin
    expect(share(first, (r, g, b) => r > g + 20 && g > b + 10 && r > 110 && r < 190)).toBeGreaterThan(0.01); // deep skin
    expect(share(first, (r, g, b) => r > 250 && g > 250 && b > 245)).toBeGreaterThan(0.002); // the sun
    expect(share(first, (r, g, b) => r < 20 && g < 20 && b < 20)).toBeGreaterThan(0.02); // shade and hair
    let moved = 0;
    for (let i = 0; i < first.length; i++) moved += Math.abs(first[i]! - later[i]!);
    expect(moved / first.length).toBeGreaterThan(2);
  });

  it('opens a scene whose path has quotes, colons and commas', () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ds scene:a,b'c["));
    try {
      const file = path.join(dir, "it's: here, [1].jpg");
      copyFileSync(demoScenePath(), file);
      const [frame] = frames(demoSceneGraph(size, 30, file), size, 1);
      expect(frame!.equals(frames(demoSceneGraph(size, 30), size, 1)[0]!)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the test card is its own device, with colour bars', () => {
    const card = buildVideoInput(parseDeviceId('demo:testcard'), {}, 'linux');
    expect(card.args.at(-1)).toContain('testsrc2');
    expect(buildVideoInput(parseDeviceId('demo'), {}, 'linux').args.at(-1)).toContain('scene.jpg');
  });

  it('test card: renders with the clock, and without it where no font exists', () => {
    for (const font of [undefined, null]) {
      const graph = testCardGraph({ width: 640, height: 360 }, 30, font);
      expect(graph.includes('drawtext')).toBe(font === undefined);
      const r = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 24 });
      expect(r.stderr.toString()).toBe('');
      expect(r.stdout.length).toBe(640 * 360 * 3);
    }
  });

  it('escapes a Windows font path for drawtext', () => {
    expect(testCardGraph({ width: 640, height: 360 }, 30, 'C:\\Windows\\Fonts\\consola.ttf')).toContain("fontfile='C\\:/Windows/Fonts/consola.ttf'");
  });
});
