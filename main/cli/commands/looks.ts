import path from 'node:path';
import * as looks from '../../looks/index.ts';
import { catalogues, type MessageId } from '../../shared/i18n/index.ts';
import { t } from '../locale.ts';
import { parse, parseWithPositionals, print, table, UsageError, useUserLooks } from '../support.ts';
import { usageEntry } from '../usage-text.ts';
import type { Command } from './command.ts';

/** A built-in camera's description is in the catalogue in both languages; an imported one has only its own. */
function description(look: { id: string; description: string }): string {
  const id = `look.${look.id}.description`;
  return Object.hasOwn(catalogues.en, id) ? t(id as MessageId) : look.description;
}

export const looksCommand: Command = {
  name: 'looks',
  usage: () =>
    [
      usageEntry('  darkslide looks [--json]', t('cli.usage.looks')),
      usageEntry('  darkslide looks export <id> <file.cube>', t('cli.usage.looks-export')),
      usageEntry('  darkslide looks import <file> [--name N] [--base <camera id>]', t('cli.usage.looks-import')),
    ].join('\n'),
  async run(args) {
    useUserLooks();
    const [sub, ...rest] = args;
    if (sub === 'export') {
      const [id, file, ...extra] = rest;
      if (!id || !file || extra.length) throw new UsageError(t('cli.looks.export-needs'));
      looks.exportCube(id, path.resolve(file));
      process.stdout.write(`${t('cli.looks.wrote', { file: path.resolve(file) })}\n`);
      return;
    }
    if (sub === 'import') {
      const { values, positionals } = parseWithPositionals(rest, { name: { type: 'string' }, base: { type: 'string' }, json: { type: 'boolean' } });
      if (positionals.length !== 1) throw new UsageError(t('cli.looks.import-needs'));
      const summary = await looks.importLut(path.resolve(positionals[0]!), { name: values.name, baseLookId: values.base });
      print(values, summary, () => t('cli.looks.imported', { name: summary.name, id: summary.id }));
      return;
    }
    const flags = parse(args, {});
    const list = looks.listLooks();
    print(flags, list, () => table(list.map((look) => [look.id, look.name, description(look)])));
  },
};
