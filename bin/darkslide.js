#!/usr/bin/env node
// Darkslide's command line. It runs the TypeScript sources directly on Node 24
// (type stripping); when started by an older Node it hands over to the Node 24
// that npm installed with the project, so `npx darkslide` works everywhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    // The one message that cannot come from the catalogue (main/shared/i18n): this Node cannot load TypeScript.
    // Its language is chosen as main/cli/locale.ts chooses: LC_ALL over LC_MESSAGES over LANG, any Chinese.
    const setting = [process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG].find((value) => value) ?? '';
    const chinese = /^zh([_-]|$)/i.test(setting.split(/[.@]/)[0]);
    console.error(
      chinese
        ? `darkslide：Node ${process.versions.node} 版本过旧（Darkslide 需要 Node 24）。请在 ${root} 中运行 \`npm install\`，然后使用 \`npx darkslide\`。`
        : `darkslide: Node ${process.versions.node} is too old (Darkslide needs Node 24). Run \`npm install\` in ${root}, then use \`npx darkslide\`.`,
    );
    process.exit(2);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
// Node keeps each module's type-stripped, compiled form on disk: from the second run on, starting a command
// costs about a second less CPU. The cache is code, not the person's data, so it lives with the install
// (node_modules/.cache, like other tools' caches; NODE_COMPILE_CACHE overrides it), never in their folders or
// TMPDIR; where the install is read-only Node just runs without it. The pixel workers inherit the directory.
const cache = nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || path.join(root, 'node_modules', '.cache', 'darkslide-compile'));
if (cache?.directory) process.env.NODE_COMPILE_CACHE = cache.directory;
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
