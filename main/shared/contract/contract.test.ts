import { describe, expect, test } from 'vitest';
import { eventNames, methodNames, methods, type MethodName } from './api.ts';
import { createClient } from './client.ts';
import { DarkslideError } from './errors.ts';
import { decodeMessage, encodeMessage } from './framing.ts';
import { createDispatcher, type Handlers } from './server.ts';
import { createMemoryTransport } from './transports/memory.ts';

function unimplemented(): never {
  throw new DarkslideError('api.not-here', { what: 'this method' });
}

function handlers(overrides: Partial<Handlers>): Handlers {
  const all = Object.fromEntries(methodNames.map((name) => [name, unimplemented])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('dispatcher: the main-process boundary', () => {
  test('rejects an unknown method with a typed error', async () => {
    const dispatcher = createDispatcher(handlers({}));
    const result = await dispatcher.dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'api.unknown-method', message: expect.stringContaining('fs.readFile'), params: { method: 'fs.readFile' } } });
  });

  test('rejects a bad payload naming the field, without calling the handler', async () => {
    let called = false;
    const dispatcher = createDispatcher(
      handlers({
        'viewfinder.start': () => {
          called = true;
          return { state: 'live', deviceId: 'demo' };
        },
      }),
    );
    const result = await dispatcher.dispatch('viewfinder.start', { deviceId: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('api.invalid-input');
      expect(result.error.field).toBe('deviceId');
      expect(result.error.message).toContain('viewfinder.start');
    }
    expect(called).toBe(false);
  });

  test('strict inputs: extra fields are refused, not silently passed to a service', async () => {
    const dispatcher = createDispatcher(handlers({ 'library.trash': ({ ids }) => ({ count: ids.length }) }));
    const result = await dispatcher.dispatch('library.trash', { ids: ['a'], path: '/' });
    expect(result.ok).toBe(false);
  });

  test('service errors keep their code, params and English words; unexpected errors become "api.internal"', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'looks.preview': () => {
          throw new DarkslideError('file.disk-full', { file: '/photos/a.jpg' });
        },
        'looks.list': () => {
          throw new TypeError('x is undefined');
        },
      }),
    );
    expect(await dispatcher.dispatch('looks.preview', { id: 'nope' })).toEqual({
      ok: false,
      error: {
        code: 'file.disk-full',
        params: { file: '/photos/a.jpg' },
        message: 'The disk is full: "/photos/a.jpg" could not be written. Free some space or choose a folder on another disk, then try again.',
        button: 'choose-folder',
      },
    });
    const internal = await dispatcher.dispatch('looks.list', {});
    expect(internal.ok === false && internal.error.code).toBe('api.internal');
    expect(internal.ok === false && internal.error.message).toContain('x is undefined');
  });

  test('outputs are checked against the contract too', async () => {
    const dispatcher = createDispatcher(handlers({ 'library.trash': () => ({ count: 'many' }) as unknown as { count: number } }));
    const result = await dispatcher.dispatch('library.trash', { ids: ['a'] });
    expect(result.ok === false && result.error.code).toBe('api.internal');
  });
});

