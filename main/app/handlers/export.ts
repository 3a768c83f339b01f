import type { exportMethods, ExportItemT } from '../../shared/contract/methods/export.ts';
import { assertWritableFolder } from '../../export/index.ts';
import type { Privacy } from '../../privacy/index.ts';
import { exportLocationRuleOf, planExport, type ExportItemResult } from '../jobs/export.ts';
import type { AppContext, DomainHandlers } from './context.ts';

/** A journal item of an export job as the report lists it. */
export function exportItemOf(item: { seq: number; label: string; state: string; result: unknown; error: ExportItemT['error'] | null }): ExportItemT {
  // A skipped item's result is { reason, value } (the engine keeps why it was skipped beside what it made).
  const raw = item.result as (ExportItemResult & { value?: ExportItemResult; reason?: string }) | null;
  const result = raw?.value ?? (raw && 'file' in raw ? raw : null);
  return {
    seq: item.seq,
    label: item.label,
    state: item.state === 'failed' ? 'failed' : item.state === 'skipped' ? 'skipped' : 'done',
    alreadyThere: raw?.reason === 'already-there',
    ...(result
      ? {
          file: result.file,
          bytes: result.bytes,
          variant: result.variant,
          policy: result.policy,
          locationWithheld: result.locationWithheld,
          noOriginal: result.noOriginal,
          check: { tags: result.check.tags, holds: result.check.holds },
        }
      : {}),
    ...(item.error ? { error: item.error } : {}),
  };
}

export function exportHandlers({ jobs, library, files }: AppContext, privacy: Privacy): DomainHandlers<typeof exportMethods> {
  const rule = exportLocationRuleOf(privacy);
  return {
    'export.options': () => rule(),
    async 'export.start'({ ids, folder, ...settings }) {
      const chosen = files.resolve(folder, { kind: 'folder', access: 'write' });
      // An unwritable or missing folder is one error before any work, not one per file.
      await assertWritableFolder(chosen.path, chosen.name);
      const inputs = await planExport(library, ids, settings);
      return jobs.start('export', { folder: chosen.path, ...settings }, inputs);
    },
    async 'export.results'({ jobId, offset, limit }) {
      await jobs.get(jobId);
      const page = await library.jobs.settled(jobId, offset ?? 0, limit ?? 200);
      return { items: page.items.map(exportItemOf), total: page.total };
    },
  };
}
