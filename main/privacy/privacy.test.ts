import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, test } from 'vitest';
import { DarkslideError } from '../shared/errors/index.ts';
import { defaultNoticeDir, openPrivacy, type Privacy } from './index.ts';

const made: string[] = [];
const opened: Privacy[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'darkslide-privacy-'));
  made.push(dir);
  return path.join(dir, 'data');
}
function open(dir: string, noticeDir?: string): Privacy {
  const privacy = openPrivacy(dir, noticeDir ? { noticeDir } : {});
  opened.push(privacy);
  return privacy;
}
afterEach(() => {
  for (const privacy of opened.splice(0)) privacy.close();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof DarkslideError ? error.code : `not a DarkslideError: ${String(error)}`;
  }
  return 'resolved';
}

describe('first run and consent', () => {
  test('before any answer nothing is on; accepting the notice turns the camera and microphone on, location only for an adult', async () => {
    const privacy = open(dataDir());
    let status = privacy.status();
    expect(status.firstRun).toBe(true);
    expect(status.pending.features).toEqual(['camera', 'microphone', 'location']);
    expect(Object.values(status.features).map((f) => f.on)).toEqual([false, false, false]);
    privacy.decide({ accept: true, locale: 'en' });
    status = await privacy.setAge(false);
    expect(status.firstRun).toBe(false);
    expect(status.features.camera.on).toBe(true);
    expect(status.features.microphone.on).toBe(true);
    expect(status.features.location.on).toBe(true);
    expect(status.pending.features).toEqual([]);
    const ledger = privacy.ledger();
    expect(ledger.map((entry) => entry.event)).toEqual(['accepted', 'age']);
    expect(ledger[0]).toMatchObject({ noticeVersion: 1, detail: { features: ['camera', 'microphone', 'location'], locale: 'en' } });
    expect(Math.abs(Date.parse(ledger[0]!.at) - Date.now())).toBeLessThan(60_000);
  });

  test('declining keeps those features off and the answer on record', async () => {
    const privacy = open(dataDir());
    privacy.decide({ accept: false });
    const status = await privacy.setAge(false);
    expect(status.firstRun).toBe(false);
    expect(status.features.camera).toMatchObject({ consented: false, on: false });
    expect(privacy.ledger()[0]!.event).toBe('declined');
  });

  test('a new notice that changes location shows that change and asks again; the camera stays on meanwhile', async () => {
    const dir = dataDir();
    const v1 = open(dir);
    v1.decide({ accept: true });
    await v1.setAge(false);
    v1.close();
    opened.pop();

    // Version 2 of the notice, changing only what it says about location.
    const noticeDir = path.join(path.dirname(dir), 'notice');
    cpSync(defaultNoticeDir(), noticeDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(noticeDir, 'notice.json'), 'utf8')) as { version: number; history: unknown[] };
    manifest.version = 2;
    manifest.history.push({ version: 2, date: '2027-01-01', concerns: ['location'], summary: { en: 'Places can come from a track file.', zh: '地点可以来自轨迹文件。' } });
    writeFileSync(path.join(noticeDir, 'notice.json'), JSON.stringify(manifest));

    const v2 = open(dir, noticeDir);
    let status = v2.status();
    expect(status.pending.features).toEqual(['location']);
    expect(status.pending.changes.map((change) => change.version)).toEqual([2]);
    expect(status.pending.changes[0]!.summary.en).toBe('Places can come from a track file.');
    expect(status.features.location.on).toBe(false);
    expect(v2.locationPolicy()).toMatchObject({ attach: false, reason: 'no-consent' });
    expect(status.features.camera.on).toBe(true);
    status = v2.decide({ accept: false });
    expect(status.pending.features).toEqual([]);
    expect(status.features.location.on).toBe(false);
    expect(status.features.camera.on).toBe(true);
    status = v2.decide({ accept: true, features: ['location'] });
    expect(status.features.location.on).toBe(true);
  });

  test('the notice exists in English and Simplified Chinese and says how long each thing is kept', () => {
    const privacy = open(dataDir());
    const en = privacy.notice('en').text;
    const zh = privacy.notice('zh-CN').text;
    expect(en).toMatch(/30 days/);
    expect(zh).toMatch(/30 天/);
    expect(zh).toMatch(/[\u4e00-\u9fff]{20}/);
  });
});

