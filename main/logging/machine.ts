// What a bug report needs to know about the machine, and nothing that identifies it or its owner: the model
// (as the maker names it), the OS and its version, the processor architecture, core count and memory. Never
// the host name, user name, serial number or any hardware id.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export type MachineFacts = {
  model: string | null;
  os: string;
  osVersion: string;
  kernel: string;
  arch: string;
  cpus: number;
  memoryGiB: number;
};

export async function machineFacts(platform: NodeJS.Platform = process.platform): Promise<MachineFacts> {
  const [model, osVersion] = await Promise.all([deviceModel(platform), osVersionOf(platform)]);
  return {
    model,
    os: platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : platform === 'linux' ? 'Linux' : platform,
    osVersion,
    kernel: os.release(),
    arch: os.arch(),
    cpus: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

async function deviceModel(platform: NodeJS.Platform): Promise<string | null> {
  if (platform === 'darwin') return run('sysctl', ['-n', 'hw.model']);
  if (platform === 'win32') {
    const out = await run('reg', ['query', 'HKLM\\HARDWARE\\DESCRIPTION\\System\\BIOS', '/v', 'SystemProductName']);
    return out ? (/SystemProductName\s+REG_SZ\s+(.+)/.exec(out)?.[1]?.trim() ?? null) : null;
  }
  // Linux: the firmware's vendor and product (absent in containers and some VMs).
  const [vendor, product] = await Promise.all(['sys_vendor', 'product_name'].map((name) => readFile(`/sys/class/dmi/id/${name}`, 'utf8').then((text) => text.trim(), () => '')));
  const model = [vendor, product].filter(Boolean).join(' ');
  return model || null;
}

async function osVersionOf(platform: NodeJS.Platform): Promise<string> {
  if (platform === 'darwin') return (await run('sw_vers', ['-productVersion'])) ?? os.release();
  if (platform === 'linux') {
    const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1];
    if (pretty) return pretty;
  }
  return os.version();
}

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 3000, windowsHide: true }, (error, stdout) => resolve(error ? null : stdout.trim() || null));
  });
}
