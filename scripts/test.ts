// `npm test`: everything CI checks, in the order that fails fastest. Lint and
// types first, then the services' unit and integration tests, then the builds,
// the Electron shell's bundles on a stand-in for the binary (which cannot run
// on CI), and the end-to-end tests in Chromium. Ends with one "N passed,
// N failed" line summed over every Vitest project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const resultsDir = path.join(root, 'out/test-results');
mkdirSync(resultsDir, { recursive: true });

// "No network" for every process the tests start (the services in Node, ffmpeg, exiftool, Chromium): on CI,
// or with DARKSLIDE_TRACE_CONNECTIONS=1, each test step runs under strace, which logs every connect() (and
// the execve/clone calls that say which program made it; seccomp-bpf stops only on those, so the cost is
// small). scripts/check-connections.ts then fails the run on any connection that leaves this machine.
const STRACE = '/usr/bin/strace';
const traceConnections = (process.env.CI === 'true' || process.env.DARKSLIDE_TRACE_CONNECTIONS === '1') && process.platform === 'linux' && existsSync(STRACE);
const traces: string[] = [];

function step(title: string, command: string, args: string[], traced = false): boolean {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  if (traced && traceConnections) {
    const log = path.join(resultsDir, `connect-${traces.length + 1}.strace`);
    rmSync(log, { force: true });
    traces.push(log);
    args = ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=connect,execve,clone,clone3,fork,vfork', '-e', 'signal=none', '-o', log, command, ...args];
    command = STRACE;
  }
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`  ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

type VitestJson = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName: string; failureMessages?: string[] }[];
  }[];
};
const totals = { passed: 0, failed: 0, skipped: 0 };
const counts: string[] = [];
function vitest(project: string): boolean {
  const outputFile = path.join(resultsDir, `${project}.json`);
  const ok = step(`${project} tests`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`], true);
  try {
    const json = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson;
    // A file that fails outside its tests (beforeAll, import) reports its tests as skipped: count it as failed.
    const brokenFiles = json.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'));
    const failed = json.numFailedTests + brokenFiles.length;
    totals.passed += json.numPassedTests;
    totals.failed += failed;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    counts.push(`${project}: ${json.numPassedTests} passed, ${failed} failed, ${json.numPendingTests} skipped`);
    // CI keeps only the tail of the output: name each failed test there, with the first line of why.
    for (const file of json.testResults) {
      for (const test of file.assertionResults.filter((result) => result.status === 'failed')) {
        const why = (test.failureMessages?.[0] ?? '').split('\n')[0]?.slice(0, 240);
        counts.push(`  FAILED ${path.relative(root, file.name)} > ${test.fullName}: ${why}`);
      }
    }
    for (const file of brokenFiles) {
      // No message and tests still pending: the file never finished (its worker ended mid-file); name where it was.
      const pending = file.assertionResults.filter((test) => test.status === 'pending').map((test) => test.fullName);
      const passed = file.assertionResults.filter((test) => test.status === 'passed').length;
      const where = file.message
        ? file.message.split('\n')[0]
        : pending.length > 0
          ? `it did not finish (${passed} passed, then it stopped in "${pending[0]}"); look for "Unhandled" or "exited" in the output`
          : 'see its error above';
      counts.push(`  ${path.relative(root, file.name)} failed ${passed > 0 ? 'outside its tests' : 'before its tests ran'}: ${where}`);
    }
  } catch {
    totals.failed += 1;
    counts.push(`${project}: no results (the runner did not finish)`);
  }
  return ok;
}

const only = process.argv[2];
let ok = true;
if (!only || only === 'static') {
  ok = step('lint', bin('eslint'), ['.']) && ok;
  ok = step('types (main, preload, scripts)', bin('tsc'), ['-p', 'tsconfig.node.json']) && ok;
  ok = step('types (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']) && ok;
  ok = step('types (tests: Node code plus the page code they evaluate)', bin('tsc'), ['-p', 'tsconfig.tests.json']) && ok;
}
if (!only || only === 'unit') ok = vitest('unit') && ok;
if (!only || only === 'reliability') ok = vitest('reliability') && ok;
if (!only || only === 'shell' || only === 'e2e') {
  ok = step('build renderer', bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']) && ok;
  ok = step('build electron main + preload', process.execPath, ['scripts/build-electron.ts']) && ok;
}
if (!only || only === 'shell') ok = vitest('shell') && ok;
if (!only || only === 'e2e') ok = vitest('e2e') && ok;
for (const log of traces) {
  const checked = step(`no network: ${path.basename(log)}`, process.execPath, [path.join(root, 'scripts/check-connections.ts'), log]);
  counts.push(`no-network check (${path.basename(log)}): ${checked ? 'passed' : 'FAILED'}`);
  if (!checked) totals.failed += 1;
  ok = checked && ok;
}
console.log(`\n${counts.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
