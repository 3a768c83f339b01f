// Every job this window knows about, kept outside the views so the tray survives switching between them: open
// jobs from job.list at start (including those taken up again after a restart, and a `darkslide` command's on
// the same album), then every job.progress event. Finished jobs stay listed, with their errors, until dismissed.
import { create } from 'zustand';
import type { EventPayload } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { releaseFiles } from '../files.ts';

export type JobProgressT = EventPayload<'job.progress'>;

/** What the person asked for that main has not answered yet: shown at once, so pause and cancel feel instant. */
export type Asked = 'pause' | 'resume' | 'cancel';

type JobsState = {
  jobs: Map<string, JobProgressT>;
  asked: Map<string, Asked>;
  /** A pause, resume or cancel main refused (the job ended meanwhile, the library is moving): shown on the job. */
  refused: Map<string, unknown>;
  /** The tray is open (it opens by itself when a job starts). */
  open: boolean;
  setOpen(open: boolean): void;
  take(progress: JobProgressT): void;
  ask(jobId: string, what: Asked): Promise<void>;
  dismiss(jobId: string): void;
};

const isOpen = (job: JobProgressT) => !job.finished && job.state !== 'cancelled' && job.state !== 'finished';

/** Uploaded copies an import reads from: released once its job has ended (they are temp files in main). */
const uploadsOf = new Map<string, string[]>();

export function releaseWhenDone(jobId: string, handleIds: string[]): void {
  uploadsOf.set(jobId, handleIds);
  const job = useJobs.getState().jobs.get(jobId);
  if (job && !isOpen(job)) releaseNow(jobId);
}

function releaseNow(jobId: string): void {
  const ids = uploadsOf.get(jobId);
  if (!ids) return;
  uploadsOf.delete(jobId);
  releaseFiles(ids.map((id) => ({ id, name: '', bytes: 0, kind: 'file' as const })));
}

export const useJobs = create<JobsState>()((set, get) => ({
  jobs: new Map(),
  asked: new Map(),
  refused: new Map(),
  open: true,
  setOpen: (open) => set({ open }),
  take(progress) {
    const jobs = new Map(get().jobs);
    const known = jobs.get(progress.jobId);
    // Events can overtake an answer: never go back to fewer settled items, nor reopen an ended job.
    if (known && (known.finished || known.done > progress.done) && !progress.finished) return;
    jobs.set(progress.jobId, progress);
    const asked = new Map(get().asked);
    const wanted = asked.get(progress.jobId);
    if (wanted === 'cancel' ? !isOpen(progress) : wanted === 'pause' ? progress.state === 'paused' : wanted === 'resume' ? progress.state !== 'paused' : false) asked.delete(progress.jobId);
    if (!isOpen(progress)) asked.delete(progress.jobId);
    set({ jobs, asked, open: get().open || !known });
    if (!isOpen(progress)) releaseNow(progress.jobId);
  },
  async ask(jobId, what) {
    const refused = new Map(get().refused);
    refused.delete(jobId);
    set({ asked: new Map(get().asked).set(jobId, what), refused });
    try {
      const answer = await (what === 'pause' ? api.job.pause({ jobId }) : what === 'resume' ? api.job.resume({ jobId }) : api.job.cancel({ jobId }));
      get().take(answer);
    } catch (error) {
      // Buttons call this without waiting: a refusal is kept for the tray to show, never left unhandled.
      set({ refused: new Map(get().refused).set(jobId, error) });
    } finally {
      const asked = new Map(get().asked);
      const job = get().jobs.get(jobId);
      // Pausing waits for the files in hand: keep saying so until the job says it is paused.
      if (!(what === 'pause' && job && job.state !== 'paused' && isOpen(job))) asked.delete(jobId);
      set({ asked });
    }
  },
  dismiss(jobId) {
    const jobs = new Map(get().jobs);
    jobs.delete(jobId);
    set({ jobs });
  },
}));

export { isOpen as isJobOpen };

let started = false;

/** Listens for every job's progress and lists the open ones; called once by the app. */
export function startJobsFeed(): () => void {
  if (started) return () => undefined;
  started = true;
  const off = api.on('job.progress', (progress) => useJobs.getState().take(progress));
  void api.job
    .list({})
    .then((jobs) => {
      for (const job of jobs) if (isOpen(job)) useJobs.getState().take(job);
    })
    .catch(() => undefined);
  return () => {
    started = false;
    off();
  };
}
