import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { findFfmpeg, runCapture } from './ffmpeg.ts';
import {
  avfoundationDevicesToLists,
  dshowDevicesToLists,
  parseArecordList,
  parseAvfoundationDevices,
  parseDshowListDevices,
  parsePactlSources,
  parseV4l2CtlFormats,
  parseV4l2Formats,
  uniqueLabel,
} from './parsers.ts';
import { DEMO_FPS, DEMO_SIZE, TEST_CARD_ID, type CameraDevice, type Microphone } from './sources.ts';
import { VIDEO_FILE_EXTENSIONS } from '../shared/capture/video-files.ts';

export const DEMO_CAMERA: CameraDevice = {
  id: 'demo',
  name: 'Demo camera (built-in scene)',
  kind: 'demo',
  modes: [{ width: DEMO_SIZE.width, height: DEMO_SIZE.height, fps: [DEMO_FPS], pixelFormat: 'yuv420p' }],
};

export const TEST_CARD_CAMERA: CameraDevice = { ...DEMO_CAMERA, id: TEST_CARD_ID, name: 'Test card (colour bars and clock)' };

export const DEMO_MICROPHONE: Microphone = { id: 'demo', name: 'Demo microphone (440 Hz tone)', kind: 'demo' };

export type DeviceList = { cameras: CameraDevice[]; microphones: Microphone[] };

export type ListOptions = {
  /** A folder whose video files are offered as file cameras (test footage, or a camera that records to disk). */
  fileCameraDir?: string;
};

const VIDEO_EXTENSIONS = new Set(VIDEO_FILE_EXTENSIONS.map((extension) => `.${extension}`));

/** Whether a file's name says it is a video ffmpeg can play as a camera. */
export function isVideoFileName(name: string): boolean {
  return VIDEO_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Lists cameras and microphones; the demo camera, test card and tone always come first so the app works with no hardware. */
export async function listDevices(options: ListOptions = {}): Promise<DeviceList> {
  const cameras: CameraDevice[] = [DEMO_CAMERA, TEST_CARD_CAMERA];
  const microphones: Microphone[] = [DEMO_MICROPHONE];
  if (options.fileCameraDir) cameras.push(...(await listFileCameras(options.fileCameraDir)));
  if (process.platform === 'linux') {
    const [v4l2, mics] = await Promise.all([listV4l2Cameras(), listLinuxMicrophones()]);
    cameras.push(...v4l2);
    microphones.push(...mics);
  } else if (process.platform === 'darwin') {
    const ffmpeg = await findFfmpeg();
    const out = await tryRun(ffmpeg.path, ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', '']);
    if (out) {
      const lists = avfoundationDevicesToLists(parseAvfoundationDevices(out.stderr));
      cameras.push(...lists.cameras);
      microphones.push(...lists.microphones);
    }
  } else if (process.platform === 'win32') {
    const ffmpeg = await findFfmpeg();
    const out = await tryRun(ffmpeg.path, ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']);
    if (out) {
      const lists = dshowDevicesToLists(parseDshowListDevices(out.stderr));
      cameras.push(...lists.cameras);
      microphones.push(...lists.microphones);
    }
  }
  return { cameras, microphones };
}

async function tryRun(file: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null } | undefined> {
  try {
    return await runCapture(file, args, 5000);
  } catch {
    return undefined;
  }
}

/**
 * V4L2 nodes from sysfs, each checked with ffmpeg's -list_formats: UVC cameras expose a second
 * metadata node per camera that ffmpeg rejects ("Not a video capture device") and must not be listed.
 */
export async function listV4l2Cameras(sysfsRoot = '/sys/class/video4linux'): Promise<CameraDevice[]> {
  let entries: string[];
  try {
    entries = (await readdir(sysfsRoot)).filter((e) => /^video\d+$/.test(e));
  } catch {
    return [];
  }
  entries.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  const ffmpeg = await findFfmpeg();
  const cameras: CameraDevice[] = [];
  for (const entry of entries) {
    const node = `/dev/${entry}`;
    const name = (await readFile(`${sysfsRoot}/${entry}/name`, 'utf8').catch(() => entry)).trim();
    const listing = await tryRun(ffmpeg.path, ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', node]);
    if (!listing) continue;
    const modes = parseV4l2Formats(listing.stderr);
    if (modes === null || modes.length === 0) continue;
    const ctl = await tryRun('v4l2-ctl', ['--list-formats-ext', '-d', node]);
    if (ctl?.code === 0) {
      const withRates = parseV4l2CtlFormats(ctl.stdout);
      for (const mode of modes) {
        const match = withRates.find((r) => r.width === mode.width && r.height === mode.height && r.pixelFormat === mode.pixelFormat);
        if (match) mode.fps = match.fps;
      }
    }
    cameras.push({ id: `v4l2:${node}`, name: uniqueLabel(name, cameras), kind: 'v4l2', modes });
  }
  return cameras;
}


async function listLinuxMicrophones(): Promise<Microphone[]> {
  const pactl = await tryRun('pactl', ['list', 'sources', 'short']);
  if (pactl?.code === 0) {
    const mics = parsePactlSources(pactl.stdout);
    if (mics.length) return mics;
  }
  const arecord = await tryRun('arecord', ['-l']);
  if (arecord?.code === 0) return parseArecordList(arecord.stdout);
  return [];
}

async function listFileCameras(dir: string): Promise<CameraDevice[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && isVideoFileName(n))
    .sort()
    .map((n) => ({ id: `file:${path.join(path.resolve(dir), n)}`, name: n, kind: 'file' as const, modes: [] }));
}

export type DeviceChange = DeviceList & { added: string[]; removed: string[] };

/**
 * Hot-plug by polling: no portable plug event exists across V4L2, AVFoundation and DirectShow, and a listing
 * every few seconds is cheap. `onChange` fires with the first listing and then only when ids come or go.
 */
export function watchDevices(
  onChange: (change: DeviceChange) => void,
  options: ListOptions & { intervalMs?: number; onError?: (err: Error) => void } = {},
): { stop(): void; rescan(): Promise<DeviceList> } {
  const interval = options.intervalMs ?? 3000;
  let known: Set<string> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<DeviceList> | undefined;

  const scan = (): Promise<DeviceList> => {
    running ??= (async () => {
      try {
        const list = await listDevices(options);
        const ids = new Set([...list.cameras.map((c) => `camera:${c.id}`), ...list.microphones.map((m) => `mic:${m.id}`)]);
        const added = [...ids].filter((id) => !known?.has(id));
        const removed = known ? [...known].filter((id) => !ids.has(id)) : [];
        const first = known === undefined;
        known = ids;
        if (!stopped && (first || added.length || removed.length)) onChange({ ...list, added, removed });
        return list;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const loop = () => {
    if (stopped) return;
    scan()
      .catch((err: unknown) => options.onError?.(err as Error))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, interval);
      });
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    rescan: scan,
  };
}
