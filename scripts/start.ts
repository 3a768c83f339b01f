// `npm start`: launches the desktop app. Since Electron 42 the binary is
// fetched on first launch; where that cannot happen (offline, locked-down
// machines) Darkslide says so and opens in the browser host instead, so a
// newcomer always gets a working camera.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function runElectron(): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/electron'), ['.'], { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}

const code = process.env.DARKSLIDE_WEB ? null : await runElectron();
if (code === 0) process.exit(0);
if (code !== null) {
  console.error(`\nElectron exited with code ${code}. If it could not fetch its binary (it downloads on first launch), Darkslide opens in your browser instead.\n`);
}
await import('./dev-web.ts');
