import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Output } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useErrorText, useLocale, useT } from '../i18n.tsx';

type Stores = Output<'privacy.stores'>;
type Store = Stores['stores'][number];
type StoreId = Store['id'];
export type EraseReportT = Output<'privacy.erase'>;
type Progress = { task: 'export' | 'erase'; done: number; total: number };

/** The last erase's report, kept where the first-run notice (which follows an erase of consent) can show it too. */
export const ERASE_REPORT_KEY = ['privacy-erase-report'] as const;
export function useEraseReport(): EraseReportT | undefined {
  return useQuery<EraseReportT | null>({ queryKey: ERASE_REPORT_KEY, queryFn: () => null, enabled: false, staleTime: Infinity }).data ?? undefined;
}

function useSize() {
  const t = useT();
  return (bytes: number) =>
    bytes < 1024 ? t('privacy.size', { bytes }) : bytes < 1024 * 1024 ? t('privacy.size.kb', { kb: bytes / 1024 }) : t('privacy.size.mb', { mb: bytes / 1024 / 1024 });
}

function useProgress(task: Progress['task']): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => api.on('privacy.progress', (next) => next.task === task && setProgress(next)), [task]);
  return progress;
}

/** Settings → What Darkslide keeps: every store with where it is, its size and count; export; erase. */
export function DataSection() {
  const t = useT();
  const locale = useLocale();
  const stores = useQuery({ queryKey: ['privacy-stores'], queryFn: () => api.privacy.stores({}) });
  const [asked, setAsked] = useState<null | { scope: 'stores'; store: StoreId } | { scope: 'personal' } | { scope: 'everything' }>(null);
  const report = useEraseReport();
  if (!stores.data) return null;
  const { retention } = stores.data;
  return (
    <>
      <p className="settings-intro">{t('settings.privacy.kept.intro')}</p>
      <div className="data-stores" data-testid="data-stores">
        {stores.data.stores.map((store) => (
          <StoreRow key={store.id} store={store} onErase={() => setAsked({ scope: 'stores', store: store.id })} />
        ))}
      </div>
      <button onClick={() => void stores.refetch()} data-testid="stores-refresh">
        {t('settings.privacy.kept.refresh')}
      </button>
      {retention && (
        <p className="ds-muted" data-testid="retention-applied">
          {t('settings.privacy.retention.applied', {
            time: new Date(retention.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }),
            trash: retention.trash,
            logs: retention.logs,
            usage: retention.usage,
            diagnostics: retention.diagnostics,
          })}
        </p>
      )}
      <h3 className="settings-subtitle">{t('settings.privacy.export')}</h3>
      <ExportData />
      <h3 className="settings-subtitle">{t('settings.privacy.diagnostics')}</h3>
      <Diagnostics />
      <h3 className="settings-subtitle">{t('settings.privacy.erase')}</h3>
      <p className="ds-muted">{t('settings.privacy.erase.intro')}</p>
      <div className="data-erase">
        <button onClick={() => setAsked({ scope: 'personal' })} data-testid="erase-personal">
          {t('settings.privacy.erase.personal')}
        </button>
        <button className="danger" onClick={() => setAsked({ scope: 'everything' })} data-testid="erase-everything">
          {t('settings.privacy.erase.everything')}
        </button>
      </div>
      {report && <EraseReportView report={report} />}
      {asked && <EraseDialog asked={asked} onClose={() => setAsked(null)} />}
    </>
  );
}

function StoreRow({ store, onErase }: { store: Store; onErase(): void }) {
  const t = useT();
  const size = useSize();
  const [open, setOpen] = useState(false);
  const [noOpen, setNoOpen] = useState(false);
  const files = useQuery({ queryKey: ['privacy-store-files', store.id], queryFn: () => api.privacy.storeFiles({ store: store.id, limit: 50 }), enabled: open });
  const shared = store.id === 'jobs' ? t('settings.privacy.kept.in-catalog') : store.id === 'consent' ? t('settings.privacy.kept.in-privacy') : null;
  return (
    <div className="data-store" data-testid={`store-${store.id}`}>
      <div className="data-store-head">
        <span className="data-store-name">{t(`privacy.store.${store.id}`)}</span>
        <span className="data-store-figures">
          <span data-testid={`store-${store.id}-items`}>{store.items ?? store.files}</span>
          <span className="ds-muted">{t('settings.privacy.kept.items')}</span>
          <span data-testid={`store-${store.id}-size`}>{shared ?? size(store.bytes)}</span>
        </span>
      </div>
      <div className="data-store-paths">
        {store.paths.length === 0 ? <span className="ds-muted">{t('settings.privacy.kept.none')}</span> : store.paths.map((where) => <code key={where} data-user-data>{where}</code>)}
      </div>
      <div className="data-store-actions">
        <button
          onClick={() => void api.privacy.reveal({ store: store.id }).then((answer) => setNoOpen(!answer.opened))}
          data-testid={`store-${store.id}-open`}
        >
          {t('settings.privacy.kept.open')}
        </button>
        <button onClick={() => setOpen(!open)} aria-expanded={open} data-testid={`store-${store.id}-see`}>
          {t(open ? 'settings.privacy.kept.hide' : 'settings.privacy.kept.see')}
        </button>
        {store.erasable && (
          <button onClick={onErase} data-testid={`store-${store.id}-erase`}>
            {t('settings.privacy.kept.erase')}
          </button>
        )}
      </div>
      {noOpen && <p className="ds-muted">{t('settings.privacy.kept.no-open')}</p>}
      {open && files.data && (
        <ul className="data-store-files" data-testid={`store-${store.id}-files`}>
          {files.data.files.length === 0 && <li className="ds-muted">{t('settings.privacy.kept.none')}</li>}
          {files.data.files.map((file) => (
            <li key={file.path}>
              <code data-user-data>{file.path}</code>
              <span className="ds-muted">{size(file.bytes)}</span>
            </li>
          ))}
          {files.data.more && <li className="ds-muted">{t('settings.privacy.kept.more')}</li>}
        </ul>
      )}
    </div>
  );
}

