// The export job: album items written to a folder (main/export) with the metadata a policy allows, each file
// read back and checked before it gets its name. Progress, cancel and crash recovery come from the jobs engine;
// a redone item whose file is already in the folder, byte for byte, is "already there" (a crash between the
// file's rename and the journal's record makes no duplicate).
//
// Privacy: whether an export may keep a location is the privacy service's answer (an under-18 without the
// guardian's confirmation never exports one), asked for every item as it is written, not when the job began:
// the app and the command set the rule (setExportLocationRule); with no rule set, location is never kept.
import { z } from 'zod';
import type { ItemContext, JobKind } from '../../jobs/index.ts';
import type { Library } from '../../library/index.ts';
import { exportFile, EXTENSIONS, PHOTO_FORMATS, sourceRecord, sweepPartials, type FileCheck, type PhotoFormat } from '../../export/index.ts';
import { applyPolicy, METADATA_POLICIES, readMetadata, type MetadataPolicy } from '../../metadata/index.ts';
import type { Privacy } from '../../privacy/index.ts';
import { DarkslideError } from '../../shared/errors/index.ts';
import { captureTexts, checkTemplate, DEFAULT_TEMPLATE, exportStem, parseIsoCapture, seqText, stemOf, TEMPLATE_FIELDS } from '../../shared/export/names.ts';

export const ExportParams = z
  .object({
    /** The destination folder (resolved from the person's choice; never a path the page wrote). */
    folder: z.string().min(1),
    variant: z.enum(['developed', 'original']),
    format: z.enum(PHOTO_FORMATS as [string, ...string[]]),
    longEdge: z.number().int().min(16).max(65_535).nullable(),
    quality: z.number().int().min(1).max(100),
    nameTemplate: z.string(),
    policy: z.enum(METADATA_POLICIES as [MetadataPolicy, ...MetadataPolicy[]]),
  })
  .strict();
export type ExportParams = z.output<typeof ExportParams> & { format: (typeof PHOTO_FORMATS)[number] };

/**
 * One album item: its album file name (what progress shows), the name stem it gets (the template filled from
 * the catalog, so every name is known before any work: planExport) and the collision number to start from.
 */
export type ExportInput = { itemId: string; name: string; stem: string; first: number };

/** What a finished item reports (kept in the journal, listed by export.results). */
export type ExportItemResult = {
  file: string;
  bytes: number;
  variant: 'developed' | 'original';
  /** The policy the file was written with: the one asked for, or no-location when privacy withheld it. */
  policy: MetadataPolicy;
  /** Why the location was left out although the policy would keep it ('minor-without-guardian', ...). */
  locationWithheld: string | null;
  /** An original was asked for, but the album keeps none for this item: its developed file was exported. */
  noOriginal: boolean;
  check: FileCheck;
};

// ---- privacy ---------------------------------------------------------------------------------------------------

export type ExportLocationRule = () => { keepsLocation: boolean; reason: string | null };
let locationRule: ExportLocationRule | null = null;

/** The app and the command give the privacy service's answer here; returns the function that takes it back. */
export function setExportLocationRule(rule: ExportLocationRule): () => void {
  locationRule = rule;
  return () => {
    if (locationRule === rule) locationRule = null;
  };
}

/** The policy a file is written with now: location-keeping policies fall back to no-location when privacy says so. */
export function effectivePolicy(asked: MetadataPolicy): { policy: MetadataPolicy; withheld: string | null } {
  if (asked !== 'keep' && asked !== 'coarse') return { policy: asked, withheld: null };
  const answer = locationRule?.() ?? { keepsLocation: false, reason: 'privacy-unknown' };
  return answer.keepsLocation ? { policy: asked, withheld: null } : { policy: 'no-location', withheld: answer.reason ?? 'privacy' };
}

// ---- settings ----------------------------------------------------------------------------------------------------

/** A template's problem as the error the person reads. */
export function templateError(template: string): DarkslideError | null {
  const problem = checkTemplate(template);
  if (!problem) return null;
  switch (problem.problem) {
    case 'empty':
      return new DarkslideError('export.template-empty', { example: DEFAULT_TEMPLATE });
    case 'too-long':
      return new DarkslideError('export.template-too-long', { max: problem.max });
    case 'unknown-field':
      return new DarkslideError('export.template-field', { field: problem.field, fields: TEMPLATE_FIELDS.map((field) => `{${field}}`).join(', ') });
    case 'unclosed':
      return new DarkslideError('export.template-brace', { template });
  }
}

function parseParams(raw: unknown): ExportParams {
  const parsed = ExportParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DarkslideError('job.invalid-settings', { field: issue?.path.join('.') || 'params', problem: issue?.message ?? 'bad value' });
  }
  const problem = templateError(parsed.data.nameTemplate);
  if (problem) throw problem;
  return parsed.data as ExportParams;
}

