// Loads the real built shell (out/main/index.cjs, and through it
// out/preload/index.cjs) in this Node process with the Electron STAND-IN in
// place of `require('electron')`: see electron-stand-in.ts for what that is
// and is not. Everything else the bundle requires is the real thing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { ElectronStandIn, type StandInOptions } from './electron-stand-in.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const MAIN_BUNDLE = path.join(root, 'out/main/index.cjs');
export const PRELOAD_BUNDLE = path.join(root, 'out/preload/index.cjs');
export const RENDERER_DIR = path.join(root, 'out/renderer');
/** The key the stand-in is cached under; no file has this name. */
const STAND_IN_KEY = path.join(root, 'tests/shell/(electron stand-in)');

const load = createRequire(import.meta.url);

type ModuleInternals = typeof Module & {
  _resolveFilename(request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
};
const internals = Module as ModuleInternals;
const resolveFilename = internals._resolveFilename;
// Only the shell bundle's own `require('electron')` is redirected; nothing else in the process is touched.
internals._resolveFilename = function (request, parent, ...rest) {
  if (request === 'electron' && parent?.filename === MAIN_BUNDLE) return STAND_IN_KEY;
  return resolveFilename.call(this, request, parent, ...rest);
};

/** The bundles the app ships, built now from the sources (and the renderer, when it was never built). */
export function buildShell(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.ts')], { cwd: root, stdio: 'pipe' });
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
  }
}

/**
 * Evaluates the main bundle afresh against a new stand-in, as `electron .` would at start-up, and returns the
 * stand-in to drive it. The bundle's module state (services, singletons) is new each time.
 */
export function loadShell(options: StandInOptions = {}): ElectronStandIn {
  const electron = new ElectronStandIn(options);
  const standIn = new Module(STAND_IN_KEY);
  standIn.filename = STAND_IN_KEY;
  standIn.loaded = true;
  standIn.exports = electron.module;
  internals._cache[STAND_IN_KEY] = standIn;
  delete internals._cache[MAIN_BUNDLE];
  load(MAIN_BUNDLE);
  return electron;
}

/** Sets environment variables for a scenario; the returned function puts the old values back. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(saved);
}

export async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export type ProcessInfo = { pid: number; state: string; command: string };

/** This process's descendants as the OS sees them (/proc), not as any library reports them. Linux only. */
export function descendants(of = process.pid): ProcessInfo[] {
  const table: (ProcessInfo & { ppid: number })[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after its last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      table.push({ pid: Number(entry), ppid: Number(ppid), state: state!, command });
    } catch {
      // The process ended while we looked.
    }
  }
  const found: ProcessInfo[] = [];
  const visit = (parent: number) => {
    for (const child of table.filter((row) => row.ppid === parent)) {
      found.push({ pid: child.pid, state: child.state, command: child.command });
      visit(child.pid);
    }
  };
  visit(of);
  return found;
}

/** True while the OS still runs `pid` (a zombie has ended: it only waits to be reaped). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
