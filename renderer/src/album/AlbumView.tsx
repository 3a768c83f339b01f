// The album (or the trash): its header with the filters, the grid, the selection's actions and the undo notice.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useErrorText, useT } from '../i18n.tsx';
import { usePrivacyStatus } from '../privacy/usePrivacy.ts';
import { Kbd } from '../components/Kbd.tsx';
import { isTyping, useKeys } from '../keys.tsx';
import { DevelopDialog } from '../components/DevelopDialog.tsx';
import { PhotoView } from '../components/PhotoView.tsx';
import { ImportDialog } from '../jobs/ImportDialog.tsx';
import { AlbumGrid, type GridHandle } from './AlbumGrid.tsx';
import { idsBetween } from './data.ts';
import { FilterBar } from './FilterBar.tsx';
import { selectAll, selectedCount, type Selection } from './selection.ts';
import { SelectionBar } from './SelectionBar.tsx';
import { albumQuery, useAlbum } from './state.ts';
import { cachedItems, useAround, useSections } from './data.ts';
import { restoreItems, setFavourite, trashItems } from './actions.ts';
import { UndoNotice, type Undo } from './UndoNotice.tsx';
import { TRASH_DAYS } from './format.ts';
import { EmptyTrash } from './EmptyTrash.tsx';
import { fetchPosition, type AlbumQuery } from './source.ts';
import './album.css';

