// The album grid: days and their tiles over a virtual space of any height. No element is ever as tall as the
// album (Chromium caps a scrolling element near 2^24 px, which hid most of an 888k library in immich#16788):
// the grid keeps its own scroll offset, shows the rows that cross the window, and draws its own scrollbar
// (Scrubber). TanStack Virtual is not used here because it reads and writes the element's native scrollTop
// and scrollHeight, which is exactly what the cap breaks; the geometry is known from the sections alone
// (layout.ts), so the rows on screen are two binary searches.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useIntl } from 'react-intl';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { idsBetween, useItems } from './data.ts';
import { GAP, GridLayout, type Move, type Section } from './layout.ts';
import { Scrubber } from './Scrubber.tsx';
import { isSelected, rangeSpan, selectAll, selectOnly, selectRange, toggle } from './selection.ts';
import { useAlbum } from './state.ts';
import type { AlbumQuery } from './source.ts';
import { formatDuration, trashDaysLeft } from './format.ts';

/** Rows drawn beyond the window's edges, so a frame's scroll never shows an empty edge. */
const OVERSCAN = 480;
/** Faster than this many windows a second is a fling: tiles stay placeholders, no page or picture is asked for. */
const FLING_SCREENS_PER_SECOND = 3;
/** A fling is over when the offset has been still this long. */
const SETTLE_MS = 140;
const SIDE_PADDING = 16;
const SCRUBBER_WIDTH = 18;
/** How far above the window a scrolled-away keyboard row waits (more than any scroll between two draws). */
const PARK_DISTANCE = 20_000;

export type GridHandle = { focusTile(offset: number): void };

type Props = {
  query: AlbumQuery;
  sections: Section[];
  onOpen(offset: number, item: LibraryItemT): void;
  /** The grid's handle, so the album can put the keyboard back on a tile. */
  handle?: (handle: GridHandle | null) => void;
};

