// `npm run dev:web`: Darkslide in a browser tab, talking to the real services
// over the loopback WebSocket. Used where the Electron binary is not available
// and by developers who want the browser's devtools.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startWebHost } from '../main/app/web-host.ts';
import { defaultPaths } from '../main/library/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const staticDir = path.join(root, 'out/renderer');
if (!existsSync(path.join(staticDir, 'index.html')) || process.argv.includes('--build')) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const paths = defaultPaths();
const port = Number(process.env.DARKSLIDE_PORT ?? 0) || undefined;
const host = await startWebHost({ libraryRoot: paths.root, dataDir: paths.dataDir, staticDir, port });
console.log(`Darkslide is running. Open this address in a browser on this machine:\n\n  ${host.url}\n\nLibrary: ${paths.root}\nPress Ctrl+C to stop.`);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => process.exit(0));
  });
}
