import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertWritableFolder, PHOTO_FORMATS, sweepPartials } from '../../export/index.ts';
import type { Library, ListPage } from '../../library/index.ts';
import { METADATA_POLICIES, type MetadataPolicy } from '../../metadata/index.ts';
import { openPrivacy } from '../../privacy/index.ts';
import { DEFAULT_TEMPLATE } from '../../shared/export/names.ts';
import { exportItemOf } from '../../app/handlers/export.ts';
import { exportLocationRuleOf, planExport, setExportLocationRule, sweepExportFolders, templateError } from '../../app/jobs/export.ts';
import { runJob } from '../run-job.ts';
import { errorWords, t } from '../locale.ts';
import { libraryPaths, numberFlag, partialFailure, pausedLine, print, UsageError, parseWithPositionals, withLibrary } from '../support.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

type Item = ReturnType<typeof exportItemOf>;

/** Why a location was left out, as the catalogue's select names it (ICU selectors cannot hold a hyphen). */
const WITHHELD: Record<string, string> = {
  'minor-without-guardian': 'minorWithoutGuardian',
  'age-unknown': 'ageUnknown',
  'privacy-unknown': 'privacyUnknown',
};

async function allItems(library: Library): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ListPage = await library.list({ limit: 500, ...(cursor ? { before: cursor } : {}) });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** What reading a file back found, in words: "14 tags: capture time, camera, place 38.7127, -9.1371 (±1000 m)". */
function holdsText(item: Item): string {
  const holds = item.check?.holds;
  if (!holds) return '';
  const parts = [
    holds.captureTime && t('cli.export.holds.capture-time'),
    holds.device && t('cli.export.holds.device'),
    holds.software && t('cli.export.holds.software'),
    holds.description && t('cli.export.holds.description'),
  ].filter(Boolean) as string[];
  if (holds.location) {
    const place = t('cli.export.holds.place', { latitude: holds.location.latitude.toFixed(4), longitude: holds.location.longitude.toFixed(4) });
    parts.push(holds.location.accuracy ? `${place} ${t('cli.export.holds.accuracy', { metres: holds.location.accuracy })}` : place);
  }
  return t('cli.export.holds', { tags: item.check!.tags, what: parts.length ? parts.join(t('cli.list-separator')) : t('cli.export.holds.nothing') });
}

export const exportCommand: Command = {
  name: 'export',
  usage: () =>
    usageEntry(
      `  darkslide export <item ids... | --all> --out DIR [--format jpeg|png|tiff|webp|avif] [--long-edge PX]
      [--quality N] [--name TEMPLATE] [--metadata keep|no-location|coarse|none] [--original] [--library DIR] [--json]`,
      t('cli.usage.export', { fields: '{date} {time} {camera} {seq} {original}', template: DEFAULT_TEMPLATE }),
    ),
  async run(args) {
    const { values, positionals } = parseWithPositionals(args, {
        all: { type: 'boolean' },
        out: { type: 'string' },
        format: { type: 'string' },
        'long-edge': { type: 'string' },
        quality: { type: 'string' },
        name: { type: 'string' },
        metadata: { type: 'string' },
        original: { type: 'boolean' },
        library: { type: 'string' },
        json: { type: 'boolean' },
    });
    if (!values.out) throw new UsageError(t('cli.needs', { command: 'export', what: `--out DIR (${t('cli.export.out-what')})` }));
    if (values.all && positionals.length > 0) throw new UsageError(t('cli.export.ids-or-all'));
    if (!values.all && positionals.length === 0) throw new UsageError(t('cli.needs-see', { command: 'export', what: '<item ids> | --all', see: '`darkslide library`' }));
    const format = values.format ?? 'jpeg';
    if (!(PHOTO_FORMATS as readonly string[]).includes(format)) throw new UsageError(t('cli.bad-choice', { name: 'format', choices: PHOTO_FORMATS.join(t('cli.list-separator')), value: format }));
    const policy = (values.metadata ?? 'no-location') as MetadataPolicy;
    if (!METADATA_POLICIES.includes(policy)) throw new UsageError(t('cli.bad-choice', { name: 'metadata', choices: METADATA_POLICIES.join(t('cli.list-separator')), value: String(values.metadata) }));
    const nameTemplate = values.name ?? DEFAULT_TEMPLATE;
    const problem = templateError(nameTemplate);
    if (problem) throw new UsageError(`--name: ${errorWords(problem)}`);
    const settings = {
      variant: values.original ? ('original' as const) : ('developed' as const),
      format,
      longEdge: numberFlag('long-edge', values['long-edge'], 16, 65_535) ?? null,
      quality: numberFlag('quality', values.quality, 1, 100) ?? 90,
      nameTemplate,
      policy,
    };
    if (!Number.isInteger(settings.quality) || (settings.longEdge !== null && !Number.isInteger(settings.longEdge))) throw new UsageError(t('cli.export.whole-numbers'));
    const folder = path.resolve(values.out);
    await mkdir(folder, { recursive: true }).catch(() => undefined);
    await assertWritableFolder(folder);

    // Privacy is the album's (the app answers it for the library it opens): whether a location may leave.
    const privacy = openPrivacy(libraryPaths(values.library).dataDir);
    const rule = exportLocationRuleOf(privacy);
    const stopRule = setExportLocationRule(rule);
    try {
      const outcome = await withLibrary({ library: values.library }, async (library) => {
        const ids = values.all ? await allItems(library) : positionals;
        if (ids.length === 0) throw new UsageError(t('cli.export.empty'));
        for (const id of new Set(ids)) if (!(await library.get(id))) throw new UsageError(t('cli.export.no-item', { id, see: '`darkslide library`' }));
        await sweepExportFolders(library);
        await sweepPartials(folder);
        const inputs = await planExport(library, ids, settings);
        const { job } = await runJob(library, 'export', { folder, ...settings }, inputs, { quiet: Boolean(values.json) });
        const items: Item[] = [];
        for (let offset = 0; offset < job.total; offset += 500) {
          const page = await library.jobs.settled(job.jobId, offset, 500);
          items.push(...page.items.map(exportItemOf));
          if (page.items.length === 0) break;
        }
        return { job, items };
      });
      const { job, items } = outcome;
      const withheld = items.find((item) => item.locationWithheld)?.locationWithheld;
      if (withheld) process.stderr.write(`darkslide: ${t('cli.export.location-left-out', { reason: t('cli.export.withheld', { why: WITHHELD[withheld] ?? withheld }) })}\n`);
      for (const item of items) if (item.error) process.stderr.write(`darkslide: ${errorWords(item.error)}\n`);
      const written = items.filter((item) => item.state === 'done').length;
      const already = items.filter((item) => item.alreadyThere).length;
      print(values, { job, folder, settings: { ...settings, policy }, items }, () => {
        if (job.state === 'paused') return pausedLine(job);
        const lines = items.map((item) => (item.error ? `✗ ${item.label}: ${item.error.code}` : `✓ ${item.file}${item.alreadyThere ? ` ${t('cli.export.already-there')}` : ''}  ${holdsText(item)}`));
        const leak = job.failed > 0 && items.some((item) => item.error?.code === 'export.metadata-leak');
        lines.push(t('cli.export.done', { written, total: job.total, folder, already, failed: job.failed }) + t('cli.export.checked', { leak: leak ? 'yes' : 'no' }));
        return lines.join('\n');
      });
      if (job.failed) throw partialFailure(job, 'exported');
    } finally {
      stopRule();
      privacy.close();
    }
  },
};
