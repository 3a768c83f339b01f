// The export service with real sharp, exiftool and ffmpeg: pixels right (upright, sized, sRGB), files placed
// without overwriting, nothing left behind on failure or cancel, and what killed exports left cleared.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { richJpeg } from '../../tests/support/export-fixtures.ts';
import { tempDir } from '../../tests/support/temp.ts';
import { closeMetadata } from '../metadata/index.ts';
import { assertWritableFolder, exportFile, isPartialName, placeFile, sweepPartials } from './index.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('export-service');
});
afterAll(async () => {
  await closeMetadata();
  dir.remove();
});

function folder(name: string): string {
  const out = path.join(dir.path, name);
  mkdirSync(out, { recursive: true });
  return out;
}

function debianExiftool(file: string): Record<string, unknown> {
  return (JSON.parse(execFileSync('/usr/bin/exiftool', ['-a', '-G1', '-n', '-j', file], { encoding: 'utf8' })) as Record<string, unknown>[])[0]!;
}

/** Display P3 (non-linear 0..1) to sRGB (0..255), by the published matrices: independent of lcms and libvips. */
function p3ToSrgb(rgb: [number, number, number]): number[] {
  const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const encode = (v: number) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
  const [r, g, b] = rgb.map(linear) as [number, number, number];
  const m = [
    [1.2249401, -0.2249404, 0],
    [-0.0420569, 1.0420571, 0],
    [-0.0196376, -0.0786361, 1.0982735],
  ];
  return m.map((row) => Math.round(encode(Math.min(1, Math.max(0, row[0]! * r + row[1]! * g + row[2]! * b)))));
}

describe('pixels', () => {
  it('a Display P3 photo comes out as the same colour in sRGB: untagged PNG, and TIFF with a dateless sRGB profile', async () => {
    const p3 = [200, 120, 60] as const;
    const source = path.join(dir.path, 'p3.png');
    // These very values, tagged Display P3 by exiftool (which attaches a profile without touching pixels).
    await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: p3[0], g: p3[1], b: p3[2] } } }).png().toFile(source);
    const profile = path.join(dir.path, 'p3.icc');
    const tagged = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).withIccProfile('p3').png().toBuffer();
    writeFileSync(profile, (await sharp(tagged).metadata()).icc!);
    execFileSync('/usr/bin/exiftool', ['-q', '-overwrite_original', `-ICC_Profile<=${profile}`, source]);
    expect(debianExiftool(source)['ICC_Profile:ProfileDescription']).toBe('sP3C');
    const expected = p3ToSrgb([p3[0] / 255, p3[1] / 255, p3[2] / 255]);
    const out = folder('colour');
    for (const format of ['png', 'tiff'] as const) {
      const result = await exportFile({ source, sourceName: 'p3.png', kind: 'photo', folder: out, stem: 'colour', record: {}, photo: { format, quality: 90, longEdge: null } });
      const file = path.join(out, result.name);
      const { data } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      for (let c = 0; c < 3; c++) expect(Math.abs(data[c]! - expected[c]!), `${format} channel ${c}`).toBeLessThanOrEqual(2);
      const tags = debianExiftool(file);
      if (format === 'png') expect(Object.keys(tags).filter((key) => key.startsWith('ICC'))).toEqual([]);
      else {
        expect(tags['ICC_Profile:ProfileDescription']).toBe('sRGB');
        expect(String(tags['ICC-header:ProfileDateTime'])).toMatch(/^0000:00:00/);
      }
    }
  });

  it('turns the photo upright, fits the long edge without enlarging, and carries no orientation tag', async () => {
    const source = await richJpeg(dir.path, 'sideways.jpg');
    const out = folder('upright');
    const full = await exportFile({ source, sourceName: 'sideways.jpg', kind: 'photo', folder: out, stem: 'full', record: {}, photo: { format: 'jpeg', quality: 85, longEdge: null } });
    expect(await sharp(path.join(out, full.name)).metadata()).toMatchObject({ width: 480, height: 640 });
    const small = await exportFile({ source, sourceName: 'sideways.jpg', kind: 'photo', folder: out, stem: 'small', record: {}, photo: { format: 'webp', quality: 80, longEdge: 320 } });
    expect(await sharp(path.join(out, small.name)).metadata()).toMatchObject({ width: 240, height: 320 });
    const big = await exportFile({ source, sourceName: 'sideways.jpg', kind: 'photo', folder: out, stem: 'big', record: {}, photo: { format: 'png', quality: 80, longEdge: 4000 } });
    expect(await sharp(path.join(out, big.name)).metadata()).toMatchObject({ width: 480, height: 640 });
    for (const name of [full.name, small.name, big.name]) expect(debianExiftool(path.join(out, name))['IFD0:Orientation']).toBeUndefined();
  });
});

