// The camera: devices, the viewfinder, the shutter, per-device settings and the recorder.
import { z } from 'zod';
import { LibraryItem } from './library.ts';
import { bytes, id, method, nothing, unit } from './define.ts';

export const VideoMode = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.array(z.number().positive()),
  pixelFormat: z.string(),
});

export const CameraDevice = z.object({
  id,
  name: z.string(),
  kind: z.enum(['demo', 'v4l2', 'avfoundation', 'dshow', 'file']),
  modes: z.array(VideoMode),
});

export const Microphone = z.object({ id, name: z.string(), kind: z.string() });

/** An error's values (main/shared/errors), so the page can say it in its own language. */
const errorParams = z.record(z.string(), z.union([z.string(), z.number()]));

export const ViewfinderState = z.object({
  state: z.enum(['starting', 'live', 'stopped', 'error']),
  deviceId: z.string().nullable(),
  message: z.string().optional(),
  code: z.string().optional(),
  params: errorParams.optional(),
  fullSize: z.object({ width: z.number(), height: z.number() }).optional(),
});

export const Size = z.object({ width: z.number().int().min(16).max(16_384), height: z.number().int().min(16).max(16_384) });

export const DeviceSettings = z.object({
  size: Size.nullable(),
  fps: z.number().positive().max(240).nullable(),
  mirror: z.boolean(),
  saveMirrored: z.boolean(),
  /** null: the device's own default (the demo tone, a file's sound track, else none); '': no microphone. */
  micId: z.string().max(4096).nullable(),
});

export const RecorderStatus = z.object({
  state: z.enum(['idle', 'checking', 'recording', 'finishing', 'error']),
  seconds: z.number(),
  /** Audio level in dBFS while recording; null without a microphone. */
  level: z.number().nullable(),
  size: Size.optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  params: errorParams.optional(),
});

/** A half-frame camera's first press: nothing filed yet, the half waits in main for the second press. */
export const HalfTaken = z.object({ half: z.literal(1), lookId: id, preview: bytes });

export const captureMethods = {
  'devices.list': method(nothing, z.object({ cameras: z.array(CameraDevice), microphones: z.array(Microphone) })),
  /**
   * A video file the person chose (a files-domain handle) becomes a camera for this session: it plays in real time,
   * its sound is the microphone. Only files chosen this way can be opened as cameras from the page.
   */
  'devices.useFile': method(z.object({ file: id }).strict(), CameraDevice),
  'viewfinder.start': method(z.object({ deviceId: id }).strict(), ViewfinderState),
  'viewfinder.stop': method(nothing, ViewfinderState),
  /** A photo filed, or with a half-frame camera the first of its two halves taken (the second press files the pair). */
  'shutter.shoot': method(z.object({ lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(), z.union([HalfTaken, LibraryItem])),
  /**
   * Files a half-frame camera's half still waiting for its pair as a single half-frame print (the page calls it
   * when the camera, device or mode changes and when it leaves the camera view; the app when it closes).
   */
  'shutter.finishHalf': method(nothing, z.object({ item: LibraryItem.nullable() })),
  /** The look the next press will use: main gets that shot ready (its grain drawn ahead) while nothing happens. */
  'shutter.ready': method(z.object({ lookId: id, strength: unit.optional(), grain: unit.optional() }).strict(), nothing),
  'settings.device': method(z.object({ deviceId: id }).strict(), DeviceSettings),
  'settings.setDevice': method(z.object({ deviceId: id, patch: DeviceSettings.partial().strict() }).strict(), DeviceSettings),
  /**
   * Whether this computer records the open camera at `size` (its chosen size when not given) with the look in
   * real time. Measured once per device, size and look and kept, so it is asked in the background and answered
   * at once after that. Sizes under `recorded` are what the file will really be (the look's crop and frame).
   */
  'recorder.check': method(
    z.object({ lookId: id, size: Size.optional() }).strict(),
    z.object({
      ok: z.boolean(),
      speed: z.number(),
      size: Size,
      recorded: Size,
      suggestion: z.object({ size: Size, recorded: Size }).nullable(),
      measuredAt: z.string(),
    }),
  ),
  'recorder.start': method(
    z
      .object({
        lookId: id,
        size: Size.optional(),
        micId: z.string().max(4096).nullable().optional(),
        strength: unit.optional(),
        grain: unit.optional(),
      })
      .strict(),
    RecorderStatus,
  ),
  'recorder.stop': method(nothing, LibraryItem),
};

export const captureEvents = {
  'viewfinder.frame': z.object({
    seq: z.number(),
    width: z.number(),
    height: z.number(),
    at: z.number(),
    jpeg: bytes,
    /** True while recording: the frame already went through the look (it is what is being recorded). */
    developed: z.boolean().optional(),
  }),
  'recorder.status': RecorderStatus,
  'viewfinder.state': ViewfinderState,
};
