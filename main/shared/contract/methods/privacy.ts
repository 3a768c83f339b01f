// Privacy: the notice and consent, the under-18 answer and guardian PIN, the camera/microphone/location
// switches, the usage record, and which devices are on right now (for the indicators on every screen).
import { z } from 'zod';
import { id, method, nothing } from './define.ts';

export const PrivacyFeature = z.enum(['camera', 'microphone', 'location']);
const texts = z.object({ en: z.string(), zh: z.string() });
const NoticeChange = z.object({ version: z.number().int(), date: z.string(), concerns: z.array(PrivacyFeature), summary: texts });
const FeatureStatus = z.object({ consented: z.boolean(), switchOn: z.boolean(), on: z.boolean(), blockedBy: z.string().nullable() });
const pin = z.string().max(32);
const days = z.number().int().min(1).max(365);
const ErrorData = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const PrivacyStatus = z.object({
  noticeVersion: z.number().int(),
  firstRun: z.boolean(),
  pending: z.object({ features: z.array(PrivacyFeature), changes: z.array(NoticeChange) }),
  age: z.enum(['adult', 'minor']).nullable(),
  guardian: z.object({ pinSet: z.boolean(), confirmed: z.boolean() }),
  features: z.object({ camera: FeatureStatus, microphone: FeatureStatus, location: FeatureStatus }),
  retention: z.object({ logs: days, usage: days, diagnostics: days, trash: days }),
});

export const UsageEntry = z.object({
  id: z.number().int(),
  kind: z.enum(['camera', 'microphone', 'location']),
  purpose: z.enum(['viewfinder', 'photo', 'recording', 'geotag']),
  device: z.string().nullable(),
  start: z.string(),
  end: z.string().nullable(),
  interrupted: z.boolean(),
});

/** What Darkslide keeps, store by store (main/privacy/stores.ts has the same list and where each one is). */
export const StoreId = z.enum(['photos', 'originals', 'trash', 'catalog', 'jobs', 'thumbnails', 'settings', 'usage', 'consent', 'logs', 'looks', 'location', 'diagnostics', 'caches']);
export const StoreInfo = z.object({
  id: StoreId,
  group: z.enum(['personal', 'library', 'app']),
  paths: z.array(z.string()),
  /** Bytes and files on disk; 0 for a store kept as rows in another store's file (jobs in the catalog). */
  bytes: z.number().int().min(0),
  files: z.number().int().min(0),
  /** What the store holds in its own terms (photos, rows, entries); null where files are the items. */
  items: z.number().int().min(0).nullable(),
  /** Whether this store alone can be erased (the library's stores go only with "erase everything"). */
  erasable: z.boolean(),
});
export const EraseScope = z.enum(['stores', 'personal', 'everything']);
export const EraseReport = z.object({
  scope: EraseScope,
  erased: z.array(StoreId),
  /** The erased stores read back from the disk afterwards: what is still there (nothing, when it worked). */
  remaining: z.array(StoreInfo),
  /** Each failure as an error the page puts into words (in its language), naming the path. */
  failed: z.array(z.object({ store: StoreId, path: z.string(), error: ErrorData })),
  /** "Erase personal data": locations taken out of every library file and catalog row, read back. */
  places: z
    .object({
      files: z.number().int().min(0),
      rows: z.number().int().min(0),
      jobs: z.number().int().min(0),
      /** A file (by path) or the catalog that still holds a location or could not be cleaned. */
      left: z.array(z.object({ path: z.string(), error: ErrorData })),
    })
    .optional(),
  verifiedAt: z.string(),
});
export const RetentionApplied = z.object({ at: z.string(), trash: z.number().int(), logs: z.number().int(), usage: z.number().int(), diagnostics: z.number().int() });

/** What is on right now: the indicators on every screen follow this. */
export const DevicesOn = z.object({ camera: z.boolean(), microphone: z.boolean(), recording: z.boolean() });

/** The operating system's answer for one device, as Electron's systemPreferences.getMediaAccessStatus gives it. */
export const OsAccess = z.enum(['granted', 'denied', 'restricted', 'not-determined', 'unknown']);

