import { describe, expect, test } from 'vitest';
import { createRedactor, REDACTED } from './redact.ts';

const r = createRedactor({
  home: '/home/alice',
  library: '/home/alice/Pictures/Darkslide',
  data: '/home/alice/.local/share/darkslide',
  app: '/opt/darkslide',
});

describe('paths', () => {
  test("the home folder is ~ and a user's own folder and file names are hidden, keeping only the type", () => {
    expect(r.text('cannot read /home/alice/Trips/Mum birthday/IMG_0042.JPG now')).toBe('cannot read ~/<path>.jpg now');
    expect(r.text("open '/home/alice/notes'")).toBe("open '~/<path>'");
    expect(r.text('/home/alice')).toBe('~');
  });

  test("Darkslide's own folders keep their dated folders and library ids, under a name", () => {
    expect(r.text('wrote /home/alice/Pictures/Darkslide/2025/2025-06-01/DS_20250601_101500_2.jpg')).toBe('wrote <library>/2025/2025-06-01/DS_20250601_101500_2.jpg');
    expect(r.text('/home/alice/Pictures/Darkslide/.trash/DS_20250601_101500_2.jpg')).toBe('<library>/.trash/DS_20250601_101500_2.jpg');
    expect(r.text('/home/alice/.local/share/darkslide/catalog.sqlite')).toBe('<data>/catalog.sqlite');
    expect(r.text('at run (/opt/darkslide/main/capture/viewfinder.ts:40:7)')).toBe('at run (<app>/main/capture/viewfinder.ts:40:7)');
  });

  test('a name the user gave inside those folders is still hidden', () => {
    expect(r.text('/home/alice/Pictures/Darkslide/beach party.png')).toBe('<library>/<file>.png');
    expect(r.text('/home/alice/.local/share/darkslide/looks/Grandma film.cube')).toBe('<data>/looks/<file>.cube');
  });

  test('system programs and devices stay readable; other folders outside home are hidden too', () => {
    expect(r.text('ffmpeg at /usr/bin/ffmpeg opened /dev/video0')).toBe('ffmpeg at /usr/bin/ffmpeg opened /dev/video0');
    expect(r.text('/mnt/usb/Holiday/DSC_1.NEF')).toBe('<path>.nef');
    expect(r.text('C:\\Users\\alice\\Pictures\\kids.jpg failed')).toBe('<path>.jpg failed');
    expect(r.text('C:\\Program Files\\ffmpeg\\bin\\ffmpeg.exe')).toBe('C:\\Program Files\\ffmpeg\\bin\\ffmpeg.exe');
  });

  test('a file name quoted without its folder is hidden unless it is a library id', () => {
    expect(r.text('"holiday-in-rome.jpg" is not a photo')).toBe('"<file>.jpg" is not a photo');
    expect(r.text('filed DS_20250601_101500_2.mp4')).toBe('filed DS_20250601_101500_2.mp4');
    expect(r.text('track morning run.gpx applied')).toBe('track morning <file>.gpx applied');
  });
});

describe('location', () => {
  test('coordinates in the forms tools print are removed', () => {
    expect(r.text('at 48.13743, 11.57549 today')).toBe(`at ${REDACTED} today`);
    expect(r.text('Keys:GPSCoordinates=+48.1374+011.5755+519.000/')).toBe(`Keys:GPSCoordinates=${REDACTED}`);
    expect(r.text('iso +38.7139-009.1394/')).toBe(`iso ${REDACTED}`);
    expect(r.text(`48°8'14.7"N 11°34'31.8"E`)).toBe(`${REDACTED} ${REDACTED}`);
    expect(r.text('-GPSLatitude=-33.8688 -GPSLongitude=151.2093')).toBe(`-GPSLatitude=${REDACTED} -GPSLongitude=${REDACTED}`);
    expect(r.text('lat: 51.5 lon: -0.12')).toBe(`lat: ${REDACTED} lon: ${REDACTED}`);
  });

  test('location keys lose their values whatever their type', () => {
    expect(r.value({ lat: 48.1, lon: 11.5, gps: { a: 1 }, place: 'Munich', coordinates: [48.1, 11.5], count: 3 })).toEqual({
      lat: REDACTED,
      lon: REDACTED,
      gps: REDACTED,
      place: REDACTED,
      coordinates: REDACTED,
      count: 3,
    });
  });

  test('versions, sizes and timings are not mistaken for coordinates', () => {
    expect(r.text('ffmpeg 5.1.6 at 1920x1080 took 12.5 ms; sharp 0.35.5')).toBe('ffmpeg 5.1.6 at 1920x1080 took 12.5 ms; sharp 0.35.5');
    expect(r.text('2025-06-01T10:15:00.000+02:00')).toBe('2025-06-01T10:15:00.000+02:00');
  });
});

describe('identifiers and query strings', () => {
  test("a URL keeps its scheme, host and path, never its query or fragment", () => {
    expect(r.text('GET http://127.0.0.1:41234/api?token=abc123&x=1 failed')).toBe('GET http://127.0.0.1:41234/api failed');
    expect(r.text('darkslide-media://item/abc/thumb#frag')).toBe('darkslide-media://item/abc/thumb');
    expect(r.text('at file:///home/alice/My%20Trip/x.jpg and file:///opt/darkslide/main/a.ts:3:1')).toBe('at file://~/<path>.jpg and file://<app>/main/a.ts:3:1');
  });

  test('secret and identifying keys are removed', () => {
    expect(r.value({ token: 'abc', hostname: 'alice-laptop', pinHash: 'x', n: 1 })).toEqual({ token: REDACTED, hostname: REDACTED, pinHash: REDACTED, n: 1 });
  });

  test('a whole serialised line is rewritten, nested values and the error stack included', () => {
    const line = JSON.stringify({ level: 'error', msg: 'import failed for /home/alice/Desktop/secret.jpg', err: { message: 'ENOENT /home/alice/Desktop/secret.jpg', stack: 'Error\n    at /opt/darkslide/main/x.ts:1:1' }, where: { lat: 1 } });
    const out = JSON.parse(r.line(line)) as Record<string, unknown>;
    expect(out).toEqual({ level: 'error', msg: 'import failed for ~/<path>.jpg', err: { message: 'ENOENT ~/<path>.jpg', stack: 'Error\n    at <app>/main/x.ts:1:1' }, where: { lat: REDACTED } });
    expect(r.line('not json /home/alice/a.png\n')).toBe('not json ~/<path>.png\n');
  });
});
