import { useEffect } from 'react';
import { useT } from '../i18n.tsx';
import { Kbd } from '../components/Kbd.tsx';

export type Undo = { kind: 'trashed' | 'restored'; ids: string[] };

/** How long the notice stays: long enough to read it and change one's mind. */
const SHOWN_MS = 10_000;

/** Right after a move to (or out of) the trash: what happened, and Undo (also Ctrl/⌘+Z while it shows). */
export function UndoNotice(props: { undo: Undo; onUndo(): void; onDone(): void }) {
  const t = useT();
  const { undo, onDone } = props;
  useEffect(() => {
    const timer = window.setTimeout(onDone, SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [undo, onDone]);
  return (
    <div className="ds-undo" role="status" data-testid="undo-notice">
      <span>{t(undo.kind === 'trashed' ? 'album.undo.trashed' : 'album.undo.restored', { count: undo.ids.length })}</span>
      <button onClick={props.onUndo} data-testid="undo">
        {t('album.undo')} <Kbd k="key.ctrl-z" />
      </button>
      <button className="ds-undo-close" onClick={onDone} aria-label={t('common.close')} title={t('common.close')} />
    </div>
  );
}
