// `darkslide export` as a user runs it: its own process, the real job, files read back with Debian's exiftool.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openLibrary } from '../../main/library/index.ts';
import { closeMetadata } from '../../main/metadata/index.ts';
import { isPartialName } from '../../main/export/index.ts';
import { darkslide } from '../support/cli.ts';
import { FIXTURE, richJpeg, richVideo } from '../support/export-fixtures.ts';
import { expectPolicy, exiftoolAll } from '../support/export-inspect.ts';
import { agreeToPrivacyNotice } from '../support/privacy.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = tempDir('export-cli');
const adult = path.join(work.path, 'adult');
const minor = path.join(work.path, 'minor');
const ids: string[] = [];

/** An album with the rich photo and video, its privacy answered. */
async function album(dir: string, options: { minor?: boolean } = {}): Promise<string[]> {
  const sources = path.join(dir, 'sources');
  mkdirSync(sources, { recursive: true });
  const library = await openLibrary({ root: dir, dataDir: path.join(dir, '.darkslide') });
  try {
    const where = { latitude: FIXTURE.latitude, longitude: FIXTURE.longitude };
    const meta = { takenAt: new Date(FIXTURE.takenAt), lookId: 'harbor-400', lookName: 'Harbor 400', recipe: null, location: where };
    const photo = await library.addFile({ kind: 'photo', sourceFile: await richJpeg(sources), width: 640, height: 480, ...meta });
    const video = await library.addFile({ kind: 'video', sourceFile: await richVideo(sources), width: 320, height: 240, durationSec: 1, ...meta });
    await agreeToPrivacyNotice(path.join(dir, '.darkslide'), options);
    return [photo.id, video.id];
  } finally {
    await library.close();
  }
}

beforeAll(async () => {
  ids.push(...(await album(adult)));
  await album(minor, { minor: true });
}, 120_000);

afterAll(async () => {
  await closeMetadata();
  work.remove();
});

describe('darkslide export', () => {
  test('exports every item with the chosen settings, checks each file, and says what it found (--json)', { timeout: 240_000 }, async () => {
    const out = path.join(work.path, 'out-coarse');
    const run = await darkslide('export', '--all', '--out', out, '--library', adult, '--format', 'png', '--long-edge', '320', '--metadata', 'coarse', '--name', '{camera} {seq}', '--json');
    expect(run.code, run.stderr).toBe(0);
    // Piped: no progress bar.
    // eslint-disable-next-line no-control-regex -- the escape that starts a terminal control sequence
    expect(run.stderr).not.toMatch(/\r|\u001b/);
    const report = JSON.parse(run.stdout) as { job: { state: string; total: number; failed: number }; items: { file: string; state: string; check: { tags: number; holds: { location: { accuracy?: number } | null } } }[] };
    expect(report.job).toMatchObject({ state: 'finished', total: 2, failed: 0 });
    // Both items were taken at the same moment, so which one is 001 is the catalogue's tie-break: check the set.
    const files = report.items.map((item) => item.file);
    expect(files.map((file) => file.replace(/ 00[12]\./, ' NNN.')).sort()).toEqual(['Harbor 400 NNN.mp4', 'Harbor 400 NNN.png']);
    expect(files.map((file) => file.slice(-7, -4)).sort()).toEqual(['001', '002']);
    const png = files.find((file) => file.endsWith('.png'))!;
    for (const item of report.items) {
      expect(item.state).toBe('done');
      expect(item.check.holds.location?.accuracy).toBe(1000);
      expectPolicy(path.join(out, item.file), item.file.endsWith('.mp4') ? 'video' : 'photo', 'coarse');
    }
    expect(exiftoolAll(path.join(out, png))).toMatchObject({ 'PNG:ImageWidth': 240, 'PNG:ImageHeight': 320 });
  });

  test('for people: one line per file with what reading it back found, and running it again adds nothing', { timeout: 240_000 }, async () => {
    const out = path.join(work.path, 'out-none');
    const first = await darkslide('export', ids[0]!, '--out', out, '--library', adult, '--metadata', 'none', '--quality', '80');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^✓ \d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_Harbor 400\.jpg {2}\d+ tags read back: nothing personal$/m);
    expect(first.stdout).toContain('Exported 1 of 1');
    const again = await darkslide('export', ids[0]!, '--out', out, '--library', adult, '--metadata', 'none', '--quality', '80');
    expect(again.stdout).toContain('already there, the same bytes');
    expect(readdirSync(out)).toHaveLength(1);
    expectPolicy(path.join(out, readdirSync(out)[0]!), 'photo', 'none');
  });

  test('on a terminal it draws a progress bar; with --json it stays quiet', { timeout: 240_000 }, async () => {
    const bin = path.join(root, 'bin/darkslide.js');
    const command = (extra: string) => `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} export --all --out ${JSON.stringify(path.join(work.path, `tty${extra}`))} --library ${JSON.stringify(adult)} --format webp ${extra}`;
    // English whatever the machine is set to: the test reads the CLI's words.
    const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
    const tty = await promisify(execFile)('/usr/bin/script', ['-qec', command(''), '/dev/null'], { cwd: root, timeout: 120_000, env });
    expect(tty.stdout).toMatch(/\r\[[#.]{24}\] +\d\/2/);
    expect(tty.stdout).toContain('Exported 2 of 2');
    const quiet = await promisify(execFile)('/usr/bin/script', ['-qec', command('--json'), '/dev/null'], { cwd: root, timeout: 120_000, env });
    expect(quiet.stdout).not.toMatch(/\[[#.]{24}\]/);
  });

  test('an under-18 without the guardian’s confirmation gets no location, and is told why', { timeout: 240_000 }, async () => {
    const out = path.join(work.path, 'out-minor');
    const run = await darkslide('export', '--all', '--out', out, '--library', minor, '--metadata', 'keep');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('location left out: the privacy settings say this is someone under 18');
    for (const name of readdirSync(out)) expectPolicy(path.join(out, name), name.endsWith('.mp4') ? 'video' : 'photo', 'no-location');
  });

  test('bad settings and folders are refused before any work, naming what is wrong', { timeout: 120_000 }, async () => {
    const out = path.join(work.path, 'out-bad');
    const cases: [string[], RegExp][] = [
      [['--all', '--out', out, '--format', 'gif'], /--format must be one of jpeg, png, tiff, webp, avif, got "gif"/],
      [['--all', '--out', out, '--metadata', 'some'], /--metadata must be one of keep, no-location, coarse, none/],
      [['--all', '--out', out, '--name', '{date}-{place}'], /--name: The file name has "\{place\}", which is not something Darkslide can fill in/],
      [['--all', '--out', out, '--quality', '0'], /--quality must be a number from 1 to 100/],
      [['nope', '--out', out], /There is no album item "nope"/],
      [['--all'], /export needs --out DIR/],
    ];
    for (const [args, message] of cases) {
      const run = await darkslide('export', ...args, '--library', adult);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const file = path.join(work.path, 'a-file');
    writeFileSync(file, '');
    const notFolder = await darkslide('export', '--all', '--out', path.join(file, 'sub'), '--library', adult);
    expect(notFolder.code).toBe(1);
    expect(notFolder.stderr).toContain(`"${path.join(file, 'sub')}" is a file, so nothing can be put inside it`);
    expect(readdirSync(work.path).filter(isPartialName)).toEqual([]);
  });
});
