import { useEffect, useRef, type ReactNode } from 'react';
import '../looks-ui.css';

/**
 * A modal card. While it is open it owns the keyboard: the camera's and the album's single-letter keys
 * (A, C, D, Space, arrows, Delete) must not fire behind it, so keys are caught on the way down and stopped
 * there. Default actions (typing, Tab, Space/Enter on a button) still happen.
 */
export function Dialog(props: { label: string; testId?: string; wide?: boolean; focusKey?: string; onEscape(): void; children: ReactNode }) {
  const cardRef = useRef<HTMLDivElement>(null);
  // Read while rendering, before any effect here moves the focus into the card.
  const focusBefore = useRef(document.activeElement as HTMLElement | null);
  const onEscape = useRef(props.onEscape);
  useEffect(() => {
    onEscape.current = props.onEscape;
  });

  // Each step of a dialog (choose, run, summary) puts the keyboard on its main button.
  useEffect(() => {
    const card = cardRef.current;
    const first = card?.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? card?.querySelector<HTMLElement>('button:not(:disabled), select, input:not([type="file"])');
    first?.focus();
  }, [props.focusKey]);

  useEffect(() => {
    const previous = focusBefore.current;
    const onKey = (event: KeyboardEvent) => {
      event.stopImmediatePropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        onEscape.current();
      } else if (event.key === 'Tab') {
        keepFocusInside(event, cardRef.current);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, []);

  return (
    <div className="ds-dialog-backdrop">
      <div ref={cardRef} className={props.wide ? 'ds-dialog wide' : 'ds-dialog'} role="dialog" aria-modal="true" aria-label={props.label} data-testid={props.testId}>
        {props.children}
      </div>
    </div>
  );
}

function keepFocusInside(event: KeyboardEvent, card: HTMLElement | null) {
  if (!card) return;
  const focusable = [...card.querySelectorAll<HTMLElement>('button, select, input, textarea, [tabindex]:not([tabindex="-1"])')].filter(
    (element) => !(element as HTMLButtonElement).disabled && element.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (!card.contains(document.activeElement)) {
    event.preventDefault();
    first.focus();
  }
}
