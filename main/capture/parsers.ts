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
    if (m[2] === 'Unsupported') continue;
    const pixelFormat = m[2]!;
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

export type ListedDevice = { name: string; index?: number; uniqueName?: string; mediaTypes: string[] };

/** Lines of ffmpeg's log with the "[dshow @ 0x...] " style prefix removed; CRLF tolerated. */
function stripLogPrefix(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.replace(/^\[[^\]]*@ [0-9a-fA-Fx]+\]\s?/, ''));
}

/** `ffmpeg -f avfoundation -list_devices true -i ""`: screens are listed as cameras and filtered out by the caller. */
export function parseAvfoundationDevices(stderr: string): { video: ListedDevice[]; audio: ListedDevice[] } {
  const video: ListedDevice[] = [];
  const audio: ListedDevice[] = [];
  let section: ListedDevice[] | undefined;
  for (const line of stripLogPrefix(stderr)) {
    if (/AVFoundation video devices:/.test(line)) section = video;
    else if (/AVFoundation audio devices:/.test(line)) section = audio;
    else {
      const m = /^\[(\d+)\] (.*)$/.exec(line);
      if (m && section) section.push({ index: Number(m[1]), name: m[2]!.trimEnd(), mediaTypes: [section === video ? 'video' : 'audio'] });
    }
  }
  return { video, audio };
}

/**
 * `ffmpeg -list_devices true -f dshow -i dummy`, both layouts: before FFmpeg 5 a "DirectShow video devices"
 * header followed by ` "Name"` lines; since then `"Name" (video)` / `(audio)` / `(video, audio)` / `(none)`.
 * Names are printed unescaped, so a name with quotes is taken from the first to the last quote.
 */
export function parseDshowListDevices(stderr: string): ListedDevice[] {
  const devices: ListedDevice[] = [];
  let sectionType: string | undefined;
  let last: ListedDevice | undefined;
  for (const line of stripLogPrefix(stderr)) {
    if (/^DirectShow video devices/.test(line)) {
      sectionType = 'video';
      continue;
    }
    if (/^DirectShow audio devices/.test(line)) {
      sectionType = 'audio';
      continue;
    }
    const alt = /^\s+Alternative name "(.*)"\s*$/.exec(line);
    if (alt) {
      if (last) last.uniqueName = alt[1];
      continue;
    }
    const modern = /^"(.*)" \(([^()]*)\)\s*$/.exec(line);
    if (modern) {
      const types = modern[2] === 'none' ? [] : modern[2]!.split(',').map((t) => t.trim()).filter(Boolean);
      last = { name: modern[1]!, mediaTypes: types };
      devices.push(last);
      continue;
    }
    const old = /^ "(.*)"\s*$/.exec(line);
    if (old && sectionType) {
      last = { name: old[1]!, mediaTypes: [sectionType] };
      devices.push(last);
    }
  }
  return devices;
}

/**
 * `ffmpeg -sources <device>` (dshow, pulse, alsa): `[*] name [description]` and, since FFmpeg 5.1,
 * ` (video|audio|none)`. The device name comes first and has no spaces-bracket; the description may contain brackets.
 */
export function parseFfmpegSources(stdout: string): Array<{ name: string; description: string; isDefault: boolean; mediaTypes: string[] }> {
  const out: Array<{ name: string; description: string; isDefault: boolean; mediaTypes: string[] }> = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim() || /^Auto-detected sources/.test(line) || /^Cannot list/.test(line)) continue;
    const m = /^([* ]) (.*?) \[(.*)\](?: \(([^()]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const types = !m[4] || m[4] === 'none' ? [] : m[4].split(',').map((t) => t.trim());
    out.push({ isDefault: m[1] === '*', name: m[2]!, description: m[3]!, mediaTypes: types });
  }
  return out;
}

/** Turns a dshow listing into cameras and microphones, using the unique name where friendly names collide. */
export function dshowDevicesToLists(listed: ListedDevice[]): { cameras: CameraDevice[]; microphones: Microphone[] } {
  const cameras: CameraDevice[] = [];
  const microphones: Microphone[] = [];
  const count = (name: string) => listed.filter((d) => d.name === name).length;
  for (const d of listed) {
    // dshow splits "video=...:audio=..." on ':', so names with a colon must be opened by their unique name.
    const needsUnique = (count(d.name) > 1 || d.name.includes(':')) && d.uniqueName;
    const target = needsUnique ? d.uniqueName! : d.name;
    // A device with no reported media type (virtual cameras) is offered as a camera: it is usually one.
    if (d.mediaTypes.includes('video') || d.mediaTypes.length === 0) {
      cameras.push({ id: `dshow:${target}`, name: uniqueLabel(d.name, cameras), kind: 'dshow', modes: [] });
    }
    if (d.mediaTypes.includes('audio')) {
      microphones.push({ id: `dshow:${target}`, name: uniqueLabel(d.name, microphones), kind: 'dshow' });
    }
  }
  return { cameras, microphones };
}

/** avfoundation opens by name or index; names are stable across plugging, indexes are not, so prefer a unique name. */
export function avfoundationDevicesToLists(listed: { video: ListedDevice[]; audio: ListedDevice[] }): { cameras: CameraDevice[]; microphones: Microphone[] } {
  const ref = (d: ListedDevice, all: ListedDevice[]) =>
    all.filter((o) => o.name === d.name).length > 1 || d.name.includes(':') || /^\d+$/.test(d.name) ? String(d.index) : d.name;
  const cameras: CameraDevice[] = [];
  for (const d of listed.video) {
    if (/^Capture screen \d+/.test(d.name)) continue;
    cameras.push({ id: `avfoundation:${ref(d, listed.video)}`, name: uniqueLabel(d.name, cameras), kind: 'avfoundation', modes: [] });
  }
  const microphones: Microphone[] = [];
  for (const d of listed.audio) {
    microphones.push({ id: `avfoundation:${ref(d, listed.audio)}`, name: uniqueLabel(d.name, microphones), kind: 'avfoundation' });
  }
  return { cameras, microphones };
}

export function uniqueLabel(name: string, existing: Array<{ name: string }>): string {
  if (!existing.some((c) => c.name === name)) return name;
  let n = 2;
  while (existing.some((c) => c.name === `${name} (${n})`)) n++;
  return `${name} (${n})`;
}
