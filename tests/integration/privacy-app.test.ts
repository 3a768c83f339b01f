// The privacy promises through the app's own API, on real services: the camera is off until the notice is
// agreed to and whenever its switch is off; the usage record is written when the capture service opens and
// closes a device (not by any page); the microphone stays out of a recording when it is off; the location
// gate follows the under-18 answer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';
import { mayAttachLocation } from '../../main/location/index.ts';

let dir: string;
let app: Darkslide;
const devices: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'darkslide-privacy-app-'));
  app = await createDarkslide({ libraryRoot: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
  app.onEvent((event, payload) => {
    if (event === 'privacy.devices') devices.push(payload);
  });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, input: unknown = {}) {
  return app.dispatch(method as never, input as never);
}

describe('the camera obeys consent and the switch', () => {
  test('before the notice is answered the viewfinder refuses, saying why', async () => {
    expect(await call('privacy.status')).toMatchObject({ ok: true, value: { firstRun: true } });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: false, error: { code: 'privacy.camera-no-consent', button: 'open-settings' } });
    expect(mayAttachLocation()).toMatchObject({ allowed: false });
  });

  test('after agreeing, the camera opens and the record shows the viewfinder and a photo, with start and end', async () => {
    await call('privacy.decide', { accept: true, locale: 'en' });
    expect(await call('privacy.setAge', { minor: false })).toMatchObject({ ok: true, value: { firstRun: false } });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    expect(await call('privacy.devices')).toEqual({ ok: true, value: { camera: true, microphone: false, recording: false } });
    expect(await call('shutter.shoot', { lookId: 'harbor-400' })).toMatchObject({ ok: true });
    await call('viewfinder.stop');
    expect(await call('privacy.devices')).toEqual({ ok: true, value: { camera: false, microphone: false, recording: false } });
    expect(devices).toEqual([
      { camera: true, microphone: false, recording: false },
      { camera: false, microphone: false, recording: false },
    ]);
    const result = await call('privacy.usage', {});
    const entries = (result as { value: { entries: { kind: string; purpose: string; device: string | null; start: string; end: string | null }[] } }).value.entries;
    expect(entries.map((e) => `${e.kind}/${e.purpose}`)).toEqual(['camera/photo', 'camera/viewfinder']);
    const viewfinder = entries[1]!;
    expect(viewfinder.device).toBe('demo');
    expect(Date.parse(viewfinder.end!)).toBeGreaterThan(Date.parse(viewfinder.start));
    const exported = (await call('privacy.exportUsage')) as { value: { fileName: string; ndjson: string } };
    expect(exported.value.fileName).toMatch(/^darkslide-usage-\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(exported.value.ndjson.trim().split('\n').map((line) => (JSON.parse(line) as { purpose: string }).purpose)).toEqual(['viewfinder', 'photo']);
  });

  test('with the microphone switched off a recording has no sound and the record no microphone', async () => {
    await call('privacy.setSwitch', { feature: 'microphone', on: false });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    expect(await call('recorder.start', { lookId: 'harbor-400', micId: 'demo', size: { width: 640, height: 360 } })).toMatchObject({ ok: true });
    expect(await call('privacy.devices')).toEqual({ ok: true, value: { camera: true, microphone: false, recording: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await call('recorder.stop')).toMatchObject({ ok: true });
    await call('viewfinder.stop');
    const entries = ((await call('privacy.usage', {})) as { value: { entries: { kind: string; purpose: string }[] } }).value.entries;
    expect(entries.filter((e) => e.purpose === 'recording').map((e) => e.kind)).toEqual(['camera']);

    await call('privacy.setSwitch', { feature: 'microphone', on: true });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    expect(await call('recorder.start', { lookId: 'harbor-400', micId: 'demo', size: { width: 640, height: 360 } })).toMatchObject({ ok: true });
    expect(await call('privacy.devices')).toEqual({ ok: true, value: { camera: true, microphone: true, recording: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await call('recorder.stop')).toMatchObject({ ok: true });
    await call('viewfinder.stop');
    const after = ((await call('privacy.usage', {})) as { value: { entries: { kind: string; purpose: string; end: string | null }[] } }).value.entries;
    expect(after.filter((e) => e.purpose === 'recording').map((e) => e.kind).sort()).toEqual(['camera', 'camera', 'microphone']);
    expect(after.every((e) => e.end !== null)).toBe(true);
  }, 240_000);

  test('switched off, the camera refuses to open', async () => {
    await call('privacy.setSwitch', { feature: 'camera', on: false });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: false, error: { code: 'privacy.camera-off' } });
    await call('privacy.setSwitch', { feature: 'camera', on: true });
  });

  test('a photo that gets a place is a location use in the record', async () => {
    expect(await call('location.set', { attach: true, place: { latitude: 38.7139, longitude: -9.1394 } })).toMatchObject({ ok: true });
    expect(await call('viewfinder.start', { deviceId: 'demo' })).toMatchObject({ ok: true });
    expect(await call('shutter.shoot', { lookId: 'harbor-400' })).toMatchObject({ ok: true });
    await call('viewfinder.stop');
    const entries = ((await call('privacy.usage', {})) as { value: { entries: { kind: string; purpose: string }[] } }).value.entries;
    expect(entries.filter((e) => e.kind === 'location').map((e) => e.purpose)).toEqual(['photo']);
  });

  test("an under-18's location stays off until the guardian's PIN", async () => {
    expect(mayAttachLocation()).toEqual({ allowed: true });
    await call('privacy.setAge', { minor: true });
    expect(mayAttachLocation()).toEqual({ allowed: false, reason: 'minor-without-guardian' });
    expect(app.privacy.locationPolicy().exportKeepsLocation).toBe(false);
    await call('privacy.setGuardianPin', { pin: '2468' });
    expect(await call('privacy.setSwitch', { feature: 'location', on: true, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'privacy.wrong-pin' } });
    expect(await call('privacy.setSwitch', { feature: 'location', on: true, pin: '2468' })).toMatchObject({ ok: true });
    expect(mayAttachLocation()).toEqual({ allowed: true });
  });

  test('everything the session created is readable by the user alone: folders 0700, files 0600', () => {
    if (process.platform === 'win32') return;
    const wrong: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const mode = statSync(full).mode & 0o777;
        if (entry.isDirectory()) {
          if (mode !== 0o700) wrong.push(`${full} ${mode.toString(8)}`);
          walk(full);
        } else if (entry.isFile() && mode !== 0o600) wrong.push(`${full} ${mode.toString(8)}`);
      }
    };
    walk(path.join(dir, 'library'));
    walk(path.join(dir, 'data'));
    expect(wrong).toEqual([]);
    expect(statSync(path.join(dir, 'library')).mode & 0o777).toBe(0o700);
  });

  test('after shooting, recording and a photo with a place, no log line holds a place, the home folder or a path outside Darkslide', () => {
    const logs = path.join(dir, 'data', 'logs');
    const text = readdirSync(logs).map((name) => readFileSync(path.join(logs, name), 'utf8')).join('');
    expect(text).toContain('"msg":"started"');
    expect(text).toContain('"op":"shutter.shoot"');
    for (const leak of ['38.7139', '-9.1394', '9.1394', homedir(), dir, tmpdir() + path.sep]) expect(text, leak).not.toContain(leak);
    expect(text).toContain('"op":"recorder.stop"');
  });
});
