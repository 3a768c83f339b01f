// The keyboard follows what is on screen. Every piece of the UI that takes keys declares them with
// `useKeys(scope, bindings)`; the newest mounted scope is on top. A key goes to the top scope first, then down
// the stack until one binding takes it. A modal scope (a dialog, the full view, the key help) stops the keys
// it does not take from reaching anything below it, so Space never shoots from behind the album or a dialog.
// `<FocusTrap>` is the other half: focus moves into what opens, stays in it, and returns when it closes.
//
// Single-character shortcuts (letters, digits, punctuation, as WCAG 2.1.4 counts them) can be turned off in
// Settings; Space, Enter, Esc, arrows and Delete always work.
import { useEffect, useRef, type ReactNode } from 'react';
import { useUi } from './store.ts';

/** Names the layer for debugging and for tests (`document.body.dataset.keyScope` is the top one). */
export type KeyScope = 'app' | 'camera' | 'album' | 'settings' | 'photo' | 'dialog' | 'help' | 'menu' | (string & {});

export type KeyAction = (event: KeyboardEvent) => void | boolean;
/**
 * A key spec: `Space`, `Enter`, `Escape`, `ArrowLeft`, `Delete`, a character (`a`, `?`, `[`), optionally with
 * `Shift+`. Letters match either case and never with Ctrl, Alt or Cmd (those belong to the system).
 */
export type Binding = KeyAction | { run: KeyAction; repeat?: boolean; whileTyping?: boolean; everywhere?: boolean; onControls?: boolean };
export type Bindings = Partial<Record<string, Binding | false | null | undefined>>;

type Layer = { id: number; scope: KeyScope; modal: boolean; bindings: () => Bindings };

const layers: Layer[] = [];
let nextLayer = 1;

const NOT_TYPING_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color']);

/** Keys belong to a field only where they edit text or pick from a list. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || !target.tagName) return false;
  if (target.tagName === 'INPUT') return !NOT_TYPING_INPUTS.has((target as HTMLInputElement).type);
  return target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}

/** A focused control that Space and Enter press: those keys are its own, not a shortcut's. */
export function isOnControl(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || !target.closest) return false;
  return !!target.closest('button, a[href], summary, [role="button"], [role="tab"], [role="radio"], [role="switch"], [role="checkbox"], [role="menuitem"], input[type="checkbox"], input[type="radio"], input[type="button"], input[type="submit"]');
}

/** A character key in WCAG 2.1.4's sense: one printable character other than Space. */
export function isCharacterKey(spec: string): boolean {
  const key = spec.startsWith('Shift+') ? spec.slice(6) : spec;
  return key.length === 1 && key !== ' ';
}

function specOf(event: KeyboardEvent): string[] {
  if (event.ctrlKey || event.metaKey || event.altKey) return [];
  const key = event.key === ' ' || event.code === 'Space' ? 'Space' : event.key;
  if (key.length === 1) {
    const lower = key.toLowerCase();
    // '?' arrives with Shift held: it is named by its character, as keyboards print it.
    return /[a-z]/.test(lower) ? [lower] : [key];
  }
  return event.shiftKey ? [`Shift+${key}`] : [key];
}

function bindingFor(bindings: Bindings, spec: string): Exclude<Binding, KeyAction> | null {
  const found = bindings[spec];
  if (!found) return null;
  return typeof found === 'function' ? { run: found } : found;
}

/** Open focus traps, newest last: Tab from anywhere outside the newest one goes back into it. */
const traps: HTMLElement[] = [];