export const privacyMethods = {
  'privacy.status': method(nothing, PrivacyStatus),
  'privacy.notice': method(
    z.object({ locale: z.string().max(20) }).strict(),
    z.object({ version: z.number().int(), date: z.string(), text: z.string(), history: z.array(NoticeChange) }),
  ),
  'privacy.decide': method(z.object({ accept: z.boolean(), features: z.array(PrivacyFeature).optional(), locale: z.string().max(20).optional() }).strict(), PrivacyStatus),
  'privacy.setAge': method(z.object({ minor: z.boolean(), pin: pin.optional() }).strict(), PrivacyStatus),
  'privacy.setGuardianPin': method(z.object({ pin }).strict(), PrivacyStatus),
  'privacy.setSwitch': method(z.object({ feature: PrivacyFeature, on: z.boolean(), pin: pin.optional() }).strict(), PrivacyStatus),
  'privacy.setRetention': method(z.object({ logs: days.optional(), usage: days.optional(), diagnostics: days.optional(), trash: days.optional() }).strict(), PrivacyStatus),
  'privacy.usage': method(z.object({ days: days.optional() }).strict(), z.object({ entries: z.array(UsageEntry) })),
  'privacy.exportUsage': method(nothing, z.object({ fileName: z.string(), ndjson: z.string() })),
  'privacy.devices': method(nothing, DevicesOn),
  /** Every store Darkslide keeps: where, how big, how many items; and what the last retention pass removed. */
  'privacy.stores': method(nothing, z.object({ stores: z.array(StoreInfo), libraryRoot: z.string(), dataDir: z.string(), retention: RetentionApplied.nullable() })),
  /** The files a store holds now (the first `limit`), to see what is there. */
  'privacy.storeFiles': method(
    z.object({ store: StoreId, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    z.object({ files: z.array(z.object({ path: z.string(), bytes: z.number().int().min(0) })), more: z.boolean() }),
  ),
  /**
   * What the operating system itself allows Darkslide (macOS and Windows keep a per-app camera and microphone
   * permission); `system: null` where the host cannot read it (Linux, the browser host).
   */
  'privacy.osAccess': method(nothing, z.object({ system: z.enum(['mac', 'windows']).nullable(), camera: OsAccess, microphone: OsAccess })),
  /** Opens the system's own privacy settings at the camera or microphone; false where there are none to open. */
  'privacy.openOsSettings': method(z.object({ device: z.enum(['camera', 'microphone']) }).strict(), z.object({ opened: z.boolean() })),
  /** Shows the store in the system's file manager; false where the host has none (the browser host). */
  'privacy.reveal': method(z.object({ store: StoreId }).strict(), z.object({ opened: z.boolean() })),
  /** One zip of the person's data into a folder they picked (files.pick folders), written whole or not at all. */
  'privacy.exportData': method(z.object({ folder: id }).strict(), z.object({ name: z.string(), bytes: z.number().int(), entries: z.number().int() })),
  /** Erases stores, personal data or everything (typed confirmation), then reads the disk back. */
  'privacy.erase': method(
    z.object({ scope: EraseScope, stores: z.array(StoreId).max(20).optional(), confirm: z.string().max(40).optional() }).strict(),
    EraseReport,
  ),
  /** The diagnostics bundle to read before saving: versions, machine, settings without personal data, redacted log tail. */
  'privacy.diagnostics': method(nothing, z.object({ summary: z.string(), log: z.string() })),
  /** Saves the bundle last shown (or a fresh one) as a zip into a picked folder. Never sent anywhere. */
  'privacy.saveDiagnostics': method(z.object({ folder: id }).strict(), z.object({ name: z.string(), bytes: z.number().int() })),
  /** Stops a running data export; its partial file is removed. */
  'privacy.cancelExport': method(nothing, nothing),
  /** Every bundled third-party package and data set with its licence (generated at build time). */
  'privacy.openSource': method(
    nothing,
    z.object({
      packages: z.array(z.object({ name: z.string(), version: z.string(), license: z.string(), homepage: z.string().nullable(), text: z.string().nullable(), usedBy: z.enum(['app', 'window']) })),
      dataSets: z.array(z.object({ name: z.string(), files: z.array(z.string()), source: z.string(), license: z.string(), attribution: z.string(), url: z.string() })),
    }),
  ),
};

export const privacyEvents = {
  'privacy.devices': DevicesOn,
  'privacy.changed': PrivacyStatus,
  /** A data export or an erase under way. */
  'privacy.progress': z.object({ task: z.enum(['export', 'erase']), done: z.number().int(), total: z.number().int() }),
};
