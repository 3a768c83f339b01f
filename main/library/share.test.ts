import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type ChangeEvent, type Library, type RecoveryReport } from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'fixtures', 'share-child.ts');

type Line = { type: string; ids?: string[]; id?: string; temp?: string; recovery?: RecoveryReport };

/** A second process with the library open: the CLI next to the running app. */
class Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly #lines: Line[] = [];
  readonly #waiting: { type: string; resolve: (line: Line) => void; reject: (error: Error) => void }[] = [];
  #stderr = '';

  constructor(root: string, dataDir: string) {
    // process.execPath is the Node 24 running vitest (node:sqlite, type stripping).
    this.process = spawn(process.execPath, [childScript, root, dataDir]);
    let buffer = '';
    this.process.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        this.#lines.push(JSON.parse(buffer.slice(0, end)) as Line);
        buffer = buffer.slice(end + 1);
        this.#deliver();
      }
    });
    this.process.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.process.on('exit', (code, signal) => {
      for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error(`child exited (${code ?? signal}) while the test waited for "${waiter.type}": ${this.#stderr}`));
    });
  }

  #deliver(): void {
    for (const waiter of [...this.#waiting]) {
      const index = this.#lines.findIndex((line) => line.type === waiter.type);
      if (index < 0) continue;
      const [line] = this.#lines.splice(index, 1);
      this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
      waiter.resolve(line!);
    }
  }

  next(type: string): Promise<Line> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ type, resolve, reject });
      this.#deliver();
    });
  }

  send(command: object): void {
    this.process.stdin.write(`${JSON.stringify(command)}\n`);
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return resolve();
      this.process.once('exit', () => resolve());
      this.process.kill('SIGKILL');
    });
  }
}

/** Collects change events and lets a test wait until given ids have been announced with a reason. */
function recordChanges(library: Library) {
  const events: ChangeEvent[] = [];
  const waiters: (() => void)[] = [];
  library.onChange((event) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  });
  const has = (ids: string[], reason: string) => ids.every((id) => events.some((event) => event.reason === reason && event.ids.includes(id)));
  return {
    events,
    async until(ids: string[], reason: string): Promise<void> {
      while (!has(ids, reason)) await new Promise<void>((wake) => waiters.push(wake));
    },
  };
}

let work: string;
const workDirs: string[] = [];
let root: string;
let dataDir: string;
let jpeg: Buffer;
const opened: Library[] = [];
const children: Child[] = [];
/** Killed after each test, so a failing test leaves no process behind. */
const others: ChildProcess[] = [];

async function open(): Promise<Library> {
  const library = await openLibrary({ root, dataDir });
  opened.push(library);
  return library;
}

function child(): Child {
  const started = new Child(root, dataDir);
  children.push(started);
  return started;
}

const shot = (takenAt = new Date(2026, 6, 1, 12, 0, 0)) => ({
  kind: 'photo' as const, data: jpeg, ext: 'jpg' as const, width: 64, height: 48, takenAt, lookId: 'app', lookName: 'App', recipe: { look: 'x' },
});

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#aa3355' } }).jpeg().toBuffer();
});

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ds-share-'));
  workDirs.push(work);
  root = path.join(work, 'Pictures', 'Darkslide');
  dataDir = path.join(work, 'data');
});

afterEach(async () => {
  others.splice(0).forEach((other) => other.kill('SIGKILL'));
  await Promise.all(children.splice(0).map((started) => started.kill()));
  opened.splice(0).forEach((library) => library.close());
});

