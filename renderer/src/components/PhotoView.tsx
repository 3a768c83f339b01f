import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { FocusTrap } from '../keys.tsx';
import { BeforeAfter } from './BeforeAfter.tsx';
import { InfoPanel } from '../location/InfoPanel.tsx';
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
  // A photo opens as it was developed; S (or Before / after) compares it with its original.
  const [split, setSplit] = useState(false);
  const [divider, setDivider] = useState(0.5);
  const [redeveloping, setRedeveloping] = useState(false);
  const [showInfo, setShowInfo] = useState(() => window.innerWidth >= 1100);
  const bar = useBottomBar();

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

  // The full view's keys; it is modal, so nothing behind it (the album grid, the camera) takes a key.
  // The develop-again dialog, when open, is a scope above this one.
  const step = (direction: 1 | -1) => {
    const target = neighbour(direction);
    if (target) props.onNavigate(target);
  };
  const keys = {
      ArrowRight: { run: () => step(1), repeat: true },
      ArrowLeft: { run: () => step(-1), repeat: true },
      'Shift+ArrowRight': { run: () => (showSplit ? setDivider((value) => Math.min(1, value + 0.05)) : step(1)), repeat: true },
      'Shift+ArrowLeft': { run: () => (showSplit ? setDivider((value) => Math.max(0, value - 0.05)) : step(-1)), repeat: true },
      Delete: remove,
      Backspace: remove,
      s: () => (canCompare ? setSplit((value) => !value) : false),
      d: () => (canRedevelop ? setRedeveloping(true) : false),
      i: () => setShowInfo((value) => !value),
  };

  if (!item) return null;
  const taken = t('photo.taken', { takenAt: new Date(item.takenAt) });
  return (
    <FocusTrap scope="photo" className="photo-view" role="dialog" label={t('photo.label')} testId="photo-view" dataId={item.id} onEscape={props.onClose} keys={keys} focusSelf>
      <div className="photo-body">
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
          <img src={api.mediaUrl(item.id, 'original')} alt={item.lookName} data-user-data data-testid="photo-image" />
        )}
      </div>
        {showInfo && <InfoPanel item={item} />}
      </div>
      <footer className="photo-info" ref={bar}>
        <span title={item.lookName} data-user-data>
          {item.lookName}
        </span>
        <span title={taken}>{taken}</span>
        <span className="photo-size">{sizeText(item)}</span>
        <span className="spacer" />
        <button onClick={() => setShowInfo((value) => !value)} aria-pressed={showInfo} data-testid="toggle-info">
          {t('info.toggle')} <Kbd k="key.i" />
        </button>
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
    </FocusTrap>
  );
}

function sizeText(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}

/**
 * Tells the app how tall this view's bottom bar is (the --bottom-bar property), so what floats in the bottom
 * corner (the jobs tray) sits above the bar instead of over its buttons; gone with the bar. A callback ref: the
 * bar first appears after the item has loaded (an item opened by id renders nothing until then).
 */
/** Which view's bar set --bottom-bar last (its observer ref). */
let barOwner: object | null = null;

function useBottomBar(): (element: HTMLElement | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback((element: HTMLElement | null) => {
    const root = document.documentElement;
    observer.current?.disconnect();
    observer.current = null;
    if (!element) {
      // Only the bar that set it takes it away: a view closing after another opened must not lift the tray off it.
      if (barOwner === observer) {
        barOwner = null;
        root.style.removeProperty('--bottom-bar');
      }
      return;
    }
    const measure = () => root.style.setProperty('--bottom-bar', `${element.offsetHeight}px`);
    barOwner = observer;
    // At once, not only when the observer first reports (a frame later at best): the tray is placed from the start.
    measure();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
  }, []);
}
