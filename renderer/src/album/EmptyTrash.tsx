import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { Dialog } from '../components/Dialog.tsx';

/** Empty trash, asked once more in the app's own words (a browser confirm box cannot be styled or translated). */
export function EmptyTrash() {
  const t = useT();
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const empty = useMutation({ mutationFn: () => api.library.emptyTrash({}), onSuccess: () => setAsking(false) });
  return (
    <>
      <button className="danger" onClick={() => setAsking(true)} data-testid="empty-trash">
        {t('album.empty-trash')}
      </button>
      {asking && (
        <Dialog label={t('album.empty-trash')} testId="empty-trash-dialog" onEscape={() => !empty.isPending && setAsking(false)}>
          <p>{t('album.empty-trash.confirm')}</p>
          {empty.error && (
            <p className="ds-error" role="alert">
              {errorText(empty.error)}
            </p>
          )}
          <footer className="ds-dialog-actions">
            <button onClick={() => setAsking(false)} disabled={empty.isPending} data-autofocus>
              {t('common.cancel')}
            </button>
            <button className="danger" onClick={() => empty.mutate()} disabled={empty.isPending} data-testid="empty-trash-confirm">
              {t('album.empty-trash')}
            </button>
          </footer>
        </Dialog>
      )}
    </>
  );
}
