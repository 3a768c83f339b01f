import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary, type RecoveryReport } from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'shoot-loop.ts');
const KILLS = 8;

type ChildLine = { type: string; recovery?: RecoveryReport; name?: string; id?: string; sources?: string[] };

/** A shooting loop in its own process, until kill(). */
class Shooter {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exited: Promise<ChildLine[]>;
  #out = '';
  #onOpen: (() => void) | null = null;

  constructor(args: string[]) {
    // process.execPath is the Node 24 running vitest. Going through `npx` would put a wrapper process between
    // the test and the shooter, and SIGKILL on the wrapper would leave the shooter running.
    this.#child = spawn(process.execPath, [fixture, ...args]);
    let err = '';
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#out += chunk.toString();
      if (this.#out.includes('"type":"open"')) this.#onOpen?.();
    });
    this.#child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    this.#exited = new Promise((resolve, reject) => {
      this.#child.on('error', reject);
      this.#child.on('exit', (code, signal) => {
        this.#onOpen?.();
        if (signal !== 'SIGKILL') {
          reject(new Error(`shooter exited by itself (code ${code}, signal ${signal}): ${err}`));
          return;
        }
        // A line cut by the kill is not valid JSON: drop only a torn last line.
        const lines = this.#out.split('\n').filter(Boolean);
        const parsed: ChildLine[] = [];
        lines.forEach((line, index) => {
          try {
            parsed.push(JSON.parse(line) as ChildLine);
          } catch (error) {
            if (index !== lines.length - 1) throw error;
          }
        });
        resolve(parsed);
      });
    });
    // Reported by kill(); never unhandled meanwhile.
    this.#exited.catch(() => undefined);
  }

  /** Resolves once the shooter has opened the library (its recovery is done), or has died. */
  opened(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#out.includes('"type":"open"') || this.#child.exitCode !== null || this.#child.signalCode !== null) return resolve();
      this.#onOpen = resolve;
    });
  }

  kill(): Promise<ChildLine[]> {
    this.#child.kill('SIGKILL');
    return this.#exited;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function walk(dir: string, base = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : [rel];
  });
}

