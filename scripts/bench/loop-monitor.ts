/**
 * Preloaded into the process bench:develop measures (node --import): the longest event-loop block on its main
 * thread, written as JSON to $DARKSLIDE_BENCH_LOOP when the process exits. A 5 ms timer measures the gaps;
 * a gap counts as a block only for the main thread's own CPU time spent in it, since on a shared machine
 * the OS also deschedules the process, which is not a stall of ours (the raw gap is reported too).
 * Blocks before the first worker thread starts are start-up (evaluating the code, reading the arguments) and
 * are reported apart from those while developing.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const target = process.env.DARKSLIDE_BENCH_LOOP;
if (target) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let working = false;
  subscribe('worker_threads', () => (working = true));
  const worst = { startup: 0, working: 0, workingAt: 0 };
  let maxGap = 0;
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage(lastCpu);
    const gap = now - last;
    const block = Math.min(gap, (cpu.user + cpu.system) / 1000);
    if (!working) worst.startup = Math.max(worst.startup, block);
    else {
      maxGap = Math.max(maxGap, gap - 5);
      if (block > worst.working) [worst.working, worst.workingAt] = [block, now];
    }
    last = now;
    lastCpu = process.threadCpuUsage();
  }, 5);
  timer.unref();
  process.on('exit', () => {
    histogram.disable();
    writeFileSync(
      target,
      JSON.stringify({ maxBlockMs: worst.working, maxBlockAtMs: worst.workingAt, startupBlockMs: worst.startup, endMs: performance.now(), maxGapMs: maxGap, histogramMaxMs: histogram.max / 1e6, maxRssKiB: process.resourceUsage().maxRSS }),
    );
  });
}
