import { existsSync } from 'node:fs';
import path from 'node:path';
import { DarkslideError } from '../shared/errors/index.ts';

export type DeviceKind = 'demo' | 'v4l2' | 'avfoundation' | 'dshow' | 'file';

export type VideoMode = { width: number; height: number; fps: number[]; pixelFormat: string };

export type CameraDevice = { id: string; name: string; kind: DeviceKind; modes: VideoMode[] };

export type Microphone = { id: string; name: string; kind: string };

export type ParsedDeviceId =
  | { kind: 'demo'; scene?: 'testcard' }
  | { kind: 'file'; path: string }
  | { kind: 'v4l2'; path: string }
  | { kind: 'avfoundation'; ref: string }
  | { kind: 'dshow'; name: string };

export const DEMO_SIZE = { width: 1920, height: 1080 } as const;
export const DEMO_FPS = 30;
/** The demo camera's second face: the old test card, kept for checking colours, timing and motion. */
export const TEST_CARD_ID = 'demo:testcard';

/** Generated cameras: nothing to open, any number of users may share them, paced by ffmpeg's -re. */
export function isDemoDevice(id: string): boolean {
  return id === 'demo' || id === TEST_CARD_ID;
}

/** Device ids are `kind:target` so one string survives IPC, settings files and the CLI. */
export function parseDeviceId(id: string): ParsedDeviceId {
  if (typeof id !== 'string' || id.length === 0) {
    throw new DarkslideError('capture.bad-device-id', { device: String(id ?? '') });
  }
  if (id === 'demo') return { kind: 'demo' };
  if (id === TEST_CARD_ID) return { kind: 'demo', scene: 'testcard' };
  const colon = id.indexOf(':');
  const kind = colon > 0 ? id.slice(0, colon) : '';
  const target = colon > 0 ? id.slice(colon + 1) : '';
  if (!target) throw badId(id);
  switch (kind) {
    case 'file':
      if (!path.isAbsolute(target)) {
        throw new DarkslideError('capture.file-path-relative', { device: id, example: `file:${path.resolve(target)}` });
      }
      return { kind: 'file', path: target };
    case 'v4l2':
      if (!target.startsWith('/dev/')) throw new DarkslideError('capture.v4l2-not-a-node', { device: id });
      return { kind: 'v4l2', path: target };
    case 'avfoundation':
      return { kind: 'avfoundation', ref: target };
    case 'dshow':
      return { kind: 'dshow', name: target };
    default:
      throw badId(id);
  }
}

/** A parsed camera or microphone id written back as the user gave it, for messages. */
export function deviceLabel(device: ParsedDeviceId | ParsedMicId): string {
  if (device.kind === 'demo') return 'scene' in device && device.scene ? TEST_CARD_ID : 'demo';
  if ('path' in device) return `${device.kind}:${device.path}`;
  if ('ref' in device) return `${device.kind}:${device.ref}`;
  return `${device.kind}:${device.name}`;
}

function badId(id: string): DarkslideError {
  return new DarkslideError('capture.bad-device-id', { device: id });
}

/** Fonts for the demo clock; drawtext needs a file, so the first one present on this system is used. */
const DEMO_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/dejavu-sans-mono-fonts/DejaVuSansMono.ttf',
  '/usr/share/fonts/TTF/DejaVuSansMono.ttf',
  '/System/Library/Fonts/Menlo.ttc',
  '/System/Library/Fonts/Supplemental/Courier New.ttf',
  'C:/Windows/Fonts/consola.ttf',
  'C:/Windows/Fonts/arial.ttf',
];

let demoFont: string | null | undefined;
/** The clock is left out when no font is found, rather than failing the whole demo camera. */
export function findDemoFont(): string | null {
  if (demoFont === undefined) demoFont = DEMO_FONTS.find((f) => existsSync(f)) ?? null;
  return demoFont;
}

export function escapeFilterValue(value: string): string {
  // Two levels: the option value (\ and :), then the filtergraph ('[],; and quoting).
  return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, "\\'");
}

/** Where the drawn scene lives (scripts/build-demo-scene.ts makes it); a packaged app reads it unpacked from asar. */
export function demoScenePath(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'resources', 'demo', 'scene.jpg').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** How far the demo camera's view is larger than its frame: the margin it drifts across. */
const DRIFT = 0.1;

/**
 * The demo camera: a drawn scene (two people, sky, sun, trees, meadow, a wall in shade) that a film look can
 * show itself on, drifting slowly like a hand-held camera so it is plainly live. The still is decoded and scaled
 * once and then repeated from memory (loop filter), so it costs next to nothing beside the encoders.
 */
