// Exporting album items to a folder the person chose in the host's picker (a files-domain handle of kind
// 'folder'), as a job: job.progress events while it runs, job.cancel to stop it, then export.results lists
// every file with what reading it back found. export.options says beforehand whether an export may keep a
// location (privacy: not for an under-18 without the guardian's confirmation).
import { z } from 'zod';
import { id, method, nothing } from './define.ts';
import { JobProgress } from './jobs.ts';

export const ExportFormat = z.enum(['jpeg', 'png', 'tiff', 'webp', 'avif']);
export const ExportPolicy = z.enum(['keep', 'no-location', 'coarse', 'none']);

export const ExportSettings = z
  .object({
    ids: z.array(id).min(1).max(100_000),
    /** A folder handle from files.pick({ purpose: 'export', folders: true }). */
    folder: id,
    /** The album's developed photo, or the original it was developed from (where one is kept). */
    variant: z.enum(['developed', 'original']),
    /** For photos; videos are always MP4. */
    format: ExportFormat,
    /** Longest side in pixels (never enlarged); null keeps the size. */
    longEdge: z.number().int().min(16).max(65_535).nullable(),
    /** 1-100, for JPEG, WebP and AVIF. */
    quality: z.number().int().min(1).max(100),
    /** {date} {time} {camera} {seq} {original} and any text (main/shared/export/names.ts). */
    nameTemplate: z.string().min(1).max(200),
    policy: ExportPolicy,
  })
  .strict();

const ErrorData = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const ExportFileCheck = z.object({
  /** Tags read back from the file (every group). */
  tags: z.number(),
  /** What they say, as read back. */
  holds: z.object({
    captureTime: z.boolean(),
    device: z.boolean(),
    software: z.boolean(),
    description: z.boolean(),
    location: z.object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().optional() }).nullable(),
  }),
});

export const ExportItem = z.object({
  seq: z.number(),
  /** The album file it came from. */
  label: z.string(),
  state: z.enum(['done', 'skipped', 'failed']),
  /** The name in the folder. */
  file: z.string().optional(),
  bytes: z.number().optional(),
  variant: z.enum(['developed', 'original']).optional(),
  /** The policy it was written with (no-location when privacy withheld the place). */
  policy: ExportPolicy.optional(),
  locationWithheld: z.string().nullable().optional(),
  noOriginal: z.boolean().optional(),
  /** The same file, byte for byte, was already in the folder. */
  alreadyThere: z.boolean(),
  check: ExportFileCheck.optional(),
  /** Why it failed: what slipped through (export.metadata-leak), a full disk, an unreadable source. */
  error: ErrorData.optional(),
});

export const exportMethods = {
  'export.options': method(nothing, z.object({ keepsLocation: z.boolean(), reason: z.string().nullable() })),
  'export.start': method(ExportSettings, JobProgress),
  'export.results': method(
    z.object({ jobId: id, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    z.object({ items: z.array(ExportItem), total: z.number() }),
  ),
};

export type ExportSettingsT = z.output<typeof ExportSettings>;
export type ExportItemT = z.output<typeof ExportItem>;
