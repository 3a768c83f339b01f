// What a capture process reads: the source's input arguments and its full size, known before spawning
// because the still branch is raw rgb24 and its frame size must be known to cut the pipe into frames.
import { DarkslideError } from '../shared/errors/index.ts';
import { classifyFfmpegFailure, failureError, stderrTail } from './errors.ts';
import { findFfmpeg, probeFile, runCapture } from './ffmpeg.ts';
import { chooseMode } from './modes.ts';
import { parseV4l2Formats } from './parsers.ts';
import { buildVideoInput, type InputRequest, type InputSpec, type ParsedDeviceId, type VideoMode } from './sources.ts';

export type Size = { width: number; height: number };

export function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

export function previewSizeFor(full: Size, previewWidth: number): Size {
  const width = even(Math.min(previewWidth, full.width));
  return { width, height: even((width * full.height) / full.width) };
}

export async function resolveInput(
  device: ParsedDeviceId,
  deviceId: string,
  request: { size?: Size; fps?: number; loop?: boolean },
): Promise<InputSpec & { size: Size; request: InputRequest }> {
  if (device.kind === 'file') {
    const probe = await probeFile(device.path);
    if (!probe.hasVideo || !probe.width || !probe.height) throw new DarkslideError('capture.no-video-stream', { file: device.path });
    const fileRequest: InputRequest = { loop: request.loop };
    const spec = buildVideoInput(device, fileRequest);
    return { ...spec, size: { width: probe.width, height: probe.height }, fps: probe.fps, request: fileRequest };
  }
  let resolvedRequest: InputRequest = { size: request.size, fps: request.fps };
  if (device.kind === 'v4l2') {
    // The mode must exist on the device (size and pixel format together), so ask the device itself.
    const modes = await listV4l2Modes(device.path, deviceId);
    const chosen = chooseMode(modes, request);
    if (!chosen) throw new DarkslideError('capture.no-modes', { device: deviceId });
    resolvedRequest = { size: { width: chosen.mode.width, height: chosen.mode.height }, fps: chosen.fps, pixelFormat: chosen.mode.pixelFormat };
  }
  const spec = buildVideoInput(device, resolvedRequest);
  if (!spec.size) throw new DarkslideError('capture.needs-size', { device: deviceId });
  return { ...spec, size: spec.size, request: resolvedRequest };
}

async function listV4l2Modes(node: string, deviceId: string): Promise<VideoMode[]> {
  const ffmpeg = await findFfmpeg();
  const { stderr } = await runCapture(ffmpeg.path, ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', node], 10_000);
  const modes = parseV4l2Formats(stderr);
  if (modes === null) throw new DarkslideError('capture.not-a-camera', { device: deviceId });
  if (modes.length === 0) {
    const kind = classifyFfmpegFailure(stderr);
    throw failureError(kind === 'unknown' ? 'not-found' : kind, { deviceId, detail: stderrTail(stderr) || 'no formats listed', live: false, recording: false });
  }
  return modes;
}
