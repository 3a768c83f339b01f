// The export job for real (sharp, ffmpeg, exiftool, the catalog, the privacy store), checked with tools that
// share no code with it: every policy on JPEG, PNG, WebP, AVIF, TIFF and MP4 (from an MP4 and a MOV) read back
// with Debian's exiftool -a -G1 and by the raw bytes, from sources carrying EXIF, GPS, IPTC, XMP, a maker note,
// a thumbnail, QuickTime Keys, UserData (©xyz, loci) and ItemList. What exiftool found is written to
// out/export-metadata.md.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, richJpeg, richVideo } from '../../../tests/support/export-fixtures.ts';
import { expectPolicy, exiftoolAll, found, type Found, type Policy } from '../../../tests/support/export-inspect.ts';
import { createJobEngine, type JobEngine } from '../../jobs/index.ts';
import { openLibrary, type Library } from '../../library/index.ts';
import { closeMetadata, writeShotMetadata } from '../../metadata/index.ts';
import { openPrivacy } from '../../privacy/index.ts';
import { isPartialName } from '../../export/index.ts';
import { exportLocationRuleOf, planExport, setExportLocationRule, type ExportItemResult } from './export.ts';
import { jobKinds } from './index.ts';

const work = mkdtempSync(path.join(tmpdir(), 'ds-export-job-'));
const POLICIES: Policy[] = ['keep', 'no-location', 'coarse', 'none'];
const FORMATS = ['jpeg', 'png', 'webp', 'avif', 'tiff'] as const;
const table: { format: string; source: string; policy: Policy; found: Found }[] = [];

let library: Library;
let jobs: JobEngine;
const ids: Record<string, string> = {};
let allowLocation: () => void;

async function addFixture(kind: 'photo' | 'video', sourceFile: string, width: number, height: number): Promise<string> {
  const item = await library.addFile({ kind, sourceFile, width, height, takenAt: new Date(FIXTURE.takenAt), lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, location: { latitude: FIXTURE.latitude, longitude: FIXTURE.longitude }, ...(kind === 'video' ? { durationSec: 1 } : {}) });
  return item.id;
}

beforeAll(async () => {
  const sources = path.join(work, 'sources');
  mkdirSync(sources);
  library = await openLibrary({ root: path.join(work, 'library'), dataDir: path.join(work, 'data') });
  jobs = createJobEngine({ library, kinds: jobKinds });
  ids.photo = await addFixture('photo', await richJpeg(sources), 640, 480);
  ids.mp4 = await addFixture('video', await richVideo(sources, 'rich.mp4'), 320, 240);
  ids.mov = await addFixture('video', await richVideo(sources, 'rich.mov'), 320, 240);
  // A shot developed by Darkslide, with the rich photo kept as its original.
  const developed = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#335577' } }).jpeg().toBuffer();
  const takenAt = new Date(FIXTURE.takenAt);
  const shot = await library.addShot({
    kind: 'photo', data: developed, ext: 'jpg', width: 300, height: 200, takenAt, lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null,
    original: readFileSync(await richJpeg(sources, 'original.jpg')),
    beforeCommit: (temp) => writeShotMetadata(temp, { takenAt, utcOffsetMinutes: 60, make: 'Darkslide', model: 'Harbor 400', software: 'Darkslide 0.1.0' }),
  });
  ids.shot = shot.id;
  allowLocation = setExportLocationRule(() => ({ keepsLocation: true, reason: null }));
}, 120_000);