export function AlbumGrid(props: Props) {
  const t = useT();
  const viewportRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const contentWidth = Math.max(1, size.width - 2 * SIDE_PADDING - SCRUBBER_WIDTH);
  const layout = useMemo(() => new GridLayout(props.sections, contentWidth), [props.sections, contentWidth]);
  const scroll = useVirtualScroll(layout, size.height, viewportRef, contentRef);

  const selection = useAlbum((state) => state.selection);
  const setSelection = useAlbum((state) => state.setSelection);
  const focus = useAlbum((state) => state.focus);
  const setFocus = useAlbum((state) => state.setFocus);

  const firstItem = firstItemIn(layout, scroll.view.first);
  const lastItem = lastItemIn(layout, scroll.view.last);
  const getItem = useItems(props.query, firstItem, lastItem, !scroll.flinging);

  // The keyboard's tile is kept mounted when it scrolls away, so the focus never falls to the page.
  const focusRow = layout.itemCount > 0 ? layout.rowOfItem(Math.min(focus, layout.itemCount - 1)) : -1;
  const wantFocus = useRef(false);
  const focusTile = useCallback(
    (offset: number) => {
      if (offset < 0 || offset >= layout.itemCount) return;
      const already = useAlbum.getState().focus === offset;
      wantFocus.current = true;
      setFocus(offset);
      scroll.reveal(layout.rowOfItem(offset));
      // Already the grid's focus, so no render follows to move the element's focus (the effect below): give it
      // here, in case the element lost it (a row drawn again) or another tile holds it.
      const tile = already ? viewportRef.current?.querySelector<HTMLElement>(`[data-offset="${offset}"]`) : null;
      if (tile) {
        wantFocus.current = false;
        tile.focus({ preventScroll: true });
      }
    },
    [layout, scroll, setFocus],
  );
  useEffect(() => {
    props.handle?.({ focusTile });
    return () => props.handle?.(null);
  }, [props, focusTile]);
  // The tile that last had the focus. A row drawn again under another key (the album's layout read again while
  // the keyboard moves) is a new element: the focus falls to the page with the old one and no key reaches the
  // grid any more. Seen once in CI after End; the next render gives it back.
  const focusedTile = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const fell = focusedTile.current !== null && !focusedTile.current.isConnected && (document.activeElement === null || document.activeElement === document.body);
    if (!wantFocus.current && !fell) return;
    // The record as it is now: a key may have moved it since this render (effects run after the paint), and
    // focusing the tile drawn here would record that older tile again (onFocus).
    const tile = viewportRef.current?.querySelector<HTMLElement>(`[data-offset="${useAlbum.getState().focus}"]`);
    if (tile) {
      wantFocus.current = false;
      tile.focus({ preventScroll: true });
    }
  });

  // Ids for a span of offsets: from the pages on screen when they hold it all, else asked for.
  const spanIds = useCallback(
    async (first: number, last: number) => {
      const ids: string[] = [];
      for (let offset = first; offset <= last; offset++) {
        const item = getItem(offset);
        if (!item) return idsBetween(props.query, first, last);
        ids.push(item.id);
      }
      return ids;
    },
    [getItem, props.query],
  );

  const extendTo = useCallback(
    async (offset: number, keep: boolean) => {
      const current = useAlbum.getState().selection;
      const base = current.anchor === null ? { ...current, anchor: useAlbum.getState().focus } : current;
      const [first, last] = rangeSpan(base, offset);
      setSelection(selectRange(base, await spanIds(first, last), keep));
    },
    [setSelection, spanIds],
  );

  const onTileClick = useCallback(
    (event: MouseEvent, offset: number, item: LibraryItemT | undefined, fromCheck: boolean) => {
      event.preventDefault();
      focusTile(offset);
      if (!item) return;
      const current = useAlbum.getState().selection;
      if (event.shiftKey) void extendTo(offset, event.ctrlKey || event.metaKey);
      else if (event.ctrlKey || event.metaKey || fromCheck) setSelection(toggle(current, item.id, offset));
      else setSelection(selectOnly(item.id, offset));
    },
    [extendTo, focusTile, setSelection],
  );

  const selectDay = useCallback(
    async (section: number) => {
      const first = layout.firstItemOf(section);
      const last = first + layout.sections[section]!.count - 1;
      const ids = await spanIds(first, last);
      const current = useAlbum.getState().selection;
      const allIn = ids.every((id) => isSelected(current, id));
      const next = new Set(current.ids);
      // In "all but" form the ids are the exceptions: adding a day removes its ids from them.
      for (const id of ids) if (allIn !== current.all) next.delete(id);
      else next.add(id);
      setSelection({ all: current.all, ids: next, anchor: first });
    },
    [layout, setSelection, spanIds],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (layout.itemCount === 0) return;
    handleKey(event);
    // A key the grid used is the grid's: the app's own keys (A for the album, C for the camera) never see it.
    if (event.defaultPrevented) event.stopPropagation();
  };

  const handleKey = (event: KeyboardEvent) => {
    const move = keyMove(event.key);
    const page = Math.max(1, Math.floor(size.height / layout.pitch) - 1);
    // Keys move from the grid's record of its focus as it is now, not as last drawn nor from the element that has
    // the focus: keys pressed faster than the page draws (Home, then Shift+Right at once) each start where the one
    // before ended, while the element's focus follows a render later. A tile focused any other way (a click, Tab)
    // is recorded as it gets the focus (onFocus below).
    const from = Math.min(useAlbum.getState().focus, layout.itemCount - 1);
    if (move || event.key === 'PageUp' || event.key === 'PageDown') {
      let target = from;
      if (move) target = layout.move(from, move);
      else for (let i = 0; i < page; i++) target = layout.move(target, event.key === 'PageUp' ? 'up' : 'down');
      event.preventDefault();
      focusTile(target);
      if (event.shiftKey) void extendTo(target, event.ctrlKey || event.metaKey);
      else if (!event.ctrlKey && !event.metaKey) setSelection({ ...useAlbum.getState().selection, anchor: target });
      return;
    }
    const item = getItem(from);
    if (event.key === 'Enter') {
      event.preventDefault();
      if (item) props.onOpen(from, item);
    } else if (event.key === ' ') {
      // Space picks in a list; it never shoots from here.
      event.preventDefault();
      if (item) setSelection(toggle(useAlbum.getState().selection, item.id, from));
    } else if ((event.key === 'a' || event.key === 'A') && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      setSelection(selectAll());
    }
  };

  const rows: number[] = [];
  for (let index = scroll.view.first; index <= scroll.view.last && index < layout.rowCount; index++) rows.push(index);
  // The view can still be the last layout's for this one render (a resize that made rows fewer).
  const base = layout.rowCount > 0 ? layout.rowTop(Math.min(scroll.view.first, layout.rowCount - 1)) : 0;
  const selecting = selection.all || selection.ids.size > 0;
  const parked = focusRow >= 0 && (focusRow < scroll.view.first || focusRow > scroll.view.last);
  if (parked) {
    if (focusRow < scroll.view.first) rows.unshift(focusRow);
    else rows.push(focusRow);
  }

  // The rows in the window itself: their pictures are asked for before the ones drawn ahead (a page may fetch
  // only six at a time from the loopback host).
  const windowTop = scroll.offset();
  const shownFirst = layout.rowCount > 0 ? layout.rowAt(windowTop) : 0;
  const shownLast = layout.rowCount > 0 ? layout.rowAt(windowTop + size.height) : -1;
  const renderRow = (index: number, top: number) => {
    const row = layout.row(index);
    const style = { transform: `translateY(${top}px)`, height: layout.rowSize(index) };
    if (row.kind === 'header') {
      return <DayHeader key={index} style={style} day={layout.sections[row.section]!.key} month={row.month} onSelect={() => void selectDay(row.section)} label={t('album.day.select')} />;
    }
    const tiles = [];
    for (let offset = row.first; offset < row.first + row.count; offset++) {
      const item = getItem(offset);
      tiles.push(
        // Keyed by place, not by item: the keyboard's tile stays the same (focused) element while its item loads.
        <Tile
          key={offset}
          offset={offset}
          item={item}
          size={layout.tile}
          selected={!!item && isSelected(selection, item.id)}
          selecting={selecting}
          focused={offset === focus}
          load={!scroll.flinging}
          onScreen={index >= shownFirst && index <= shownLast}
          trashed={props.query.trashed}
          onClick={onTileClick}
          onOpen={props.onOpen}
        />,
      );
    }
    return (
      <div key={index} role="row" className="ds-grid-row" style={{ ...style, gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gap: GAP }}>
        {tiles}
      </div>
    );
  };

  return (
    <div className="ds-grid-frame">
      <div
        ref={viewportRef}
        className="ds-grid-viewport"
        role="grid"
        aria-label={t(props.query.trashed ? 'album.trash.title' : 'album.title')}
        aria-rowcount={layout.rowCount}
        aria-multiselectable="true"
        data-testid="album"
        data-items={layout.itemCount}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          // Tabbing into the grid lands on the keyboard's tile.
          if (event.target === viewportRef.current) focusTile(Math.min(useAlbum.getState().focus, layout.itemCount - 1));
          else if (event.target instanceof HTMLElement && event.target.dataset.offset !== undefined) {
            focusedTile.current = event.target;
            const offset = Number(event.target.dataset.offset);
            if (useAlbum.getState().focus !== offset) setFocus(offset);
          }
        }}
        tabIndex={-1}
        style={{ paddingLeft: SIDE_PADDING, paddingRight: SIDE_PADDING + SCRUBBER_WIDTH }}
        {...scroll.handlers}
      >
        <div ref={contentRef} className="ds-grid-content" style={{ left: SIDE_PADDING, width: contentWidth }}>
          {/* The keyboard's row when it is scrolled away stays in the list, in its place and under its key, far
              outside the window: it is the same element (still focused) when it scrolls back in. */}
          {rows.map((index) => renderRow(index, index === focusRow && parked ? scroll.offset() - base - PARK_DISTANCE : layout.rowTop(index) - base))}
        </div>
      </div>
      {layout.height > size.height && <Scrubber layout={layout} viewport={size.height} scroll={scroll} />}
    </div>
  );
}

