// Lint, including the house's layering rules, by kind of file. Dependencies
// point one way: renderer -> main/shared <- app -> services; only main/electron
// and preload may touch Electron. main/shared (the contract, the look maths and
// schemas both sides use, the error codes and the message catalogue) runs in the
// page and in Node alike, so it may use neither. These rules keep the services
// testable without the Electron binary and the renderer free of Node.
import js from '@eslint/js';
import formatjs from 'eslint-plugin-formatjs';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import house from './scripts/lint/layers.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// Globals of one side only (fetch, WebSocket, URL and TextEncoder are standard on both). TypeScript would accept
// them in main/shared, whose tsconfig sees both sides' types.
const sharedForbiddenGlobals = [
  ...['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'],
  ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'Element', 'Node', 'XMLHttpRequest'],
];
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
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  { plugins: { house }, rules: { 'house/layers': 'error' } },
  {
    files: ['main/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2024 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, ...nodeBuiltins.map((name) => ({ name, message: 'main/shared runs in the renderer too: no Node built-ins.' }))],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...sharedForbiddenGlobals.map((name) => ({ name, message: 'main/shared runs in the renderer and in Node: no Node or DOM globals.' })),
      ],
    },
  },
  // Every word the UI shows comes from the message catalogue (main/shared/i18n) in both languages: a literal
  // in JSX text, or in a prop people read (title, alt, aria-*, placeholder, a component's label), is an error.
  // Data (names, sizes) passes as expressions; tests/e2e/languages.test.ts checks what reaches the screen.
  {
    files: ['renderer/**/*.tsx'],
    plugins: { formatjs },
    rules: { 'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', 'label'], ['*', 'alt'], ['*', 'title']] } }] },
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
        },
      ],
    },
  },
);
