// The one API contract between the untrusted renderer and the main process.
// Every transport (Electron IPC, loopback WebSocket, in-memory) is derived from
// these two tables; nothing else defines a channel. Plain zod, no Node or DOM.
// Each domain keeps its methods and events in methods/<domain>.ts; a new domain
// adds its file and one line to each table here.
import type { z } from 'zod';
import { appMethods } from './methods/app.ts';
import { exportMethods } from './methods/export.ts';
import { filesMethods } from './methods/files.ts';
import { captureEvents, captureMethods } from './methods/capture.ts';
import { jobsEvents, jobsMethods } from './methods/jobs.ts';
import { libraryEvents, libraryMethods } from './methods/library.ts';
import { libraryFolderEvents, libraryFolderMethods } from './methods/library-folder.ts';
import { locationMethods } from './methods/location.ts';
import { looksMethods } from './methods/looks.ts';
import { privacyEvents, privacyMethods } from './methods/privacy.ts';

export const methods = {
  ...appMethods,
  ...captureMethods,
  ...looksMethods,
  ...libraryMethods,
  ...jobsMethods,
  ...filesMethods,
  ...locationMethods,
  ...privacyMethods,
  ...exportMethods,
  ...libraryFolderMethods,
} as const;

export const events = {
  ...captureEvents,
  ...libraryEvents,
  ...jobsEvents,
  ...privacyEvents,
  ...libraryFolderEvents,
} as const;

import type { CameraDevice, DeviceSettings, RecorderStatus, ViewfinderState } from './methods/capture.ts';
import type { Look } from './methods/looks.ts';
import type { LibraryItem } from './methods/library.ts';

export { CameraDevice, DeviceSettings, Microphone, RecorderStatus, Size, VideoMode, ViewfinderState } from './methods/capture.ts';
export { Look, PreviewLook } from './methods/looks.ts';
export { LibraryItem, MediaVariant, type MediaVariantT } from './methods/library.ts';
export { FileHandle, UPLOAD_CHUNK_BYTES, type FileHandleT, type PickPurposeT } from './methods/files.ts';
export { EXIF_SHOWN, type GeotagItemResultT, type ItemInfoT, type LocationStatusT, type PlaceT, type SessionPlaceT, type TrackSummaryT } from './methods/location.ts';
export { DevicesOn, PrivacyFeature, PrivacyStatus, UsageEntry } from './methods/privacy.ts';
export type { ExportItemT, ExportSettingsT } from './methods/export.ts';
export { LibraryFolderStatus, LibraryMove } from './methods/library-folder.ts';

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
