import { defineConfig } from 'vitest/config';

// Four projects so CI can report their counts apart: unit/integration, reliability, the
// Electron shell (its real bundles in Node with a stand-in for the Electron
// binary, which cannot run on these machines) and end-to-end. One fork at a time
// for reliability and shell: full disks, kill loops and the shell's stand-in must not share the machine.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Three files at a time on 2 cores: many of these wait on ffmpeg in real time (two A/V sync tests record a
          // minute each) or on exiftool, so two at a time left the cores half idle (unit took 569 s of 1005 s of
          // tests); the whole project passed under a load of 20.
          maxWorkers: 3,
        },
      },
      {
        // Faults with real parts (full disks, SIGKILL loops, concurrent processes), fuzzing and a hostile
        // loopback client: one file at a time, so a full disk or a kill loop never starves another test.
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'shell',
          include: ['tests/shell/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          environment: 'node',
          // A page waits on ffmpeg, a develop or the catalog: on a busy 2-core machine that can pass 5 s (the default),
          // and a wait that ends early fails a test that would have passed. A real failure still fails, later.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 180_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Two files at a time: each has its own services, library and Chromium, and most of a file's time is
          // waiting on ffmpeg, a page or a job; one at a time made npm test overrun its 20 minutes.
          maxWorkers: 2,
        },
      },
    ],
  },
});
