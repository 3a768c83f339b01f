// The album's scrollbar, drawn by the album because its space is taller than any element may be. It marks
// the years down its track, names the month under the thumb while it is dragged, and reaches every item:
// the thumb's travel maps onto the whole album, however long.
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n.tsx';
import type { GridLayout } from './layout.ts';

type Scroll = { offset(): number; max(): number; scrollTo(y: number): void; subscribe(listener: () => void): () => void };

const MIN_THUMB = 36;
/** Year labels closer than this to the one above are left out. */
const LABEL_SPACING = 22;

export function Scrubber(props: { layout: GridLayout; viewport: number; scroll: Scroll }) {
  const t = useT();
  const intl = useIntl();
  const { layout, viewport, scroll } = props;
  const trackRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const [label, setLabel] = useState<string | null>(null);
  const grab = useRef<{ id: number; dy: number } | null>(null);

  const thumb = Math.max(MIN_THUMB, Math.min(viewport, (viewport * viewport) / Math.max(1, layout.height)));
  const travel = Math.max(1, viewport - thumb);

  const monthAt = (y: number) => {
    const section = layout.sections[layout.sectionAt(y)];
    if (!section) return null;
    const [year, month] = section.key.split('-').map(Number) as [number, number];
    return intl.formatDate(new Date(year, month - 1, 1), { year: 'numeric', month: 'long' });
  };

  // The thumb follows the offset on every frame without React drawing anything.
  useEffect(() => {
    const place = () => {
      const element = thumbRef.current;
      if (!element) return;
      const fraction = scroll.max() > 0 ? scroll.offset() / scroll.max() : 0;
      element.style.transform = `translateY(${fraction * travel}px)`;
      element.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
    };
    place();
    return scroll.subscribe(place);
  }, [scroll, travel]);

  // One label per year, where that year's first day starts.
  const years = useMemo(() => {
    const out: { year: string; top: number }[] = [];
    let last = '';
    let lastTop = -Infinity;
    layout.sections.forEach((section, index) => {
      const year = section.key.slice(0, 4);
      if (year === last) return;
      last = year;
      const top = (Math.min(layout.sectionTopOf(index), Math.max(0, layout.height - viewport)) / Math.max(1, layout.height - viewport)) * travel + thumb / 2;
      if (top - lastTop < LABEL_SPACING) return;
      lastTop = top;
      out.push({ year, top });
    });
    return out;
  }, [layout, viewport, travel, thumb]);

  const toOffset = (clientY: number, dy: number) => {
    const rect = trackRef.current!.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientY - rect.top - dy) / travel));
    return fraction * scroll.max();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const thumbRect = thumbRef.current!.getBoundingClientRect();
    const onThumb = event.clientY >= thumbRect.top && event.clientY <= thumbRect.bottom;
    // Grabbing the thumb keeps the grip where it was taken; a click on the track centres the thumb there.
    const dy = onThumb ? event.clientY - thumbRect.top : thumb / 2;
    grab.current = { id: event.pointerId, dy };
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
    const y = toOffset(event.clientY, dy);
    scroll.scrollTo(y);
    setLabel(monthAt(y));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (grab.current?.id !== event.pointerId) return;
    const y = toOffset(event.clientY, grab.current.dy);
    scroll.scrollTo(y);
    setLabel(monthAt(y));
  };
  const end = () => {
    grab.current = null;
    setDragging(false);
  };

  return (
    <div
      ref={trackRef}
      className={dragging ? 'ds-scrubber dragging' : 'ds-scrubber'}
      data-testid="album-scrubber"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
    >
      {years.map((year) => (
        <span key={year.year} className="ds-scrubber-year" style={{ top: year.top }} aria-hidden="true">
          {year.year}
        </span>
      ))}
      <div ref={thumbRef} className="ds-scrubber-thumb" style={{ height: thumb }} role="scrollbar" aria-orientation="vertical" aria-valuemin={0} aria-valuemax={100} aria-label={t('album.scrubber')} data-testid="album-scrubber-thumb">
        {dragging && label && (
          <span className="ds-scrubber-label" data-user-data>
            {label}
          </span>
        )}
      </div>
    </div>
  );
}
