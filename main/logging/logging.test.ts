import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { closeLog, listLogFiles, logger, logStartup, openLog, purgeLogs, setLogLevel } from './index.ts';

const log = logger('test');
const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `darkslide-${prefix}`));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  setLogLevel('info');
  await closeLog();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function lines(dir: string): Record<string, unknown>[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the log files', () => {
  test('a line is JSON with its time, level, scope and message, in a dated file readable by the user alone', async () => {
    const dir = path.join(tempDir('log-'), 'logs');
    const { file } = await openLog({ dir, role: 'app' });
    log.info({ frames: 30 }, 'viewfinder started');
    await closeLog();
    expect(path.basename(file)).toMatch(/^app\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    const [line] = lines(dir);
    expect(line).toMatchObject({ level: 'info', scope: 'test', msg: 'viewfinder started', frames: 30, pid: process.pid });
    expect(Date.now() - Date.parse(String(line!.time))).toBeLessThan(60_000);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  test('what reaches the disk has passed the redaction layer: no home path, coordinate, file name or token', async () => {
    const dir = path.join(tempDir('log-'), 'logs');
    const library = path.join(homedir(), 'Pictures', 'Darkslide');
    await openLog({ dir, role: 'app', roots: { library } });
    const secretFile = path.join(homedir(), 'Holidays', 'Nice beach.jpg');
    log.error({ err: new Error(`cannot read ${secretFile}`), source: secretFile, lat: 43.7031, url: 'http://127.0.0.1:5000/?token=s3cret' }, `import of ${secretFile} at 43.70312, 7.26608 failed`);
    log.info({ file: path.join(library, '2025', '2025-06-01', 'DS_20250601_101500_1.jpg') }, 'filed');
    await closeLog();
    const text = readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8')).join('');
    for (const leak of [homedir(), 'Holidays', 'Nice beach', '43.70312', '7.26608', 's3cret', '43.7031']) expect(text).not.toContain(leak);
    const [error, filed] = lines(dir);
    expect(error!.msg).toBe('import of ~/<path>.jpg at [redacted] failed');
    expect(error!.source).toBe('~/<path>.jpg');
    expect(error!.url).toBe('http://127.0.0.1:5000/');
    expect((error!.err as { stack: string }).stack).toContain('cannot read ~/<path>.jpg');
    expect(filed!.file).toBe('<library>/2025/2025-06-01/DS_20250601_101500_1.jpg');
  });

  test('levels: debug lines are kept only when asked for', async () => {
    const dir = tempDir('log-');
    await openLog({ dir, role: 'cli' });
    log.debug('hidden');
    setLogLevel('debug');
    log.debug('shown');
    await closeLog();
    expect(lines(dir).map((line) => line.msg)).toEqual(['shown']);
  });

  test('a timing logs the operation and how long it took', async () => {
    const dir = tempDir('log-');
    await openLog({ dir, role: 'app' });
    const done = log.time('develop');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ms = done({ looks: 1 });
    await closeLog();
    expect(ms).toBeGreaterThanOrEqual(15);
    expect(lines(dir)[0]).toMatchObject({ msg: 'timing', op: 'develop', looks: 1, ms });
  });

  test('the first lines name the machine and versions, never the host or user', async () => {
    const dir = tempDir('log-');
    await openLog({ dir, role: 'app' });
    await logStartup({ app: '9.9.9', ffmpeg: '5.1.6', sharp: '0.35.5' });
    await closeLog();
    const [line] = lines(dir);
    const machine = line!.machine as Record<string, unknown>;
    expect(line!.versions).toMatchObject({ app: '9.9.9', ffmpeg: '5.1.6', sharp: '0.35.5', node: process.versions.node });
    expect(machine.os).toBe(process.platform === 'linux' ? 'Linux' : process.platform === 'darwin' ? 'macOS' : 'Windows');
    expect(typeof machine.osVersion).toBe('string');
    expect(machine.cpus).toBeGreaterThan(0);
    const text = JSON.stringify(line);
    if (hostname().length >= 4) expect(text).not.toContain(hostname());
  });
});

describe('retention', () => {
  test('files last written longer ago than the retention are deleted when the log opens, newer ones kept', async () => {
    const dir = tempDir('log-');
    const day = 24 * 60 * 60 * 1000;
    const old = path.join(dir, 'app.2025-01-01.1.log');
    const recent = path.join(dir, 'app.2025-01-29.1.log');
    writeFileSync(old, '{}\n');
    writeFileSync(recent, '{}\n');
    utimesSync(old, new Date(Date.now() - 31 * day), new Date(Date.now() - 31 * day));
    utimesSync(recent, new Date(Date.now() - 29 * day), new Date(Date.now() - 29 * day));
    await openLog({ dir, role: 'app', retentionDays: 30 });
    const names = listLogFiles(dir).map((file) => file.name);
    expect(names).not.toContain('app.2025-01-01.1.log');
    expect(names).toContain('app.2025-01-29.1.log');
    // Shorter retention, chosen in settings: the 29-day-old file goes too.
    expect(purgeLogs(dir, 7)).toEqual(['app.2025-01-29.1.log']);
  });
});
