// Bundles Electron's main process and the preload with esbuild. Vite builds
// the renderer; these two are Node/CJS targets where a bundler's dev server
// adds nothing, so plain esbuild keeps the build small and fast.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const common: BuildOptions = {
  outdir: path.join(root, 'out'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    'main/index': path.join(root, 'main/electron/index.ts'),
    // The look engine's pixel workers run as their own scripts beside the bundle.
    'main/kernel-worker': path.join(root, 'main/looks/render/kernel-worker.ts'),
    // The library's worker thread owns the catalog connection (main/library/remote.ts starts it).
    'main/library-worker': path.join(root, 'main/library/worker.ts'),
    // HEIC/HEIF photos are decoded (libheif in WebAssembly, synchronous) in a worker of their own (main/app/jobs/heif.ts).
    'main/heif-worker': path.join(root, 'main/app/jobs/heif-worker.ts'),
  },
  // Native or vendored packages stay in node_modules; electron-builder ships them.
  external: ['electron', 'sharp', 'exiftool-vendored', 'fluent-ffmpeg', '@ffmpeg-installer/ffmpeg', 'ws', 'bufferutil', 'utf-8-validate'],
  // Services find their resources relative to their own file, as ES modules do; the bundle is CJS in
  // out/main, two levels below the root like main/<service>/, so the same relative paths hold.
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// The sandboxed preload may require nothing but electron: no banner, no Node built-ins. It needs only the
// contract's method and event names, so it gets them as a list made here from the contract itself: importing
// api.ts would bundle every zod schema (the preload was 916 KB) into a script that validates nothing.
const { methodNames, eventNames } = await import('../main/shared/contract/api.ts');
const contractNamesOnly: Plugin = {
  name: 'contract-names-only',
  setup(preload) {
    preload.onResolve({ filter: /contract\/api\.ts$/ }, () => ({ path: 'contract-names', namespace: 'contract-names' }));
    preload.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      contents: `export const methodNames = ${JSON.stringify(methodNames)};\nexport const eventNames = ${JSON.stringify(eventNames)};\n`,
      loader: 'js',
    }));
  },
};
await build({ ...common, entryPoints: { 'preload/index': path.join(root, 'preload/index.ts') }, external: ['electron'], plugins: [contractNamesOnly] });

// In the sources the pool starts `./kernel-worker.ts` next to itself; in the bundle that is the .cjs above.
const mainBundle = path.join(root, 'out/main/index.cjs');
const bundled = readFileSync(mainBundle, 'utf8');
const workerReference = /new URL\((["'])\.\/kernel-worker\.ts\1/g;
if (!workerReference.test(bundled)) throw new Error('build-electron: the look engine no longer starts ./kernel-worker.ts; update this build step.');
// Likewise the library starts `./worker.ts` next to itself: in the bundle, out/main/library-worker.cjs.
const libraryWorkerReference = /new URL\((["'])\.\/worker\.ts\1/g;
if (!libraryWorkerReference.test(bundled)) throw new Error('build-electron: the library no longer starts ./worker.ts; update this build step.');
// And the import job's HEIF decoder starts `./heif-worker.ts`: out/main/heif-worker.cjs.
const heifWorkerReference = /new URL\((["'])\.\/heif-worker\.ts\1/g;
if (!heifWorkerReference.test(bundled)) throw new Error('build-electron: the import job no longer starts ./heif-worker.ts; update this build step.');
writeFileSync(
  mainBundle,
  bundled
    .replace(workerReference, 'new URL("./kernel-worker.cjs"')
    .replace(libraryWorkerReference, 'new URL("./library-worker.cjs"')
    .replace(heifWorkerReference, 'new URL("./heif-worker.cjs"'),
);
console.log('Built out/main/index.cjs, out/main/kernel-worker.cjs, out/main/library-worker.cjs, out/main/heif-worker.cjs and out/preload/index.cjs');
