// Privacy: the notice and consent, the under-18 answer and guardian PIN, the camera/microphone/location
// switches, the usage record, and which devices are on right now (for the indicators on every screen).
import { z } from 'zod';
import { method, nothing } from './define.ts';

export const PrivacyFeature = z.enum(['camera', 'microphone', 'location']);
const texts = z.object({ en: z.string(), zh: z.string() });
const NoticeChange = z.object({ version: z.number().int(), date: z.string(), concerns: z.array(PrivacyFeature), summary: texts });
const FeatureStatus = z.object({ consented: z.boolean(), switchOn: z.boolean(), on: z.boolean(), blockedBy: z.string().nullable() });
const pin = z.string().max(32);
const days = z.number().int().min(1).max(365);

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

/** What is on right now: the indicators on every screen follow this. */
export const DevicesOn = z.object({ camera: z.boolean(), microphone: z.boolean(), recording: z.boolean() });

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
};
