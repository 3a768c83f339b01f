// Exporting the album's selection to a folder as a job (export.start): what the contract offers (developed or
// originals, format and quality, long edge, a file-name template, and the metadata policy, with location only
// where privacy allows it), then the job's progress with cancel, then the report of what was written and what
// reading every file back found.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FileHandleT } from '../../../main/shared/contract/index.ts';
import type { ExportSettingsT } from '../../../main/shared/contract/methods/export.ts';
import { checkTemplate, DEFAULT_TEMPLATE, TEMPLATE_FIELDS } from '../../../main/shared/export/names.ts';
import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Kbd } from '../components/Kbd.tsx';
import { releaseFiles } from '../files.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { ExportReport } from './ExportReport.tsx';
import { isJobOpen, useJobs } from './state.ts';

type Format = ExportSettingsT['format'];
type Policy = ExportSettingsT['policy'];
const FORMATS: { id: Format; name: string; quality: boolean }[] = [
  { id: 'jpeg', name: 'JPEG', quality: true },
  { id: 'png', name: 'PNG', quality: false },
  { id: 'tiff', name: 'TIFF', quality: false },
  { id: 'webp', name: 'WebP', quality: true },
  { id: 'avif', name: 'AVIF', quality: true },
];
const POLICIES: { id: Policy; label: MessageId; location: boolean }[] = [
  { id: 'keep', label: 'export.policy.keep', location: true },
  { id: 'no-location', label: 'export.policy.no-location', location: false },
  { id: 'coarse', label: 'export.policy.coarse', location: true },
  { id: 'none', label: 'export.policy.none', location: false },
];
const LONG_EDGES = [null, 4096, 3000, 2048, 1600, 1080] as const;

/** A template's problem in the same words main would answer with (main/app/jobs/export.ts templateError). */
function templateProblem(template: string): { code: string; message: string; params?: Record<string, string | number> } | null {
  const problem = checkTemplate(template);
  if (!problem) return null;
  switch (problem.problem) {
    case 'empty':
      return { code: 'export.template-empty', message: '', params: { example: DEFAULT_TEMPLATE } };
    case 'too-long':
      return { code: 'export.template-too-long', message: '', params: { max: problem.max } };
    case 'unknown-field':
      return { code: 'export.template-field', message: '', params: { field: problem.field, fields: TEMPLATE_FIELDS.map((field) => `{${field}}`).join(', ') } };
    case 'unclosed':
      return { code: 'export.template-brace', message: '', params: { template } };
  }
}

