// "Export my data" killed (SIGKILL) while its zip is being written: the next start leaves the person's folder as it
// was before (no half zip, no part file) and forgets the note it kept. A real Darkslide in its own process, real
// files; the folder is read with readdir, not through the code under test.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createDarkslide } from '../../main/app/index.ts';
import { tempDir } from '../support/temp.ts';

const work = tempDir('export-kill');
afterAll(() => work.remove());

test('an export killed mid-zip leaves nothing in the folder once Darkslide starts again', async () => {
  const libraryRoot = path.join(work.path, 'Pictures');
  const dataDir = path.join(work.path, 'data');
  const outDir = path.join(work.path, 'out');
  mkdirSync(outDir, { recursive: true });
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures', 'export-data-child.ts'), libraryRoot, dataDir, outDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let said = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('writing')) resolve();
    });
    child.on('exit', () => reject(new Error(`the child ended before writing: ${said}`)));
  });
  child.kill('SIGKILL');
  await exited;
  expect(said).not.toContain('finished');
  // What the kill left: the zip's part file, and no finished zip.
  const left = readdirSync(outDir);
  expect(left.filter((name) => name.endsWith('.zip'))).toEqual([]);
  expect(left.filter((name) => /^\.darkslide-data-.*\.zip\.part$/.test(name))).toHaveLength(1);

  const app = await createDarkslide({ libraryRoot, dataDir, log: false, catalog: 'main' });
  try {
    expect(readdirSync(outDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'part-zips')) ? readdirSync(path.join(dataDir, 'part-zips')) : []).toEqual([]);
    // And an export now is whole.
    const done = await app.rights.exportData(outDir);
    expect(readdirSync(outDir)).toEqual([done.name]);
  } finally {
    await app.close();
  }
}, 60_000);