export function AlbumView(props: { trashed: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  // The trash keeps what Settings → Privacy says (2 to 90 days), not a fixed month.
  const trashDays = usePrivacyStatus().data?.retention.trash ?? TRASH_DAYS;
  const filters = useAlbum((state) => state.filters);
  const query = albumQuery(filters, props.trashed);
  const sections = useSections(query);
  const total = sections.data?.total ?? 0;
  const selection = useAlbum((state) => state.selection);
  const viewing = useAlbum((state) => state.viewing);
  const open = useAlbum((state) => state.open);
  const grid = useRef<GridHandle | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [importing, setImporting] = useState(false);
  /** What main refused of a key or button action (favourite, trash, restore: the library is moving, say). */
  const [refused, setRefused] = useState<unknown>(null);
  /** Runs an action a key or button starts without waiting for it: a refusal is shown, never left unhandled. */
  const act = useCallback((work: () => Promise<unknown>) => {
    setRefused(null);
    work().catch((error: unknown) => setRefused(error));
  }, []);
  const queryClient = useQueryClient();

  // Another view (album or trash) starts with nothing selected.
  useEffect(() => useAlbum.getState().reset(), [props.trashed]);

  // Shots that leave this view (trashed, restored, deleted, here or elsewhere) leave the selection too.
  useEffect(
    () =>
      api.on('library.changed', (change) => {
        if (change.reason !== 'trashed' && change.reason !== 'restored' && change.reason !== 'deleted') return;
        const { selection, setSelection } = useAlbum.getState();
        if (selection.all || !change.ids.some((id) => selection.ids.has(id))) return;
        const ids = new Set(selection.ids);
        for (const id of change.ids) ids.delete(id);
        setSelection({ ...selection, ids });
      }),
    [],
  );

  const resolve = useCallback((current: Selection) => resolveSelection(query, current, total), [query, total]);

  const moveToTrash = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      await trashItems(ids);
      useAlbum.getState().setSelection({ all: false, ids: new Set(), anchor: null });
      setUndo({ kind: 'trashed', ids });
      await queryClient.invalidateQueries({ queryKey: ['library'] });
    },
    [queryClient],
  );
  const restore = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      await restoreItems(ids);
      useAlbum.getState().setSelection({ all: false, ids: new Set(), anchor: null });
      setUndo({ kind: 'restored', ids });
      await queryClient.invalidateQueries({ queryKey: ['library'] });
    },
    [queryClient],
  );

  const onUndo = useCallback(
    async (last: Undo) => {
      setUndo(null);
      if (last.kind === 'trashed') await restoreItems(last.ids);
      else await trashItems(last.ids);
      await queryClient.invalidateQueries({ queryKey: ['library'] });
    },
    [queryClient],
  );

  // The album's keys, wherever the focus is in it (the grid's own arrows, Enter and Space work on its tiles).
  useKeys('album', {
    Delete: () => removeSelection(),
    Backspace: () => removeSelection(),
    // Esc clears a selection; with none it does nothing here (and never turns the camera on).
    Escape: () => {
      const current = useAlbum.getState().selection;
      if (!current.all && current.ids.size === 0) return false;
      useAlbum.getState().setSelection({ all: false, ids: new Set(), anchor: current.anchor });
    },
    d: () => (props.trashed || viewing ? false : develop.open()),
    i: () => (props.trashed || viewing ? false : setImporting(true)),
    f: () => (props.trashed ? false : act(() => toggleFavourite())),
  });

  /** The selection (or the keyboard's tile): favourites, unless every one of them already is. */
  const favouriteIds = async () => {
    const current = useAlbum.getState().selection;
    return selectedCount(current, total) > 0 ? resolve(current) : total > 0 ? idsBetween(query, useAlbum.getState().focus, useAlbum.getState().focus) : [];
  };
  const allFavourite = (ids: string[]) => {
    const known = cachedItems(queryClient, query);
    return ids.length > 0 && ids.every((id) => known.get(id)?.favourite === true);
  };
  // Whether the bar offers Favourite or Unfavourite follows the cached items as they change.
  const selectionAllFavourite = useSyncExternalStore(
    (notify) => queryClient.getQueryCache().subscribe(notify),
    () => !selection.all && allFavourite([...selection.ids]),
  );
  const toggleFavourite = async (given?: string[]) => {
    const ids = given ?? (await favouriteIds());
    if (ids.length > 0) await setFavourite(ids, !allFavourite(ids));
  };
  const removeSelection = () => {
    const current = useAlbum.getState().selection;
    const focus = useAlbum.getState().focus;
    act(async () => {
      const ids = selectedCount(current, total) > 0 ? await resolve(current) : total > 0 ? await idsBetween(query, focus, focus) : [];
      await (props.trashed ? restore(ids) : moveToTrash(ids));
    });
  };

  // Ctrl/⌘+A selects the whole view and Ctrl/⌘+Z takes back the last move to or from the trash (while its notice
  // is up), wherever the focus is in the album. The shared key stack leaves modifier keys to the views; these act
  // only while the album's scope is the top one (no dialog, full view or help over it) and no field has the keys.
  const latestUndo = useRef(undo);
  latestUndo.current = undo;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || document.body.dataset.keyScope !== 'album' || isTyping(event)) return;
      const key = event.key.toLowerCase();
      if (key === 'a') {
        event.preventDefault();
        useAlbum.getState().setSelection(selectAll());
      } else if (key === 'z' && latestUndo.current) {
        event.preventDefault();
        act(() => onUndo(latestUndo.current!));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, onUndo]);

  const develop = useDevelopDrop(!props.trashed && !viewing);

  const count = selectedCount(selection, total);
  const filtered = !props.trashed && (filters.kind !== null || filters.lookId !== null || filters.favourites || filters.recovered || filters.location !== null);

  return (
    <div className={develop.dropping ? 'album ds-album ds-dropping' : 'album ds-album'} {...develop.handlers}>
      <header className="ds-album-header">
        <div className="ds-album-title">
          <h1>{t(props.trashed ? 'album.trash.title' : 'album.title')}</h1>
          {sections.data && <span className="count" data-testid="album-count">{t('album.count', { count: total })}</span>}
        </div>
        {!props.trashed && <FilterBar />}
        <div className="ds-album-actions">
          {props.trashed ? (
            total > 0 && <EmptyTrash />
          ) : (
            <>
              <button onClick={() => setImporting(true)} data-testid="import-open" title={t('import.open.title')}>
                {t('import.open')} <Kbd k="key.i" />
              </button>
              <button className="ds-album-develop" onClick={develop.open} data-testid="develop-photos" title={t('album.develop.title')}>
                {t('album.develop')} <Kbd k="key.d" />
              </button>
            </>
          )}
        </div>
      </header>
      {props.trashed && total > 0 && <p className="ds-trash-note">{t('album.trash.note', { days: trashDays })}</p>}
      {count > 0 ? (
        <SelectionBar
          count={count}
          trashed={props.trashed}
          onClear={() => useAlbum.getState().setSelection({ all: false, ids: new Set(), anchor: null })}
          onSelectAll={() => useAlbum.getState().setSelection(selectAll())}
          resolve={() => resolve(useAlbum.getState().selection)}
          onTrash={(ids) => moveToTrash(ids)}
          favourite={!props.trashed}
          allFavourite={selectionAllFavourite}
          onFavourite={(ids) => toggleFavourite(ids)}
          onRestore={(ids) => restore(ids)}
        />
      ) : null}
      <div className="ds-album-body">
        {sections.error ? <p className="error-text">{errorText(sections.error)}</p> : null}
        {refused ? (
          <p className="error-text" role="alert" data-testid="album-refused">
            {errorText(refused)}
          </p>
        ) : null}
        {sections.isSuccess && total === 0 ? (
          <div className="empty" data-testid="album-empty">
            <p>{t(props.trashed ? 'album.trash.empty' : filtered ? 'album.no-match' : 'album.empty')}</p>
            {filtered && (
              <button onClick={() => useAlbum.getState().setFilters({ kind: null, lookId: null, favourites: false, recovered: false, location: null })}>
                {t('album.clear-filters')}
              </button>
            )}
          </div>
        ) : (
          <AlbumGrid
            query={query}
            sections={sections.data?.sections ?? []}
            onOpen={(offset, item: LibraryItemT) => open({ id: item.id, offset })}
            handle={(handle) => (grid.current = handle)}
          />
        )}
      </div>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {undo && <UndoNotice undo={undo} onUndo={() => act(() => onUndo(undo))} onDone={() => setUndo(null)} />}
      {viewing && (
        <FullView
          query={query}
          viewing={viewing}
          onClose={() => {
            open(null);
            grid.current?.focusTile(viewing.offset);
          }}
        />
      )}
      {develop.dropping && (
        <div className="ds-drop-hint" aria-hidden="true">
          {t('album.drop')}
        </div>
      )}
      {develop.dialog && (
        <DevelopDialog
          initialFiles={develop.dialog.files}
          onClose={develop.close}
          onOpenItem={(id) => {
            develop.close();
            // The developed photo is dated when it was taken, not today: find where the view shows it.
            void fetchPosition(query, id).then((offset) => open({ id, offset: offset ?? 0 }));
          }}
        />
      )}
    </div>
  );
}

