import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useUi } from '../store.ts';
import { Dialog } from './Dialog.tsx';
import { errorText, useLooks } from './look-samples.ts';
import { defaultLookId, LookChoice, type LookSettings } from './LookChoice.tsx';

/** The kept original through another camera: a new album item; the shot on screen stays as it was. */
export function RedevelopDialog(props: { item: LibraryItemT; onClose(): void; onDeveloped(item: LibraryItemT): void }) {
  const queryClient = useQueryClient();
  const looks = useLooks();
  const list = looks.data ?? [];
  const ui = useUi.getState();
  // Another camera than the one this shot went through: that is why one develops again.
  const [settings, setSettings] = useState<LookSettings>({ lookId: '', strength: ui.strength, grain: ui.grain });
  const firstOther = list.find((look) => look.kind === 'photo' && look.id !== props.item.lookId)?.id ?? null;
  const lookId = settings.lookId || defaultLookId(list, firstOther);

  const develop = useMutation({
    mutationFn: () => api.library.redevelop({ id: props.item.id, lookId, strength: settings.strength, grain: settings.grain }),
    onSuccess: async (item) => {
      // The album has to know the new item before the view can move to it.
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      props.onDeveloped(item);
    },
  });

  return (
    <Dialog label="Develop again" testId="redevelop-dialog" onEscape={() => !develop.isPending && props.onClose()} focusKey={develop.status}>
      <header className="ds-dialog-header">
        <h2>Develop again</h2>
        <p>
          The original of this {props.item.lookName} shot, through another camera. It becomes a new photo in the album; this one stays.
        </p>
      </header>
      <LookChoice looks={list} value={{ ...settings, lookId }} onChange={setSettings} disabled={develop.isPending} />
      {develop.isPending && (
        <div className="ds-progress" role="status" data-testid="redevelop-progress">
          <div className="ds-progress-text">
            <span>Developing through {list.find((look) => look.id === lookId)?.name ?? 'the camera'}…</span>
          </div>
          <progress aria-label="Developing" />
        </div>
      )}
      {develop.error && (
        <p className="ds-error" role="alert" data-testid="redevelop-error">
          {errorText(develop.error)}
        </p>
      )}
      <footer className="ds-dialog-actions">
        <button onClick={props.onClose} disabled={develop.isPending}>
          Close <kbd>Esc</kbd>
        </button>
        <button className="ds-primary" onClick={() => develop.mutate()} disabled={!lookId || develop.isPending} data-testid="redevelop-start" data-autofocus>
          Develop
        </button>
      </footer>
    </Dialog>
  );
}
