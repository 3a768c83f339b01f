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
import { libraryPaths, numberFlag, print, UsageError, parseWithPositionals, withLibrary } from '../support.ts';
import type { Command } from './command.ts';

type Item = ReturnType<typeof exportItemOf>;

const WITHHELD: Record<string, string> = {
  'minor-without-guardian': 'the privacy settings say this is someone under 18 without a guardian’s confirmation',
  'age-unknown': 'Darkslide has no answer yet to whether you are over 18 (answer it in the app, for this album)',
  'privacy-unknown': 'the privacy settings could not be read',
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
  const parts = [holds.captureTime && 'capture time', holds.device && 'camera', holds.software && 'software', holds.description && 'description'].filter(Boolean) as string[];
  if (holds.location) parts.push(`place ${holds.location.latitude.toFixed(4)}, ${holds.location.longitude.toFixed(4)}${holds.location.accuracy ? ` (±${holds.location.accuracy} m)` : ''}`);
  return `${item.check!.tags} tags read back: ${parts.length ? parts.join(', ') : 'nothing personal'}`;
}

export const exportCommand: Command = {
  name: 'export',
  usage: `  darkslide export <item ids... | --all> --out DIR [--format jpeg|png|tiff|webp|avif] [--long-edge PX]
      [--quality N] [--name TEMPLATE] [--metadata keep|no-location|coarse|none] [--original] [--library DIR] [--json]
                                                  export album items to a folder (a job: Ctrl-C pauses, the same
                                                  command continues); every file is read back and checked.
                                                  --name: {date} {time} {camera} {seq} {original} (default ${DEFAULT_TEMPLATE});
                                                  --metadata: keep everything, everything but location (default),
                                                  location rounded to ~1 km, or nothing personal`,
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
    if (!values.out) throw new UsageError('export needs --out DIR: the folder the files go to.');
    if (values.all && positionals.length > 0) throw new UsageError('export takes item ids or --all, not both.');
    if (!values.all && positionals.length === 0) throw new UsageError('export needs item ids (see `darkslide library`) or --all.');
    const format = values.format ?? 'jpeg';
    if (!(PHOTO_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${PHOTO_FORMATS.join(', ')}, got "${format}".`);
    const policy = (values.metadata ?? 'no-location') as MetadataPolicy;
    if (!METADATA_POLICIES.includes(policy)) throw new UsageError(`--metadata must be one of ${METADATA_POLICIES.join(', ')}, got "${values.metadata}".`);
    const nameTemplate = values.name ?? DEFAULT_TEMPLATE;
    const problem = templateError(nameTemplate);
    if (problem) throw new UsageError(`--name: ${problem.message}`);
    const settings = {
      variant: values.original ? ('original' as const) : ('developed' as const),
      format,
      longEdge: numberFlag('long-edge', values['long-edge'], 16, 65_535) ?? null,
      quality: numberFlag('quality', values.quality, 1, 100) ?? 90,
      nameTemplate,
      policy,
    };
    if (!Number.isInteger(settings.quality) || (settings.longEdge !== null && !Number.isInteger(settings.longEdge))) throw new UsageError('--quality and --long-edge take whole numbers.');
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
        if (ids.length === 0) throw new UsageError('The album is empty: nothing to export.');
        for (const id of new Set(ids)) if (!(await library.get(id))) throw new UsageError(`There is no album item "${id}" (see \`darkslide library\`).`);
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
      if (withheld) process.stderr.write(`darkslide: location left out: ${WITHHELD[withheld] ?? withheld}.\n`);
      for (const item of items) if (item.error) process.stderr.write(`darkslide: ${item.error.message}\n`);
      const written = items.filter((item) => item.state === 'done').length;
      const already = items.filter((item) => item.alreadyThere).length;
      print(values, { job, folder, settings: { ...settings, policy }, items }, () => {
        if (job.state === 'paused') return `Paused after ${job.done} of ${job.total}: run the same command again to continue.`;
        const lines = items.map((item) => (item.error ? `✗ ${item.label}: ${item.error.code}` : `✓ ${item.file}${item.alreadyThere ? ' (already there, the same bytes)' : ''}  ${holdsText(item)}`));
        lines.push(
          `Exported ${written} of ${job.total} to ${folder}${already ? `, ${already} already there` : ''}${job.failed ? `, ${job.failed} failed (see above)` : ''}. ` +
            `Every file was read back: ${job.failed && items.some((item) => item.error?.code === 'export.metadata-leak') ? 'some held more than the metadata setting allows and were not kept' : 'none holds more than the metadata setting allows'}.`,
        );
        return lines.join('\n');
      });
      if (job.failed) throw Object.assign(new Error(`${job.failed} of ${job.total} items could not be exported.`), { code: 'partial', silent: true });
    } finally {
      stopRule();
      privacy.close();
    }
  },
};