// ---- the work ------------------------------------------------------------------------------------------------------

/** Folders this process has already cleared of dead exports' temporary files. */
const swept = new Set<string>();

/** The folders recent exports wrote to, cleared of what killed exports left (the app calls this at start). */
export async function sweepExportFolders(library: Library): Promise<number> {
  let removed = 0;
  for (const job of await library.jobs.list()) {
    const folder = job.kind === 'export' ? (job.params as { folder?: unknown } | null)?.folder : undefined;
    if (typeof folder !== 'string' || swept.has(folder)) continue;
    swept.add(folder);
    removed += await sweepPartials(folder);
  }
  return removed;
}

/**
 * The items of an export, in the order given: names filled from the album's catalog ({date} and {time} as the
 * album shows the shot, {seq} its place in the selection). Items that end up with the same name are numbered
 * in their order ("trip.jpg", "trip (2).jpg"), whichever finishes first.
 */
export async function planExport(library: Library, ids: string[], settings: { nameTemplate: string; format: string }): Promise<ExportInput[]> {
  const problem = templateError(settings.nameTemplate);
  if (problem) throw problem;
  const seen = new Map<string, number>();
  const inputs: ExportInput[] = [];
  for (const [i, itemId] of ids.entries()) {
    const item = await library.get(itemId);
    const capture = item ? parseIsoCapture(item.takenAt) : null;
    const { date, time } = capture ? captureTexts(capture.takenAt, capture.utcOffsetMinutes) : { date: '', time: '' };
    const ext = item?.kind === 'video' ? EXTENSIONS.mp4 : EXTENSIONS[settings.format as PhotoFormat] ?? EXTENSIONS.jpeg;
    const name = item?.fileName ?? itemId;
    const stem = exportStem(settings.nameTemplate, { date, time, camera: item?.lookName ?? '', seq: seqText(i + 1, ids.length), original: stemOf(name) }, ext);
    // Case-insensitive: "Trip.jpg" and "trip.jpg" are one file on macOS and Windows.
    const key = `${stem}${ext}`.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    inputs.push({ itemId, name, stem, first: count });
  }
  return inputs;
}

async function exportOne(input: ExportInput, { params, signal, library }: ItemContext<ExportParams>): Promise<{ result: ExportItemResult; skipped?: string }> {
  if (!swept.has(params.folder)) {
    swept.add(params.folder);
    await sweepPartials(params.folder);
  }
  const item = await library.get(input.itemId);
  if (!item) throw new DarkslideError('album.item-not-found', { id: input.itemId });
  const useOriginal = params.variant === 'original' && item.kind === 'photo' && item.hasOriginal;
  const source = await library.mediaPath(item.id, useOriginal ? 'undeveloped' : 'original');
  // A file exiftool cannot read still exports, with what the album knows about it.
  const tags = await readMetadata(source).catch(() => ({}));
  const record = sourceRecord(tags, { takenAt: item.takenAt, lookName: item.lookName, location: item.location });
  const { policy, withheld } = effectivePolicy(params.policy);
  if (signal.aborted) throw new DarkslideError('job.cancelled');
  const written = await exportFile({
    source,
    sourceName: item.fileName,
    kind: item.kind,
    folder: params.folder,
    stem: input.stem,
    first: input.first,
    record: applyPolicy(record, policy),
    photo: { format: params.format, quality: params.quality, longEdge: params.longEdge },
    signal,
  });
  const result: ExportItemResult = {
    file: written.name,
    bytes: written.bytes,
    variant: useOriginal ? 'original' : 'developed',
    policy,
    locationWithheld: withheld,
    noOriginal: params.variant === 'original' && !useOriginal,
    check: written.check,
  };
  return written.alreadyThere ? { result, skipped: 'already-there' } : { result };
}

export const exportKind: JobKind<ExportParams, ExportInput> = {
  kind: 'export',
  // Two at a time on two cores: one file encodes while the other is written, tagged and read back.
  concurrency: 2,
  params: parseParams,
  label: (input) => input.name,
  run: exportOne,
};

/** The privacy service's answer as the export's rule: an adult (or a guardian's confirmation) may keep a location. */
export function exportLocationRuleOf(privacy: Privacy): ExportLocationRule {
  return () => {
    const keepsLocation = privacy.locationPolicy().exportKeepsLocation;
    if (keepsLocation) return { keepsLocation, reason: null };
    return { keepsLocation, reason: privacy.status().age === 'minor' ? 'minor-without-guardian' : 'age-unknown' };
  };
}
