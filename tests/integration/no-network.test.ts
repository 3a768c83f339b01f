// The no-network check that scripts/test.ts runs over the strace logs of the whole suite: it must name the
// program behind a connection (through clone and execve) and tell this machine from anywhere else. Then the
// real children, ffmpeg and exiftool, run under strace here and open nothing outside this machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkStraceLog, isLocal } from '../../scripts/check-connections.ts';
import { findFfmpeg } from '../../main/capture/index.ts';

const LOG = `100  execve("/usr/bin/node", ["node"], 0x1 /* 3 vars */) = 0
100  clone3({flags=CLONE_VM|CLONE_THREAD, child_tid=0x1} => {parent_tid=[101]}, 88) = 101
101  connect(20, {sa_family=AF_INET, sin_port=htons(41234), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
100  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>
100  <... clone resumed>, child_tidptr=0x7f) = 102
102  execve("/usr/bin/ffmpeg", ["ffmpeg"], 0x2 /* 3 vars */ <unfinished ...>
102  <... execve resumed>)             = 0
102  connect(5, {sa_family=AF_UNIX, sun_path="/run/user/0/pulse/native"}, 110) = 0
102  connect(6, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("93.184.215.14")}, 16) = -1 ENETUNREACH (Network is unreachable)
100  clone(child_stack=NULL, flags=SIGCHLD) = 103
103  execve("/usr/bin/chromium", ["chromium"], 0x3 /* 3 vars */) = 0
103  clone(child_stack=NULL, flags=SIGCHLD) = 104
104  execve("/proc/self/exe", ["/proc/self/exe", "--type=utility"], 0x4 /* 3 vars */) = 0
104  connect(7, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0
`;

describe('the connection check', () => {
  test('names the program behind each connection and keeps only this machine', () => {
    const report = checkStraceLog(LOG);
    expect(report.checked).toBe(4);
    expect(report.local).toBe(2);
    expect(report.foreign).toEqual([{ pid: 102, program: 'ffmpeg', address: '93.184.215.14', family: 'AF_INET', line: 9 }]);
    // The test browser re-runs itself through /proc/self/exe: still the harness, listed apart.
    expect(report.harness.map((c) => c.program)).toEqual(['chromium']);
    expect(report.programs).toEqual({ node: 1, ffmpeg: 2, chromium: 1 });
    expect(report.programsRun).toBe(4);
  });

  test('a log where programs ran and none connected counts them; an empty log has none to count', () => {
    const quiet = LOG.split('\n').filter((line) => !line.includes('connect(')).join('\n');
    expect(checkStraceLog(quiet)).toMatchObject({ checked: 0, programsRun: 4 });
    expect(checkStraceLog('')).toMatchObject({ checked: 0, programsRun: 0 });
  });

  test('loopback and local sockets are local; any other address is not', () => {
    expect(isLocal('AF_INET', '127.0.0.1')).toBe(true);
    expect(isLocal('AF_INET', '127.8.9.10')).toBe(true);
    expect(isLocal('AF_INET6', '::1')).toBe(true);
    expect(isLocal('AF_INET6', '::ffff:127.0.0.1')).toBe(true);
    expect(isLocal('AF_UNIX', '')).toBe(true);
    expect(isLocal('AF_INET', '10.0.0.1')).toBe(false);
    expect(isLocal('AF_INET', '128.0.0.1')).toBe(false);
    expect(isLocal('AF_INET6', '::ffff:8.8.8.8')).toBe(false);
    expect(isLocal('AF_INET6', 'fe80::1')).toBe(false);
  });
});

// Under CI the whole suite already runs under strace (scripts/test.ts), and a traced process cannot be traced
// again: there the outer log covers these children, and scripts/check-connections.ts reads it.
const alreadyTraced = existsSync('/proc/self/status') && /^TracerPid:\s*[1-9]/m.test(readFileSync('/proc/self/status', 'utf8'));

describe.skipIf(!existsSync('/usr/bin/strace') || alreadyTraced)('the real children under strace', () => {
  test('ffmpeg developing the demo scene and exiftool reading a file connect nowhere', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'darkslide-strace-'));
    try {
      const ffmpeg = await findFfmpeg();
      const log = path.join(dir, 'children.strace');
      const jpeg = path.join(dir, 'frame.jpg');
      const trace = ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=connect,execve,clone,clone3,fork,vfork', '-e', 'signal=none', '-o', log];
      const run = spawnSync('/usr/bin/strace', [...trace, ffmpeg.path, '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30', '-frames:v', '1', jpeg]);
      expect(run.status).toBe(0);
      const exif = spawnSync('/usr/bin/strace', [...trace.slice(0, -1), `${log}.exif`, 'exiftool', '-j', jpeg]);
      expect(exif.status).toBe(0);
      for (const file of [log, `${log}.exif`]) {
        const text = readFileSync(file, 'utf8');
        // The log really traced the program (its execve is there), so an empty list means something.
        expect(text).toMatch(/execve\(/);
        expect(checkStraceLog(text).foreign).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
