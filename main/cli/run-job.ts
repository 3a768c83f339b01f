// Running a job from the command line: the same engine and journal as the app, a progress bar on a terminal,
// Ctrl-C pauses (the journal keeps the job: the same command continues it), failures listed at the end.
import { createJobEngine, type JobProgress } from '../jobs/index.ts';
import type { Library } from '../library/index.ts';
import { errorWords } from './locale.ts';
import { progressBar } from './progress.ts';

export type JobOutcome = { job: JobProgress; errors: { label: string; code: string; message: string }[] };

export async function runJob(library: Library, kind: string, params: unknown, inputs: unknown[], options: { quiet: boolean }): Promise<JobOutcome> {
  // The job kinds bring import, export and their decoders: loaded by the commands that run a job, when they do.
  const { jobKinds } = await import('../app/jobs/index.ts');
  const bar = progressBar({ quiet: options.quiet });
  let jobId: string | null = null;
  const jobs = createJobEngine({ library, kinds: jobKinds, onProgress: (progress) => progress.jobId === jobId && bar.update(progress) });
  const interrupt = () => {
    if (jobId) void jobs.pause(jobId).catch(() => undefined);
  };
  process.once('SIGINT', interrupt);
  try {
    const started = await jobs.start(kind, params, inputs);
    jobId = started.jobId;
    bar.update(started);
    const job = await jobs.settled(started.jobId);
    bar.done();
    const errors: JobOutcome['errors'] = [];
    for (let offset = 0; offset < job.failed; offset += 500) {
      const page = await jobs.errors(job.jobId, offset, 500);
      errors.push(...page.items.map((item) => ({ label: item.label, code: item.error.code, message: errorWords(item.error) })));
      if (page.items.length === 0) break;
    }
    return { job, errors };
  } finally {
    process.off('SIGINT', interrupt);
    bar.done();
    await jobs.close();
  }
}
