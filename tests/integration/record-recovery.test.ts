// A recording killed with SIGKILL loses at most its last seconds: the next
// command that opens the library finds the partial file, makes it playable
// and files it in the album marked as recovered.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { darkslide } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function probeDuration(file: string): Promise<number> {
  return new Promise((resolve) => {
    const probe = spawn('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    probe.stdout.on('data', (chunk) => (out += chunk));
    probe.once('exit', () => resolve(Number.parseFloat(out) || 0));
  });
}

function partialFiles(dataDir: string): string[] {
  const base = path.join(dataDir, 'recordings');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((owner) => readdirSync(path.join(base, owner)).filter((name) => name.endsWith('.recording')).map((name) => path.join(base, owner, name)));
}

describe('a recording killed mid-way', () => {
  const library = tempDir('recover');
  afterAll(() => library.remove());

  test('is recovered, playable and marked, the next time any command opens the library', async () => {
    const recorder = spawn(process.execPath, [path.join(root, 'bin/darkslide.js'), 'record', '--device', 'demo', '--look', 'harbor-400', '--seconds', '60', '--size', '640x360', '--library', library.path], { stdio: 'ignore' });
    const dataDir = path.join(library.path, '.darkslide');
    // Wait for the recorder to write, then let it record for a while.
    const deadline = Date.now() + 60_000;
    while (!partialFiles(dataDir).some((file) => statSync(file).size > 0) && Date.now() < deadline) await sleep(200);
    expect(partialFiles(dataDir)).toHaveLength(1);
    const recordedFor = 6;
    await sleep(recordedFor * 1000);
    // What is on disk a moment before the kill: none of it may be lost.
    const [partial] = partialFiles(dataDir);
    const onDisk = await probeDuration(partial!);
    recorder.kill('SIGKILL');
    await new Promise((resolve) => recorder.once('exit', resolve));

    const listed = await darkslide('library', '--library', library.path, '--json');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as { kind: string; recovered: boolean; durationSec: number; relPath: string; lookId: string }[];
    expect(items).toHaveLength(1);
    const [video] = items;
    expect(video).toMatchObject({ kind: 'video', recovered: true, lookId: 'harbor-400' });
    console.log(`recovered ${video!.durationSec.toFixed(2)} s; ${onDisk.toFixed(2)} s was readable on disk just before the kill, ${recordedFor} s after the first write`);
    // Fragments are flushed as they are made: what was on disk survives, less at most one fragment being written.
    expect(video!.durationSec).toBeGreaterThanOrEqual(onDisk - 1);
    // On a machine that encodes in real time this is the "at most 2 s lost" promise; a machine that falls
    // behind is warned before recording (recorder.check) and has less on disk to begin with.
    expect(video!.durationSec).toBeGreaterThanOrEqual(Math.min(recordedFor, onDisk) - 2);
    expect(partialFiles(dataDir)).toEqual([]);

    // Playable: ffmpeg decodes it to the end without an error.
    const decoded = spawn('ffmpeg', ['-v', 'error', '-i', path.join(library.path, video!.relPath), '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    decoded.stderr.on('data', (chunk) => (errors += chunk));
    expect(await new Promise((resolve) => decoded.once('exit', resolve))).toBe(0);
    expect(errors).toBe('');
  });
});
