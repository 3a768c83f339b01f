import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LibraryItemT } from '../../../main/contract/index.ts';
import { api } from '../api.ts';

export function PhotoView(props: { items: LibraryItemT[]; id: string; trashed: boolean; onClose(): void; onNavigate(id: string): void }) {
  const index = props.items.findIndex((item) => item.id === props.id);
  const item = props.items[index];
  const trash = useMutation({ mutationFn: (id: string) => api.library.trash({ ids: [id] }) });
  const restore = useMutation({ mutationFn: (id: string) => api.library.restore({ ids: [id] }) });

  const neighbour = (step: number) => props.items[index + step]?.id;
  const remove = () => {
    if (!item) return;
    const next = neighbour(1) ?? neighbour(-1);
    (props.trashed ? restore : trash).mutate(item.id);
    if (next) props.onNavigate(next);
    else props.onClose();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') props.onClose();
      else if (event.key === 'ArrowRight') {
        const next = neighbour(1);
        if (next) props.onNavigate(next);
      } else if (event.key === 'ArrowLeft') {
        const previous = neighbour(-1);
        if (previous) props.onNavigate(previous);
      } else if (event.key === 'Delete' || event.key === 'Backspace') remove();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  if (!item) return null;
  return (
    <div className="photo-view" role="dialog" aria-label="Shot" data-testid="photo-view">
      <div className="photo-stage">
        {item.kind === 'video' ? (
          <video src={api.mediaUrl(item.id, 'original')} controls autoPlay />
        ) : (
          <img src={api.mediaUrl(item.id, 'original')} alt={item.cameraName} />
        )}
      </div>
      <footer className="photo-info">
        <span>{item.cameraName}</span>
        <span>{new Date(item.takenAt).toLocaleString()}</span>
        <span>
          {item.width}×{item.height}
        </span>
        <span className="spacer" />
        <button onClick={remove} data-testid={props.trashed ? 'restore' : 'trash'}>
          {props.trashed ? 'Restore' : 'Move to trash'} <kbd>Del</kbd>
        </button>
        <button onClick={props.onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </footer>
    </div>
  );
}