function keyMove(key: string): Move | null {
  switch (key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    default:
      return null;
  }
}

function firstItemIn(layout: GridLayout, row: number): number {
  if (layout.rowCount === 0) return 0;
  const first = layout.row(Math.min(row, layout.rowCount - 1));
  return first.kind === 'tiles' ? first.first : layout.firstItemOf(first.section);
}

function lastItemIn(layout: GridLayout, row: number): number {
  if (layout.rowCount === 0 || row < 0) return -1;
  const last = layout.row(Math.min(row, layout.rowCount - 1));
  return last.kind === 'tiles' ? last.first + last.count - 1 : layout.firstItemOf(last.section) - 1;
}

export type VirtualScroll = ReturnType<typeof useVirtualScroll>;

/**
 * The grid's own scroll offset. Wheel, touch drag, the keyboard and the scrubber move it; each animation frame
 * moves the content by a transform, and React draws again only when the set of rows on screen changes.
 */
function useVirtualScroll(layout: GridLayout, height: number, viewportRef: RefObject<HTMLDivElement | null>, contentRef: RefObject<HTMLDivElement | null>) {
  const offset = useRef(0);
  const [view, setView] = useState({ first: 0, last: -1 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const [flinging, setFlinging] = useState(false);
  const motion = useRef({ at: 0, y: 0 });
  const settle = useRef<number | undefined>(undefined);
  const frame = useRef(0);
  const listeners = useRef(new Set<() => void>());
  const geometry = useRef({ layout, height });
  geometry.current = { layout, height };
  /** The item at the top of the window and how far above it the window starts: kept across new layouts. */
  const anchor = useRef<{ item: number; delta: number } | null>(null);

  const max = useCallback(() => Math.max(0, geometry.current.layout.height - geometry.current.height), []);

  /** Notes the item at the top of the window for `offset`: a new layout puts the window back there. */
  const remember = useCallback(() => {
    const { layout: current } = geometry.current;
    if (current.rowCount === 0) return;
    const y = offset.current;
    const top = firstItemIn(current, current.rowAt(y));
    anchor.current = top < current.itemCount ? { item: top, delta: y - current.rowTop(current.rowOfItem(top)) } : null;
  }, []);

  const place = useCallback(() => {
    const { layout: current } = geometry.current;
    const content = contentRef.current;
    if (content && current.rowCount > 0) content.style.transform = `translateY(${current.rowTop(Math.min(viewRef.current.first, current.rowCount - 1)) - offset.current}px)`;
  }, [contentRef]);

  /** The rows to draw for the current offset; `sync` draws them before this frame is painted. */
  const paint = useCallback(
    (sync: boolean) => {
      frame.current = 0;
      const { layout: current, height: shown } = geometry.current;
      const y = offset.current;
      const next = current.rowCount === 0 ? { first: 0, last: -1 } : { first: current.rowAt(y - OVERSCAN), last: current.rowAt(y + shown + OVERSCAN) };
      remember();
      if (next.first !== viewRef.current.first || next.last !== viewRef.current.last) {
        viewRef.current = next;
        if (sync) flushSync(() => setView(next));
        else setView(next);
      }
      place();
      for (const listener of listeners.current) listener();
    },
    [place, remember],
  );

  const scrollTo = useCallback(
    (y: number) => {
      const target = Math.min(max(), Math.max(0, y));
      if (target === offset.current) return;
      const now = performance.now();
      const speed = Math.abs(target - motion.current.y) / Math.max(1, now - motion.current.at);
      motion.current = { at: now, y: target };
      offset.current = target;
      // At once, not at the next frame's paint: a new layout before that frame (the day list read again, the
      // window resized) would otherwise put the window back where it was, and End would end at the top.
      remember();
      const fling = speed * 1000 > FLING_SCREENS_PER_SECOND * Math.max(200, geometry.current.height);
      window.clearTimeout(settle.current);
      if (fling) {
        setFlinging(true);
        settle.current = window.setTimeout(() => setFlinging(false), SETTLE_MS);
      } else setFlinging(false);
      if (!frame.current) frame.current = requestAnimationFrame(() => paint(true));
    },
    [max, paint, remember],
  );

  // A new layout (resize, new items, other filters) keeps the item at the top of the window in place; at the
  // very top the window stays at the top, where a new shot appears.
  useLayoutEffect(() => {
    const previous = anchor.current;
    if (previous && offset.current > 0 && layout.itemCount > 0) {
      offset.current = layout.rowTop(layout.rowOfItem(Math.min(previous.item, layout.itemCount - 1))) + previous.delta;
    }
    offset.current = Math.min(max(), Math.max(0, offset.current));
    paint(false);
  }, [layout, height, max, paint]);

  // Every render puts the content where the offset says (React owns the rows, the offset owns the transform).
  useLayoutEffect(place);

  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      window.clearTimeout(settle.current);
    },
    [],
  );

  const reveal = useCallback(
    (row: number) => {
      const { layout: current, height: shown } = geometry.current;
      const top = current.rowTop(row);
      const bottom = top + current.rowSize(row);
      // A day's first row brings its headers along (the day's, and the month's above the month's first day).
      let first = row;
      while (first > 0 && current.row(first - 1).kind === 'header') first--;
      const header = current.rowTop(first);
      // The first row of the album (Home) shows the album's very top, even where a short window with the
      // selection bar cannot show all of the row under its headers.
      if (first === 0) scrollTo(0);
      else if (header < offset.current) scrollTo(header);
      else if (bottom > offset.current + shown) scrollTo(bottom - shown + GAP);
    },
    [scrollTo],
  );

  // The wheel (and a trackpad) move the grid's own offset; not passive, so the page itself never scrolls.
  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? geometry.current.height : 1;
      scrollTo(offset.current + event.deltaY * unit);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewportRef, scrollTo]);

  // The window never scrolls natively (its content is placed by the offset), but the browser scrolls even a
  // clipped box to show a focused element (Tab, find in page, automation): take that scroll as ours.
  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const onScroll = () => {
      const dy = element.scrollTop;
      if (dy === 0 && element.scrollLeft === 0) return;
      element.scrollTop = 0;
      element.scrollLeft = 0;
      scrollTo(offset.current + dy);
    };
    element.addEventListener('scroll', onScroll);
    return () => element.removeEventListener('scroll', onScroll);
  }, [viewportRef, scrollTo]);

  // A finger drags the album (a mouse drags nothing: it selects).
  const drag = useRef<{ id: number; y: number; offset: number } | null>(null);
  const handlers = useMemo(
    () => ({
      onPointerDown(event: PointerEvent) {
        if (event.pointerType === 'touch') drag.current = { id: event.pointerId, y: event.clientY, offset: offset.current };
      },
      onPointerMove(event: PointerEvent) {
        if (drag.current?.id === event.pointerId) scrollTo(drag.current.offset - (event.clientY - drag.current.y));
      },
      onPointerUp() {
        drag.current = null;
      },
      onPointerCancel() {
        drag.current = null;
      },
    }),
    [scrollTo],
  );

  const subscribe = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const current = useCallback(() => offset.current, []);

  return useMemo(
    () => ({ view, flinging, handlers, offset: current, max, scrollTo, reveal, subscribe }),
    [view, flinging, handlers, current, max, scrollTo, reveal, subscribe],
  );
}

