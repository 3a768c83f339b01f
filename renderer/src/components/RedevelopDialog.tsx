import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { Dialog } from './Dialog.tsx';
import { Kbd } from './Kbd.tsx';
import { useFileErrorText, useLooks } from './look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from './LookChoice.tsx';

/** The kept original through another camera: a new album item; the shot on screen stays as it was. */
export function RedevelopDialog(props: { item: LibraryItemT; onClose(): void; onDeveloped(item: LibraryItemT): void }) {
  const t = useT();
  const errorText = useFileErrorText();
  const queryClient = useQueryClient();
  const looks = useLooks();
  const list = looks.data ?? [];
  const ui = useUi.getState();
  // Another camera than the one this shot went through: that is why one develops again.
  const [settings, setSettings] = useState<LookSettings>({ lookId: '', strength: ui.strength, grain: ui.grain });
  const firstOther = list.find((look) => look.kind === 'photo' && look.id !== props.item.lookId)?.id ?? null;
  const lookId = settings.lookId || defaultLookId(list, firstOther);
  const developingThrough = list.find((look) => look.id === lookId)?.name;

  const develop = useMutation({
    mutationFn: () => api.library.redevelop({ id: props.item.id, lookId, strength: settings.strength, grain: settings.grain }),
    onSuccess: async (item) => {
      // The album has to know the new item before the view can move to it.
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      props.onDeveloped(item);
    },
  });

  return (
    <Dialog label={t('redevelop.title')} testId="redevelop-dialog" onEscape={() => !develop.isPending && props.onClose()} focusKey={develop.status}>
      <header className="ds-dialog-header">
        <h2>{t('redevelop.title')}</h2>
        <p>{t('redevelop.intro', { look: props.item.lookName })}</p>
      </header>
      <LookChoice looks={list} value={{ ...settings, lookId }} onChange={setSettings} disabled={develop.isPending} subject={{ item: props.item.id }} />
      {develop.isPending && (
        <div className="ds-progress" role="status" data-testid="redevelop-progress">
          <div className="ds-progress-text">
            <span>{developingThrough ? t('redevelop.progress', { look: developingThrough }) : t('redevelop.progress.camera')}</span>
          </div>
          <progress aria-label={t('redevelop.progress.label')} />
        </div>
      )}
      {develop.error && (
        <p className="ds-error" role="alert" data-testid="redevelop-error">
          {errorText(develop.error)}
        </p>
      )}
      <footer className="ds-dialog-actions">
        <button onClick={props.onClose} disabled={develop.isPending}>
          {t('common.close')} <Kbd k="key.esc" />
        </button>
        <button className="ds-primary" onClick={() => develop.mutate()} disabled={!lookId || develop.isPending} data-testid="redevelop-start" data-autofocus>
          {t('redevelop.start')}
        </button>
      </footer>
    </Dialog>
  );
}