export function demoSceneGraph(size: { width: number; height: number } = DEMO_SIZE, fps = DEMO_FPS, scene = demoScenePath()): string {
  const { width: w, height: h } = size;
  const sw = Math.round((w * (1 + DRIFT)) / 2) * 2;
  const sh = Math.round((h * (1 + DRIFT)) / 2) * 2;
  const mx = (sw - w) / 2;
  const my = (sh - h) / 2;
  // Two quoting levels: the option parser (\ : ') inside graph-level single quotes (which keep , ; [ ] literal).
  const file = `'${scene.replace(/[\\:']/g, (c) => `\\${c}`).replace(/'/g, "'\\''")}'`;
  return (
    `movie=filename=${file},scale=${sw}:${sh}:flags=lanczos,format=yuv420p,loop=loop=-1:size=1,setpts=N/${fps}/TB,` +
    `crop=w=${w}:h=${h}:x='${mx}+${(mx * 0.94).toFixed(1)}*sin(t*0.21)':y='${my}+${(my * 0.92).toFixed(1)}*sin(t*0.13+1)',fps=${fps}`
  );
}

/**
 * The test card: a drifting sunset gradient, a warm skin-tone glow, skin swatches, a moving
 * specular highlight, a colour-bar panel for saturated primaries, and a wall clock. Built from cheap
 * generators so it holds 1080p30 beside the preview encoder on two cores.
 */