const DayHeader = memo(function DayHeader(props: { day: string; month: boolean; style: CSSProperties; label: string; onSelect(): void }) {
  const intl = useIntl();
  const t = useT();
  const [year, month, day] = props.day.split('-').map(Number) as [number, number, number];
  // The section's day is a calendar date (where the shot was taken), so it is built and shown in local time.
  const date = new Date(year, month - 1, day);
  const dayText = intl.formatDate(date, { weekday: 'long', month: 'long', day: 'numeric' });
  return (
    <div className={props.month ? 'ds-day-header month' : 'ds-day-header'} style={props.style} role="row">
      {/* Dates are formatted by Intl in the UI's language, not catalogue text: marked as data for the language test. */}
      {props.month && (
        <h2 className="ds-month-title" data-user-data>
          {intl.formatDate(date, { year: 'numeric', month: 'long' })}
        </h2>
      )}
      <div className="ds-day-line">
        <h3 className="ds-day-title" data-user-data>
          {dayText}
        </h3>
        <button className="ds-day-select" onClick={props.onSelect} title={props.label} aria-label={t('album.day.select.label', { day: dayText })} tabIndex={-1}>
          <span aria-hidden="true" />
        </button>
      </div>
    </div>
  );
});

type TileProps = {
  offset: number;
  item: LibraryItemT | undefined;
  size: number;
  selected: boolean;
  selecting: boolean;
  focused: boolean;
  load: boolean;
  /** In the window (not the rows drawn ahead above and below it): its picture is fetched first. */
  onScreen: boolean;
  trashed: boolean;
  onClick(event: MouseEvent, offset: number, item: LibraryItemT | undefined, fromCheck: boolean): void;
  onOpen(offset: number, item: LibraryItemT): void;
};

