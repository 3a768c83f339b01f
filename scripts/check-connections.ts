// "No network" for every process the tests start: reads an `strace -f -e trace=connect,execve,clone…` log
// of the whole test run (.ci/run makes one) and fails on any connection that is not on this machine:
// AF_UNIX and netlink are local; AF_INET only to 127.0.0.0/8; AF_INET6 only to ::1 or a mapped 127.x.
// Each connection is put down to the program that made it (followed through clone and execve), so the
// report names it: node (the services), ffmpeg, exiftool's perl, and so on.
//
// The one exception is the test harness's own Chromium (the browser the e2e tests drive, not part of
// Darkslide): it resolves names and probes a route at start whatever its flags; the renderer's requests
// inside it are checked by tests/support/network.ts instead. Its connections are counted and listed.
//
//   node scripts/check-connections.ts out/test-results/connect.strace
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Connection = { pid: number; program: string; address: string; family: string; line: number };
export type Report = { checked: number; local: number; programsRun: number; harness: Connection[]; foreign: Connection[]; programs: Record<string, number> };

const HARNESS = /^(chromium|chrome|chrome_crashpad_handler|headless_shell)$/;

export function isLocal(family: string, address: string): boolean {
  if (family === 'AF_UNIX' || family === 'AF_NETLINK' || family === 'AF_UNSPEC') return true;
  if (family === 'AF_INET') return /^127\./.test(address);
  if (family === 'AF_INET6') return address === '::1' || /^::ffff:127\./i.test(address);
  return false;
}

export function checkStraceLog(text: string): Report {
  const program = new Map<number, string>();
  const pendingExec = new Map<number, string>();
  const report: Report = { checked: 0, local: 0, programsRun: 0, harness: [], foreign: [], programs: {} };
  // Chromium and Electron start their helpers by running themselves again through /proc/self/exe.
  const ran = (pid: number, file: string) => {
    report.programsRun += 1;
    program.set(pid, file.startsWith('/proc/self/') ? (program.get(pid) ?? '?') : path.basename(file));
  };
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const match = /^(\d+)(?:<[^>]*>)?\s+(.*)$/.exec(raw);
    if (!match) return;
    const pid = Number(match[1]);
    const rest = match[2]!;
    const result = /\)\s+=\s+(-?\d+)/.exec(rest)?.[1];
    // A new process or thread runs what its parent runs until it calls execve.
    if (/^(?:<\.\.\. )?(clone3?|fork|vfork)\b/.test(rest) && result && Number(result) > 0) {
      program.set(Number(result), program.get(pid) ?? '?');
      return;
    }
    const exec = /^execve(?:at)?\("([^"]+)"/.exec(rest);
    if (exec) {
      if (rest.includes('<unfinished ...>')) pendingExec.set(pid, exec[1]!);
      else if (result === '0') ran(pid, exec[1]!);
      return;
    }
    if (/^<\.\.\. execve(?:at)? resumed>/.test(rest)) {
      const file = pendingExec.get(pid);
      pendingExec.delete(pid);
      if (file && result === '0') ran(pid, file);
      return;
    }
    if (!rest.startsWith('connect(')) return;
    const family = /sa_family=(AF_[A-Z0-9]+)/.exec(rest)?.[1] ?? 'unknown';
    const address = /inet_addr\("([^"]+)"\)/.exec(rest)?.[1] ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(rest)?.[1] ?? '';
    const name = program.get(pid) ?? '?';
    report.checked += 1;
    report.programs[name] = (report.programs[name] ?? 0) + 1;
    if (isLocal(family, address)) {
      report.local += 1;
      return;
    }
    const connection = { pid, program: name, address, family, line: index + 1 };
    if (HARNESS.test(name)) report.harness.push(connection);
    else report.foreign.push(connection);
  });
  return report;
}

if (import.meta.main) {
  const file = process.argv[2] ?? 'out/test-results/connect.strace';
  const report = checkStraceLog(readFileSync(file, 'utf8'));
  const programs = Object.entries(report.programs).map(([name, count]) => `${name} ${count}`).join(', ');
  console.log(`connections: ${report.checked} connect() calls (${programs || 'none'}); ${report.local} on this machine`);
  if (report.harness.length > 0) {
    const where = [...new Set(report.harness.map((c) => c.address))].join(', ');
    console.log(`  the test harness's Chromium (not Darkslide) tried ${report.harness.length} outside connections at start: ${where}`);
  }
  if (report.foreign.length > 0) {
    for (const c of report.foreign) console.error(`  NOT LOCAL: ${c.program} (pid ${c.pid}) connected to ${c.address} (${c.family}), ${file}:${c.line}`);
    console.error(`no-network check FAILED: ${report.foreign.length} connection(s) left this machine`);
    process.exit(1);
  }
  // A step whose programs never connect anywhere (the shell's stand-in tests) is a pass; an empty log is not.
  if (report.checked === 0 && report.programsRun === 0) {
    console.error(`no-network check FAILED: ${file} shows no program starting and no connect() call, so it proves nothing (was strace running?)`);
    process.exit(1);
  }
  if (report.checked === 0) console.log(`  ${report.programsRun} programs ran under strace and none connected anywhere`);
  console.log('no-network check passed: nothing but the test browser tried to leave this machine');
}