afterAll(async () => {
  allowLocation();
  await jobs.close();
  await library.close();
  await closeMetadata();
  const lines = ['| format | source | policy | location | capture time | device | software | description | groups | tags |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of table) {
    const f = row.found;
    lines.push(`| ${row.format} | ${row.source} | ${row.policy} | ${f.location} | ${f.captureTime} | ${f.device} | ${f.software} | ${f.description} | ${f.groups.join(' ')} | ${f.tagCount} |`);
  }
  mkdirSync(path.resolve('out'), { recursive: true });
  if (table.length) writeFileSync(path.resolve('out/export-metadata.md'), `${lines.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
});

type Settings = { format?: string; policy?: Policy; variant?: 'developed' | 'original'; nameTemplate?: string; longEdge?: number | null; quality?: number };

async function runExport(folder: string, items: string[], settings: Settings = {}) {
  mkdirSync(folder, { recursive: true });
  const params = { folder, variant: settings.variant ?? 'developed', format: settings.format ?? 'jpeg', longEdge: settings.longEdge ?? null, quality: settings.quality ?? 85, nameTemplate: settings.nameTemplate ?? '{original}', policy: settings.policy ?? 'keep' };
  const started = await jobs.start('export', params, await planExport(library, items, params));
  const end = await jobs.settled(started.jobId);
  const settled = await library.jobs.settled(started.jobId, 0, 500);
  return { end, items: settled.items, results: settled.items.map((item) => (item.result as { value?: ExportItemResult } & ExportItemResult)).map((r) => r?.value ?? r) };
}

describe('every policy, every format, read back by Debian’s exiftool', () => {
  for (const format of FORMATS) {
    it(`${format}${format === 'jpeg' ? ' (and MP4 from an MP4 and a MOV)' : ''}`, async () => {
      for (const policy of POLICIES) {
        const folder = path.join(work, 'matrix', format, policy);
        const items = format === 'jpeg' ? [ids.photo!, ids.mp4!, ids.mov!] : [ids.photo!];
        const { end, items: settled, results } = await runExport(folder, items, { format, policy });
        expect(end, `${format} ${policy}`).toMatchObject({ state: 'finished', failed: 0, done: items.length });
        expect(settled.map((item) => item.error)).toEqual(items.map(() => null));
        for (const [i, result] of results.entries()) {
          const kind = i === 0 ? 'photo' : 'video';
          const file = path.join(folder, result.file);
          expectPolicy(file, kind, policy, `${format} ${policy} ${result.file}`);
          // Darkslide's own read-back agrees: it checked, and found nothing beyond the policy.
          expect(result.check.findings).toEqual([]);
          if (policy !== 'none') expect(result.check.tags).toBeGreaterThan(0);
          expect(result.check.holds.location === null).toBe(policy === 'none' || policy === 'no-location');
          expect(result.check.holds.captureTime).toBe(policy !== 'none');
          table.push({ format: kind === 'photo' ? format : 'mp4', source: i === 0 ? 'JPEG' : i === 1 ? 'MP4' : 'MOV', policy, found: found(file) });
        }
        expect(readdirSync(folder).filter(isPartialName)).toEqual([]);
      }
    });
  }
});

describe('privacy decides whether an export may keep a location', () => {
  it('an under-18 without the guardian’s confirmation exports no location, whatever the policy; with it, the place stays', async () => {
    const dataDir = path.join(work, 'privacy-minor');
    const privacy = openPrivacy(dataDir);
    const undo = setExportLocationRule(exportLocationRuleOf(privacy));
    try {
      privacy.decide({ accept: true, locale: 'en' });
      await privacy.setAge(true);
      for (const policy of ['keep', 'coarse'] as const) {
        const folder = path.join(work, 'minor', policy);
        const { results } = await runExport(folder, [ids.photo!, ids.mp4!], { policy });
        for (const [i, result] of results.entries()) {
          expect(result).toMatchObject({ policy: 'no-location', locationWithheld: 'minor-without-guardian' });
          expectPolicy(path.join(folder, result.file), i === 0 ? 'photo' : 'video', 'no-location');
        }
      }
      // The guardian sets their PIN: that is their confirmation, asked at export time.
      await privacy.setGuardianPin('4321');
      const folder = path.join(work, 'minor', 'confirmed');
      const { results } = await runExport(folder, [ids.photo!], { policy: 'keep' });
      expect(results[0]).toMatchObject({ policy: 'keep', locationWithheld: null });
      expectPolicy(path.join(folder, results[0]!.file), 'photo', 'keep');
    } finally {
      undo();
      privacy.close();
    }
  });

  it('with no answer from privacy at all, no location leaves', async () => {
    allowLocation();
    try {
      const folder = path.join(work, 'no-rule');
      const { results } = await runExport(folder, [ids.photo!], { policy: 'keep' });
      expect(results[0]).toMatchObject({ policy: 'no-location', locationWithheld: 'privacy-unknown' });
      expect(exiftoolAll(path.join(folder, results[0]!.file))['Composite:GPSLatitude']).toBeUndefined();
    } finally {
      allowLocation = setExportLocationRule(() => ({ keepsLocation: true, reason: null }));
    }
  });
});

describe('names, originals, repeats', () => {
  it('fills the template, numbers the same name, and exporting again adds nothing', async () => {
    const folder = path.join(work, 'names');
    const items = [ids.photo!, ids.shot!, ids.mp4!];
    const first = await runExport(folder, items, { nameTemplate: '{date} {camera} {seq}', format: 'webp' });
    expect(first.results.map((r) => r.file)).toEqual(['2024-05-01 Harbor 400 001.webp', '2024-05-01 Harbor 400 002.webp', '2024-05-01 Harbor 400 003.mp4']);
    const same = await runExport(folder, [ids.photo!, ids.shot!], { nameTemplate: '{camera}', format: 'webp' });
    expect(same.results.map((r) => r.file)).toEqual(['Harbor 400.webp', 'Harbor 400 (2).webp']);
    // The same export again: every file is already there, byte for byte; nothing is added.
    const again = await runExport(folder, [ids.photo!, ids.shot!], { nameTemplate: '{camera}', format: 'webp', quality: 86 });
    const repeat = await runExport(folder, [ids.photo!, ids.shot!], { nameTemplate: '{camera}', format: 'webp', quality: 86 });
    expect(again.end.skipped).toBe(0);
    expect(repeat.end).toMatchObject({ skipped: 2, failed: 0 });
    expect(repeat.results.map((r) => r.file)).toEqual(again.results.map((r) => r.file));
    expect(readdirSync(folder).sort()).toEqual(
      ['2024-05-01 Harbor 400 001.webp', '2024-05-01 Harbor 400 002.webp', '2024-05-01 Harbor 400 003.mp4', 'Harbor 400.webp', 'Harbor 400 (2).webp', 'Harbor 400 (3).webp', 'Harbor 400 (4).webp'].sort(),
    );
  });

  it('exports the kept original where asked (its own camera and time), and says when there is none', async () => {
    const folder = path.join(work, 'originals');
    const { results } = await runExport(folder, [ids.shot!, ids.photo!], { variant: 'original', policy: 'no-location', format: 'png' });
    expect(results[0]).toMatchObject({ variant: 'original', noOriginal: false });
    expect(results[1]).toMatchObject({ variant: 'developed', noOriginal: true });
    const original = exiftoolAll(path.join(folder, results[0]!.file));
    expect(original).toMatchObject({ 'IFD0:Make': 'Canon', 'IFD0:Model': 'Canon EOS 5D', 'PNG:ImageWidth': 480, 'PNG:ImageHeight': 640 });
    expectPolicy(path.join(folder, results[0]!.file), 'photo', 'no-location');
    const developed = await runExport(path.join(work, 'developed'), [ids.shot!], { policy: 'none', format: 'png' });
    expect(exiftoolAll(path.join(work, 'developed', developed.results[0]!.file))).toMatchObject({ 'PNG:ImageWidth': 300 });
  });

  it('a template the job cannot fill is refused before anything is written, naming what is wrong', async () => {
    const params = { folder: path.join(work, 'bad-template'), variant: 'developed', format: 'jpeg', longEdge: null, quality: 80, nameTemplate: '{date}-{place}', policy: 'none' };
    await expect(planExport(library, [ids.photo!], params)).rejects.toMatchObject({ code: 'export.template-field', params: { field: '{place}' } });
    await expect(jobs.start('export', params, [{ itemId: ids.photo, name: 'x', stem: 'x', first: 1 }])).rejects.toMatchObject({ code: 'export.template-field', params: { field: '{place}' } });
  });
});

describe('cancel', () => {
  it('stops at once and leaves no partial file', async () => {
    const folder = path.join(work, 'cancel');
    mkdirSync(folder);
    const items = [ids.photo!, ids.shot!, ids.photo!, ids.shot!, ids.photo!, ids.shot!];
    const params = { folder, variant: 'developed', format: 'avif', longEdge: null, quality: 70, nameTemplate: '{seq}', policy: 'none' };
    const started = await jobs.start('export', params, await planExport(library, items, params));
    // Cancel as soon as a temporary file exists: in the middle of an item.
    for (let i = 0; i < 400 && !readdirSync(folder).some(isPartialName); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const cancelled = await jobs.cancel(started.jobId);
    expect(cancelled.state).toBe('cancelled');
    await jobs.settled(started.jobId);
    // The item in hand stops at its next step (an encode or an exiftool call in flight finishes first).
    for (let i = 0; i < 200 && readdirSync(folder).some(isPartialName); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readdirSync(folder).filter(isPartialName)).toEqual([]);
    for (const name of readdirSync(folder)) expect((await sharp(path.join(folder, name)).metadata()).format).toBe('heif');
  });
});
