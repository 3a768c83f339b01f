import type { ReactNode } from 'react';
import { FocusTrap } from '../keys.tsx';
import '../looks-ui.css';

/**
 * A modal card. While it is open it owns the keyboard (a modal key scope: the camera's and the album's keys
 * do not fire behind it) and the focus (moved in, kept in, given back on close). Each step of a dialog
 * (choose, run, summary) puts the keyboard on its main button: change `focusKey`.
 */
export function Dialog(props: { label: string; testId?: string; wide?: boolean; focusKey?: string; onEscape(): void; children: ReactNode }) {
  return (
    <div className="ds-dialog-backdrop">
      <FocusTrap scope="dialog" className={props.wide ? 'ds-dialog wide' : 'ds-dialog'} role="dialog" label={props.label} testId={props.testId} focusKey={props.focusKey} onEscape={props.onEscape}>
        {props.children}
      </FocusTrap>
    </div>
  );
}
