import type { CameraDevice, Microphone, VideoMode } from './sources.ts';

/**
 * Parsers for device listings. Every tool prints text meant for people, so each parser is pure and tested
 * against real outputs kept in fixtures/.
 */

/** `ffmpeg -f v4l2 -list_formats all -i /dev/videoN` (stderr). Null when the node is not a capture device. */
export function parseV4l2Formats(stderr: string): VideoMode[] | null {
  if (/Not a video capture device/i.test(stderr)) return null;
  const modes: VideoMode[] = [];
  const line = /\]\s*(Compressed|Raw)\s*:\s*(\S+)\s*:\s*(.*?)\s*:\s*(.*)$/gm;
  for (const m of stderr.matchAll(line)) {
    const pixelFormat = normalizeV4l2Format(m[2]!);
    const sizes = m[4]!.trim();
    for (const size of sizes.split(/\s+/)) {
      const sm = /^(\d+)x(\d+)$/.exec(size);
      if (sm) modes.push({ width: Number(sm[1]), height: Number(sm[2]), fps: [], pixelFormat });
    }
    // Stepwise/continuous ranges "{32-1920, 2}x{32-1080, 2}": offer the largest size.
    const range = /\{(\d+)-(\d+),\s*\d+\}x\{(\d+)-(\d+),\s*\d+\}/.exec(sizes);
    if (range) modes.push({ width: Number(range[2]), height: Number(range[4]), fps: [], pixelFormat });
  }
  return modes;
}

function normalizeV4l2Format(name: string): string {
  return name === 'Unsupported' ? 'unsupported' : name;
}

/** `v4l2-ctl --list-formats-ext -d /dev/videoN`: adds the frame rates ffmpeg's listing lacks. */
export function parseV4l2CtlFormats(stdout: string): VideoMode[] {
  const modes: VideoMode[] = [];
  let format = '';
  let current: VideoMode | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    const f = /^\[\d+\]:\s*'(\w+)\s*'/.exec(line);
    if (f) {
      format = ({ MJPG: 'mjpeg', YUYV: 'yuyv422', H264: 'h264', NV12: 'nv12', YU12: 'yuv420p', RGB3: 'rgb24' } as Record<string, string>)[f[1]!] ?? f[1]!.toLowerCase();
      continue;
    }
    const s = /^Size:\s*(?:Discrete|Stepwise)\s+(\d+)x(\d+)/.exec(line);
    if (s) {
      current = { width: Number(s[1]), height: Number(s[2]), fps: [], pixelFormat: format };
      modes.push(current);
      continue;
    }
    const i = /^Interval:\s*Discrete\s+[\d.]+s\s+\(([\d.]+)\s*fps\)/.exec(line);
    if (i && current) {
      const fps = Number(i[1]);
      if (!current.fps.includes(fps)) current.fps.push(fps);
    }
  }
  return modes;
}

/** `v4l2-ctl --list-devices`: groups device nodes under the camera's name. */
export function parseV4l2CtlDevices(stdout: string): Array<{ name: string; bus: string; nodes: string[] }> {
  const out: Array<{ name: string; bus: string; nodes: string[] }> = [];
  let current: { name: string; bus: string; nodes: string[] } | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    if (/^\s/.test(raw)) {
      current?.nodes.push(raw.trim());
      continue;
    }
    const m = /^(.*?)\s*(?:\(([^()]*)\))?:\s*$/.exec(raw);
    current = { name: (m?.[1] ?? raw).trim(), bus: m?.[2] ?? '', nodes: [] };
    out.push(current);
  }
  return out;
}

/** `pactl list sources short`: skips monitors of outputs, which are not microphones. */
export function parsePactlSources(stdout: string): Microphone[] {
  const mics: Microphone[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const cols = line.split('\t');
    if (cols.length < 2) continue;
    const name = cols[1]!.trim();
    if (!name || name.endsWith('.monitor')) continue;
    mics.push({ id: `pulse:${name}`, name, kind: 'pulse' });
  }
  return mics;
}

/** `arecord -l`: one entry per card/device as ALSA hw:CARD,DEV. */
export function parseArecordList(stdout: string): Microphone[] {
  const mics: Microphone[] = [];
  const re = /^card (\d+): ([^\s]+) \[(.*?)\], device (\d+): (.*?) \[(.*?)\]\s*$/gm;
  for (const m of stdout.matchAll(re)) {
    const id = `alsa:hw:${m[2]},${m[4]}`;
    mics.push({ id, name: `${m[3]} - ${m[6]}`, kind: 'alsa' });
  }
  return mics;
}

export type { CameraDevice };
