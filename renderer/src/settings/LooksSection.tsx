// Settings → Cameras: the cameras imported from LUT files, to rename (the id stays, so shots and recipes are
// unchanged) or delete (after a confirmation that says how many shots were made with it; those keep their
// recipe and can still be developed again). The look strip's menu opens this section on one camera.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import './library.css';

export function LooksSection() {
  const t = useT();
  const looks = useQuery({ queryKey: ['looks'], queryFn: () => api.looks.list({}) });
  const focus = useUi((state) => state.settingsFocus);
  const imported = (looks.data ?? []).filter((look) => look.imported);
  return (
    <div className="ds-cameras-settings">
      <p className="settings-intro">{t('settings.cameras.intro')}</p>
      {looks.isSuccess && imported.length === 0 && <p className="ds-muted">{t('settings.cameras.none')}</p>}
      <ul className="ds-cameras-list" data-testid="cameras-list">
        {imported.map((look) => (
          <LookRow key={look.id} look={look} focus={focus?.section === 'looks' && focus.lookId === look.id ? focus : null} />
        ))}
      </ul>
    </div>
  );
}

function LookRow(props: { look: LookT; focus: { action?: 'rename' | 'delete'; at: number } | null }) {
  const t = useT();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { look } = props;
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [name, setName] = useState(look.name);
  const rowRef = useRef<HTMLLIElement>(null);

  // Opened from the look strip's menu: this row, ready for what was asked.
  useEffect(() => {
    if (!props.focus) return;
    setMode(props.focus.action ?? 'idle');
    setName(look.name);
    rowRef.current?.scrollIntoView({ block: 'center' });
  }, [props.focus, look.name]);

  const uses = useQuery({ queryKey: ['looks', 'uses', look.id], queryFn: () => api.looks.uses({ id: look.id }), enabled: mode === 'delete' });
  const rename = useMutation({
    mutationFn: () => api.looks.rename({ id: look.id, name }),
    onSuccess: async () => {
      setMode('idle');
      await queryClient.invalidateQueries({ queryKey: ['looks'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.looks.delete({ id: look.id }),
    onSuccess: async () => {
      if (useUi.getState().lookId === look.id) useUi.getState().setLook('');
      await queryClient.invalidateQueries({ queryKey: ['looks'] });
    },
  });
  const problem = rename.error ?? remove.error;

  return (
    <li ref={rowRef} className={props.focus ? 'ds-look-row focused' : 'ds-look-row'} data-testid="look-row" data-look={look.id}>
      {mode === 'rename' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate();
          }}
        >
          <input
            type="text"
            value={name}
            maxLength={60}
            autoFocus
            aria-label={t('settings.cameras.name', { name: look.name })}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setMode('idle');
              }
            }}
            data-testid="camera-name-input"
          />
          <button type="submit" className="primary" disabled={!name.trim() || rename.isPending} data-testid="camera-save">
            {t('settings.cameras.save')}
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            {t('settings.cameras.cancel')}
          </button>
        </form>
      ) : (
        <>
          <span className="ds-camera-name" data-user-data data-testid="camera-name">
            {look.name}
          </span>
          <button onClick={() => setMode('rename')} data-testid="camera-rename">
            {t('settings.cameras.rename')}
          </button>
          <button className="danger" onClick={() => setMode('delete')} data-testid="camera-delete">
            {t('settings.cameras.delete')}
          </button>
        </>
      )}
      {mode === 'delete' && uses.data && (
        <div className="ds-camera-confirm" role="alertdialog" aria-label={t('settings.cameras.confirm.delete')} data-testid="camera-confirm">
          <p>{t('settings.cameras.confirm', { name: look.name, shots: uses.data.shots })}</p>
          <div>
            <button className="danger" autoFocus onClick={() => remove.mutate()} disabled={remove.isPending} data-testid="camera-confirm-delete">
              {t('settings.cameras.confirm.delete')}
            </button>
            <button onClick={() => setMode('idle')} data-testid="camera-keep">
              {t('settings.cameras.keep')}
            </button>
          </div>
        </div>
      )}
      {problem && <p className="ds-error">{errorText(problem)}</p>}
    </li>
  );
}
