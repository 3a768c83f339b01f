import type { ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CaptureError, classifyFfmpegFailure, stderrTail, type CaptureErrorCode } from './errors.ts';
import { findFfmpeg, probeFile, spawnFfmpeg, stopFfmpegProcess } from './ffmpeg.ts';
import { buildCaptureInputs, parseDeviceId, parseMicId } from './sources.ts';
import { MpjpegParser, RawFrameReader } from './streams.ts';
import { claimDevice, watchForLoss } from './guard.ts';
import { remuxToMp4 } from './file-jobs.ts';
import { STDERR_KEEP, describeFailure, previewSizeFor, resolveInput, type FrameInfo, type StillFrame, type ViewfinderState } from './viewfinder.ts';

/** A look from the look engine (`buildVideoFilter`: reads `[0:v]`, ends in `[vout]`) or a plain filter chain. */
/** A look's graph; `width`/`height` give its output size when it crops (the preview must follow it). */
export type VideoFilterInput = string | { filterComplex: string; extraInputs?: string[]; width?: number; height?: number };

export type RecordingOptions = {
  deviceId: string;
  /** Opened only for the length of the recording. For a file camera, pass the same id to record its sound. */
  micId?: string;
  videoFilter?: VideoFilterInput;
  size?: { width: number; height: number };
  fps?: number;
  outFile: string;
  /** x264 preset; ultrafast keeps 1080p30 plus a look in real time on two cores (NOTES). */
  preset?: 'ultrafast' | 'superfast' | 'veryfast';
  crf?: number;
  onLevel?: (dBFS: number) => void;
  onProgress?: (seconds: number) => void;
  /**
   * Once per recording, when encoding has run below real time for 3 s: a live camera's frames then pile up in
   * ffmpeg and get dropped. The app should offer a smaller size (see canRecordRealtime).
   */
  onWarning?: (warning: { code: 'falling-behind'; speed: number; message: string }) => void;
  /** Preview of what is recorded (look applied), so the viewfinder keeps running while the device is in use. */
  onFrame?: (jpeg: Buffer, info: FrameInfo) => void | Promise<unknown>;
  previewWidth?: number;
  onState?: (s: ViewfinderState) => void;
  /** Keep full-resolution frames ready so Recording.captureStill() works during the take (default true). */
  stills?: boolean;
};

export type RecordingResult = { file: string; durationSec: number };

export type Recording = {
  readonly pid: number | undefined;
  readonly partialFile: string;
  /** The camera's full-resolution size (stills), which may differ from the recorded size. */
  readonly fullSize: { width: number; height: number };
  /** The newest full-resolution camera frame (no look), like Viewfinder.captureStill(). */
  captureStill(timeoutMs?: number): Promise<StillFrame>;
  stop(): Promise<RecordingResult>;
};

export const PARTIAL_SUFFIX = '.recording';

/** Full-resolution frames per second kept for shutter presses during a recording. */
const STILL_FPS = 5;

/** Partial files of recorders running in this process, which recoverRecordings must leave alone. */
const activePartials = new Set<string>();

export function partialFileFor(outFile: string): string {
  return `${outFile}${PARTIAL_SUFFIX}`;
}

/**
 * Splices the camera into a look graph: `[0:v]` becomes our pre-processed camera pad (split when the look reads
 * it more than once). A plain chain is wrapped as `[cam]chain[vout]`.
 */
export function spliceVideoFilter(filter: VideoFilterInput | undefined, cameraPad: string): { graph: string; outPad: string; extraPads: number } {
  if (filter === undefined || (typeof filter === 'string' && filter.trim() === '')) {
    return { graph: '', outPad: cameraPad, extraPads: 0 };
  }
  if (typeof filter === 'string') {
    if (/\[[^\]]+\]|;/.test(filter)) {
      throw new CaptureError('bad-option', 'videoFilter as a string must be a simple filter chain (no [labels] or ";"); pass { filterComplex } for a graph that reads [0:v] and ends in [vout].');
    }
    return { graph: `${cameraPad}${filter}[ds_look]`, outPad: '[ds_look]', extraPads: 0 };
  }
  const uses = filter.filterComplex.split('[0:v]').length - 1;
  if (uses === 0 || !/\[vout\]\s*$/.test(filter.filterComplex.trim())) {
    throw new CaptureError('bad-option', 'videoFilter.filterComplex must read [0:v] and end in [vout] (see looks buildVideoFilter).');
  }
  let graph = filter.filterComplex.trim().replace(/\[vout\]\s*$/, '[ds_look]');
  if (uses === 1) {
    graph = graph.replace('[0:v]', cameraPad);
    return { graph, outPad: '[ds_look]', extraPads: 0 };
  }
  const pads = Array.from({ length: uses }, (_, i) => `[ds_cam${i}]`);
  let i = 0;
  graph = graph.replace(/\[0:v\]/g, () => pads[i++]!);
  return { graph: `${cameraPad}split=${uses}${pads.join('')};${graph}`, outPad: '[ds_look]', extraPads: 0 };
}

