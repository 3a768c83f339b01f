// The jobs tray: every running or paused job with its progress bar (done / total), the files in hand, the time
// left, and pause, resume and cancel; when a job ends, what was skipped and the files that failed with their
// errors in words. It lives beside the views (App.tsx), so it stays while the person moves between them.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { api } from '../api.ts';
import { useErrorText, useT, type Translate } from '../i18n.tsx';
import { useKeys } from '../keys.tsx';
import { ExportReportDialog } from './ExportReport.tsx';
import { isJobOpen, startJobsFeed, useJobs, type JobProgressT } from './state.ts';
import './jobs.css';

const KIND_LABEL: Record<string, MessageId> = {
  develop: 'jobs.kind.develop',
  import: 'jobs.kind.import',
  export: 'jobs.kind.export',
  geotag: 'jobs.kind.geotag',
};

export const kindLabel = (t: Translate, kind: string) => t(KIND_LABEL[kind] ?? 'jobs.kind.other');

function etaText(t: Translate, seconds: number): string {
  if (seconds < 90) return t('jobs.eta.seconds', { count: Math.max(1, Math.round(seconds)) });
  if (seconds < 90 * 60) return t('jobs.eta.minutes', { count: Math.round(seconds / 60) });
  return t('jobs.eta.hours', { count: Math.round(seconds / 3600) });
}

export function JobsTray() {
  const t = useT();
  const jobs = useJobs((state) => state.jobs);
  const open = useJobs((state) => state.open);
  const setOpen = useJobs((state) => state.setOpen);
  useEffect(() => startJobsFeed(), []);
  useKeys('app', { j: () => (useJobs.getState().jobs.size > 0 ? setOpen(!useJobs.getState().open) : false) });

  const list = [...jobs.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  if (list.length === 0) return null;
  const running = list.filter(isJobOpen).length;
  return (
    <aside className={open ? 'ds-jobs open' : 'ds-jobs'} aria-label={t('jobs.tray')} data-testid="jobs-tray">
      <button className="ds-jobs-toggle" onClick={() => setOpen(!open)} aria-expanded={open} title={t(open ? 'jobs.tray.hide' : 'jobs.tray.show')} data-testid="jobs-toggle">
        {t('jobs.tray.count', { count: running })}
      </button>
      {open && (
        <ul className="ds-jobs-list">
          {list.map((job) => (
            <JobRow key={job.jobId} job={job} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function JobRow({ job }: { job: JobProgressT }) {
  const t = useT();
  const intl = useIntl();
  const asked = useJobs((state) => state.asked.get(job.jobId));
  const refused = useJobs((state) => state.refused.get(job.jobId));
  const errorText = useErrorText();
  const ask = useJobs((state) => state.ask);
  const dismiss = useJobs((state) => state.dismiss);
  const [report, setReport] = useState(false);
  const ended = !isJobOpen(job);
  // Cancel is shown as done the moment it is pressed; main confirms within a moment.
  const state = asked === 'cancel' ? 'cancelled' : job.state;
  const stateText =
    asked === 'pause' ? t('jobs.state.pausing') : state === 'scanning' ? t('jobs.state.scanning') : t(`jobs.state.${state}` as MessageId);
  const ok = job.done - job.failed - job.skipped;
  return (
    <li className={`ds-job ${state}`} data-testid="job" data-kind={job.kind} data-state={state} data-job-id={job.jobId}>
      <div className="ds-job-head">
        <strong>{kindLabel(t, job.kind)}</strong>
        <span className="ds-job-state" data-testid="job-state">
          {stateText}
        </span>
        <span className="ds-job-count" data-testid="job-count">
          {t('jobs.progress', { done: job.done, total: job.total })}
        </span>
      </div>
      <progress
        value={job.done}
        max={Math.max(job.total, 1)}
        aria-label={t('jobs.progress.label', { kind: kindLabel(t, job.kind), done: job.done, total: job.total })}
        data-testid="job-progress"
      />
      {!ended && (
        <div className="ds-job-now">
          {job.current.length > 0 && state === 'running' && (
            <span className="ds-job-current" data-testid="job-current">
              {t('jobs.current')} <span data-user-data>{intl.formatList(job.current, { type: 'conjunction', style: 'narrow' })}</span>
            </span>
          )}
          {job.etaSec !== null && state === 'running' && <span className="ds-job-eta" data-testid="job-eta">{etaText(t, job.etaSec)}</span>}
          {!job.ownedHere && <span className="ds-muted">{t('jobs.other-process')}</span>}
        </div>
      )}
      {ended && (
        <p className="ds-job-summary" data-testid="job-summary">
          {t('jobs.summary', { ok, skipped: job.skipped, failed: job.failed })}
        </p>
      )}
      {job.skipped > 0 && (job.kind === 'import' || job.kind === 'develop') && (
        <p className="ds-muted" data-testid="job-skipped">
          {t(job.kind === 'import' ? 'jobs.skipped.import' : 'jobs.skipped.develop', { count: job.skipped })}
        </p>
      )}
      {job.failed > 0 && <JobErrors job={job} />}
      {refused !== undefined && (
        <p className="error-text" role="alert" data-testid="job-refused">
          {errorText(refused)}
        </p>
      )}
      <div className="ds-job-actions">
        {!ended && state !== 'cancelled' && (
          <>
            {job.state === 'paused' ? (
              <button onClick={() => void ask(job.jobId, 'resume')} disabled={!!asked} data-testid="job-resume">
                {t('jobs.resume')}
              </button>
            ) : (
              <button onClick={() => void ask(job.jobId, 'pause')} disabled={!!asked} data-testid="job-pause">
                {t('jobs.pause')}
              </button>
            )}
            <button className="danger" onClick={() => void ask(job.jobId, 'cancel')} disabled={asked === 'cancel'} data-testid="job-cancel">
              {t('jobs.cancel')}
            </button>
          </>
        )}
        {ended && job.kind === 'export' && (
          <button onClick={() => setReport(true)} data-testid="job-report">
            {t('jobs.report')}
          </button>
        )}
        {ended && (
          <button onClick={() => dismiss(job.jobId)} aria-label={t('jobs.dismiss.label')} data-testid="job-dismiss">
            {t('jobs.dismiss')}
          </button>
        )}
      </div>
      {report && <ExportReportDialog job={job} onClose={() => setReport(false)} />}
    </li>
  );
}

const SHOWN_ERRORS = 50;

/** The files that failed, each with its error in the UI's language; read again as more fail. */
function JobErrors({ job }: { job: JobProgressT }) {
  const t = useT();
  const errorText = useErrorText();
  const errors = useQuery({
    queryKey: ['job.errors', job.jobId, job.failed],
    queryFn: () => api.job.errors({ jobId: job.jobId, limit: SHOWN_ERRORS }),
    staleTime: Infinity,
  });
  const items = errors.data?.items ?? [];
  return (
    <div className="ds-job-errors" data-testid="job-errors">
      <p className="ds-danger">{t('jobs.errors', { count: job.failed })}</p>
      <ul>
        {items.map((item) => (
          <li key={item.seq} data-testid="job-error">
            <span className="name" data-user-data>
              {item.label}
            </span>
            <span className="why">{errorText(item.error)}</span>
          </li>
        ))}
      </ul>
      {(errors.data?.total ?? 0) > items.length && <p className="ds-muted">{t('jobs.errors.more', { count: errors.data!.total - items.length })}</p>}
    </div>
  );
}
