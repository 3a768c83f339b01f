import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../i18n.tsx';
import '../looks-ui.css';

/**
 * The undeveloped original on the left of a draggable divider, the developed photo on the right, in one box
 * the size of the developed photo fitted to the stage. The original is centre-cropped (cover) because a
 * camera with its own aspect crops the centre the same way.
 */
export function BeforeAfter(props: { before: string; after: string; width: number; height: number; alt: string; position: number; onPosition(value: number): void }) {
  const t = useT();
  const stageRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState({ width: 0, height: 0 });
  const dragging = useRef(false);

  useEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setStage({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scale = props.width > 0 && props.height > 0 ? Math.min(stage.width / props.width, stage.height / props.height) : 0;
  const box = { width: Math.floor(props.width * scale), height: Math.floor(props.height * scale) };

  const follow = (event: PointerEvent) => {
    const rect = boxRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    props.onPosition(Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)));
  };

  const split = `${(props.position * 100).toFixed(2)}%`;
  return (
    <div ref={stageRef} className="ds-before-after-stage">
      <div
        ref={boxRef}
        className="ds-before-after"
        style={{ width: box.width, height: box.height }}
        data-testid="before-after"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          follow(event);
        }}
        onPointerMove={(event) => dragging.current && follow(event)}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
      >
        <img className="ds-after" src={props.after} alt={t('photo.after.alt', { look: props.alt })} draggable={false} data-testid="after-image" />
        <img className="ds-before" src={props.before} alt={t('photo.before.alt', { look: props.alt })} draggable={false} style={{ clipPath: `inset(0 calc(100% - ${split}) 0 0)` }} data-testid="before-image" />
        <div
          className="ds-divider"
          style={{ left: split }}
          role="slider"
          tabIndex={0}
          aria-label={t('photo.divider')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(props.position * 100)}
        >
          {/* The handle's arrows are drawn by CSS: a picture, not a word. */}
          <span className="ds-divider-handle" aria-hidden="true" />
        </div>
        <span className="ds-corner-label left">{t('photo.before')}</span>
        <span className="ds-corner-label right">{t('photo.after')}</span>
      </div>
    </div>
  );
}
