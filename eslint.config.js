// Lint, including the house's layering rules. Dependencies point one way:
// renderer -> contract <- app -> services; only main/electron and preload may
// touch Electron. These rules are what keeps the services testable without
// the Electron binary and the renderer free of Node.
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electronOnly = { name: 'electron', message: 'Only main/electron/ and preload/ may import electron: services must run in plain Node.' };

export default tseslint.config(
  // AssemblyScript (*.as.ts) is checked by its own compiler: scripts/build-wasm.ts.
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'dist/**', '**/*.as.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [{ group: ['**/electron/**'], message: 'Services never reach into the Electron shell.' }] }] },
  },
  {
    files: ['main/capture/**', 'main/looks/**', 'main/library/**', 'main/metadata/**', 'main/settings/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            { group: ['**/electron/**', '**/app/**', '**/transport/**', '**/contract/**'], message: 'A service is plain Node: it does not know the contract, the transports or the shell. main/app wires it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/contract/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, ...nodeBuiltins.map((name) => ({ name, message: 'The contract runs in the renderer too: no Node built-ins.' }))],
          patterns: [{ regex: '^(\\.\\./)+(camera|looks|library|metadata|app|electron|transport|cli)/', message: 'The contract depends on nothing in main/ but itself.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: it reaches main only through the contract client.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' }))],
          patterns: [
            {
              regex: '^(\\.\\./)+main/(?!contract/)',
              message: 'The renderer may import only main/contract, never a service.',
            },
          ],
        },
      ],
    },
  },
);