export type RecordingCommand = { args: string[]; previewSize?: { width: number; height: number }; fps: number };

/** The whole recording command line, pure so it can be checked without running it. */
export function buildRecordingArgs(params: {
  inputArgs: string[];
  videoSpec: string;
  audioSpec?: string;
  fps: number;
  size?: { width: number; height: number };
  videoFilter?: VideoFilterInput;
  preview?: { width: number; height: number };
  partialFile: string;
  preset: string;
  crf: number;
  progressFd?: number;
  levelFd?: number;
  /** Common time origin in seconds (Unix time) for inputs stamped with the wall clock; see CaptureInputs.clock. */
  wallclockOrigin?: number;
  /** Full-resolution rgb24 frames per second on `stillFd` for shutter presses while recording. */
  stillFps?: number;
  stillFd?: number;
  /** Encode everything but discard it (speed probes). */
  discardOutput?: boolean;
}): string[] {
  const chains: string[] = [];
  // Subtract one origin from both streams; a stream whose stamps are nowhere near it (a device that ignored
  // -timestamps abs) falls back to starting at 0 rather than producing a broken file.
  const origin = params.wallclockOrigin;
  const rebase = origin === undefined ? undefined : `'if(gt(abs(STARTPTS*TB-${origin.toFixed(6)}),60),PTS-STARTPTS,PTS-${origin.toFixed(6)}/TB)'`;
  const pre = [...(rebase ? [`setpts=${rebase}`] : []), `fps=${params.fps}`];
  const scale = params.size ? `scale=${params.size.width}:${params.size.height}:flags=bicubic` : 'null';
  if (params.stillFps) {
    // Stills during a recording come from the camera's full-resolution frames, before any scaling or look.
    chains.push(`[${params.videoSpec}]${pre.join(',')},split=2[ds_cam0][ds_st0]`);
    chains.push(`[ds_cam0]${scale}[ds_cam]`);
    chains.push(`[ds_st0]fps=${params.stillFps},format=rgb24[ds_st]`);
  } else {
    chains.push(`[${params.videoSpec}]${[...pre, scale].join(',')}[ds_cam]`);
  }
  const look = spliceVideoFilter(params.videoFilter, '[ds_cam]');
  if (look.graph) chains.push(look.graph);
  // Untagged camera YUV is BT.601; converting and tagging BT.709 here makes every player show the same colours.
  const toRec = `scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709`;
  if (params.preview) {
    chains.push(`${look.outPad}${toRec},split=2[ds_rec][ds_pv0]`);
    chains.push(`[ds_pv0]scale=${params.preview.width}:${params.preview.height}:flags=bilinear[ds_pv]`);
  } else {
    chains.push(`${look.outPad}${toRec}[ds_rec]`);
  }
  if (params.audioSpec) {
    // async=1 stretches/pads to the timestamps: gaps become silence instead of being packed (A/V drift).
    let audio = `[${params.audioSpec}]${rebase ? `asetpts=${rebase},` : ''}aresample=async=1:first_pts=0,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo`;
    if (params.levelFd !== undefined) {
      audio += `,astats=metadata=1:reset=5:measure_perchannel=none:measure_overall=RMS_level,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file='pipe\\:${params.levelFd}':direct=1`;
    }
    chains.push(`${audio}[ds_aout]`);
  }
  const gop = String(Math.max(1, Math.round(params.fps)));
  const args = ['-hide_banner', '-nostats', '-loglevel', 'error'];
  if (params.progressFd !== undefined) args.push('-progress', `pipe:${params.progressFd}`);
  if (origin !== undefined) args.push('-copyts');
  args.push(...params.inputArgs, '-filter_complex', chains.join(';'));
  args.push('-map', '[ds_rec]');
  if (params.audioSpec) args.push('-map', '[ds_aout]');
  args.push(
    '-c:v', 'libx264', '-preset', params.preset, '-crf', String(params.crf), '-pix_fmt', 'yuv420p',
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
  );
  if (params.audioSpec) args.push('-c:a', 'aac', '-b:a', '160k');
  // Fragmented MP4 cut at every keyframe and every 0.5 s, flushed per packet: a SIGKILL loses only the
  // fragment in flight (without -flush_packets the I/O buffer held back another second).
  if (params.discardOutput) args.push('-f', 'null', '-');
  else args.push('-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '500000', '-flush_packets', '1', '-f', 'mp4', '-y', params.partialFile);
  if (params.preview) {
    args.push('-map', '[ds_pv]', '-an', '-c:v', 'mjpeg', '-q:v', '5', '-threads', '1', ...(params.discardOutput ? ['-f', 'null', '-'] : ['-flush_packets', '1', '-f', 'mpjpeg', 'pipe:1']));
  }
  if (params.stillFps) {
    args.push('-map', '[ds_st]', '-an', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', ...(params.discardOutput ? ['-f', 'null', '-'] : ['-f', 'rawvideo', `pipe:${params.stillFd ?? 5}`]));
  }
  return args;
}

export async function startRecording(options: RecordingOptions): Promise<Recording> {
  if (!options.outFile || !path.isAbsolute(options.outFile)) {
    throw new CaptureError('bad-option', `outFile must be an absolute path ending in .mp4 (got "${options.outFile}").`);
  }
  try {
    await access(path.dirname(options.outFile), fsConstants.W_OK);
  } catch {
    throw new CaptureError('bad-option', `Cannot write recordings to "${path.dirname(options.outFile)}": the folder does not exist or is read-only. Choose another folder.`);
  }
  const camera = parseDeviceId(options.deviceId);
  const mic = options.micId ? parseMicId(options.micId) : undefined;
  const ffmpeg = await findFfmpeg();
  // The demo and file cameras have one native size; real devices are opened in the mode that covers the recording size.
  const nativeSizeOnly = camera.kind === 'file' || camera.kind === 'demo';
  const resolved = await resolveInput(camera, options.deviceId, { size: nativeSizeOnly ? undefined : options.size, fps: options.fps });
  const inputs = buildCaptureInputs(camera, mic, resolved.request);
  if (camera.kind === 'file' && mic?.kind === 'file' && mic.path === camera.path) {
    const probe = await probeFile(camera.path);
    if (!probe.hasAudio) throw new CaptureError('bad-option', `Microphone "${options.micId}": the file has no audio stream.`);
  }
  const fps = options.fps ?? resolved.fps ?? 30;
  const filterOut = typeof options.videoFilter === 'object' && options.videoFilter.width && options.videoFilter.height ? { width: options.videoFilter.width, height: options.videoFilter.height } : null;
  // A look that crops to its aspect records a smaller picture: the preview takes the recorded shape, not the camera's.
  const outSize = filterOut ?? options.size ?? resolved.size;
  const preview = options.onFrame ? previewSizeFor(outSize, options.previewWidth ?? 1280) : undefined;
  const partialFile = partialFileFor(options.outFile);
  if (activePartials.has(partialFile)) throw new CaptureError('device-busy', `A recording to "${options.outFile}" is already running.`);

  const args = buildRecordingArgs({
    inputArgs: inputs.args,
    videoSpec: inputs.video,
    audioSpec: inputs.audio,
    fps,
    size: options.size,
    videoFilter: options.videoFilter,
    preview,
    partialFile,
    preset: options.preset ?? 'ultrafast',
    crf: options.crf ?? 20,
    progressFd: 3,
    levelFd: inputs.audio ? 4 : undefined,
    stillFps: options.stills === false ? undefined : STILL_FPS,
    stillFd: 5,
    wallclockOrigin: inputs.clock === 'wallclock' ? Date.now() / 1000 : undefined,
  });

  const onState = options.onState ?? (() => {});
  let failure: CaptureError | undefined;
  const release = claimDevice(options.deviceId, 'recorder');
  onState({ state: 'starting' });
  let child: ChildProcess;
  try {
    child = spawnFfmpeg(ffmpeg.path, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'] });
  } catch (err) {
    release();
    throw new CaptureError('ffmpeg-missing', `Could not start ffmpeg: ${(err as Error).message}`);
  }
  activePartials.add(partialFile);
  let lastActivityAt: number | undefined;
  const stopWatching = watchForLoss({
    deviceId: options.deviceId,
    filePath: camera.kind === 'file' ? camera.path : undefined,
    lastActivityAt: () => lastActivityAt,
    onLost: (err) => {
      failure ??= err;
      child.kill('SIGKILL');
    },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-STDERR_KEEP);
  });
  (child.stdin as Writable).on('error', () => {});

  let started = false;
  let startedAt: number | undefined;
  let stopping = false;
  let lastSeconds = 0;
  let resolveStart: (() => void) | undefined;
  const startedPromise = new Promise<void>((r) => (resolveStart = r));
  const markStarted = () => {
    if (!started) {
      started = true;
      startedAt = Date.now();
      onState({ state: 'live' });
      resolveStart?.();
    }
  };

  let progressBuf = '';
  let warned = false;
  (child.stdio[3] as Readable).setEncoding('utf8').on('data', (d: string) => {
    progressBuf += d;
    const lines = progressBuf.split('\n');
    progressBuf = lines.pop() ?? '';
    for (const line of lines) {
      const sp = /^speed=\s*([\d.]+)x/.exec(line);
      if (sp) {
        const speed = Number(sp[1]);
        if (speed < 0.9 && startedAt !== undefined && Date.now() - startedAt >= 3000 && !warned) {
          warned = true;
          options.onWarning?.({
            code: 'falling-behind',
            speed,
            message: `Recording from "${options.deviceId}" is encoding at ${speed.toFixed(2)}x real time; frames will be dropped. Choose a smaller size or a lighter look.`,
          });
        }
      }
      const m = /^out_time_us=(\d+)/.exec(line) ?? /^out_time_ms=(\d+)/.exec(line);
      if (m) {
        const seconds = Number(m[1]) / 1e6;
        if (seconds > 0) markStarted();
        if (seconds > lastSeconds) lastActivityAt = Date.now();
        if (seconds !== lastSeconds) {
          lastSeconds = seconds;
          options.onProgress?.(seconds);
        }
      }
    }
  });
  let levelBuf = '';
  let lastLevelAt = 0;
  (child.stdio[4] as Readable).setEncoding('utf8').on('data', (d: string) => {
    levelBuf += d;
    const lines = levelBuf.split('\n');
    levelBuf = lines.pop() ?? '';
    for (const line of lines) {
      const m = /RMS_level=(-?[\d.]+|-?inf)/.exec(line);
      if (!m || !options.onLevel) continue;
      const now = Date.now();
      // ~10 updates a second are enough for a meter; astats reports ~10-50.
      if (now - lastLevelAt < 90) continue;
      lastLevelAt = now;
      options.onLevel(m[1]!.endsWith('inf') ? -Infinity : Number(m[1]));
    }
  });

  const fullSize = resolved.size;
  const stillWaiters: Array<(f: Buffer) => void> = [];
  const stillReader = new RawFrameReader(fullSize.width * fullSize.height * 3, (frame) => {
    for (const w of stillWaiters.splice(0)) w(Buffer.from(frame));
  }, { keepLatest: true });
  const stillPipe = (child.stdio as unknown as Readable[])[5]!;
  stillPipe.on('data', (c: Buffer) => stillReader.push(c));
  stillPipe.on('error', () => {});

  if (preview && options.onFrame) {
    let seq = 0;
    let dropped = 0;
    let busy = false;
    const parser = new MpjpegParser((jpeg) => {
      seq++;
      markStarted();
      if (busy) {
        dropped++;
        return;
      }
      try {
        const r = options.onFrame!(jpeg, { seq, width: preview.width, height: preview.height, at: Date.now(), dropped });
        if (r && typeof (r as Promise<unknown>).then === 'function') {
          busy = true;
          (r as Promise<unknown>).then(() => (busy = false), () => (busy = false));
        }
      } catch {
        // consumer errors must not end the recording
      }
    });
    child.stdout!.on('data', (c: Buffer) => parser.push(c));
  } else {
    child.stdout!.resume();
  }

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (err) => {
      failure ??= new CaptureError('ffmpeg-missing', `Could not start ffmpeg: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      activePartials.delete(partialFile);
      stopWatching();
      release();
      if (!stopping && !failure) {
        let classified = classifyFfmpegFailure(stderr);
        // A missing look plate or LUT also reads "No such file": only blame the camera when ffmpeg names it.
        const target = options.deviceId.slice(options.deviceId.indexOf(':') + 1);
        if (classified === 'device-not-found' && !stderr.includes(target)) classified = 'capture-failed';
        const c: CaptureErrorCode = started && classified === 'capture-failed' ? 'device-lost' : classified === 'capture-failed' ? 'recording-failed' : classified;
        failure = new CaptureError(c, describeFailure(options.deviceId, c, started, stderrTail(stderr) || `ffmpeg exited (code ${code}, signal ${signal})`));
      }
      if (failure) onState({ state: 'error', code: failure.code, message: `${failure.message} What was recorded so far is kept in "${partialFile}" and can be recovered.` });
      else onState({ state: 'stopped' });
      resolve({ code, signal });
    });
  });

  const startTimeout = setTimeout(() => {
    if (!started) {
      failure = new CaptureError('timeout', `Recording from "${options.deviceId}" did not start within 20 s. ffmpeg: ${stderrTail(stderr)}`);
      child.kill('SIGKILL');
    }
  }, 20_000);
  await Promise.race([startedPromise, exited]);
  clearTimeout(startTimeout);
  if (!started) {
    await exited;
    await rm(partialFile, { force: true });
    throw failure ?? new CaptureError('recording-failed', `Recording from "${options.deviceId}" ended before it started: ${stderrTail(stderr)}`);
  }

  let stopPromise: Promise<RecordingResult> | undefined;
  return {
    get pid() {
      return child.pid;
    },
    partialFile,
    fullSize,
    captureStill(timeoutMs = 5000): Promise<StillFrame> {
      if (options.stills === false) return Promise.reject(new CaptureError('bad-option', 'This recording was started with stills: false.'));
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new CaptureError('stopped', `The recording from "${options.deviceId}" has ended; no still can be taken from it.`));
      }
      const latest = stillReader.latestFrame();
      if (latest && Date.now() - latest.at <= 1000 / STILL_FPS + 50) {
        return Promise.resolve({ raw: latest.frame, ...fullSize, channels: 3 as const, at: new Date(latest.at) });
      }
      return new Promise<StillFrame>((resolve, reject) => {
        const waiter = (frame: Buffer) => {
          clearTimeout(timer);
          resolve({ raw: frame, ...fullSize, channels: 3 as const, at: new Date() });
        };
        const timer = setTimeout(() => {
          const i = stillWaiters.indexOf(waiter);
          if (i >= 0) stillWaiters.splice(i, 1);
          reject(new CaptureError('timeout', `No full-resolution frame from "${options.deviceId}" within ${timeoutMs} ms.`));
        }, timeoutMs);
        stillWaiters.push(waiter);
        stillReader.requestFrame();
      });
    },
    stop(): Promise<RecordingResult> {
      stopPromise ??= (async () => {
        stopping = true;
        await stopFfmpegProcess(child, 5000);
        await exited;
        // After a crash the fragments written so far are still a valid recording: salvage them rather than
        // make the user find the recovery command. The crash itself was reported through onState.
        if (failure && !(await nonEmpty(partialFile))) throw failure;
        return finalizeRecording(partialFile, options.outFile);
      })();
      return stopPromise;
    },
  };
}

/** Fragmented MP4 -> ordinary MP4 with the index up front (plays and seeks everywhere), written atomically. */
export async function finalizeRecording(partialFile: string, outFile: string): Promise<RecordingResult> {
  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${process.pid}.remux.mp4`);
  try {
    await remuxToMp4(partialFile, tmp);
  } catch (error) {
    await rm(tmp, { force: true });
    throw new CaptureError('recording-failed', `Could not finish "${outFile}": ${(error as Error).message}. The raw recording is kept in "${partialFile}".`);
  }
  await rename(tmp, outFile);
  await rm(partialFile, { force: true });
  const probe = await probeFile(outFile);
  return { file: outFile, durationSec: probe.durationSec ?? 0 };
}

export type RecoveryReport = { recovered: RecordingResult[]; failed: Array<{ partialFile: string; message: string }> };

/**
 * Finds recordings a killed recorder left as fragmented MP4 (`*.mp4.recording`) and remuxes them into
 * playable files. An existing final file is never overwritten: the recovered one gets a "-recovered" name.
 */
export async function recoverRecordings(dir: string): Promise<RecoveryReport> {
  const report: RecoveryReport = { recovered: [], failed: [] };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new CaptureError('bad-option', `Cannot read recordings folder "${dir}": ${(err as Error).message}`);
  }
  for (const name of names.filter((n) => n.endsWith(PARTIAL_SUFFIX)).sort()) {
    const partialFile = path.join(dir, name);
    if (activePartials.has(partialFile)) continue;
    let outFile = partialFile.slice(0, -PARTIAL_SUFFIX.length);
    if (await exists(outFile)) {
      const ext = path.extname(outFile);
      outFile = `${outFile.slice(0, outFile.length - ext.length)}-recovered${ext || '.mp4'}`;
    }
    try {
      const info = await stat(partialFile);
      if (info.size === 0) throw new Error('the file is empty (the recorder died before the first second)');
      report.recovered.push(await finalizeRecording(partialFile, outFile));
    } catch (err) {
      report.failed.push({ partialFile, message: (err as Error).message });
    }
  }
  return report;
}

async function nonEmpty(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