function onKeyDown(event: KeyboardEvent): void {
  const trap = traps[traps.length - 1];
  if (event.key === 'Tab' && trap && !trap.contains(document.activeElement)) {
    event.preventDefault();
    (focusables(trap)[0] ?? trap).focus();
    return;
  }
  if (event.defaultPrevented && event.key !== 'Escape') return;
  const specs = specOf(event);
  if (specs.length === 0) return;
  const typing = isTyping(event);
  const pressing = (event.key === ' ' || event.key === 'Enter') && isOnControl(event);
  const letters = useUi.getState().letterKeys;
  let blocked = false;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const bindings = layer.bindings();
    for (const spec of specs) {
      const binding = bindingFor(bindings, spec);
      if (!binding) continue;
      if (blocked && !binding.everywhere) continue;
      if (typing && !binding.whileTyping) continue;
      // Space on a focused button presses that button (the Album tab opens the album; it does not shoot).
      if (pressing && !binding.onControls) continue;
      if (!letters && isCharacterKey(spec)) continue;
      if (event.repeat && !binding.repeat) {
        event.preventDefault();
        return;
      }
      // An action may decline (return false): the key then goes on down as if unbound here.
      if (binding.run(event) === false) continue;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (layer.modal) blocked = true;
  }
  // Space and Enter on a focused button behind a modal layer would still click it: a modal owns them.
  if (blocked && (event.key === ' ' || event.key === 'Enter') && !typing && !isInsideTopModal(event.target)) event.preventDefault();
}

function isInsideTopModal(target: EventTarget | null): boolean {
  const top = traps[traps.length - 1];
  return !!top && target instanceof Node && top.contains(target);
}

let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  window.addEventListener('keydown', onKeyDown);
}

function announceTop() {
  const top = layers[layers.length - 1];
  if (top) document.body.dataset.keyScope = top.scope;
  else delete document.body.dataset.keyScope;
}

/**
 * Declares the keys of one piece of the UI while it is mounted (and `enabled`). `bindings` may change on every
 * render: the newest object is read when a key arrives. `modal` stops unbound keys from reaching the scopes
 * below (dialogs, overlays).
 */
export function useKeys(scope: KeyScope, bindings: Bindings, options: { modal?: boolean; enabled?: boolean } = {}): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  const enabled = options.enabled ?? true;
  const modal = options.modal ?? false;
  useEffect(() => {
    if (!enabled) return;
    listen();
    const layer: Layer = { id: nextLayer++, scope, modal, bindings: () => latest.current };
    layers.push(layer);
    announceTop();
    return () => {
      const at = layers.indexOf(layer);
      if (at >= 0) layers.splice(at, 1);
      announceTop();
    };
  }, [scope, modal, enabled]);
}

const FOCUSABLE = 'button, [href], input, select, textarea, video[controls], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0 && !element.closest('[inert]'));
}

/**
 * Moves focus into its children when it mounts (the first `[data-autofocus]`, else the first control, else
 * itself; `focusSelf`: the container, for a view whose buttons Space must not press), keeps Tab and Shift+Tab inside, and gives focus back to where it was when it unmounts. Keys are
 * its scope's: pass `onEscape` and it is a modal key scope too. `focusKey` moves focus in again when it
 * changes (a dialog's next step).
 */
export function FocusTrap(props: { scope?: KeyScope; onEscape?: () => void; focusKey?: string | number; className?: string; role?: string; label?: string; testId?: string; children: ReactNode; keys?: Bindings; onClick?: (event: React.MouseEvent) => void; focusSelf?: boolean; dataId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const before = useRef<Element | null>(typeof document === 'undefined' ? null : document.activeElement);
  useKeys(props.scope ?? 'dialog', { Escape: props.onEscape ? () => props.onEscape!() : undefined, ...props.keys }, { modal: true });

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const target = props.focusSelf ? root : (root.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? focusables(root)[0] ?? root);
    target.focus({ preventScroll: true });
  }, [props.focusKey]);

  useEffect(() => {
    const previous = before.current;
    const root = ref.current;
    if (root) traps.push(root);
    return () => {
      const at = root ? traps.indexOf(root) : -1;
      if (at >= 0) traps.splice(at, 1);
      // Back to where the person was, if that is still on screen.
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    if (list.length === 0) {
      event.preventDefault();
      return;
    }
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div ref={ref} tabIndex={-1} className={props.className} role={props.role} aria-modal={props.role === 'dialog' || props.role === 'alertdialog' ? true : undefined} aria-label={props.label} data-testid={props.testId} data-focus-trap data-id={props.dataId} onKeyDown={onKeyDown} onClick={props.onClick}>
      {props.children}
    </div>
  );
}
