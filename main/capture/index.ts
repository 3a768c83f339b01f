/**
 * Darkslide's capture service: owns every ffmpeg process. Live capture (viewfinder, recording) is spawned
 * directly; see ffmpeg.ts for why. Plain Node, no Electron.
 */
export { CaptureError, type CaptureErrorCode } from './errors.ts';
export { findFfmpeg, isPidRunning, probeFile, type FfmpegInfo, type ProbeResult } from './ffmpeg.ts';
export {
  listDevices,
  watchDevices,
  DEMO_CAMERA,
  DEMO_MICROPHONE,
  type DeviceList,
  type DeviceChange,
  type ListOptions,
} from './devices.ts';
export { parseDeviceId, parseMicId, type CameraDevice, type Microphone, type VideoMode, type DeviceKind } from './sources.ts';
export {
  startViewfinder,
  type Viewfinder,
  type ViewfinderOptions,
  type ViewfinderState,
  type FrameInfo,
  type StillFrame,
} from './viewfinder.ts';
export { captureStillOnce } from './still.ts';
export {
  startRecording,
  recoverRecordings,
  partialFileFor,
  PARTIAL_SUFFIX,
  type Recording,
  type RecordingOptions,
  type RecordingResult,
  type RecoveryReport,
  type VideoFilterInput,
} from './recorder.ts';
export { canRecordRealtime, measureEncodeSpeed, type EncodeProbe } from './probe.ts';