export function ExportDialog(props: { ids: string[]; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const options = useQuery({ queryKey: ['export.options'], queryFn: () => api.export.options({}) });
  const picker = useQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });
  const keepsLocation = options.data?.keepsLocation ?? false;
  const [folder, setFolder] = useState<FileHandleT | null>(null);
  const [variant, setVariant] = useState<ExportSettingsT['variant']>('developed');
  const [format, setFormat] = useState<Format>('jpeg');
  const [quality, setQuality] = useState(90);
  const [longEdge, setLongEdge] = useState<number | null>(null);
  const [nameTemplate, setNameTemplate] = useState(DEFAULT_TEMPLATE);
  const [policy, setPolicy] = useState<Policy>('no-location');
  const [problem, setProblem] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJobs((state) => (jobId ? state.jobs.get(jobId) : undefined));
  const askCancel = useJobs((state) => state.ask);
  const cancelling = useJobs((state) => (jobId ? state.asked.get(jobId) === 'cancel' : false));

  const chosenPolicy = !keepsLocation && POLICIES.find((entry) => entry.id === policy)?.location ? 'no-location' : policy;
  const nameProblem = templateProblem(nameTemplate);
  const running = !!job && isJobOpen(job) && !cancelling;
  const ended = !!job && (!isJobOpen(job) || cancelling);
  const qualityApplies = FORMATS.find((entry) => entry.id === format)?.quality ?? false;

  const chooseFolder = async () => {
    setProblem(null);
    try {
      const { handles } = await api.files.pick({ purpose: 'export', folders: true });
      if (handles[0]) {
        if (folder) releaseFiles([folder]);
        setFolder(handles[0]);
      }
    } catch (error) {
      setProblem(error);
    }
  };

  const start = async () => {
    if (!folder || nameProblem) return;
    setStarting(true);
    setProblem(null);
    try {
      const started = await api.export.start({ ids: props.ids, folder: folder.id, variant, format, quality, longEdge, nameTemplate, policy: chosenPolicy });
      useJobs.getState().take(started);
      setJobId(started.jobId);
    } catch (error) {
      setProblem(error);
    } finally {
      setStarting(false);
    }
  };

  const close = () => {
    if (folder) releaseFiles([folder]);
    props.onClose();
  };

  const settingsLocked = starting || !!job;
  return (
    <Dialog label={t('export.title')} testId="export-dialog" wide onEscape={() => (running ? void askCancel(jobId!, 'cancel') : close())} focusKey={ended ? 'report' : job ? 'running' : 'settings'}>
      <header className="ds-dialog-header">
        <h2>{t('export.title')}</h2>
        <p>{t('export.intro', { count: props.ids.length })}</p>
      </header>

      {!job && (
        <div className="ds-form">
          <div className="ds-field">
            <span>{t('export.folder')}</span>
            <div className="ds-choose-row">
              <button onClick={() => void chooseFolder()} disabled={settingsLocked || picker.data?.available === false} data-testid="export-folder" data-autofocus>
                {t('export.folder.choose')}
              </button>
              {folder ? (
                <span data-user-data data-testid="export-folder-name">
                  {folder.name}
                </span>
              ) : (
                <span className="ds-muted">{t('export.folder.none')}</span>
              )}
            </div>
            {picker.data?.available === false && <p className="ds-muted">{errorText({ code: 'export.no-picker', message: '' })}</p>}
          </div>
          <fieldset className="ds-radio-list" disabled={settingsLocked}>
            <legend>{t('export.variant')}</legend>
            {(['developed', 'original'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name="export-variant" checked={variant === value} onChange={() => setVariant(value)} data-testid={`export-variant-${value}`} />
                {t(value === 'developed' ? 'export.variant.developed' : 'export.variant.original')}
              </label>
            ))}
          </fieldset>
          <div className="ds-form-row">
            <label className="ds-field">
              <span>{t('export.format')}</span>
              <select value={format} onChange={(event) => setFormat(event.target.value as Format)} disabled={settingsLocked} data-testid="export-format">
                {FORMATS.map((entry) => (
                  <option key={entry.id} value={entry.id} data-user-data>
                    {entry.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="ds-field">
              <span>{t('export.quality')}</span>
              <input
                type="number"
                min={1}
                max={100}
                value={quality}
                disabled={settingsLocked || !qualityApplies}
                onChange={(event) => setQuality(Math.max(1, Math.min(100, Math.round(Number(event.target.value) || 90))))}
                data-testid="export-quality"
              />
            </label>
            <label className="ds-field">
              <span>{t('export.long-edge')}</span>
              <select value={longEdge ?? ''} onChange={(event) => setLongEdge(event.target.value ? Number(event.target.value) : null)} disabled={settingsLocked} data-testid="export-long-edge">
                {LONG_EDGES.map((edge) => (
                  <option key={edge ?? 'full'} value={edge ?? ''}>
                    {edge === null ? t('export.long-edge.full') : t('export.long-edge.px', { px: edge })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="ds-muted">{t('export.format.note')}</p>
          <label className="ds-field">
            <span>{t('export.name')}</span>
            <input type="text" value={nameTemplate} onChange={(event) => setNameTemplate(event.target.value)} disabled={settingsLocked} spellCheck={false} data-testid="export-name" />
            <span className={nameProblem ? 'ds-danger' : 'ds-muted'} data-testid="export-name-help">
              {nameProblem ? errorText(nameProblem) : t('export.name.help')}
            </span>
          </label>
          <fieldset className="ds-radio-list" disabled={settingsLocked}>
            <legend>{t('export.policy')}</legend>
            {POLICIES.map((entry) => {
              const allowed = keepsLocation || !entry.location;
              return (
                <label key={entry.id} className={allowed ? undefined : 'disabled'}>
                  <input type="radio" name="export-policy" checked={chosenPolicy === entry.id} disabled={!allowed} onChange={() => setPolicy(entry.id)} data-testid={`export-policy-${entry.id}`} />
                  {t(entry.label)}
                </label>
              );
            })}
            {options.data && !keepsLocation && (
              <p className="ds-muted" data-testid="export-location-withheld">
                {t(options.data.reason === 'minor-without-guardian' ? 'export.withheld.minor-without-guardian' : 'export.withheld.age-unknown')}
              </p>
            )}
          </fieldset>
        </div>
      )}

      {job && !ended && (
        <div className="ds-progress" role="status" data-testid="export-progress">
          <span>{t('export.running', { done: job.done, total: job.total })}</span>
          <progress value={job.done} max={Math.max(job.total, 1)} aria-label={t('jobs.progress.label', { kind: t('jobs.kind.export'), done: job.done, total: job.total })} />
        </div>
      )}
      {job && ended && <ExportReport job={job} />}

      {problem !== null && (
        <p className="ds-error" role="alert" data-testid="export-error">
          {errorText(problem)}
        </p>
      )}

      <footer className="ds-dialog-actions">
        {running ? (
          <button onClick={() => void askCancel(jobId!, 'cancel')} data-testid="export-cancel" data-autofocus>
            {t('common.cancel')} <Kbd k="key.esc" />
          </button>
        ) : (
          <>
            <button onClick={close} data-testid="export-close" data-autofocus={ended ? true : undefined}>
              {t('common.close')} <Kbd k="key.esc" />
            </button>
            {!job && (
              <button className="ds-primary" disabled={!folder || !!nameProblem || starting} onClick={() => void start()} data-testid="export-start">
                {t('export.start', { count: props.ids.length })}
              </button>
            )}
          </>
        )}
      </footer>
    </Dialog>
  );
}
