import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { fromPage, fromPicker, handleFor, PHOTO_EXTENSIONS, releaseFiles, type ChosenFile } from '../files.ts';
import { useT, type Translate } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { Dialog } from './Dialog.tsx';
import { Kbd } from './Kbd.tsx';
import { useFileErrorText, useLooks, withoutFileName, type SampleSubject } from './look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from './LookChoice.tsx';

/** The error as main sent it: it is put into words (in the UI's language) where it is shown. */
type Failure = { fileName: string; error: unknown };
type Run =
  | { phase: 'choosing' }
  | { phase: 'running'; done: number; total: number; current: string; cancelling: boolean }
  | { phase: 'finished'; developed: LibraryItemT[]; failed: Failure[]; skipped: number; total: number };

/** The first chosen photo, as develop.sample takes it. */
function sampleSubjectOf(chosen: ChosenFile | undefined): SampleSubject | null {
  if (chosen?.handle) return { file: chosen.handle };
  return chosen?.file ? { page: chosen.file } : null;
}

/** Photos the person already has, developed one at a time through a camera into the album. */
export function DevelopDialog(props: { initialFiles?: File[]; onClose(): void; onOpenItem?(id: string): void }) {
  const looks = useLooks();
  const ui = useUi.getState();
  const [settings, setSettings] = useState<LookSettings>({ lookId: '', strength: ui.strength, grain: ui.grain });
  const [files, setFiles] = useState<ChosenFile[]>(fromPage(props.initialFiles ?? []));
  const [run, setRun] = useState<Run>({ phase: 'choosing' });
  const cancelled = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const t = useT();
  const intl = useIntl();
  const listNames = (names: string[]) => intl.formatList(names, { type: 'conjunction', style: 'narrow' });
  const errorText = useFileErrorText();
  // Electron's own dialog gives handles to files where they are; a plain browser host has only <input type=file>.
  const picker = useQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });
  const choose = async () => {
    if (!picker.data?.available) return fileInput.current?.click();
    const { handles } = await api.files.pick({ purpose: 'develop', multiple: true, filters: [{ name: t('files.filter.photos'), extensions: PHOTO_EXTENSIONS }] });
    if (handles.length > 0) setFiles(fromPicker(handles));
  };

  const list = looks.data ?? [];
  const lookId = settings.lookId || defaultLookId(list, ui.lookId);

  // Closing the window mid-run (or the view going away) stops after the current file, like Cancel.
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );

  const start = async () => {
    if (!lookId || files.length === 0) return;
    cancelled.current = false;
    const batch = files;
    const developed: LibraryItemT[] = [];
    const failed: Failure[] = [];
    let index = 0;
    for (; index < batch.length && !cancelled.current; index++) {
      const file = batch[index]!;
      setRun((previous) => ({ phase: 'running', done: index, total: batch.length, current: file.name, cancelling: previous.phase === 'running' && previous.cancelling }));
      try {
        // A photo the page holds goes to main in chunks, then is developed from main's copy (deleted right after).
        const { handle, uploaded } = await handleFor(file);
        try {
          developed.push(await api.develop.photo({ lookId, file: handle.id, strength: settings.strength, grain: settings.grain }));
        } finally {
          if (uploaded) releaseFiles([handle]);
        }
      } catch (error) {
        failed.push({ fileName: file.name, error });
      }
    }
    setRun({ phase: 'finished', developed, failed, skipped: batch.length - index, total: batch.length });
  };

  const cancel = () => {
    cancelled.current = true;
    setRun((previous) => (previous.phase === 'running' ? { ...previous, cancelling: true } : previous));
  };

  const onEscape = () => (run.phase === 'running' ? cancel() : props.onClose());

  return (
    <Dialog label={t('develop.title')} testId="develop-dialog" onEscape={onEscape} focusKey={run.phase} wide>
      <header className="ds-dialog-header">
        <h2>{t('develop.title')}</h2>
        <p>{t('develop.intro')}</p>
      </header>

      {run.phase === 'choosing' && (
        <>
          {looks.error ? (
            <p className="ds-error" role="alert">
              {errorText(looks.error)}
            </p>
          ) : (
            <LookChoice looks={list} value={{ ...settings, lookId }} onChange={setSettings} subject={sampleSubjectOf(files[0])} />
          )}
          <div className="ds-files">
            <input
              ref={fileInput}
              type="file"
              multiple
              accept="image/*"
              className="ds-hidden-input"
              data-testid="develop-files"
              onChange={(event) => {
                setFiles(fromPage([...(event.target.files ?? [])]));
                event.target.value = '';
              }}
            />
            <button onClick={() => void choose().catch(() => fileInput.current?.click())} data-autofocus>
              {t(files.length ? 'develop.choose-other' : 'develop.choose')}
            </button>
            <span className="ds-muted" data-testid="develop-file-count">
              {files.length === 0 ? t('develop.or-drop') : t('develop.files', { count: files.length, names: summariseNames(t, listNames, files) })}
            </span>
          </div>
          <footer className="ds-dialog-actions">
            <button onClick={props.onClose}>
              {t('common.close')} <Kbd k="key.esc" />
            </button>
            <button className="ds-primary" disabled={!lookId || files.length === 0} onClick={() => void start()} data-testid="develop-start">
              {t('develop.start', { count: files.length })}
            </button>
          </footer>
        </>
      )}

      {run.phase === 'running' && (
        <>
          <div className="ds-progress" data-testid="develop-progress" role="status">
            <div className="ds-progress-text">
              <span>{t('develop.progress', { current: Math.min(run.done + 1, run.total), total: run.total })}</span>
              <span className="ds-progress-file" title={run.current} data-user-data>
                {run.current}
              </span>
            </div>
            <progress max={run.total} value={run.done} aria-label={t('develop.progress.label', { done: run.done, total: run.total })} />
          </div>
          <footer className="ds-dialog-actions">
            <span className="ds-muted">{run.cancelling ? t('develop.stopping') : ''}</span>
            <button onClick={cancel} disabled={run.cancelling} data-testid="develop-cancel" data-autofocus>
              {t('common.cancel')} <Kbd k="key.esc" />
            </button>
          </footer>
        </>
      )}

      {run.phase === 'finished' && (
        <>
          <div className="ds-summary" data-testid="develop-summary" role="status">
            <p className="ds-summary-line">
              <strong data-testid="develop-developed">{t('develop.developed', { count: run.developed.length })}</strong>
              {run.failed.length > 0 && <span className="ds-danger">{t('develop.failed', { count: run.failed.length })}</span>}
              {run.skipped > 0 && <span className="ds-muted">{t('develop.skipped', { count: run.skipped })}</span>}
            </p>
            {run.failed.length > 0 && (
              <ul className="ds-failures">
                {run.failed.map((failure, index) => (
                  <li key={`${failure.fileName}-${index}`} data-testid="develop-failure">
                    <span className="ds-failure-file" data-user-data>
                      {failure.fileName}
                    </span>
                    <span className="ds-failure-message">{withoutFileName(errorText(failure.error, failure.fileName), failure.fileName)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <footer className="ds-dialog-actions">
            <button
              onClick={() => {
                releaseFiles(files.flatMap((file) => (file.handle ? [file.handle] : [])));
                setFiles([]);
                setRun({ phase: 'choosing' });
              }}
            >
              {t('develop.more')}
            </button>
            {run.developed[0] && props.onOpenItem && <button onClick={() => props.onOpenItem?.(run.developed[0]!.id)}>{t('develop.show-first')}</button>}
            <button className="ds-primary" onClick={props.onClose} data-testid="develop-done" data-autofocus>
              {t('develop.done')}
            </button>
          </footer>
        </>
      )}
    </Dialog>
  );
}

/** The first three names as the UI's language lists them ("a, b, c" / "a、b、c"), then how many more. */
function summariseNames(t: Translate, list: (names: string[]) => string, files: ChosenFile[]): string {
  const names = list(files.slice(0, 3).map((file) => file.name));
  return files.length > 3 ? t('develop.names-more', { names, more: files.length - 3 }) : names;
}
