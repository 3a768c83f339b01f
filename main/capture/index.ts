/**
 * Darkslide's capture service: owns every ffmpeg process that opens a camera or microphone (process.ts),
 * plus file jobs and probes. Plain Node, no Electron. Errors are DarkslideError with `capture.*` codes.
 */
export { classifyFfmpegFailure, isCaptureError } from './errors.ts';
export { findFfmpeg, isPidRunning, probeFile, type FfmpegInfo, type ProbeResult } from './ffmpeg.ts';
export {
  listDevices,
  isVideoFileName,
  watchDevices,
  DEMO_CAMERA,
  DEMO_MICROPHONE,
  TEST_CARD_CAMERA,
  type DeviceList,
  type DeviceChange,
  type ListOptions,
} from './devices.ts';
export { isDemoDevice, parseDeviceId, parseMicId, TEST_CARD_ID, type CameraDevice, type Microphone, type VideoMode, type DeviceKind } from './sources.ts';
export { onDeviceUse, type DeviceUse, type CaptureState, type Purpose } from './process.ts';
export {
  startViewfinder,
  type Viewfinder,
  type ViewfinderOptions,
  type ViewfinderState,
  type FrameInfo,
  type StillFrame,
} from './viewfinder.ts';
export { captureStillOnce } from './still.ts';
export { warmFileJobs } from './file-jobs.ts';
export {
  startRecording,
  recoverRecordings,
  partialFileFor,
  PARTIAL_SUFFIX,
  type Recording,
  type RecordingOptions,
  type RecordingResult,
  type RecordingWarning,
  type RecoveryReport,
  type VideoFilterInput,
} from './recorder.ts';
export { canRecordRealtime, measureEncodeSpeed, suggestSize, type EncodeProbe } from './probe.ts';
