#!/usr/bin/env node
// Darkslide's command line. It runs the TypeScript sources directly on Node 24
// (type stripping); when started by an older Node it hands over to the Node 24
// that npm installed with the project, so `npx darkslide` works everywhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`darkslide: Node ${process.versions.node} is too old (Darkslide needs Node 24). Run \`npm install\` in ${root}, then use \`npx darkslide\`.`);
    process.exit(2);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
