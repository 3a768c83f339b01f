// Settings → Library: where the library is, its size and item count; Choose… points the app at another library
// (or an empty folder for a new one), Move… moves the whole library there as a job with progress and cancel.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { formatBytes } from '../album/format.ts';
import { useErrorText, useLocale, useT } from '../i18n.tsx';
import '../looks-ui.css';
import './library.css';

type Move = EventPayload<'libraryFolder.move'>;

export function LibrarySection() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['libraryFolder'], queryFn: () => api.libraryFolder.status({}) });
  const picker = useQuery({ queryKey: ['files', 'picker'], queryFn: () => api.files.picker({}), staleTime: Infinity });
  const [move, setMove] = useState<Move | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(
    () =>
      api.on('libraryFolder.move', (next) => {
        setMove(next);
        if (next.state === 'done') {
          setNotice(t('settings.library.moved', { folder: next.to }));
          // Everything the page holds came from the old place.
          void queryClient.invalidateQueries();
        }
      }),
    [queryClient, t],
  );
  // A move started before this view was opened (or before a reload) shows where it is.
  const shown = move ?? status.data?.move ?? null;
  const running = shown?.state === 'running';

  const pickFolder = async (): Promise<string | null> => {
    const { handles } = await api.files.pick({ purpose: 'library', folders: true });
    return handles[0]?.id ?? null;
  };
  const choose = useMutation({
    mutationFn: async () => {
      const folder = await pickFolder();
      return folder ? api.libraryFolder.choose({ folder }) : null;
    },
    onSuccess: (next) => {
      if (!next) return;
      setMove(null);
      setNotice(t('settings.library.chosen', { folder: next.folder }));
      void queryClient.invalidateQueries();
    },
  });
  const start = useMutation({
    mutationFn: async () => {
      const folder = await pickFolder();
      return folder ? api.libraryFolder.move({ folder }) : null;
    },
    onSuccess: (next) => {
      if (!next) return;
      setNotice(null);
      setMove(next);
    },
  });
  const cancel = useMutation({ mutationFn: () => api.libraryFolder.cancelMove({}) });

  const current = status.data;
  const problem = choose.error ?? start.error ?? (shown?.state === 'failed' || shown?.state === 'cancelled' ? shown.error : null);
  const canPick = picker.data?.available ?? false;
  return (
    <div className="ds-library-settings">
      <p className="settings-intro">{t('settings.library.intro')}</p>
      <dl className="ds-library-facts" data-testid="library-facts">
        <dt>{t('settings.library.folder')}</dt>
        <dd>
          <span className="ds-library-path" data-user-data data-testid="library-folder">
            {current?.folder ?? ''}
          </span>
          {current?.isDefault && <span className="ds-muted ds-library-default">{t('settings.library.default')}</span>}
        </dd>
        <dt>{t('settings.library.size')}</dt>
        <dd data-testid="library-size">
          {current ? t('settings.library.items', { size: formatBytes(current.bytes, locale), items: current.items, trashed: current.trashed }) : ''}
        </dd>
      </dl>
      <div className="ds-library-actions">
        <button onClick={() => choose.mutate()} disabled={!canPick || running || choose.isPending} title={t('settings.library.choose.title')} data-testid="library-choose">
          {t('settings.library.choose')}
        </button>
        <button onClick={() => start.mutate()} disabled={!canPick || running || start.isPending} title={t('settings.library.move.title')} data-testid="library-move">
          {t('settings.library.move')}
        </button>
      </div>
      {!canPick && picker.isSuccess && <p className="ds-muted">{t('settings.library.no-picker')}</p>}
      {shown && running && (
        <div className="ds-progress ds-library-move" role="status" data-testid="library-move-progress">
          <div className="ds-progress-text">
            <span>{t('settings.library.moving-to', { folder: shown.to })}</span>
          </div>
          <progress aria-label={t('settings.library.progress.label')} max={Math.max(1, shown.total)} value={shown.done} />
          <div className="ds-progress-text">
            <span data-testid="library-move-stage">{t('settings.library.stage', { stage: shown.stage })}</span>
            {shown.stage !== 'removing' && (
              <span className="ds-muted">
                {t('settings.library.progress', { done: formatBytes(shown.done, locale), total: formatBytes(shown.total, locale) })}
              </span>
            )}
          </div>
          {shown.file && (
            <span className="ds-progress-file" data-user-data>
              {shown.file}
            </span>
          )}
          <p className="ds-muted">{t('settings.library.while-moving')}</p>
          <div>
            <button className="danger" onClick={() => cancel.mutate()} disabled={shown.stage === 'removing' || cancel.isPending} data-testid="library-move-cancel">
              {t('settings.library.cancel')}
            </button>
          </div>
        </div>
      )}
      {notice && !running && (
        <p className="ds-library-notice" role="status" data-testid="library-notice">
          {notice}
        </p>
      )}
      {problem && (
        <p className="ds-error" role="alert" data-testid="library-error">
          {errorText(problem)}
        </p>
      )}
    </div>
  );
}
