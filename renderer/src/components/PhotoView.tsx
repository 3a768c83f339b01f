import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { BeforeAfter } from './BeforeAfter.tsx';
import { Kbd } from './Kbd.tsx';
import { RedevelopDialog } from './RedevelopDialog.tsx';
import '../looks-ui.css';

export function PhotoView(props: { items: LibraryItemT[]; id: string; trashed: boolean; onClose(): void; onNavigate(id: string): void }) {
  const t = useT();
  const index = props.items.findIndex((item) => item.id === props.id);
  // A just-developed item may not be in the loaded album pages yet: ask for it by id.
  const single = useQuery({ queryKey: ['library', 'item', props.id], queryFn: () => api.library.get({ id: props.id }), enabled: index < 0 });
  const item = props.items[index] ?? single.data ?? undefined;
  const trash = useMutation({ mutationFn: (id: string) => api.library.trash({ ids: [id] }) });
  const restore = useMutation({ mutationFn: (id: string) => api.library.restore({ ids: [id] }) });
  const [split, setSplit] = useState(true);
  const [divider, setDivider] = useState(0.5);
  const [redeveloping, setRedeveloping] = useState(false);

  const canCompare = !!item && item.kind === 'photo' && !!item.hasOriginal;
  const canRedevelop = canCompare && !props.trashed;
  const showSplit = canCompare && split;

  const neighbour = (step: number) => (index < 0 ? undefined : props.items[index + step]?.id);
  const remove = () => {
    if (!item) return;
    const next = neighbour(1) ?? neighbour(-1);
    (props.trashed ? restore : trash).mutate(item.id);
    if (next) props.onNavigate(next);
    else props.onClose();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The develop-again dialog has the keyboard while it is open.
      if (redeveloping) return;
      if (event.key === 'Escape') props.onClose();
      else if (showSplit && event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
        setDivider((value) => Math.min(1, Math.max(0, value + (event.key === 'ArrowRight' ? 0.05 : -0.05))));
      } else if (event.key === 'ArrowRight') {
        const next = neighbour(1);
        if (next) props.onNavigate(next);
      } else if (event.key === 'ArrowLeft') {
        const previous = neighbour(-1);
        if (previous) props.onNavigate(previous);
      } else if (event.key === 'Delete' || event.key === 'Backspace') remove();
      else if ((event.key === 's' || event.key === 'S') && canCompare && !event.ctrlKey && !event.metaKey) setSplit((value) => !value);
      else if ((event.key === 'd' || event.key === 'D') && canRedevelop && !event.ctrlKey && !event.metaKey) setRedeveloping(true);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!item) return null;
  const taken = t('photo.taken', { takenAt: new Date(item.takenAt) });
  return (
    <div className="photo-view" role="dialog" aria-label={t('photo.label')} data-testid="photo-view" data-id={item.id}>
      <div className="photo-stage">
        {item.kind === 'video' ? (
          <video src={api.mediaUrl(item.id, 'original')} controls autoPlay />
        ) : showSplit ? (
          <BeforeAfter
            before={api.mediaUrl(item.id, 'undeveloped')}
            after={api.mediaUrl(item.id, 'original')}
            width={item.width}
            height={item.height}
            alt={item.lookName}
            position={divider}
            onPosition={setDivider}
          />
        ) : (
          <img src={api.mediaUrl(item.id, 'original')} alt={item.lookName} data-user-data />
        )}
      </div>
      <footer className="photo-info">
        <span title={item.lookName} data-user-data>
          {item.lookName}
        </span>
        <span title={taken}>{taken}</span>
        <span className="photo-size">{sizeText(item)}</span>
        <span className="spacer" />
        {canCompare && (
          <button onClick={() => setSplit((value) => !value)} aria-pressed={split} data-testid="toggle-split">
            {t('photo.split')} <Kbd k="key.s" />
          </button>
        )}
        {canRedevelop && (
          <button onClick={() => setRedeveloping(true)} data-testid="redevelop">
            {t('photo.redevelop')} <Kbd k="key.d" />
          </button>
        )}
        <button onClick={remove} data-testid={props.trashed ? 'restore' : 'trash'}>
          {t(props.trashed ? 'photo.restore' : 'photo.trash')} <Kbd k="key.del" />
        </button>
        <button onClick={props.onClose}>
          {t('common.close')} <Kbd k="key.esc" />
        </button>
      </footer>
      {redeveloping && (
        <RedevelopDialog
          item={item}
          onClose={() => setRedeveloping(false)}
          onDeveloped={(developed) => {
            setRedeveloping(false);
            props.onNavigate(developed.id);
          }}
        />
      )}
    </div>
  );
}

function sizeText(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}