// One valid input per method; the Record type makes a new method fail to compile here until it has one.
const bytes = new Uint8Array([1, 2, 3]);
const validInputs: Record<MethodName, unknown> = {
  'app.info': {},
  'devices.list': {},
  'looks.list': {},
  'looks.preview': { id: 'x' },
  'looks.sample': { id: 'x' },
  'looks.grainPlate': { id: 'x', width: 640, height: 360, seed: 0 },
  'looks.import': { file: 'handle' },
  'looks.rename': { id: 'x', name: 'Summer' },
  'looks.uses': { id: 'x' },
  'looks.delete': { id: 'x' },
  'develop.photo': { lookId: 'x', file: 'handle' },
  'develop.sample': { lookId: 'x', subject: { picture: bytes, name: 'me.jpg' } },
  'library.redevelop': { id: 'x', lookId: 'y' },
  'devices.useFile': { file: 'handle' },
  'viewfinder.start': { deviceId: 'demo' },
  'viewfinder.stop': {},
  'shutter.shoot': { lookId: 'x' },
  'shutter.ready': { lookId: 'x' },
  'shutter.finishHalf': {},
  'settings.device': { deviceId: 'demo' },
  'settings.setDevice': { deviceId: 'demo', patch: { mirror: true } },
  'recorder.check': { lookId: 'x' },
  'recorder.start': { lookId: 'x' },
  'recorder.stop': {},
  'library.list': {},
  'library.get': { id: 'x' },
  'library.trash': { ids: ['x'] },
  'library.restore': { ids: ['x'] },
  'library.emptyTrash': {},
  'library.layout': { query: { sort: 'added', kind: 'photo', favourite: true } },
  'library.range': { query: { trashed: true }, offset: 99_000, limit: 200 },
  'library.position': { id: 'x' },
  'library.favourite': { ids: ['x'], favourite: true },
  'library.purge': {},
  'library.reveal': { ids: ['x'] },
  'files.picker': {},
  'files.pick': { purpose: 'develop', multiple: true, filters: [{ name: 'Photos', extensions: ['jpg'] }] },
  'files.uploadBegin': { name: 'a.jpg', bytes: 3 },
  'files.uploadChunk': { uploadId: 'u', offset: 0, data: bytes },
  'files.uploadEnd': { uploadId: 'u' },
  'files.uploadAbort': { uploadId: 'u' },
  'files.release': { ids: ['handle'] },
  'location.status': {},
  'location.set': { attach: true, place: { latitude: 38.7, longitude: -9.1, name: 'Lisbon', country: 'PT' } },
  'location.places': { query: 'lis' },
  'location.resolve': { text: 'Lisbon' },
  'location.itemInfo': { id: 'x' },
  'geotag.openTrack': { file: 'handle' },
  'geotag.preview': { trackId: 't', ids: ['x'], offsetSeconds: -90, maxGapSeconds: 1800, zone: 'Europe/Lisbon' },
  'geotag.apply': { trackId: 't', ids: ['x'], offsetSeconds: 0, maxGapSeconds: 1800 },
  'geotag.undo': { runId: 'r' },
  'privacy.status': {},
  'privacy.notice': { locale: 'en' },
  'privacy.decide': { accept: true },
  'privacy.setAge': { minor: false },
  'privacy.setGuardianPin': { pin: '1234' },
  'privacy.setSwitch': { feature: 'camera', on: false },
  'privacy.setRetention': { logs: 7 },
  'privacy.usage': {},
  'privacy.exportUsage': {},
  'privacy.devices': {},
  'privacy.stores': {},
  'privacy.storeFiles': { store: 'logs' },
  'privacy.reveal': { store: 'catalog' },
  'privacy.osAccess': {},
  'privacy.openOsSettings': { device: 'camera' },
  'privacy.exportData': { folder: 'handle' },
  'privacy.erase': { scope: 'personal' },
  'privacy.cancelExport': {},
  'privacy.diagnostics': {},
  'privacy.saveDiagnostics': { folder: 'handle' },
  'privacy.openSource': {},
  'job.develop': { ids: ['x'], lookId: 'y' },
  'job.import': { files: ['handle'], lookId: 'y' },
  'job.list': {},
  'job.get': { jobId: 'x' },
  'job.pause': { jobId: 'x' },
  'job.resume': { jobId: 'x' },
  'job.cancel': { jobId: 'x' },
  'job.errors': { jobId: 'x' },
  'export.options': {},
  'export.start': { ids: ['x'], folder: 'handle', variant: 'developed', format: 'avif', longEdge: 2048, quality: 80, nameTemplate: '{date}_{seq}', policy: 'coarse' },
  'export.results': { jobId: 'x' },
  'libraryFolder.status': {},
  'libraryFolder.choose': { folder: 'handle' },
  'libraryFolder.move': { folder: 'handle' },
  'libraryFolder.cancelMove': {},
};

describe('client derived from the contract', () => {
  test('every method in the table is callable through the client, and only those', async () => {
    const seen: string[] = [];
    const all = Object.fromEntries(
      methodNames.map((name) => [
        name,
        () => {
          seen.push(name);
          throw new DarkslideError('api.not-here', { what: name });
        },
      ]),
    ) as unknown as Handlers;
    const client = createClient(createMemoryTransport(createDispatcher(all))) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    for (const name of methodNames) {
      const [group, action] = name.split('.') as [string, string];
      const input = validInputs[name];
      expect(methods[name].input.safeParse(input).success).toBe(true);
      await expect(client[group]![action]!(input)).rejects.toMatchObject({ code: 'api.not-here', params: { what: name } });
    }
    expect(seen).toEqual(methodNames);
  });

  test('events reach subscribers and unsubscribe works', async () => {
    const dispatcher = createDispatcher(handlers({}));
    const client = createClient(createMemoryTransport(dispatcher));
    const got: string[][] = [];
    const off = client.on('library.changed', (change) => got.push(change.ids));
    dispatcher.emit('library.changed', { ids: ['a'], reason: 'added' });
    off();
    dispatcher.emit('library.changed', { ids: ['b'], reason: 'added' });
    expect(got).toEqual([['a']]);
    expect(eventNames).toContain('viewfinder.frame');
  });
});

describe('framing', () => {
  test('binary parts survive a round trip without base64', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
    const message = { t: 'event', event: 'viewfinder.frame', payload: { seq: 7, jpeg, nested: [{ lut: new Uint8Array(3) }] } };
    const encoded = encodeMessage(message);
    expect(encoded.byteLength).toBeLessThan(200);
    expect(decodeMessage(encoded)).toEqual(message);
  });

  test('truncated messages are refused', () => {
    const encoded = encodeMessage({ jpeg: new Uint8Array(100) });
    expect(() => decodeMessage(encoded.subarray(0, encoded.length - 10))).toThrow(/truncated/);
    expect(() => decodeMessage(new Uint8Array([0, 0, 1, 0]))).toThrow(/overruns/);
  });
});
