/**
 * Preloaded into the process bench:develop measures (node --import): the longest event-loop block on its main
 * thread, written as JSON to $DARKSLIDE_BENCH_LOOP when the process exits. A 5 ms timer measures the gaps;
 * a gap counts as a block only for the main thread's own CPU time spent in it, since on a shared machine
 * the OS also deschedules the process, which is not a stall of ours (the raw gap is reported too).
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const target = process.env.DARKSLIDE_BENCH_LOOP;
if (target) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let maxBlock = 0;
  let maxGap = 0;
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.threadCpuUsage(lastCpu);
    const gap = now - last;
    maxGap = Math.max(maxGap, gap - 5);
    maxBlock = Math.max(maxBlock, Math.min(gap, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.threadCpuUsage();
  }, 5);
  timer.unref();
  process.on('exit', () => {
    histogram.disable();
    writeFileSync(target, JSON.stringify({ maxBlockMs: maxBlock, maxGapMs: maxGap, histogramMaxMs: histogram.max / 1e6, maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
