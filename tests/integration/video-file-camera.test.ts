// A video file as the camera in the app (issue 14): chosen through the files domain, listed with the cameras,
// played by the real capture service. The page is untrusted, so a `file:` camera it names itself is refused.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDarkslide, type Darkslide } from '../../main/app/index.ts';

let dir: string;
let app: Darkslide;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'darkslide-video-camera-'));
  app = await createDarkslide({ libraryRoot: path.join(dir, 'library'), dataDir: path.join(dir, 'data') });
  await app.dispatch('privacy.decide' as never, { accept: true, locale: 'en' } as never);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, input: unknown = {}) {
  return app.dispatch(method as never, input as never) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

async function upload(name: string, data: Buffer): Promise<string> {
  const begun = (await call('files.uploadBegin', { name, bytes: data.length })).value as { uploadId: string };
  await call('files.uploadChunk', { uploadId: begun.uploadId, offset: 0, data: new Uint8Array(data) });
  return ((await call('files.uploadEnd', { uploadId: begun.uploadId })).value as { id: string }).id;
}

describe('a video file as the camera', () => {
  test('a path the page names itself is refused; one the person chose plays as a camera', async () => {
    const clip = path.join(dir, 'street.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15:duration=3', '-pix_fmt', 'yuv420p', '-y', clip]);
    expect(await call('viewfinder.start', { deviceId: `file:${clip}` })).toMatchObject({ ok: false, error: { code: 'capture.file-not-chosen' } });

    const handle = await upload('street.mp4', readFileSync(clip));
    const chosen = await call('devices.useFile', { file: handle });
    expect(chosen).toMatchObject({ ok: true, value: { name: 'street.mp4', kind: 'file', id: expect.stringMatching(/^file:\/.+\.mp4$/) } });
    const deviceId = (chosen.value as { id: string }).id;
    const listed = (await call('devices.list')).value as { cameras: { id: string }[] };
    expect(listed.cameras.map((camera) => camera.id)).toContain(deviceId);
    expect(await call('viewfinder.start', { deviceId })).toMatchObject({ ok: true, value: { deviceId } });
    await call('viewfinder.stop');
  });

  test('a file that is not a video is refused by name', async () => {
    const handle = await upload('notes.txt', Buffer.from('a shopping list'));
    expect(await call('devices.useFile', { file: handle })).toMatchObject({ ok: false, error: { code: 'capture.not-a-video-file', message: expect.stringContaining('notes.txt') } });
  });
});
