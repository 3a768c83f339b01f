// What an export wrote: per file, its name in the folder, where it came from, its size, and what reading it back
// found (how many tags, whether a location or a capture time is in it). A file whose check found something the
// policy did not allow failed with export.metadata-leak and is listed with that error.
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { ExportItemT } from '../../../main/shared/contract/methods/export.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Kbd } from '../components/Kbd.tsx';
import { useErrorText, useT } from '../i18n.tsx';
import type { JobProgressT } from './state.ts';

const PAGE = 500;

export function ExportReport({ job }: { job: JobProgressT }) {
  const t = useT();
  const intl = useIntl();
  const errorText = useErrorText();
  const results = useQuery({
    queryKey: ['export.results', job.jobId, job.done],
    queryFn: () => api.export.results({ jobId: job.jobId, limit: PAGE }),
    staleTime: Infinity,
  });
  const items: ExportItemT[] = results.data?.items ?? [];
  const written = items.filter((item) => item.state === 'done' && !item.alreadyThere).length;
  const there = items.filter((item) => item.alreadyThere).length;
  const failed = items.filter((item) => item.state === 'failed').length;
  const size = (bytes: number) =>
    bytes >= 1_000_000 ? `${intl.formatNumber(bytes / 1_000_000, { maximumFractionDigits: 1 })} MB` : `${intl.formatNumber(Math.ceil(bytes / 1000))} KB`;
  const coordinate = (value: number) => intl.formatNumber(value, { maximumFractionDigits: 5 });
  return (
    <div className="ds-export-report" data-testid="export-report">
      <p data-testid="export-report-summary">{t('export.report.summary', { written, there, failed })}</p>
      {job.state === 'cancelled' && <p className="ds-muted">{t('export.report.cancelled')}</p>}
      <div className="ds-export-table-wrap">
        <table className="ds-export-table">
          <thead>
            <tr>
              <th>{t('export.report.file')}</th>
              <th>{t('export.report.from')}</th>
              <th>{t('export.report.size')}</th>
              <th>{t('export.report.check')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const holds = item.check?.holds;
              return (
                <tr key={item.seq} className={item.state} data-testid="export-row" data-state={item.state} data-file={item.file ?? ''}>
                  <td data-user-data>{item.file ?? ''}</td>
                  <td data-user-data>{item.label}</td>
                  <td>{item.bytes !== undefined ? size(item.bytes) : ''}</td>
                  <td>
                    {item.state === 'failed' && item.error ? (
                      <span className="ds-danger">{t('export.report.failed', { error: errorText(item.error) })}</span>
                    ) : item.state === 'skipped' && !item.alreadyThere ? (
                      t('export.report.skipped')
                    ) : (
                      [
                        item.alreadyThere ? t('export.report.already') : null,
                        item.check ? t('export.report.tags', { count: item.check.tags }) : null,
                        holds ? (holds.location ? t('export.report.location', { latitude: coordinate(holds.location.latitude), longitude: coordinate(holds.location.longitude) }) : t('export.report.no-location')) : null,
                        holds ? t(holds.captureTime ? 'export.report.time' : 'export.report.no-time') : null,
                        item.locationWithheld ? t('export.report.withheld') : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ExportReportDialog(props: { job: JobProgressT; onClose(): void }) {
  const t = useT();
  return (
    <Dialog label={t('export.report')} testId="export-report-dialog" wide onEscape={props.onClose} focusKey="report">
      <header className="ds-dialog-header">
        <h2>{t('export.report')}</h2>
      </header>
      <ExportReport job={props.job} />
      <footer className="ds-dialog-actions">
        <button className="ds-primary" onClick={props.onClose} data-autofocus>
          {t('common.close')} <Kbd k="key.esc" />
        </button>
      </footer>
    </Dialog>
  );
}
