/**
 * Darkslide's capture service: owns every ffmpeg process (live capture spawned directly; see ffmpeg.ts).
 * Plain Node, no Electron.
 */
export { CameraError, type CameraErrorCode } from './errors.ts';
export { findFfmpeg, isPidRunning, type FfmpegInfo } from './ffmpeg.ts';
export { listDevices, DEMO_CAMERA, DEMO_MICROPHONE } from './devices.ts';
export { parseDeviceId, type CameraDevice, type Microphone, type VideoMode, type DeviceKind } from './sources.ts';
export {
  startViewfinder,
  type Viewfinder,
  type ViewfinderOptions,
  type ViewfinderState,
  type FrameInfo,
  type StillFrame,
} from './viewfinder.ts';
export { captureStillOnce } from './still.ts';
export { startRecording, recoverRecordings, finalizeRecording, PARTIAL_SUFFIX, type Recording, type RecordingOptions, type RecordingResult } from './recorder.ts';
export { canRecordRealtime, measureEncodeSpeed } from './probe.ts';
export { probeFile, type ProbeResult } from './ffmpeg.ts';
