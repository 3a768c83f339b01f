// The one API contract between the untrusted renderer and the main process.
// Every transport (Electron IPC, loopback WebSocket, in-memory) is derived from
// these two tables; nothing else defines a channel. Plain zod, no Node or DOM.
import { z } from 'zod';
import { PreviewParams } from '../looks/preview.ts';
import { Recipe } from '../looks/recipe.ts';

const id = z.string().min(1).max(4096);
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected binary data');

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

export const Look = z.object({
  id,
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['photo', 'video']),
  aspect: z.string().nullable(),
  /** Made from a LUT the user brought, not shipped with the app. */
  imported: z.boolean(),
});

export const PreviewLook = z.object({
  id,
  size: z.number().int().min(2).max(256),
  // RGB, 16 bits per channel, red index fastest: uploaded as a 3D texture as is.
  lut: bytes,
  params: PreviewParams,
});

export const LibraryItem = z.object({
  id,
  kind: z.enum(['photo', 'video']),
  fileName: z.string(),
  relPath: z.string(),
  width: z.number(),
  height: z.number(),
  durationSec: z.number().nullable(),
  takenAt: z.string(),
  lookId: z.string(),
  lookName: z.string(),
  recipe: Recipe.nullable(),
  trashedAt: z.string().nullable(),
  recovered: z.boolean(),
  bytes: z.number(),
  /** The undeveloped original is kept: before/after and re-developing work. */
  hasOriginal: z.boolean().optional(),
});

export const MediaVariant = z.enum(['original', 'thumb', 'undeveloped']);
export type MediaVariantT = z.output<typeof MediaVariant>;

export const ViewfinderState = z.object({
  state: z.enum(['starting', 'live', 'stopped', 'error']),
  deviceId: z.string().nullable(),
  message: z.string().optional(),
  code: z.string().optional(),
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
});

const nothing = z.object({}).strict();

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const methods = {
  'app.info': method(
    nothing,
    z.object({ version: z.string(), libraryDir: z.string(), ffmpeg: z.string().nullable(), ffmpegProblem: z.string().nullable() }),
  ),
  'devices.list': method(nothing, z.object({ cameras: z.array(CameraDevice), microphones: z.array(Microphone) })),
  'looks.list': method(nothing, z.array(Look)),
  'looks.preview': method(z.object({ id }).strict(), PreviewLook),
  'looks.sample': method(z.object({ id }).strict(), z.object({ jpeg: bytes.nullable() })),
  'looks.import': method(
    z
      .object({
        fileName: z.string().min(1).max(255).regex(/\.(cube|3dl|png|tiff?)$/i, 'must end in .cube, .3dl, .png or .tif'),
        data: bytes.refine((data) => data.byteLength > 0 && data.byteLength <= 256 * 1024 * 1024, 'must be 1 byte to 256 MB'),
        name: z.string().min(1).max(60).optional(),
        baseLookId: id.optional(),
      })
      .strict(),
    Look,
  ),
  'develop.photo': method(
    z
      .object({
        lookId: id,
        fileName: z.string().min(1).max(255),
        data: bytes.refine((data) => data.byteLength > 0 && data.byteLength <= 512 * 1024 * 1024, 'must be 1 byte to 512 MB'),
        strength: z.number().min(0).max(1).optional(),
        grain: z.number().min(0).max(1).optional(),
      })
      .strict(),
    LibraryItem,
  ),
  'library.redevelop': method(
    z.object({ id, lookId: id, strength: z.number().min(0).max(1).optional(), grain: z.number().min(0).max(1).optional() }).strict(),
    LibraryItem,
  ),
  'viewfinder.start': method(z.object({ deviceId: id }).strict(), ViewfinderState),
  'viewfinder.stop': method(nothing, ViewfinderState),
  'shutter.shoot': method(
    z
      .object({
        lookId: id,
        strength: z.number().min(0).max(1).optional(),
        grain: z.number().min(0).max(1).optional(),
      })
      .strict(),
    LibraryItem,
  ),
  'settings.device': method(z.object({ deviceId: id }).strict(), DeviceSettings),
  'settings.setDevice': method(z.object({ deviceId: id, patch: DeviceSettings.partial().strict() }).strict(), DeviceSettings),
  'recorder.check': method(
    z.object({ lookId: id, size: Size.optional() }).strict(),
    z.object({ ok: z.boolean(), speed: z.number(), size: Size, suggestion: Size.nullable() }),
  ),
  'recorder.start': method(
    z
      .object({
        lookId: id,
        size: Size.optional(),
        micId: z.string().max(4096).nullable().optional(),
        strength: z.number().min(0).max(1).optional(),
        grain: z.number().min(0).max(1).optional(),
      })
      .strict(),
    RecorderStatus,
  ),
  'recorder.stop': method(nothing, LibraryItem),
  'library.list': method(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        before: z.string().max(200).optional(),
        trashed: z.boolean().optional(),
      })
      .strict(),
    z.object({ items: z.array(LibraryItem), nextCursor: z.string().nullable() }),
  ),
  'library.get': method(z.object({ id }).strict(), LibraryItem.nullable()),
  'library.trash': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), z.object({ count: z.number() })),
  'library.restore': method(z.object({ ids: z.array(id).min(1).max(10_000) }).strict(), z.object({ count: z.number() })),
  'library.emptyTrash': method(nothing, z.object({ count: z.number() })),
} as const;

export const events = {
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
  'library.changed': z.object({
    ids: z.array(z.string()),
    reason: z.enum(['added', 'trashed', 'restored', 'deleted', 'recovered']),
  }),
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number(),
    total: z.number(),
    message: z.string().optional(),
    finished: z.boolean(),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type LibraryItemT = z.output<typeof LibraryItem>;
export type LookT = z.output<typeof Look>;
export type CameraDeviceT = z.output<typeof CameraDevice>;
export type ViewfinderStateT = z.output<typeof ViewfinderState>;
export type DeviceSettingsT = z.output<typeof DeviceSettings>;
export type RecorderStatusT = z.output<typeof RecorderStatus>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