afterAll(() => workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('one library, several openers', () => {
  it('two libraries on the same folder in one process see each other’s shots, and hear each other’s changes once', async () => {
    const app = await open();
    const cli = await open();
    const heard = recordChanges(app);
    const own = await app.addShot(shot());
    const other = await cli.addShot(shot());
    // Same second, different connections: the names were reserved under the write lock, so they differ.
    expect(other.fileName).not.toBe(own.fileName);
    // WAL readers see a commit at once; the event needs the next poll.
    expect(await app.get(other.id)).toEqual(other);
    await heard.until([other.id], 'added');
    await cli.trash([other.id]);
    await heard.until([other.id], 'trashed');
    // The app's own add was announced once, directly; the poll skipped its log entry.
    expect(heard.events).toEqual([
      { ids: [own.id], reason: 'added' },
      { ids: [other.id], reason: 'added' },
      { ids: [other.id], reason: 'trashed' },
    ]);
    expect((await cli.list()).items.map((item) => item.id)).toEqual([own.id]);
  });

  it('a live opener’s add in progress is not rolled back by another opener’s recovery, nor its temp file swept', async () => {
    const app = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let tempFile = '';
    let reached!: () => void;
    const inBeforeCommit = new Promise<void>((resolve) => (reached = resolve));
    const adding = app.addShot({ ...shot(), beforeCommit: async (temp) => { tempFile = temp; reached(); await gate; } });
    await inBeforeCommit;
    const second = await open();
    expect(second.recovery).toEqual({ completed: 0, rolledBack: 0, deleted: 0, moved: 0, strayTempFiles: 0, adopted: 0 });
    expect(existsSync(tempFile)).toBe(true);
    release();
    const added = await adding;
    expect(await second.get(added.id)).toEqual(added);
    expect(existsSync(tempFile)).toBe(false);
  });

  it('a CLI process adds shots while the app has the library open: both see all shots, and the app hears the CLI', async () => {
    const app = await open();
    const heard = recordChanges(app);
    const before = await app.addShot(shot());
    const cli = child();
    const opening = await cli.next('open');
    expect(opening.ids).toEqual([before.id]);
    cli.send({ cmd: 'add', n: 2 });
    const { ids: fromCli } = await cli.next('added');
    expect(fromCli).toHaveLength(2);
    await heard.until(fromCli!, 'added');
    expect((await app.list()).items.map((item) => item.id).sort()).toEqual([before.id, ...fromCli!].sort());
    const after = await app.addShot(shot());
    cli.send({ cmd: 'list' });
    expect((await cli.next('list')).ids!.sort()).toEqual([before.id, after.id, ...fromCli!].sort());
    cli.send({ cmd: 'close' });
    await cli.next('closed');
  });

  it('the app and a CLI process adding in the same second at once get distinct names and no errors', async () => {
    const app = await open();
    const cli = child();
    await cli.next('open');
    const takenAt = new Date(2026, 6, 3, 8, 0, 0);
    cli.send({ cmd: 'add', n: 8, takenAt: takenAt.toISOString() });
    const mine: string[] = [];
    for (let i = 0; i < 8; i++) mine.push((await app.addShot(shot(takenAt))).id);
    const { ids: theirs } = await cli.next('added');
    const items = (await app.list({ limit: 100 })).items;
    expect(items.map((item) => item.id).sort()).toEqual([...mine, ...theirs!].sort());
    const names = items.map((item) => item.fileName);
    expect(new Set(names).size).toBe(16);
    const day = path.join(root, '2026', '2026-07-03');
    expect(readdirSync(day).sort()).toEqual([...names].sort());
  });

  it('recovery leaves a live CLI’s half-saved shot alone, and cleans it up once that process was killed', async () => {
    await open();
    const cli = child();
    await cli.next('open');
    cli.send({ cmd: 'hold' });
    const { temp } = await cli.next('holding');
    expect(existsSync(temp!)).toBe(true);
    // The app opening now (e.g. a second window) runs recovery while the CLI is mid-save.
    const during = await open();
    expect(during.recovery.rolledBack).toBe(0);
    expect(during.recovery.strayTempFiles).toBe(0);
    expect(existsSync(temp!)).toBe(true);
    const heard = recordChanges(during);
    cli.send({ cmd: 'release' });
    const { id } = await cli.next('released');
    await heard.until([id!], 'added');
    expect((await during.get(id!))?.fileName).toMatch(/^DS_20260702_/);

    // Now a CLI killed mid-save: the next opener undoes its add.
    const doomed = child();
    await doomed.next('open');
    doomed.send({ cmd: 'hold' });
    const { temp: doomedTemp } = await doomed.next('holding');
    await doomed.kill();
    const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
    const pending = db.prepare("SELECT owner_pid FROM items WHERE state = 'pending'").all();
    db.close();
    expect(pending).toEqual([{ owner_pid: doomed.process.pid }]);
    const after = await open();
    expect(after.recovery).toMatchObject({ rolledBack: 1, completed: 0, adopted: 0 });
    expect(existsSync(doomedTemp!)).toBe(false);
    expect((await after.list()).items.map((item) => item.id)).toEqual([id]);
    // The killed process's lock file is gone; those of the live openers (this process and the first CLI) remain.
    const locks = readdirSync(dataDir).filter((name) => name.endsWith('.lock'));
    expect(locks.map((name) => Number(name.split('.')[1])).sort()).toEqual([process.pid, cli.process.pid].sort());
  });

  it.skipIf(process.platform !== 'linux')('tells a reused pid from the owner that died: the lock file records when the owner started', async () => {
    const stranger = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    others.push(stranger);
    try {
      let library = await open();
      const first = await library.addShot(shot());
      const second = await library.addShot(shot());
      library.close();
      const startOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
      // Both rows are unsettled adds "owned" by the live stranger's pid: one under a lock file that matches the
      // stranger's start time (it is the owner), one under a lock file written by an earlier process with that pid.
      const db = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'));
      const owners = [
        { item: first, nonce: 'aaaaaaaaaaaaaaaa', startTime: startOf(stranger.pid!) },
        { item: second, nonce: 'bbbbbbbbbbbbbbbb', startTime: '1' },
      ];
      for (const { item, nonce, startTime } of owners) {
        writeFileSync(path.join(dataDir, `catalog.${stranger.pid}.${nonce}.lock`), JSON.stringify({ pid: stranger.pid, nonce, startTime }));
        db.prepare("UPDATE items SET state = 'pending', owner_pid = ?, owner_nonce = ? WHERE id = ?").run(stranger.pid!, nonce, item.id);
        rmSync(path.join(root, item.relPath));
      }
      db.close();
      library = await open();
      expect(library.recovery.rolledBack).toBe(1);
      const check = new DatabaseSync(path.join(dataDir, 'catalog.sqlite'), { readOnly: true });
      expect(check.prepare('SELECT id, state FROM items').all()).toEqual([{ id: first.id, state: 'pending' }]);
      check.close();
      expect(existsSync(path.join(dataDir, `catalog.${stranger.pid}.aaaaaaaaaaaaaaaa.lock`))).toBe(true);
      expect(existsSync(path.join(dataDir, `catalog.${stranger.pid}.bbbbbbbbbbbbbbbb.lock`))).toBe(false);
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('close() lets an add already under way finish before it lets go of the catalog', async () => {
    const library = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const inBeforeCommit = new Promise<void>((resolve) => (reached = resolve));
    const adding = library.addShot({ ...shot(), beforeCommit: async () => { reached(); await gate; } });
    await inBeforeCommit;
    library.close();
    await expect(library.list()).rejects.toMatchObject({ code: 'library.closed' });
    // Still registered: nobody may take the half-saved shot for a dead process's.
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toHaveLength(1);
    release();
    const item = await adding;
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
    const reopened = await open();
    expect(reopened.recovery.rolledBack).toBe(0);
    expect(await reopened.get(item.id)).toEqual(item);
  });

  it('listening for changes does not keep a CLI process alive', async () => {
    const script = `
      import { openLibrary } from ${JSON.stringify(path.join(here, 'index.ts'))};
      const library = await openLibrary({ root: ${JSON.stringify(root)}, dataDir: ${JSON.stringify(dataDir)} });
      library.onChange(() => {});
      console.log('listening');
    `;
    const cli = spawn(process.execPath, ['--input-type=module', '-e', script]);
    others.push(cli);
    let out = '';
    cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => cli.on('exit', resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: 'listening' });
  });
});
