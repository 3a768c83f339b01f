// A job's progress on a terminal: one line redrawn in place on stderr. Nothing at all when stderr is not a
// terminal (piped, redirected) or with --json, so scripts get only their results.
import type { JobProgress } from '../jobs/index.ts';
import { format, type Locale } from '../shared/i18n/index.ts';
import { locale as runLocale } from './locale.ts';
import { fit } from './width.ts';

const WIDTH = 24;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** One line: bar, counts, failures, time left, the file in hand (cut to the terminal's width). */
export function progressLine(progress: JobProgress, columns = 100, locale: Locale = runLocale): string {
  const filled = progress.total > 0 ? Math.round((progress.done / progress.total) * WIDTH) : 0;
  const parts = [`[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`, `${progress.done}/${progress.total}`];
  if (progress.state === 'scanning') parts.push(format(locale, 'cli.progress.scanning'));
  if (progress.state === 'paused') parts.push(format(locale, 'cli.progress.paused'));
  if (progress.skipped > 0) parts.push(format(locale, 'cli.progress.skipped', { count: progress.skipped }));
  if (progress.failed > 0) parts.push(format(locale, 'cli.progress.failed', { count: progress.failed }));
  if (progress.etaSec !== null) parts.push(format(locale, 'cli.progress.left', { time: clock(progress.etaSec) }));
  if (progress.current.length > 0) parts.push(progress.current.join(', '));
  return fit(parts.join('  '), columns - 1);
}

export type ProgressBar = { update(progress: JobProgress): void; done(): void };

export function progressBar(options: { quiet: boolean; stream?: NodeJS.WriteStream }): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const show = !options.quiet && stream.isTTY === true;
  let drawn = false;
  return {
    update(progress) {
      if (!show) return;
      // \r and clear-to-end: the line is redrawn, never scrolled.
      // A terminal that does not know its size (`script`, a serial console) says 0 columns: assume a usual one.
      stream.write(`\r${progressLine(progress, stream.columns || 100)}\u001b[K`);
      drawn = true;
    },
    done() {
      if (show && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