type AuditRow = {
  id: string;
  rel_path: string;
  state: string;
  location: string;
  trashed_at: string | null;
  bytes: number;
  original_rel_path: string | null;
  recipe: string;
};

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('crash safety: a shot is either in the catalog and on disk, or in neither', () => {
  it(`survives ${KILLS} SIGKILLs at random moments of two shooters sharing the library (shooting, importing, trashing, emptying the trash)`, async () => {
    expect(spawnSync(process.execPath, ['-e', "require('node:sqlite')"]).status).toBe(0);
    const work = mkdtempSync(path.join(tmpdir(), 'ds-crash-'));
    cleanup.push(work);
    const root = path.join(work, 'Pictures', 'Darkslide');
    const dataDir = path.join(work, 'data');
    const staging = path.join(work, 'staging');
    mkdirSync(staging, { recursive: true });

    const recoveries: RecoveryReport[] = [];
    const createdSources: string[] = [];
    const mayBeDeleted = new Set<string>();
    let actionsSeen = 0;
    const collect = (lines: ChildLine[]) => {
      for (const line of lines) {
        if (line.type === 'open' && line.recovery) recoveries.push(line.recovery);
        if (line.type === 'source' && line.name) createdSources.push(line.name);
        // Trashed by one shooter, an import may be deleted for good by an emptyTrash in any of them.
        if (line.type === 'trashing') line.sources?.forEach((name) => mayBeDeleted.add(name));
        if (line.type !== 'open') actionsSeen++;
      }
    };
    // Two shooters work at once (the app and the CLI): each new one opens, and so runs recovery, while the
    // previous one is mid-work, and that one is killed at a random moment while the new one works. Every fourth
    // is killed early instead, most often during its own start-up and recovery.
    let previous: Shooter | null = null;
    for (let run = 0; run < KILLS; run++) {
      // Every other shooter serves its catalog from the library's worker thread, as the app does; the others in
      // their main thread, as the CLI does.
      const current = new Shooter([root, dataDir, staging, `r${run}`, run % 2 === 0 ? 'main' : 'worker']);
      if (run % 4 === 3) {
        await pause(100 + Math.random() * 900);
        collect(await current.kill());
        continue;
      }
      await current.opened();
      await pause(200 + Math.random() * 1200);
      if (previous) collect(await previous.kill());
      previous = current;
    }
    if (previous) collect(await previous.kill());
    // Shooters got past start-up, so kills landed in the middle of real work.
    expect(actionsSeen).toBeGreaterThan(KILLS);

    const library = await openLibrary({ root, dataDir });
    recoveries.push(library.recovery);
    const finalRecovery = library.recovery;
    library.close();

    // The journal alone explains every file: had an add left a final file without a row, recovery would have
    // had to adopt it, and that counts as a failure here.
    expect(recoveries.map((report) => report.adopted)).toEqual(recoveries.map(() => 0));

    const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
    const rows = db.prepare('SELECT id, rel_path, state, location, trashed_at, bytes, original_rel_path, recipe FROM items').all() as AuditRow[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.state !== 'done')).toEqual([]);

    const expectedFiles = new Set<string>();
    for (const row of rows) {
      // Trashed state and file location agree after recovery.
      expect(row.location).toBe(row.trashed_at === null ? 'home' : 'trash');
      const rel = row.location === 'trash' ? `.trash/${row.rel_path}` : row.rel_path;
      const file = path.join(root, rel);
      expect(existsSync(file), `row ${row.id} has no file at ${rel}`).toBe(true);
      expect(statSync(file).size).toBe(row.bytes);
      expectedFiles.add(rel);
      if (row.original_rel_path) {
        expect(existsSync(path.join(root, row.original_rel_path)), `original of ${row.id}`).toBe(true);
        expectedFiles.add(row.original_rel_path);
      }
    }
    // Every file has its row, and no temp or exiftool scratch file is left anywhere.
    const onDisk = walk(root);
    expect(onDisk.filter((rel) => !expectedFiles.has(rel))).toEqual([]);
    // Every kept photo is a complete JPEG.
    for (const rel of expectedFiles) {
      const meta = await sharp(path.join(root, rel)).metadata();
      expect(meta.format).toBe('jpeg');
    }
    // An imported source is in exactly one place: still in staging, or in the library (or deleted for good
    // by emptyTrash); never in both, and never lost.
    const imported = new Set(rows.map((row) => (JSON.parse(row.recipe) as { source?: string }).source).filter(Boolean));
    const leftInStaging = new Set(readdirSync(staging));
    for (const name of createdSources) {
      const where = `${name}: imported=${imported.has(name)} staging=${leftInStaging.has(name)} trashed=${mayBeDeleted.has(name)}`;
      expect(imported.has(name) && leftInStaging.has(name), where).toBe(false);
      expect(imported.has(name) || leftInStaging.has(name) || mayBeDeleted.has(name), where).toBe(true);
    }
    // A report of what recovery had to do, for the record (not asserted: it depends on where kills landed).
    const totals = recoveries.reduce(
      (sum, report) => ({
        completed: sum.completed + report.completed,
        rolledBack: sum.rolledBack + report.rolledBack,
        deleted: sum.deleted + report.deleted,
        moved: sum.moved + report.moved,
        strayTempFiles: sum.strayTempFiles + report.strayTempFiles,
      }),
      { completed: 0, rolledBack: 0, deleted: 0, moved: 0, strayTempFiles: 0 },
    );
    console.log(`crash test: ${KILLS} kills, ${rows.length} rows, ${actionsSeen} actions, recovery totals ${JSON.stringify(totals)}, last ${JSON.stringify(finalRecovery)}`);
  });
});