/** The shot open in the full view, with its neighbours in the view for ← and →. */
function FullView(props: { query: AlbumQuery; viewing: { id: string; offset: number }; onClose(): void }) {
  const { previous, current, next } = useAround(props.query, props.viewing.offset);
  const open = useAlbum((state) => state.open);
  const items = [previous, current, next].filter((item): item is LibraryItemT => !!item);
  // The view can shift under the open shot (a move to the trash, a new shot): find it again where it now is.
  useEffect(() => {
    if (!current || current.id === props.viewing.id) return;
    if (previous?.id === props.viewing.id) open({ id: props.viewing.id, offset: props.viewing.offset - 1 });
    else if (next?.id === props.viewing.id) open({ id: props.viewing.id, offset: props.viewing.offset + 1 });
    else void fetchPosition(props.query, props.viewing.id).then((offset) => offset !== null && open({ id: props.viewing.id, offset }));
  }, [current, previous, next, props.viewing, props.query, open]);
  return (
    <PhotoView
      items={items}
      id={props.viewing.id}
      trashed={props.query.trashed}
      onClose={props.onClose}
      onNavigate={(id) => {
        const offset = id === previous?.id ? props.viewing.offset - 1 : id === next?.id ? props.viewing.offset + 1 : props.viewing.offset;
        open({ id, offset });
      }}
    />
  );
}

/** Every id the selection stands for: its ids, or for "all but" the view's ids without the exceptions. */
export async function resolveSelection(query: AlbumQuery, selection: Selection, total: number): Promise<string[]> {
  if (!selection.all) return [...selection.ids];
  const all = await idsBetween(query, 0, total - 1);
  return all.filter((id) => !selection.ids.has(id));
}

/** Developing photos the person has: the button, the D key, or files dropped on the album. */
function useDevelopDrop(enabled: boolean) {
  const [dialog, setDialog] = useState<{ files: File[] } | null>(null);
  const [dropping, setDropping] = useState(false);
  const carriesFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  const handlers = enabled
    ? {
        onDragOver: (event: DragEvent) => {
          if (!carriesFiles(event) || dialog) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        },
        onDragLeave: (event: DragEvent) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
        },
        onDrop: (event: DragEvent) => {
          setDropping(false);
          if (!carriesFiles(event) || dialog) return;
          event.preventDefault();
          const files = [...event.dataTransfer.files].filter((file) => file.type.startsWith('image/') || /\.(jpe?g|png|tiff?|webp|heic|heif|avif)$/i.test(file.name));
          if (files.length > 0) setDialog({ files });
        },
      }
    : {};
  return { dialog, dropping, handlers, open: () => setDialog({ files: [] }), close: () => setDialog(null) };
}