describe('placing files', () => {
  it('numbers collisions and never overwrites; the same bytes already there are the result', async () => {
    for (const hardLinks of [true, false]) {
      const out = folder(`place-${hardLinks}`);
      writeFileSync(path.join(out, 'trip.jpg'), 'someone else’s photo');
      const write = (content: string) => {
        const temp = path.join(out, `.darkslide-export-${process.pid}-ab${Math.random().toString(16).slice(2, 8)}.jpg`);
        writeFileSync(temp, content);
        return temp;
      };
      expect(await placeFile(write('mine'), out, 'trip', '.jpg', { hardLinks })).toEqual({ name: 'trip (2).jpg', alreadyThere: false });
      expect(await placeFile(write('another'), out, 'trip', '.jpg', { hardLinks })).toEqual({ name: 'trip (3).jpg', alreadyThere: false });
      expect(await placeFile(write('mine'), out, 'trip', '.jpg', { hardLinks })).toEqual({ name: 'trip (2).jpg', alreadyThere: true });
      expect(readFileSync(path.join(out, 'trip.jpg'), 'utf8')).toBe('someone else’s photo');
      expect(readFileSync(path.join(out, 'trip (2).jpg'), 'utf8')).toBe('mine');
      expect(readdirSync(out).sort()).toEqual(['trip (2).jpg', 'trip (3).jpg', 'trip.jpg']);
    }
  });

  it('two exports racing for one name both land, under different names', async () => {
    const out = folder('race');
    const temps = Array.from({ length: 8 }, (_, i) => {
      const temp = path.join(out, `.darkslide-export-${process.pid}-${i}aa.jpg`);
      writeFileSync(temp, `content ${i}`);
      return temp;
    });
    const placed = await Promise.all(temps.map((temp) => placeFile(temp, out, 'same', '.jpg')));
    expect(new Set(placed.map((p) => p.name)).size).toBe(8);
    expect(readdirSync(out).filter(isPartialName)).toEqual([]);
  });
});

describe('leaving nothing behind', () => {
  it('a source that cannot be read fails naming it, and the folder stays empty', async () => {
    const out = folder('unreadable');
    const bad = path.join(dir.path, 'broken.jpg');
    writeFileSync(bad, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expect(exportFile({ source: bad, sourceName: 'DS_broken.jpg', kind: 'photo', folder: out, stem: 'x', record: {}, photo: { format: 'jpeg', quality: 80, longEdge: null } })).rejects.toMatchObject({
      code: 'export.unreadable',
      params: { file: 'DS_broken.jpg' },
    });
    expect(readdirSync(out)).toEqual([]);
  });

  it('a cancelled export stops and removes its temporary file', async () => {
    const out = folder('cancel');
    const source = await richJpeg(dir.path, 'cancel.jpg');
    const controller = new AbortController();
    const running = exportFile({ source, sourceName: 'cancel.jpg', kind: 'photo', folder: out, stem: 'x', record: {}, photo: { format: 'avif', quality: 60, longEdge: null }, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'job.cancelled' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('a folder that is a file, or missing, is one clear error naming it', async () => {
    const file = path.join(dir.path, 'not-a-folder');
    writeFileSync(file, '');
    await expect(assertWritableFolder(file, 'Trip')).rejects.toMatchObject({ code: 'file.not-a-folder', params: { file: 'Trip' } });
    await expect(assertWritableFolder(path.join(dir.path, 'missing'), 'Missing')).rejects.toMatchObject({ code: 'file.not-found', params: { file: 'Missing' } });
    const ok = folder('writable');
    await assertWritableFolder(ok);
    expect(readdirSync(ok)).toEqual([]);
  });

  it('clears what dead processes left, keeps a live export’s file, and anything a day old', async () => {
    const out = folder('sweep');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const names = {
      dead: `.darkslide-export-${deadPid}-aa11.jpg`,
      deadExiftool: `.darkslide-export-${deadPid}-bb22.jpg_exiftool_tmp`,
      live: `.darkslide-export-${process.pid}-cc33.jpg`,
      stale: `.darkslide-export-${process.pid}-dd44.avif`,
      theirs: 'DS_0001.jpg',
    };
    for (const name of Object.values(names)) writeFileSync(path.join(out, name), 'x');
    const old = new Date(Date.now() - 25 * 3600 * 1000);
    utimesSync(path.join(out, names.stale), old, old);
    expect(await sweepPartials(out)).toBe(3);
    expect(readdirSync(out).sort()).toEqual([names.live, names.theirs].sort());
    expect(existsSync(path.join(out, names.live))).toBe(true);
  });
});
