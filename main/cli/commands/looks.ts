import path from 'node:path';
import { parseArgs } from 'node:util';
import * as looks from '../../looks/index.ts';
import { parse, print, table, UsageError, useUserLooks } from '../support.ts';
import type { Command } from './command.ts';

export const looksCommand: Command = {
  name: 'looks',
  usage: `  darkslide looks [--json]                        list the film cameras (looks)
  darkslide looks export <id> <file.cube>         write a camera's colour as a .cube LUT
  darkslide looks import <file> [--name N] [--base <camera id>]
                                                  add a .cube/.3dl/HaldCLUT as a new camera`,
  async run(args) {
    useUserLooks();
    const [sub, ...rest] = args;
    if (sub === 'export') {
      const [id, file, ...extra] = rest;
      if (!id || !file || extra.length) throw new UsageError('looks export needs a camera id and a .cube file name.');
      looks.exportCube(id, path.resolve(file));
      process.stdout.write(`Wrote ${path.resolve(file)}\n`);
      return;
    }
    if (sub === 'import') {
      const { values, positionals } = parseArgs({ args: rest, options: { name: { type: 'string' }, base: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new UsageError('looks import needs exactly one LUT file (.cube, .3dl, HaldCLUT .png/.tif).');
      const summary = await looks.importLut(path.resolve(positionals[0]!), { name: values.name, baseLookId: values.base });
      print(values, summary, () => `Imported ${summary.name} as ${summary.id}`);
      return;
    }
    const flags = parse(args, {});
    const list = looks.listLooks();
    print(flags, list, () => table(list.map((look) => [look.id, look.name, look.description])));
  },
};
