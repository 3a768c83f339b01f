// Importing files and folders into the album as a job (job.import): chosen in the host's picker (folders walked in
// main), or in a plain browser host picked by <input type=file> (files, or a folder's files) and uploaded first.
// Once started the dialog closes: the jobs tray shows the progress, what was skipped and what failed.
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { FileHandleT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Kbd } from '../components/Kbd.tsx';
import { useLooks, type SampleSubject } from '../components/look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from '../components/LookChoice.tsx';
import { releaseFiles, uploadFile } from '../files.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { releaseWhenDone, useJobs } from './state.ts';

/** What main's import reads (main/app/jobs/import.ts PHOTO_TYPES and VIDEO_TYPES). */
export const IMPORT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'webp', 'avif', 'heic', 'heif', 'gif', 'mp4', 'mov', 'm4v'];
const IMPORTABLE = new RegExp(`\\.(${IMPORT_EXTENSIONS.join('|')})$`, 'i');

type Chosen = { picked: FileHandleT[]; page: File[] };

const PHOTO = /\.(jpe?g|png|tiff?|webp|avif|heic|heif)$/i;
/** The first photo chosen (a folder or a video gives nothing to preview), as develop.sample takes it. */
function firstPhoto(chosen: Chosen): SampleSubject | null {
  const picked = chosen.picked.find((handle) => handle.kind === 'file' && PHOTO.test(handle.name));
  if (picked) return { file: picked };
  const page = chosen.page.find((file) => PHOTO.test(file.name));
  return page ? { page } : null;
}

export function ImportDialog(props: { onClose(): void }) {
  const t = useT();
  const intl = useIntl();
  const errorText = useErrorText();
  const looks = useLooks();
  const ui = useUi.getState();
  const photoLooks = (looks.data ?? []).filter((look) => look.kind === 'photo');
  const [settings, setSettings] = useState<LookSettings>({ lookId: '', strength: ui.strength, grain: ui.grain });
  const lookId = settings.lookId || defaultLookId(photoLooks, ui.lookId);
  const [chosen, setChosen] = useState<Chosen>({ picked: [], page: [] });
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const picker = useQuery({ queryKey: ['files.picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });

  const pick = async (folders: boolean) => {
    setProblem(null);
    if (!picker.data?.available) return (folders ? folderInput : filesInput).current?.click();
    try {
      const { handles } = await api.files.pick({ purpose: 'import', multiple: true, folders, ...(folders ? {} : { filters: [{ name: t('import.filter'), extensions: IMPORT_EXTENSIONS }] }) });
      if (handles.length > 0) setChosen((previous) => ({ ...previous, picked: [...previous.picked, ...handles] }));
    } catch (error) {
      setProblem(error);
    }
  };

  const names = [...chosen.picked.map((handle) => handle.name), ...chosen.page.map((file) => file.name)];
  const count = names.length;

  const start = async () => {
    if (!lookId || count === 0) return;
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    const uploaded: FileHandleT[] = [];
    try {
      // Files the page holds go to main first; picked files and folders are read where they are.
      setUploading(chosen.page.length > 0 ? { done: 0, total: chosen.page.length } : null);
      for (const [index, file] of chosen.page.entries()) {
        uploaded.push(await uploadFile(file, { signal: controller.signal }));
        setUploading({ done: index + 1, total: chosen.page.length });
      }
      const job = await api.job.import({ files: [...chosen.picked, ...uploaded].map((handle) => handle.id), lookId, strength: settings.strength, grain: settings.grain });
      useJobs.getState().take(job);
      useJobs.getState().setOpen(true);
      if (uploaded.length > 0) releaseWhenDone(job.jobId, uploaded.map((handle) => handle.id));
      props.onClose();
    } catch (error) {
      releaseFiles(uploaded);
      if (!controller.signal.aborted) setProblem(error);
      setUploading(null);
    }
  };

  const busy = uploading !== null;
  const onPage = (files: FileList | null) => {
    const importable = [...(files ?? [])].filter((file) => IMPORTABLE.test(file.name));
    if (importable.length > 0) setChosen((previous) => ({ ...previous, page: [...previous.page, ...importable] }));
  };

  return (
    <Dialog label={t('import.title')} testId="import-dialog" wide onEscape={() => (busy ? abort.current?.abort() : props.onClose())} focusKey={busy ? 'busy' : 'choose'}>
      <header className="ds-dialog-header">
        <h2>{t('import.title')}</h2>
        <p>{t('import.intro')}</p>
      </header>
      <div className="ds-choose-row">
        <button onClick={() => void pick(false)} disabled={busy} data-testid="import-choose-files" data-autofocus>
          {t('import.choose-files')}
        </button>
        <button onClick={() => void pick(true)} disabled={busy} data-testid="import-choose-folder">
          {t('import.choose-folder')}
        </button>
        <input ref={filesInput} type="file" multiple className="ds-hidden-input" data-testid="import-files" onChange={(event) => (onPage(event.target.files), (event.target.value = ''))} />
        <input
          ref={(element) => {
            folderInput.current = element;
            // A folder's files, as the browser can give them (the attribute is not in React's types).
            element?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple
          className="ds-hidden-input"
          data-testid="import-folder"
          onChange={(event) => (onPage(event.target.files), (event.target.value = ''))}
        />
      </div>
      <p className="ds-chosen" data-testid="import-chosen">
        {count === 0 ? (
          t('import.none')
        ) : (
          <>
            {t('import.chosen', { count })} <span data-user-data>{intl.formatList(names.slice(0, 4), { type: 'conjunction', style: 'narrow' })}</span>
            {count > 4 && ` ${t('jobs.errors.more', { count: count - 4 })}`}
          </>
        )}
      </p>
      {looks.error ? (
        <p className="ds-error" role="alert">
          {errorText(looks.error)}
        </p>
      ) : (
        <LookChoice looks={photoLooks} value={{ ...settings, lookId }} onChange={setSettings} disabled={busy} subject={firstPhoto(chosen)} />
      )}
      {uploading && (
        <div className="ds-progress" role="status" data-testid="import-uploading">
          <span>{t('import.uploading', { done: uploading.done, total: uploading.total })}</span>
          <progress value={uploading.done} max={Math.max(uploading.total, 1)} aria-label={t('import.uploading', { done: uploading.done, total: uploading.total })} />
        </div>
      )}
      {problem !== null && (
        <p className="ds-error" role="alert" data-testid="import-error">
          {errorText(problem)}
        </p>
      )}
      <footer className="ds-dialog-actions">
        <button onClick={() => (busy ? abort.current?.abort() : props.onClose())}>
          {t(busy ? 'common.cancel' : 'common.close')} <Kbd k="key.esc" />
        </button>
        <button className="ds-primary" disabled={busy || !lookId || count === 0} onClick={() => void start()} data-testid="import-start">
          {t('import.start')}
        </button>
      </footer>
    </Dialog>
  );
}
