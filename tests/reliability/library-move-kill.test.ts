// SIGKILL during a library move (Settings → Library → Move…), at points spread over copying, verifying,
// switching and removing; then what the next start does (settle the journal, open the library the settings
// name) is checked against the files: the old library whole and in use with no half copy left behind, or the
// new one whole and in use with the old one gone. Never a library with missing items, never two.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, test } from 'vitest';
import { placeFor, settleInterruptedMove } from '../../main/app/library-folder.ts';
import { openLibrary, type Library } from '../../main/library/index.ts';
import { readLibraryFolder } from '../../main/settings/index.ts';
import { makeLibrary, sha } from '../support/library-fixture.ts';
import { tempDir } from '../support/temp.ts';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');
const child = path.join(import.meta.dirname, 'support/move-child.ts');
const work = tempDir('rel-move');
afterAll(() => work.remove());

/** Runs the move in a child; SIGKILLs it once it has printed `killAt` progress lines (never, when null). */
function runMove(appData: string, defaultRoot: string, to: string, killAt: number | null): Promise<{ lines: number; killed: boolean; last: string }> {
  const proc = spawn(node, [child, appData, defaultRoot, to], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  let last = '';
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines += 1;
    last = line;
    if (killAt !== null && lines === killAt) proc.kill('SIGKILL');
  });
  return new Promise((resolve) => proc.once('exit', (_code, signal) => resolve({ lines, killed: signal === 'SIGKILL', last })));
}

async function contents(library: Library): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const trashed of [false, true]) {
    const { items } = await library.list({ trashed, limit: 500 });
    for (const item of items) out.set(item.id, sha(await library.mediaPath(item.id, 'original')));
  }
  return out;
}

describe('a library move killed midway', () => {
  let calibrated = 0;
  const outcomes: string[] = [];

  test('uninterrupted, the child moves the library (and says how many progress lines a move prints)', async () => {
    const base = path.join(work.path, 'calibrate');
    const fx = await makeLibrary(base, 8);
    const to = path.join(base, 'Moved');
    const run = await runMove(fx.appData, fx.place.root, to, null);
    expect(run.last).toBe('end');
    expect(readLibraryFolder(fx.appData)).toBe(to);
    calibrated = run.lines;
    expect(calibrated).toBeGreaterThan(20);
  }, 60_000);

  // Spread over the whole move: early copy, late copy, verifying, around the switch, while removing.
  const points = [0.05, 0.3, 0.55, 0.75, 0.85, 0.92, 0.97];
  test.each(points)('killed at %s of the way: the next start has exactly one whole library, in use', async (fraction) => {
    expect(calibrated).toBeGreaterThan(0);
    const base = path.join(work.path, `kill-${fraction}`);
    const fx = await makeLibrary(base, 8);
    const to = path.join(base, 'Moved');
    const run = await runMove(fx.appData, fx.place.root, to, Math.max(1, Math.round(calibrated * fraction)));
    expect(run.killed).toBe(true);

    // The next start: settle, then open what the settings name.
    const chosen = readLibraryFolder(fx.appData);
    const outcome = await settleInterruptedMove(fx.appData, chosen);
    outcomes.push(outcome);
    const place = placeFor(readLibraryFolder(fx.appData), fx.place);
    const library = await openLibrary(place);
    try {
      expect(await contents(library)).toEqual(fx.hashes);
    } finally {
      await library.close();
    }
    expect(existsSync(path.join(fx.appData, 'library-move.json'))).toBe(false);
    if (chosen === null) {
      // Not switched: the old library is in use and whole, and nothing of the copy is left.
      expect(outcome).toBe('rolled-back');
      expect(place.root).toBe(fx.place.root);
      expect(existsSync(to) ? readdirSync(to) : []).toEqual([]);
    } else {
      // Switched: the new one is in use and whole, the old one is gone, no staging folder remains.
      expect(chosen).toBe(to);
      // 'none': killed after the old one was already removed and the journal with it.
      expect(['finished', 'none']).toContain(outcome);
      expect(existsSync(fx.place.root)).toBe(false);
      expect(existsSync(path.join(fx.appData, 'catalog.sqlite'))).toBe(false);
      expect(readdirSync(to).filter((name) => name.startsWith('.darkslide-moving'))).toEqual([]);
    }
  }, 60_000);

  test('the kills landed both before the switch (rolled back) and after it (finished)', () => {
    expect(outcomes).toContain('rolled-back');
    expect(outcomes).toContain('finished');
  });
});
