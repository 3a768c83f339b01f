import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import { openSettings } from './index.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
function dir() {
  const made = tempDir('settings');
  dirs.push(made);
  return made.path;
}

describe('per-device settings', () => {
  test('defaults for an unknown device', () => {
    expect(openSettings(dir()).device('v4l2:/dev/video0')).toEqual({ size: null, fps: null, mirror: false, saveMirrored: false, micId: null });
  });

  test('a write that fails is reported, leaves no temp file, and the next write still saves', async () => {
    const data = dir();
    const settings = openSettings(data);
    await settings.setDevice('demo', { fps: 24 });
    // A folder where the settings file goes: the rename into place fails, as on a read-only or broken disk.
    rmSync(path.join(data, 'settings.json'));
    mkdirSync(path.join(data, 'settings.json'));
    await expect(settings.setDevice('demo', { fps: 30 })).rejects.toThrow();
    expect(readdirSync(data).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    rmSync(path.join(data, 'settings.json'), { recursive: true });
    await settings.setDevice('demo', { mirror: true });
    expect(openSettings(data).device('demo')).toMatchObject({ fps: 30, mirror: true });
  });

  test('remembered per device across restarts', async () => {
    const data = dir();
    const settings = openSettings(data);
    await settings.setDevice('v4l2:/dev/video0', { size: { width: 1920, height: 1080 }, mirror: true });
    await settings.setDevice('demo', { fps: 24 });
    const again = openSettings(data);
    expect(again.device('v4l2:/dev/video0')).toMatchObject({ size: { width: 1920, height: 1080 }, mirror: true });
    expect(again.device('demo').fps).toBe(24);
    expect(again.device('v4l2:/dev/video0').fps).toBeNull();
  });

  test('a corrupt file or a bad entry costs only what is bad', async () => {
    const data = dir();
    writeFileSync(path.join(data, 'settings.json'), JSON.stringify({ version: 1, devices: { good: { mirror: true }, bad: { fps: 'fast' } } }));
    const settings = openSettings(data);
    expect(settings.device('good').mirror).toBe(true);
    expect(settings.device('bad').fps).toBeNull();
    writeFileSync(path.join(data, 'settings.json'), '{ not json');
    expect(openSettings(data).all()).toEqual({});
  });

  test('bad values are refused, and the file is written whole', async () => {
    const data = dir();
    const settings = openSettings(data);
    await expect(settings.setDevice('demo', { fps: -3 })).rejects.toThrow();
    await settings.setDevice('demo', { mirror: true });
    expect(JSON.parse(readFileSync(settings.file, 'utf8'))).toEqual({ version: 1, devices: { demo: expect.objectContaining({ mirror: true }) }, recordChecks: {} });
  });

  test('real-time checks are kept across restarts; a bad one is dropped alone', async () => {
    const data = dir();
    const settings = openSettings(data);
    await settings.setDevice('demo', { mirror: true });
    await settings.setRecordCheck('demo|1280x720|harbor-400', { speed: 2.5, measuredAt: '2026-12-07T01:00:00.000Z' });
    await expect(settings.setRecordCheck('demo|1280x720|reel-8', { speed: -1, measuredAt: 'x' })).rejects.toThrow();
    const file = JSON.parse(readFileSync(settings.file, 'utf8')) as { recordChecks: Record<string, unknown> };
    file.recordChecks['demo|640x360|reel-8'] = { speed: 'fast' };
    writeFileSync(settings.file, JSON.stringify(file));
    const again = openSettings(data);
    expect(again.recordCheck('demo|1280x720|harbor-400')).toEqual({ speed: 2.5, measuredAt: '2026-12-07T01:00:00.000Z' });
    expect(again.recordCheck('demo|640x360|reel-8')).toBeNull();
    expect(again.recordCheck('demo|1280x720|reel-8')).toBeNull();
    expect(again.device('demo').mirror).toBe(true);
  });
});
