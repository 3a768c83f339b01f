import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { fromPage, fromPicker, handleFor, PHOTO_EXTENSIONS, releaseFiles, type ChosenFile } from '../files.ts';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { Dialog } from './Dialog.tsx';
import { errorText, useLooks, withoutFileName } from './look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from './LookChoice.tsx';

type Failure = { fileName: string; message: string };
type Run =
  | { phase: 'choosing' }
  | { phase: 'running'; done: number; total: number; current: string; cancelling: boolean }
  | { phase: 'finished'; developed: LibraryItemT[]; failed: Failure[]; skipped: number; total: number };

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
        failed.push({ fileName: file.name, message: withoutFileName(errorText(error, file.name), file.name) });
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
    <Dialog label="Develop photos" testId="develop-dialog" onEscape={onEscape} focusKey={run.phase} wide>
      <header className="ds-dialog-header">
        <h2>Develop photos</h2>
        <p>Your photos through a film camera, into the album. The originals are kept, so you can compare and develop again.</p>
      </header>

      {run.phase === 'choosing' && (
        <>
          {looks.error ? (
            <p className="ds-error" role="alert">
              {errorText(looks.error)}
            </p>
          ) : (
            <LookChoice looks={list} value={{ ...settings, lookId }} onChange={setSettings} />
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
              {files.length ? 'Choose other photos…' : 'Choose photos…'}
            </button>
            <span className="ds-muted" data-testid="develop-file-count">
              {files.length === 0 ? 'or drop photos on the album' : `${files.length} ${files.length === 1 ? 'photo' : 'photos'}: ${summariseNames(files)}`}
            </span>
          </div>
          <footer className="ds-dialog-actions">
            <button onClick={props.onClose}>
              Close <kbd>Esc</kbd>
            </button>
            <button className="ds-primary" disabled={!lookId || files.length === 0} onClick={() => void start()} data-testid="develop-start">
              Develop {files.length > 0 ? files.length : ''} {files.length === 1 ? 'photo' : 'photos'}
            </button>
          </footer>
        </>
      )}

      {run.phase === 'running' && (
        <>
          <div className="ds-progress" data-testid="develop-progress" role="status">
            <div className="ds-progress-text">
              <span>
                Developing {Math.min(run.done + 1, run.total)} of {run.total}
              </span>
              <span className="ds-progress-file" title={run.current}>
                {run.current}
              </span>
            </div>
            <progress max={run.total} value={run.done} aria-label={`Developed ${run.done} of ${run.total}`} />
          </div>
          <footer className="ds-dialog-actions">
            <span className="ds-muted">{run.cancelling ? 'Stopping after this photo…' : ''}</span>
            <button onClick={cancel} disabled={run.cancelling} data-testid="develop-cancel" data-autofocus>
              Cancel <kbd>Esc</kbd>
            </button>
          </footer>
        </>
      )}

      {run.phase === 'finished' && (
        <>
          <div className="ds-summary" data-testid="develop-summary" role="status">
            <p className="ds-summary-line">
              <strong data-testid="develop-developed">{run.developed.length} developed</strong>
              {run.failed.length > 0 && <span className="ds-danger"> · {run.failed.length} failed</span>}
              {run.skipped > 0 && <span className="ds-muted"> · {run.skipped} not started (cancelled)</span>}
            </p>
            {run.failed.length > 0 && (
              <ul className="ds-failures">
                {run.failed.map((failure, index) => (
                  <li key={`${failure.fileName}-${index}`} data-testid="develop-failure">
                    <span className="ds-failure-file">{failure.fileName}</span>
                    <span className="ds-failure-message">{failure.message}</span>
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
              Develop more…
            </button>
            {run.developed[0] && props.onOpenItem && (
              <button onClick={() => props.onOpenItem?.(run.developed[0]!.id)}>Show the first one</button>
            )}
            <button className="ds-primary" onClick={props.onClose} data-testid="develop-done" data-autofocus>
              Done
            </button>
          </footer>
        </>
      )}
    </Dialog>
  );
}

function summariseNames(files: ChosenFile[]): string {
  const names = files.slice(0, 3).map((file) => file.name);
  return files.length > 3 ? `${names.join(', ')} and ${files.length - 3} more` : names.join(', ');
}
