// The selection and what can be done with it, in one bar above the grid while anything is selected.
import { useState } from 'react';
import { api } from '../api.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { Kbd } from '../components/Kbd.tsx';
import { bulkActions, type BulkAction } from './actions.ts';

type Props = {
  count: number;
  trashed: boolean;
  onClear(): void;
  onSelectAll(): void;
  /** The selected ids (for "all", asked of main). */
  resolve(): Promise<string[]>;
  onTrash(ids: string[]): Promise<void>;
  onRestore(ids: string[]): Promise<void>;
  /** Favourites can be set here (not in the trash); `allFavourite`: every selected item already is one. */
  favourite: boolean;
  allFavourite: boolean;
  onFavourite(ids: string[]): Promise<void>;
};

export function SelectionBar(props: Props) {
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<{ action: BulkAction; ids: string[] } | null>(null);
  /** A browser page has no file manager to ask: it says so instead. */
  const [noReveal, setNoReveal] = useState(false);

  const run = async (work: (ids: string[]) => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work(await props.resolve());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const extra = bulkActions.filter((action) => action.where === 'both' || action.where === (props.trashed ? 'trash' : 'album'));
  return (
    <div className="ds-selection-bar" role="toolbar" aria-label={t('album.bulk')} data-testid="selection-bar">
      <span className="ds-selection-count" data-testid="selection-count">
        {t('album.selected', { count: props.count })}
      </span>
      <button onClick={props.onSelectAll} disabled={busy} title={t('album.select-all.title')}>
        {t('album.select-all')}
      </button>
      <button onClick={props.onClear} disabled={busy} title={t('album.select-none.title')} data-testid="selection-clear">
        {t('album.select-none')} <Kbd k="key.esc" />
      </button>
      <span className="spacer" />
      {busy && <span className="muted">{t('album.working')}</span>}
      {error !== null && (
        <span className="ds-error" role="alert">
          {errorText(error)}
        </span>
      )}
      {props.favourite && (
        <button disabled={busy} onClick={() => void run(props.onFavourite)} aria-pressed={props.allFavourite} title={t(props.allFavourite ? 'album.bulk.unfavourite.title' : 'album.bulk.favourite.title')} data-testid="bulk-favourite">
          <span className="ds-star" aria-hidden="true" /> {t(props.allFavourite ? 'album.bulk.unfavourite' : 'album.bulk.favourite')}
        </button>
      )}
      {extra.map((action) => (
        <button key={action.id} disabled={busy} onClick={() => void run(async (ids) => setOpen({ action, ids }))} data-testid={`bulk-${action.id}`}>
          {t(action.label)}
        </button>
      ))}
      {!props.trashed && (
        <button
          disabled={busy}
          onClick={() => void run(async (ids) => setNoReveal(!(await api.library.reveal({ ids })).opened))}
          title={t(props.count > 1 ? 'album.bulk.reveal.first' : 'album.bulk.reveal.title')}
          data-testid="bulk-reveal"
        >
          {t('album.bulk.reveal')}
        </button>
      )}
      {noReveal && (
        <span className="muted" role="status" data-testid="reveal-unavailable">
          {t('album.bulk.reveal.unavailable')}
        </span>
      )}
      {props.trashed ? (
        <button className="primary" disabled={busy} onClick={() => void run(props.onRestore)} data-testid="bulk-restore">
          {t('album.bulk.restore')}
        </button>
      ) : (
        <button className="danger" disabled={busy} onClick={() => void run(props.onTrash)} data-testid="bulk-trash" title={t('album.bulk.trash.title')}>
          {t('album.bulk.trash')} <Kbd k="key.del" />
        </button>
      )}
      {open && <open.action.dialog ids={open.ids} onClose={() => setOpen(null)} />}
    </div>
  );
}