const Tile = memo(function Tile(props: TileProps) {
  const t = useT();
  const { item } = props;
  // Once a tile has asked for its item's picture it keeps it, even when a fling starts while it is on screen.
  const [asked, setAsked] = useState<string | null>(null);
  const show = !!item && (asked === item.id || props.load);
  useEffect(() => {
    if (show && item && asked !== item.id) setAsked(item.id);
  }, [show, item, asked]);
  const taken = item ? new Date(item.takenAt) : null;
  const label = item && taken ? t('album.tile.alt', { look: item.lookName, takenAt: taken }) : t('album.tile.loading');
  const favourite = item?.favourite === true;
  const daysLeft = props.trashed && item?.trashedAt ? trashDaysLeft(item) : null;
  return (
    <div
      role="gridcell"
      className={`ds-tile${props.selected ? ' selected' : ''}${props.selecting ? ' selecting' : ''}${item ? '' : ' empty'}`}
      aria-selected={props.selected}
      aria-label={label}
      title={item && taken ? t('album.tile', { look: item.lookName, takenAt: taken }) : undefined}
      tabIndex={props.focused ? 0 : -1}
      data-testid="album-tile"
      data-offset={props.offset}
      data-id={item?.id}
      onClick={(event) => props.onClick(event, props.offset, item, false)}
      onDoubleClick={() => item && props.onOpen(props.offset, item)}
      style={{ height: props.size }}
    >
      {item && show && <img src={api.mediaUrl(item.id, 'thumb')} alt="" draggable={false} decoding="async" fetchPriority={props.onScreen ? 'high' : 'low'} />}
      {item?.kind === 'video' && <span className="ds-badge video">{formatDuration(item.durationSec)}</span>}
      {favourite && <span className="ds-badge favourite" aria-label={t('album.favourite.badge')} title={t('album.favourite.badge')} />}
      {item?.recovered && <span className="ds-badge warn">{t('album.recovered')}</span>}
      {daysLeft !== null && <span className="ds-badge days">{t('album.trash.days-left', { days: daysLeft })}</span>}
      <span
        className="ds-tile-check"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation();
          props.onClick(event, props.offset, item, true);
        }}
        onDoubleClick={(event) => event.stopPropagation()}
      />
    </div>
  );
});
