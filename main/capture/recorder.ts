import { constants as fsConstants } from 'node:fs';
import { access, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DarkslideError } from '../shared/errors/index.ts';
import { findFfmpeg, probeFile } from './ffmpeg.ts';
import { previewSizeFor, resolveInput } from './input.ts';
import { startCaptureProcess, type CaptureState } from './process.ts';
import { buildCaptureInputs, parseDeviceId, parseMicId } from './sources.ts';
import { frameDelivery, MpjpegParser, StillTap, type FrameInfo, type StillFrame } from './streams.ts';
import { remuxToMp4 } from './file-jobs.ts';

/**
 * A look from the look engine (`buildVideoFilter`: reads `[0:v]`, ends in `[vout]`; `width`/`height` give its
 * output size when it crops, which the preview must follow) or a plain filter chain.
 */
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
  onWarning?: (warning: RecordingWarning) => void;
  /** Preview of what is recorded (look applied), so the viewfinder keeps running while the device is in use. */
  onFrame?: (jpeg: Buffer, info: FrameInfo) => void | Promise<unknown>;
  previewWidth?: number;
  onState?: (s: CaptureState) => void;
  /** Keep full-resolution frames ready so Recording.captureStill() works during the take (default true). */
  stills?: boolean;
};

/** The encoder ran below real time (`speed` x) for 3 s: a live camera's frames pile up and get dropped. */
export type RecordingWarning = { code: 'falling-behind'; speed: number };

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
      throw new DarkslideError('capture.bad-option', { detail: 'videoFilter as a string must be a simple filter chain (no [labels] or ";"); pass { filterComplex } for a graph that reads [0:v] and ends in [vout].' });
    }
    return { graph: `${cameraPad}${filter}[ds_look]`, outPad: '[ds_look]', extraPads: 0 };
  }
  const uses = filter.filterComplex.split('[0:v]').length - 1;
  if (uses === 0 || !/\[vout\]\s*$/.test(filter.filterComplex.trim())) {
    throw new DarkslideError('capture.bad-option', { detail: 'videoFilter.filterComplex must read [0:v] and end in [vout] (see looks buildVideoFilter).' });
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
  if (!options.outFile || !path.isAbsolute(options.outFile)) throw new DarkslideError('capture.output-not-absolute', { file: String(options.outFile) });
  try {
    await access(path.dirname(options.outFile), fsConstants.W_OK);
  } catch {
    throw new DarkslideError('capture.output-folder', { folder: path.dirname(options.outFile) });
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
    if (!probe.hasAudio) throw new DarkslideError('capture.no-audio-stream', { file: camera.path });
  }
  const fps = options.fps ?? resolved.fps ?? 30;
  const filterOut = typeof options.videoFilter === 'object' && options.videoFilter.width && options.videoFilter.height ? { width: options.videoFilter.width, height: options.videoFilter.height } : null;
  // A look that crops to its aspect records a smaller picture: the preview takes the recorded shape, not the camera's.
  const outSize = filterOut ?? options.size ?? resolved.size;
  const preview = options.onFrame ? previewSizeFor(outSize, options.previewWidth ?? 1280) : undefined;
  const partialFile = partialFileFor(options.outFile);
  if (activePartials.has(partialFile)) throw new DarkslideError('capture.recording-running', { file: options.outFile });

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

  const proc = startCaptureProcess({
    purpose: 'recording',
    deviceId: options.deviceId,
    micId: inputs.audio ? options.micId : undefined,
    ffmpegPath: ffmpeg.path,
    args,
    extraPipes: 3,
    onState: options.onState,
  });
  activePartials.add(partialFile);
  void proc.exited.then(() => activePartials.delete(partialFile));

  let startedAt: number | undefined;
  void proc.started.then(() => (startedAt = Date.now()), () => undefined);
  let lastSeconds = 0;
  let progressBuf = '';
  let warned = false;
  proc.pipe(3).setEncoding('utf8').on('data', (d: string) => {
    progressBuf += d;
    const lines = progressBuf.split('\n');
    progressBuf = lines.pop() ?? '';
    for (const line of lines) {
      const sp = /^speed=\s*([\d.]+)x/.exec(line);
      if (sp) {
        const speed = Number(sp[1]);
        if (speed < 0.9 && startedAt !== undefined && Date.now() - startedAt >= 3000 && !warned) {
          warned = true;
          options.onWarning?.({ code: 'falling-behind', speed });
        }
      }
      const m = /^out_time_us=(\d+)/.exec(line) ?? /^out_time_ms=(\d+)/.exec(line);
      if (m) {
        const seconds = Number(m[1]) / 1e6;
        // Time advancing is what shows the device still delivers (the stall watch).
        if (seconds > lastSeconds) proc.activity();
        if (seconds !== lastSeconds) {
          lastSeconds = seconds;
          options.onProgress?.(seconds);
        }
      }
    }
  });
  let levelBuf = '';
  let lastLevelAt = 0;
  proc.pipe(4).setEncoding('utf8').on('data', (d: string) => {
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
  const stills = new StillTap(fullSize, { stillFps: STILL_FPS, shutter: 'latest' });
  proc.pipe(5).on('data', (c: Buffer) => stills.push(c));
  void proc.exited.then((failure) => stills.rejectAll(failure ?? new DarkslideError('capture.stopped', { device: options.deviceId })));

  if (preview && options.onFrame) {
    const deliver = frameDelivery(preview, options.onFrame);
    const parser = new MpjpegParser((jpeg) => {
      proc.activity();
      deliver(jpeg);
    });
    proc.pipe(1).on('data', (c: Buffer) => {
      try {
        parser.push(c);
      } catch (error) {
        proc.fail(new DarkslideError('capture.preview-corrupt', { detail: (error as Error).message }));
      }
    });
  } else {
    proc.pipe(1).resume();
  }

  try {
    await proc.started;
  } catch (error) {
    await proc.exited;
    await rm(partialFile, { force: true });
    throw error;
  }

  let stopPromise: Promise<RecordingResult> | undefined;
  return {
    get pid() {
      return proc.pid;
    },
    partialFile,
    fullSize,
    captureStill(timeoutMs = 5000): Promise<StillFrame> {
      if (options.stills === false) return Promise.reject(new DarkslideError('capture.stills-off'));
      if (!proc.running) return Promise.reject(new DarkslideError('capture.stopped', { device: options.deviceId }));
      return stills.take(timeoutMs, () => new DarkslideError('capture.still-timeout', { device: options.deviceId, ms: timeoutMs }));
    },
    stop(): Promise<RecordingResult> {
      stopPromise ??= (async () => {
        await proc.stop(5000);
        const failure = proc.failure;
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
    throw new DarkslideError('capture.finish-failed', { file: outFile, detail: (error as Error).message, partial: partialFile }, { cause: error });
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
    throw new DarkslideError('capture.recordings-folder', { folder: dir, detail: (err as Error).message });
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