describe('under 18', () => {
  test('location stays off and exports drop it until a guardian sets a PIN; the PIN is kept only as a salted scrypt hash', async () => {
    const dir = dataDir();
    const privacy = open(dir);
    privacy.decide({ accept: true });
    let status = await privacy.setAge(true);
    expect(status.features.location).toMatchObject({ consented: true, on: false, blockedBy: 'minor-without-guardian' });
    expect(privacy.locationPolicy()).toEqual({ attach: false, exportKeepsLocation: false, reason: 'minor-without-guardian' });
    expect(await codeOf(privacy.setSwitch('location', true))).toBe('privacy.location-needs-guardian');

    expect(await codeOf(privacy.setGuardianPin('12'))).toBe('privacy.pin-format');
    status = await privacy.setGuardianPin('482913');
    expect(status.guardian).toEqual({ pinSet: true, confirmed: true });
    // Confirmed, but location is still off until the guardian turns it on with the PIN.
    expect(privacy.locationPolicy()).toEqual({ attach: false, exportKeepsLocation: true, reason: 'switched-off' });
    expect(await codeOf(privacy.setSwitch('location', true))).toBe('privacy.pin-required');
    expect(await codeOf(privacy.setSwitch('location', true, '000000'))).toBe('privacy.wrong-pin');
    status = await privacy.setSwitch('location', true, '482913');
    expect(status.features.location.on).toBe(true);
    expect(await codeOf(privacy.setAge(false))).toBe('privacy.pin-required');

    const db = new DatabaseSync(privacy.file);
    const guardian = JSON.parse((db.prepare("SELECT value FROM state WHERE key = 'guardian'").get() as { value: string }).value) as Record<string, string>;
    db.close();
    expect(Buffer.from(guardian.salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(guardian.hash!, 'base64')).toHaveLength(32);
    expect(JSON.stringify(guardian)).not.toContain('482913');
  });

  test('after five wrong PINs the next try has to wait', async () => {
    const privacy = open(dataDir());
    privacy.decide({ accept: true });
    await privacy.setAge(true);
    await privacy.setGuardianPin('1234');
    for (let i = 0; i < 5; i++) expect(await codeOf(privacy.setSwitch('location', true, '9999'))).toBe('privacy.wrong-pin');
    expect(await codeOf(privacy.setSwitch('location', true, '1234'))).toBe('privacy.pin-wait');
  });
});

describe('the usage record', () => {
  test('a use has its start, end and purpose; a moment has no duration; the export is one JSON object a line', async () => {
    const privacy = open(dataDir());
    const end = privacy.usage.begin('camera', 'viewfinder', 'demo');
    await new Promise((resolve) => setTimeout(resolve, 30));
    end();
    end();
    privacy.usage.moment('location', 'geotag');
    const [geotag, camera] = privacy.usage.list(30);
    expect(camera).toMatchObject({ kind: 'camera', purpose: 'viewfinder', device: 'demo', interrupted: false });
    expect(Date.parse(camera!.end!) - Date.parse(camera!.start)).toBeGreaterThanOrEqual(25);
    expect(geotag).toMatchObject({ kind: 'location', purpose: 'geotag' });
    expect(geotag!.start).toBe(geotag!.end);
    const lines = privacy.usage.ndjson(30).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.kind)).toEqual(['camera', 'location']);
    expect(Object.keys(lines[0]!).sort()).toEqual(['device', 'end', 'interrupted', 'kind', 'purpose', 'start']);
  });

  test('a use left open by a process that died is closed at the next start, marked interrupted', () => {
    const dir = dataDir();
    const first = open(dir);
    first.usage.begin('microphone', 'recording');
    first.close();
    opened.pop();
    // Make the row belong to a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const db = new DatabaseSync(path.join(dir, 'privacy.sqlite'));
    db.prepare('UPDATE usage SET pid = ?').run(dead);
    db.close();
    const [entry] = open(dir).usage.list(30);
    expect(entry).toMatchObject({ kind: 'microphone', interrupted: true });
    expect(entry!.end).toBe(entry!.start);
  });

  test('uses older than the retention are purged', () => {
    const privacy = open(dataDir());
    privacy.usage.begin('camera', 'viewfinder')();
    const in29days = new Date(Date.now() + 29 * 86_400_000);
    const in31days = new Date(Date.now() + 31 * 86_400_000);
    expect(privacy.usage.purge(30, in29days)).toBe(0);
    expect(privacy.usage.purge(30, in31days)).toBe(1);
    expect(privacy.usage.list(30)).toEqual([]);
  });
});

describe('files', () => {
  test('the store and its folder are readable by the user alone', () => {
    if (process.platform === 'win32') return;
    const dir = dataDir();
    const privacy = open(dir);
    privacy.usage.moment('camera', 'photo');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(privacy.file).mode & 0o777).toBe(0o600);
  });
});
