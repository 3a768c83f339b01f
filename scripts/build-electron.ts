// Bundles Electron's main process and the preload with esbuild. Vite builds
// the renderer; these two are Node/CJS targets where a bundler's dev server
// adds nothing, so plain esbuild keeps the build small and fast.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Native or vendored packages stay in node_modules; electron-builder ships them.
const external = ['electron', 'sharp', 'exiftool-vendored', 'fluent-ffmpeg', 'ws', 'bufferutil', 'utf-8-validate'];

await build({
  entryPoints: { 'main/index': path.join(root, 'main/electron/index.ts'), 'preload/index': path.join(root, 'preload/index.ts') },
  outdir: path.join(root, 'out'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  sourcemap: true,
  external,
  // Services find their resources relative to their own file, as ES modules do; the bundle is CJS in
  // out/main, two levels below the root like main/<service>/, so the same relative paths hold.
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
console.log('Built out/main/index.cjs and out/preload/index.cjs');