export function testCardGraph(size: { width: number; height: number } = DEMO_SIZE, fps = DEMO_FPS, fontFile?: string | null): string {
  const { width: w, height: h } = size;
  const s = (v: number) => Math.max(2, Math.round((v * h) / 1080));
  const glow = s(640);
  const qw = Math.max(16, Math.round(w / 4));
  const qh = Math.max(16, Math.round(h / 4));
  const qg = Math.max(16, Math.round(glow / 4));
  const panelW = s(560) - (s(560) % 2);
  const panelH = Math.round((panelW * 9) / 16 / 2) * 2;
  const swatches = ['0x8d5524', '0xc68642', '0xe0ac69', '0xf1c27d', '0xffdbac']
    .map((c, i) => `drawbox=x=${s(120 + i * 160)}:y=${h - s(300)}:w=${s(150)}:h=${s(150)}:color=${c}:t=fill`)
    .join(',');
  const font = fontFile === undefined ? findDemoFont() : fontFile;
  // Inside the quotes only ':' (Windows drive letters) and quotes need escaping for drawtext's option parser.
  const fontArg = font ? font.replace(/\\/g, '/').replace(/:/g, '\\:').replace(/'/g, "\\'") : '';
  const clock = !font
    ? 'null'
    : `drawtext=fontfile='${fontArg}':text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}':x=${s(120)}:y=${s(80)}:` +
    `fontsize=${s(96)}:fontcolor=white:borderw=${s(3)}:bordercolor=black@0.6`;
  return [
    // Gradients are smooth, so they are rendered at 1/4 size and scaled up: full-size rendering cost more than real time.
    `gradients=s=${qw}x${qh}:r=${fps}:c0=0x0e2a4a:c1=0x3a78b5:c2=0xf2b880:c3=0xff7b54:nb_colors=4:x0=0:y0=0:x1=${qw}:y1=${qh}:speed=0.01:seed=3,scale=${w}:${h}:flags=bicubic,format=yuv420p[sky]`,
    `gradients=s=${qg}x${qg}:r=${fps}:c0=0xf3c6a5ff:c1=0xd99477c0:c2=0xd9947700:nb_colors=3:type=radial:x0=${qg / 2}:y0=${qg / 2}:x1=${qg / 2}:y1=0:speed=0.02,scale=${glow}:${glow}:flags=bicubic[glow]`,
    `testsrc2=s=${panelW}x${panelH}:r=${fps}[bars]`,
    `[sky][glow]overlay=x='${s(700)}+${s(120)}*sin(t/3)':y='${s(330)}+${s(40)}*cos(t/4)'[a]`,
    `[a][bars]overlay=x=${w - panelW - s(120)}:y='${s(90)}+${s(30)}*sin(t/2)'[b]`,
    `[b]${swatches},drawbox=x='${s(200)}+${s(900)}*(0.5+0.5*sin(t*0.7))':y=${s(200)}:w=${s(90)}:h=${s(90)}:color=white:t=fill,${clock}`,
  ].join(';');
}

export type InputSpec = {
  /** ffmpeg arguments that open the video source (everything before and including `-i`). */
  args: string[];
  /** Number of ffmpeg inputs these args add (the demo adds one lavfi graph). */
  inputCount: number;
  /** The source's full capture size when known before opening (demo, configured device modes). */
  size?: { width: number; height: number };
  fps?: number;
  /** True for sources that pace themselves; files and lavfi need -re to behave like a live camera. */
  realtime: boolean;
};

export type InputRequest = { size?: { width: number; height: number }; fps?: number; pixelFormat?: string; loop?: boolean };

/** ffmpeg input arguments for each kind of camera; pure so each platform's command line is testable anywhere. */
const DEVICE_PLATFORM: Partial<Record<DeviceKind, { os: NodeJS.Platform; name: string }>> = {
  v4l2: { os: 'linux', name: 'V4L2' },
  avfoundation: { os: 'darwin', name: 'AVFoundation' },
  dshow: { os: 'win32', name: 'DirectShow' },
};

export function buildVideoInput(device: ParsedDeviceId, request: InputRequest = {}, platform: NodeJS.Platform = process.platform): InputSpec {
  const needs = DEVICE_PLATFORM[device.kind];
  if (needs && needs.os !== platform) {
    throw new DarkslideError('capture.wrong-platform', { system: needs.name, os: needs.os, device: deviceLabel(device) });
  }
  switch (device.kind) {
    case 'demo': {
      const size = request.size ?? DEMO_SIZE;
      const fps = request.fps ?? DEMO_FPS;
      return {
        args: ['-re', '-f', 'lavfi', '-i', device.scene === 'testcard' || !existsSync(demoScenePath()) ? testCardGraph(size, fps) : demoSceneGraph(size, fps)],
        inputCount: 1,
        size,
        fps,
        realtime: true,
      };
    }
    case 'file':
      return {
        args: ['-re', ...(request.loop === false ? [] : ['-stream_loop', '-1']), '-i', device.path],
        inputCount: 1,
        size: request.size,
        fps: request.fps,
        realtime: true,
      };
    case 'v4l2': {
      const args = ['-f', 'v4l2', '-thread_queue_size', '64'];
      // MJPEG first: YUYV at 1080p is ~5 fps over USB 2 (NOTES).
      const pixelFormat = request.pixelFormat ?? 'mjpeg';
      args.push('-input_format', pixelFormat);
      if (request.size) args.push('-video_size', `${request.size.width}x${request.size.height}`);
      if (request.fps) args.push('-framerate', String(request.fps));
      args.push('-i', device.path);
      return { args, inputCount: 1, size: request.size, fps: request.fps, realtime: true };
    }
    case 'avfoundation': {
      // avfoundation hangs without an exact listed frame rate, so a rate is always passed (NOTES).
      const args = ['-f', 'avfoundation', '-framerate', String(request.fps ?? 30)];
      if (request.size) args.push('-video_size', `${request.size.width}x${request.size.height}`);
      if (request.pixelFormat) args.push('-pixel_format', request.pixelFormat);
      args.push('-i', `${device.ref}:none`);
      return { args, inputCount: 1, size: request.size, fps: request.fps ?? 30, realtime: true };
    }
    case 'dshow': {
      const args = ['-f', 'dshow', '-rtbufsize', '256M'];
      if (request.size) args.push('-video_size', `${request.size.width}x${request.size.height}`);
      if (request.fps) args.push('-framerate', String(request.fps));
      if (request.pixelFormat === 'mjpeg') args.push('-vcodec', 'mjpeg');
      else if (request.pixelFormat) args.push('-pixel_format', request.pixelFormat);
      args.push('-i', `video=${device.name}`);
      return { args, inputCount: 1, size: request.size, fps: request.fps, realtime: true };
    }
  }
}

export type ParsedMicId =
  | { kind: 'demo' }
  | { kind: 'file'; path: string }
  | { kind: 'pulse'; name: string }
  | { kind: 'alsa'; name: string }
  | { kind: 'avfoundation'; ref: string }
  | { kind: 'dshow'; name: string };

export function parseMicId(id: string): ParsedMicId {
  if (id === 'demo') return { kind: 'demo' };
  const colon = id.indexOf(':');
  const kind = colon > 0 ? id.slice(0, colon) : '';
  const target = colon > 0 ? id.slice(colon + 1) : '';
  if (target) {
    if (kind === 'file') {
      if (!path.isAbsolute(target)) throw new DarkslideError('capture.file-path-relative', { device: id, example: `file:${path.resolve(target)}` });
      return { kind: 'file', path: target };
    }
    if (kind === 'pulse' || kind === 'alsa' || kind === 'dshow') return { kind, name: target };
    if (kind === 'avfoundation') return { kind, ref: target };
  }
  throw new DarkslideError('capture.bad-mic-id', { device: String(id) });
}

export type CaptureInputs = {
  args: string[];
  /** Stream specifiers for the filtergraph, e.g. `0:v:0` and `1:a:0`. */
  video: string;
  audio?: string;
  size?: { width: number; height: number };
  fps?: number;
  /**
   * 'wallclock' when camera and microphone are separate live devices: ffmpeg would start each input at 0 from
   * its own first packet, so the time one device took to open becomes an A/V offset. Both then carry absolute
   * wall-clock stamps and the recorder subtracts one common origin (with -copyts).
   */
  clock: 'stream' | 'wallclock';
};

const AUDIO_QUEUE = ['-thread_queue_size', '1024'];

/**
 * Inputs for a recording: the camera is always input 0 (look graphs read `[0:v]`). Where the platform can
 * open camera and microphone as one device (dshow `video=..:audio=..`, avfoundation `cam:mic`), it does,
 * so both share one clock; otherwise the microphone is a second input.
 */
export function buildCaptureInputs(
  camera: ParsedDeviceId,
  mic: ParsedMicId | undefined,
  request: InputRequest = {},
  platform: NodeJS.Platform = process.platform,
): CaptureInputs {
  const video = buildVideoInput(camera, request, platform);
  const base = { size: video.size, fps: video.fps, clock: 'stream' as const };
  if (!mic) return { ...base, args: video.args, video: '0:v:0' };

  if (mic.kind === 'file' && camera.kind === 'file' && mic.path === camera.path) {
    return { ...base, args: video.args, video: '0:v:0', audio: '0:a:0' };
  }
  if (mic.kind === 'dshow' && camera.kind === 'dshow') {
    const args = [...video.args];
    args[args.length - 1] = `video=${camera.name}:audio=${mic.name}`;
    return { ...base, args: [...args.slice(0, -2), ...AUDIO_QUEUE, ...args.slice(-2)], video: '0:v:0', audio: '0:a:0' };
  }
  if (mic.kind === 'avfoundation' && camera.kind === 'avfoundation') {
    const args = [...video.args];
    args[args.length - 1] = `${camera.ref}:${mic.ref}`;
    return { ...base, args, video: '0:v:0', audio: '0:a:0' };
  }
  if (camera.kind === 'v4l2' && (mic.kind === 'pulse' || mic.kind === 'alsa')) {
    // V4L2 stamps frames with the monotonic clock by default; pulse/alsa stamp with wall-clock time.
    const args = [...video.args];
    args.splice(args.length - 2, 0, '-timestamps', 'abs');
    return { ...base, clock: 'wallclock', args: [...args, ...buildMicInput(mic, platform)], video: '0:v:0', audio: '1:a:0' };
  }
  return { ...base, args: [...video.args, ...buildMicInput(mic, platform)], video: '0:v:0', audio: '1:a:0' };
}

export function buildMicInput(mic: ParsedMicId, platform: NodeJS.Platform = process.platform): string[] {
  const need = (os: NodeJS.Platform, what: string) => {
    if (platform !== os) throw new DarkslideError('capture.wrong-platform', { system: what, os, device: deviceLabel(mic) });
  };
  switch (mic.kind) {
    case 'demo':
      // Quiet enough to be comfortable when played back, loud enough to move a level meter.
      return ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000,volume=0.25'];
    case 'file':
      return ['-re', '-stream_loop', '-1', '-vn', '-i', mic.path];
    case 'pulse':
      need('linux', 'PulseAudio');
      return ['-f', 'pulse', ...AUDIO_QUEUE, '-i', mic.name];
    case 'alsa':
      need('linux', 'ALSA');
      return ['-f', 'alsa', ...AUDIO_QUEUE, '-i', mic.name];
    case 'avfoundation':
      need('darwin', 'AVFoundation');
      return ['-f', 'avfoundation', ...AUDIO_QUEUE, '-i', `:${mic.ref}`];
    case 'dshow':
      need('win32', 'DirectShow');
      return ['-f', 'dshow', ...AUDIO_QUEUE, '-i', `audio=${mic.name}`];
  }
}
