import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `darkslide` as a user would: its own process, on the project's Node. */
export async function darkslide(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return darkslideWith({}, ...args);
}

/**
 * The same, with extra environment variables (e.g. DARKSLIDE_LIBRARY and DARKSLIDE_DATA for "the app's library",
 * or LANG for the CLI's language). The CLI speaks the language of LC_ALL / LC_MESSAGES / LANG: tests that read
 * its words get English whatever the machine running them is set to, unless they ask for another.
 */
export async function darkslideWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const english = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'bin/darkslide.js'), ...args], { cwd: root, timeout: 120_000, env: { ...process.env, ...english, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
