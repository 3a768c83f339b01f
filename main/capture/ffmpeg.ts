import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants as osConstants, setPriority } from 'node:os';
import path from 'node:path';
import { DarkslideError } from '../shared/errors/index.ts';

export const MIN_FFMPEG_VERSION: readonly [number, number] = [4, 4];

/** `limitations` is set when Darkslide runs on its npm-installed fallback ffmpeg and says what that costs. */
export type FfmpegInfo = { path: string; version: string; ffprobePath: string; limitations?: string };

export const BUNDLED_FFMPEG_LIMITATIONS =
  'Darkslide is using the FFmpeg 4.1 build that came with npm (@ffmpeg-installer) because no ffmpeg was found on PATH. ' +
  'It has no PulseAudio input and no ffprobe, so microphones on Linux, video files as cameras and recovering ' +
  'interrupted recordings do not work, and looks are slower. For everything, install FFmpeg 4.4 or newer ' +
  '(Debian/Ubuntu: `sudo apt install ffmpeg`; macOS: `brew install ffmpeg`; Windows: `winget install ffmpeg`).';

let cached: Promise<FfmpegInfo> | undefined;
let cachedKey = '';

/**
 * Locates ffmpeg: FFMPEG_PATH first, then PATH. The version is checked because older builds lack
 * filters and pulse input the capture graph relies on (see NOTES: 4.1 builds from npm).
 */
export function findFfmpeg(): Promise<FfmpegInfo> {
  const key = `${process.env.FFMPEG_PATH ?? ''}|${process.env.PATH ?? ''}`;
  if (!cached || key !== cachedKey) {
    cachedKey = key;
    cached = locate();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

async function locate(): Promise<FfmpegInfo> {
  const exe = process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  const fromEnv = process.env.FFMPEG_PATH;
  let ffmpegPath: string | undefined;
  if (fromEnv) {
    if (!(await isExecutable(fromEnv))) {
      throw new DarkslideError('capture.ffmpeg-path-invalid', { path: fromEnv });
    }
    ffmpegPath = fromEnv;
  } else {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, exe);
      if (await isExecutable(candidate)) {
        ffmpegPath = candidate;
        break;
      }
    }
  }
  if (!ffmpegPath) {
    const bundled = await bundledFfmpeg();
    if (bundled) return bundled;
    throw new DarkslideError('capture.ffmpeg-missing');
  }

  const { stdout, code } = await runCapture(ffmpegPath, ['-hide_banner', '-version'], 10_000);
  const version = parseFfmpegVersion(stdout);
  if (code !== 0 || !version) {
    throw new DarkslideError('capture.ffmpeg-unusable', { path: ffmpegPath, exit: String(code) });
  }
  if (!isVersionAtLeast(version, MIN_FFMPEG_VERSION)) {
    throw new DarkslideError('capture.ffmpeg-too-old', { path: ffmpegPath, version, min: MIN_FFMPEG_VERSION.join('.') });
  }
  const probeName = process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe';
  const ffprobePath = path.join(path.dirname(ffmpegPath), probeName);
  return { path: ffmpegPath, version, ffprobePath };
}

/** The last resort: the static build the optional npm package @ffmpeg-installer/ffmpeg ships. */
async function bundledFfmpeg(): Promise<FfmpegInfo | null> {
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string; version: string };
    if (!(await isExecutable(installer.path))) return null;
    return { path: installer.path, version: installer.version, ffprobePath: '', limitations: BUNDLED_FFMPEG_LIMITATIONS };
  } catch {
    // Not installed (optional dependency) or no build for this platform.
    return null;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** "ffmpeg version 5.1.9-0+deb12u1", "ffmpeg version n6.1", "ffmpeg version 7.1-full_build-www.gyan.dev", git "N-11..." */
export function parseFfmpegVersion(versionOutput: string): string | undefined {
  const m = /ffmpeg version (\S+)/.exec(versionOutput);
  if (!m || !m[1]) return undefined;
  return m[1];
}

/** Git snapshots ("N-112345-g...", "git-2024-...") are newer than any release we require. */
export function isVersionAtLeast(version: string, min: readonly [number, number]): boolean {
  if (/^(N-|git-)/i.test(version)) return true;
  const m = /^n?(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

/** Runs a short-lived command and collects its output; used for listings and probes, never for capture. */
export function runCapture(
  file: string,
  args: string[],
  timeoutMs: number,
  options: { background?: boolean } = {},
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      // Background work (a speed probe while the viewfinder runs) must not starve the live camera. `nice`
      // execs ffmpeg, so every thread ffmpeg starts inherits the lowest priority (setPriority after spawn
      // would reach only the main thread on Linux).
      const niced = options.background && process.platform !== 'win32';
      child = niced
        ? spawn('nice', ['-n', '19', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      if (options.background && !niced && child.pid) {
        try {
          setPriority(child.pid, osConstants.priority.PRIORITY_LOW);
        } catch {
          // Not allowed here: the probe runs at normal priority.
        }
      }
    } catch (err) {
      reject(err);
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

export function spawnFfmpeg(ffmpegPath: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(ffmpegPath, args, { windowsHide: true, ...options });
}

/** True while the OS still knows the pid (a zombie counts as gone once Node has reaped it). */
export function isPidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Ends an ffmpeg process for real: `q` on stdin lets it finalise its outputs (the only graceful stop on
 * Windows), then SIGTERM, then SIGKILL. Resolves only after the process has exited.
 */
export function stopFfmpegProcess(child: ChildProcess, graceMs = 3000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    child.once('exit', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal });
    });
    try {
      if (child.stdin && !child.stdin.destroyed && child.stdin.writable) {
        child.stdin.on('error', () => {});
        child.stdin.write('q');
        child.stdin.end();
      }
    } catch {
      // stdin already closed: fall through to signals
    }
    timers.push(setTimeout(() => child.kill('SIGTERM'), graceMs));
    timers.push(setTimeout(() => child.kill('SIGKILL'), graceMs * 2));
  });
}

export type ProbeResult = { width?: number; height?: number; fps?: number; durationSec?: number; hasAudio: boolean; hasVideo: boolean };

/** ffprobe for files (never for devices: probing a webcam opens it a second time). */
export async function probeFile(file: string): Promise<ProbeResult> {
  const { ffprobePath } = await findFfmpeg();
  const { stdout, stderr, code } = await runCapture(
    ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file],
    20_000,
  );
  if (code !== 0) {
    if (/No such file/.test(stderr)) throw new DarkslideError('capture.file-not-found', { file });
    throw new DarkslideError('capture.file-unreadable', { file, detail: stderr.trim() || `ffprobe exit ${code}` });
  }
  const parsed = JSON.parse(stdout) as {
    streams?: Array<{ codec_type?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string }>;
    format?: { duration?: string };
  };
  const video = parsed.streams?.find((s) => s.codec_type === 'video');
  const audio = parsed.streams?.find((s) => s.codec_type === 'audio');
  const rate = video?.avg_frame_rate && video.avg_frame_rate !== '0/0' ? video.avg_frame_rate : video?.r_frame_rate;
  let fps: number | undefined;
  if (rate) {
    const [n, d] = rate.split('/').map(Number);
    if (n && d) fps = n / d;
  }
  const duration = parsed.format?.duration ? Number(parsed.format.duration) : undefined;
  return {
    width: video?.width,
    height: video?.height,
    fps,
    durationSec: Number.isFinite(duration) ? duration : undefined,
    hasAudio: Boolean(audio),
    hasVideo: Boolean(video),
  };
}