function ExportData() {
  const t = useT();
  const errorText = useErrorText();
  const progress = useProgress('export');
  const [state, setState] = useState<{ running: boolean; done?: Output<'privacy.exportData'>; error?: string }>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const { available } = await api.files.picker({});
      if (!available) {
        setState({ running: false, error: t('settings.privacy.export.no-picker') });
        return;
      }
      const { handles } = await api.files.pick({ purpose: 'export', folders: true });
      const [folder] = handles;
      if (!folder) {
        setState({ running: false });
        return;
      }
      const done = await api.privacy.exportData({ folder: folder.id });
      await api.files.release({ ids: [folder.id] });
      setState({ running: false, done });
    } catch (caught) {
      setState({ running: false, error: errorText(caught) });
    }
  };
  return (
    <div className="data-export">
      <p className="ds-muted">{t('settings.privacy.export.intro')}</p>
      {state.running ? (
        <div className="data-progress" data-testid="export-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} />
          <span>{t('settings.privacy.export.running', { done: progress?.done ?? 0, total: progress?.total ?? 0 })}</span>
          <button onClick={() => void api.privacy.cancelExport({})} data-testid="export-cancel">
            {t('settings.privacy.cancel')}
          </button>
        </div>
      ) : (
        <button className="primary" onClick={() => void run()} data-testid="export-data">
          {t('settings.privacy.export.choose')}
        </button>
      )}
      {state.done && (
        <p className="data-ok" role="status" data-testid="export-done">
          {t('settings.privacy.export.done', { name: state.done.name, entries: state.done.entries })}
        </p>
      )}
      {state.error && (
        <p className="privacy-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}

/** Picks a folder with the host's picker; null when cancelled, an error text when there is no picker. */
async function pickFolder(noPicker: string): Promise<{ id: string } | null> {
  const { available } = await api.files.picker({});
  if (!available) throw new Error(noPicker);
  const { handles } = await api.files.pick({ purpose: 'export', folders: true });
  return handles[0] ?? null;
}

function Diagnostics() {
  const t = useT();
  const errorText = useErrorText();
  const [bundle, setBundle] = useState<Output<'privacy.diagnostics'> | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    setError(null);
    setSaved(null);
    try {
      setBundle(await api.privacy.diagnostics({}));
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const save = async () => {
    setError(null);
    try {
      const folder = await pickFolder(t('settings.privacy.export.no-picker'));
      if (!folder) return;
      const { name } = await api.privacy.saveDiagnostics({ folder: folder.id });
      await api.files.release({ ids: [folder.id] });
      setSaved(name);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <>
      <p className="ds-muted">{t('settings.privacy.diagnostics.intro')}</p>
      <button onClick={() => void show()} data-testid="diagnostics-show">
        {t('settings.privacy.diagnostics.show')}
      </button>
      {saved && (
        <p className="data-ok" role="status" data-testid="diagnostics-saved">
          {t('settings.privacy.diagnostics.saved', { name: saved })}
        </p>
      )}
      {error && !bundle && (
        <p className="privacy-error" role="alert">
          {error}
        </p>
      )}
      {bundle && (
        <Dialog label={t('settings.privacy.diagnostics')} testId="diagnostics-dialog" wide onEscape={() => setBundle(null)}>
          <div className="ds-dialog-header">
            <h2>{t('settings.privacy.diagnostics')}</h2>
            <p>{t('settings.privacy.diagnostics.intro')}</p>
          </div>
          <h3 className="settings-subtitle">{t('settings.privacy.diagnostics.summary')}</h3>
          <pre className="data-pre" data-testid="diagnostics-summary">
            {bundle.summary}
          </pre>
          <h3 className="settings-subtitle">{t('settings.privacy.diagnostics.log')}</h3>
          <pre className="data-pre" data-testid="diagnostics-log">
            {bundle.log}
          </pre>
          {error && (
            <p className="privacy-error" role="alert">
              {error}
            </p>
          )}
          <div className="ds-dialog-actions">
            <button onClick={() => setBundle(null)}>{t('common.close')}</button>
            <button
              className="primary"
              onClick={() => void save().then(() => setBundle(null))}
              data-testid="diagnostics-save"
            >
              {t('settings.privacy.diagnostics.save')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function EraseDialog({ asked, onClose }: { asked: { scope: 'stores'; store: StoreId } | { scope: 'personal' } | { scope: 'everything' }; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const progress = useProgress('erase');
  const [typed, setTyped] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const word = t('privacy.erase.word');
  const title =
    asked.scope === 'everything'
      ? t('settings.privacy.erase.everything')
      : asked.scope === 'personal'
        ? t('settings.privacy.erase.personal')
        : t('settings.privacy.erase.confirm-store', { store: t(`privacy.store.${asked.store}`) });
  const ready = asked.scope !== 'everything' || typed.trim().toLowerCase() === word.toLowerCase();
  const go = async () => {
    setRunning(true);
    setError(null);
    try {
      const report = await api.privacy.erase(asked.scope === 'stores' ? { scope: 'stores', stores: [asked.store] } : { scope: asked.scope, ...(asked.scope === 'everything' ? { confirm: typed } : {}) });
      queryClient.setQueryData(ERASE_REPORT_KEY, report);
      await queryClient.invalidateQueries();
      onClose();
    } catch (caught) {
      setError(errorText(caught));
      setRunning(false);
    }
  };
  return (
    <Dialog label={title} testId="erase-dialog" onEscape={running ? () => undefined : onClose}>
      <div className="ds-dialog-header">
        <h2>{title}</h2>
      </div>
      {asked.scope === 'personal' && <p>{t('settings.privacy.erase.personal.what')}</p>}
      {asked.scope === 'everything' && (
        <>
          <p>{t('settings.privacy.erase.everything.what')}</p>
          <label className="data-confirm">
            {t('settings.privacy.erase.type', { word })}
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} data-testid="erase-confirm" />
          </label>
        </>
      )}
      <p className="ds-muted">{t('settings.privacy.erase.intro')}</p>
      {running && (
        <div className="data-progress" data-testid="erase-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} />
          <span>{t('settings.privacy.erase.running', { done: progress?.done ?? 0, total: progress?.total ?? 0 })}</span>
        </div>
      )}
      {error && (
        <p className="privacy-error" role="alert">
          {error}
        </p>
      )}
      <div className="ds-dialog-actions">
        <button onClick={onClose} disabled={running}>
          {t('common.cancel')}
        </button>
        <button className="danger" disabled={!ready || running} onClick={() => void go()} data-testid="erase-go">
          {t('settings.privacy.erase.go')}
        </button>
      </div>
    </Dialog>
  );
}

/** What the disk held after the last erase: nothing, or each store still there and each path that could not go. */
export function EraseReportView({ report }: { report: EraseReportT }) {
  const t = useT();
  const errorText = useErrorText();
  const placesLeft = report.places?.left ?? [];
  const clean = report.remaining.length === 0 && report.failed.length === 0 && placesLeft.length === 0;
  return (
    <div className={clean ? 'data-report data-ok' : 'data-report privacy-error'} role="status" data-testid="erase-report">
      {report.places && (
        <p data-testid="erase-places">{t('settings.privacy.erase.places', { files: report.places.files, rows: report.places.rows })}</p>
      )}
      {placesLeft.length > 0 && (
        <>
          <p>{t('settings.privacy.erase.places-left')}</p>
          <ul data-testid="erase-places-left">
            {placesLeft.map((entry) => (
              <li key={entry.path}>
                <code data-user-data>{entry.path}</code> {errorText(entry.error)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.remaining.length === 0 && report.failed.length === 0 ? (
        <p data-testid="erase-verified">{t('settings.privacy.erase.verified')}</p>
      ) : (
        <>
          <p>{t('settings.privacy.erase.remaining')}</p>
          <ul>
            {report.remaining.map((store) => (
              <li key={store.id}>
                <span>{t(`privacy.store.${store.id}`)}</span> <code data-user-data>{store.paths[0]}</code>
              </li>
            ))}
            {report.failed.map((failure) => (
              <li key={failure.path}>
                <code data-user-data>{failure.path}</code> {errorText(failure.error)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
