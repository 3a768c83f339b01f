import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useKeys } from '../keys.tsx';
import { useErrorText, useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { DevelopDialog } from './DevelopDialog.tsx';
import { Kbd } from './Kbd.tsx';
import { PhotoView } from './PhotoView.tsx';
import '../looks-ui.css';

const TILE = 220;
const GAP = 6;

export function Album(props: { trashed: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const viewing = useUi((state) => state.viewing);
  const open = useUi((state) => state.open);
  const query = useInfiniteQuery({
    queryKey: ['library', props.trashed ? 'trash' : 'album'],
    queryFn: ({ pageParam }) => api.library.list({ limit: 120, trashed: props.trashed, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor((width + GAP) / (TILE + GAP)));
  const rows = Math.ceil(items.length / columns);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => TILE + GAP, overscan: 3 });

  const virtualRows = virtualizer.getVirtualItems();
  useEffect(() => {
    const last = virtualRows[virtualRows.length - 1];
    if (last && last.index >= rows - 2 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [virtualRows, rows, query]);

  const emptyTrash = useMutation({ mutationFn: () => api.library.emptyTrash({}) });

  // Developing photos: the button, the D key, or photos dropped on the album.
  const [developing, setDeveloping] = useState<{ files: File[] } | null>(null);
  const [dropping, setDropping] = useState(false);
  const canDevelop = !props.trashed;
  // The album's own keys (the grid's arrows and selection join here); the full view, when open, is modal.
  useKeys('album', { d: () => (canDevelop ? setDeveloping((current) => current ?? { files: [] }) : false) });
  const dropHandlers = canDevelop
    ? {
        onDragOver: (event: DragEvent) => {
          if (!carriesFiles(event) || viewing || developing) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        },
        onDragLeave: (event: DragEvent) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
        },
        onDrop: (event: DragEvent) => {
          setDropping(false);
          if (!carriesFiles(event) || viewing || developing) return;
          event.preventDefault();
          const files = [...event.dataTransfer.files].filter(looksLikePhoto);
          if (files.length > 0) setDeveloping({ files });
        },
      }
    : {};

  return (
    <div className={dropping ? 'album ds-dropping' : 'album'} {...dropHandlers}>
      <div className="album-header">
        <h1>{t(props.trashed ? 'album.trash.title' : 'album.title')}</h1>
        <span className="count">{items.length === 0 ? '' : t(query.hasNextPage ? 'album.count.more' : 'album.count', { count: items.length })}</span>
        {canDevelop && (
          <button className="ds-album-develop" onClick={() => setDeveloping({ files: [] })} data-testid="develop-photos" title={t('album.develop.title')}>
            {t('album.develop')} <Kbd k="key.d" />
          </button>
        )}
        {props.trashed && items.length > 0 && (
          <button className="danger" onClick={() => window.confirm(t('album.empty-trash.confirm')) && emptyTrash.mutate()}>
            {t('album.empty-trash')}
          </button>
        )}
      </div>
      <div className="album-scroll" ref={scrollRef} data-testid="album">
        {query.isSuccess && items.length === 0 && (
          <p className="empty">{t(props.trashed ? 'album.trash.empty' : 'album.empty')}</p>
        )}
        {query.error && <p className="error-text">{errorText(query.error)}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((row) => (
            <div key={row.key} className="album-row" style={{ transform: `translateY(${row.start}px)`, gap: GAP, height: TILE }}>
              {items.slice(row.index * columns, row.index * columns + columns).map((item) => (
                <Tile key={item.id} item={item} onOpen={() => open(item.id)} />
              ))}
            </div>
          ))}
        </div>
      </div>
      {viewing && <PhotoView items={items} id={viewing} trashed={props.trashed} onClose={() => open(null)} onNavigate={open} />}
      {dropping && (
        <div className="ds-drop-hint" aria-hidden="true">
          {t('album.drop')}
        </div>
      )}
      {developing && (
        <DevelopDialog
          initialFiles={developing.files}
          onClose={() => setDeveloping(null)}
          onOpenItem={(id) => {
            setDeveloping(null);
            open(id);
          }}
        />
      )}
    </div>
  );
}

function Tile(props: { item: LibraryItemT; onOpen(): void }) {
  const t = useT();
  const { item } = props;
  const taken = { look: item.lookName, takenAt: new Date(item.takenAt) };
  return (
    <button className="tile" style={{ width: TILE, height: TILE }} onClick={props.onOpen} data-testid="album-tile" data-id={item.id} title={t('album.tile', taken)}>
      <img src={api.mediaUrl(item.id, 'thumb')} alt={t('album.tile.alt', taken)} loading="lazy" decoding="async" />
      {/* The play sign is drawn by CSS: it is a picture, not a word. */}
      {item.kind === 'video' && (
<span className="badge video">{formatDuration(item.durationSec)}</span>
      )}
      {item.recovered && <span className="badge warn">{t('album.recovered')}</span>}
    </button>
  );
}

function carriesFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

/** The browser knows the type of most photos; HEIC and RAW-adjacent files often come without one. */
function looksLikePhoto(file: File): boolean {
  return file.type.startsWith('image/') || /\.(jpe?g|png|tiff?|webp|heic|heif|avif)$/i.test(file.name);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
