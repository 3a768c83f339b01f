// The house's layers as one lint rule that resolves each relative import to the folder it lands in, so a
// file's kind (where it lives) decides what it may depend on, however deep it sits. Bare package names are
// checked only where a kind is limited to a few packages (main/shared).
//
//   main/shared     runs in the page and in Node: imports only main/shared, zod and FormatJS
//   main/<service>  plain Node: never the shell, the app, the transports, the CLI or the contract
//   main/app, main/cli, main/transport, main/electron: may use services and the contract
//   renderer        only renderer and main/shared
//   preload         only main/shared (and electron, checked by no-restricted-imports)
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const WIRING = new Set(['app', 'cli', 'transport', 'electron']);
const SHARED_PACKAGES = /^(zod|@formatjs\/[\w-]+|intl-messageformat)(\/|$)/;

/** 'shared' | 'service:<name>' | 'wiring:<name>' | 'renderer' | 'preload' | null (tests, scripts: unrestricted). */
function kindOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'renderer') return 'renderer';
  if (rel[0] === 'preload') return 'preload';
  if (rel[0] !== 'main' || rel.length < 3) return null;
  if (rel[1] === 'shared') return 'shared';
  return WIRING.has(rel[1]) ? `wiring:${rel[1]}` : `service:${rel[1]}`;
}

function refusal(from, to, target) {
  const rel = path.relative(root, target).split(path.sep).join('/');
  const into = (prefix) => rel === prefix || rel.startsWith(`${prefix}/`);
  if (from === 'shared' && to !== 'shared') return 'main/shared runs in the page and in Node: it may import only main/shared, zod and FormatJS.';
  if (from === 'renderer' && to !== 'renderer' && to !== 'shared') return 'The renderer may import only main/shared (contract, look maths, messages), never a service.';
  if (from === 'preload' && to !== 'shared' && to !== 'preload') return 'The preload bridge may import only main/shared.';
  if (from.startsWith('service:')) {
    if (to?.startsWith('wiring:')) return 'A service is plain Node: it does not know the shell, the app, the transports or the CLI. main/app wires it.';
    if (into('main/shared/contract')) return 'A service does not know the contract: main/app maps it to the API. Shared errors, messages and look maths are fine.';
  }
  if (to === 'wiring:electron' && from !== 'wiring:electron') return 'Only main/electron reaches into the Electron shell.';
  return null;
}

const layers = {
  meta: { type: 'problem', schema: [], docs: { description: 'Imports follow the house layers by file kind' } },
  create(context) {
    const from = kindOf(context.filename);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        // Tests run in Node only: they may use the test runner.
        if (from === 'shared' && !SHARED_PACKAGES.test(spec) && !(context.filename.endsWith('.test.ts') && spec === 'vitest')) context.report({ node, message: `main/shared may import only main/shared, zod and FormatJS, not "${spec}".` });
        return;
      }
      const target = path.resolve(path.dirname(context.filename), spec);
      const message = refusal(from, kindOf(target), target);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers } };
