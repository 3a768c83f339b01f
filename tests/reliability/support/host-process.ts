import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type HostProcess = { origin: string; token: string; port: number; child: ChildProcess; running(): boolean; stderr(): string; stop(): Promise<void> };

/** Starts the real browser host (tests/reliability/support/host-child.ts) in its own Node process. */
export async function startHostProcess(libraryRoot: string, staticDir: string): Promise<HostProcess> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'host-child.ts'), libraryRoot, path.join(libraryRoot, '.darkslide'), staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before it started: ${stderr}`)));
  });
  const { origin, token } = JSON.parse(first) as { origin: string; token: string };
  return {
    origin,
    token,
    port: Number(new URL(origin).port),
    child,
    running: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
