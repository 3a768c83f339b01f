import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Where the Electron binary is, or why it is not there. Since Electron 42 the
 * npm package fetches the binary on first launch; asking the package for its
 * path would start that download, so this only looks.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const dir = path.join(root, 'node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const name = existsSync(path.join(dir, 'path.txt')) ? readFileSync(path.join(dir, 'path.txt'), 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const binary = override ? path.join(override, name) : path.join(dir, 'dist', name);
  if (existsSync(binary)) return { path: binary };
  return {
    missing: `no Electron binary at ${binary}: Electron 42+ downloads it on first launch, which this machine cannot do (no route to the download). Run \`npx install-electron\` where the network allows, or set ELECTRON_OVERRIDE_DIST_PATH.`,
  };
}
