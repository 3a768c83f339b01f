import { useEffect, useRef, useState } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { useLookDescription, usePercent, useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { ImportLook } from './ImportLook.tsx';
import { isImportedLook, useLookSampleUrl } from './look-samples.ts';
import { LutSwatch } from './LutSwatch.tsx';
import '../looks-ui.css';

export function LookStrip(props: { looks: LookT[]; activeLook: string | null; onPick(id: string): void }) {
  const t = useT();
  const percent = usePercent();
  const { strength, grain, setStrength, setGrain } = useUi();
  const active = props.looks.find((look) => look.id === props.activeLook);
  const listRef = useRef<HTMLUListElement>(null);
  const [menu, setMenu] = useState<{ lookId: string; x: number; y: number } | null>(null);

  // [ and ] (or an import) can pick a camera that is scrolled away: bring it into view.
  useEffect(() => {
    if (!props.activeLook) return;
    const button = listRef.current?.querySelector<HTMLElement>(`[data-look="${CSS.escape(props.activeLook)}"]`);
    button?.scrollIntoView({ block: 'nearest' });
  }, [props.activeLook, props.looks]);

  return (
    <aside className="looks" aria-label={t('looks.label')}>
      <div className="ds-looks-header">
        <h2 className="panel-title">{t('looks.title')}</h2>
      </div>
      <ul ref={listRef} className="look-list" role="listbox" aria-label={t('looks.list')}>
        {props.looks.map((look) => (
          <li key={look.id}>
            <LookButton
              look={look}
              active={look.id === props.activeLook}
              onPick={() => props.onPick(look.id)}
              onMenu={(x, y) => setMenu({ lookId: look.id, x, y })}
            />
          </li>
        ))}
      </ul>
      {menu && <LookMenu {...menu} onClose={() => setMenu(null)} />}
      <ImportLook looks={props.looks} onImported={props.onPick} />
      {active && (
        <div className="look-controls">
          <label>
            <span>{t('looks.colour')}</span>
            <input type="range" min={0} max={1} step={0.05} value={strength} onChange={(event) => setStrength(Number(event.target.value))} />
            <output>{percent(strength)}</output>
          </label>
          <label>
            <span>{t('looks.grain')}</span>
            <input type="range" min={0} max={1} step={0.05} value={grain} onChange={(event) => setGrain(Number(event.target.value))} />
            <output>{percent(grain)}</output>
          </label>
        </div>
      )}
    </aside>
  );
}

/** An imported camera's menu (right click, or the Menu key / Shift+F10 on it): rename or delete, in Settings → Cameras. */
function LookMenu(props: { lookId: string; x: number; y: number; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) props.onClose();
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [props]);
  const go = (action: 'rename' | 'delete') => {
    props.onClose();
    useUi.getState().openSettings({ section: 'looks', lookId: props.lookId, action, at: Date.now() });
  };
  const left = Math.min(props.x, window.innerWidth - 180);
  const top = Math.min(props.y, window.innerHeight - 90);
  return (
    <div
      ref={ref}
      className="ds-look-menu"
      role="menu"
      aria-label={t('looks.menu')}
      style={{ left, top }}
      data-testid="look-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onClose();
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <button role="menuitem" onClick={() => go('rename')} data-testid="look-menu-rename">
        {t('looks.menu.rename')}
      </button>
      <button role="menuitem" className="danger" onClick={() => go('delete')} data-testid="look-menu-delete">
        {t('looks.menu.delete')}
      </button>
    </div>
  );
}

function LookButton(props: { look: LookT; active: boolean; onPick(): void; onMenu(x: number, y: number): void }) {
  const t = useT();
  const describe = useLookDescription();
  const { look } = props;
  const imported = isImportedLook(look);
  // Main ships sample pictures for the built-in cameras only.
  const sample = useLookSampleUrl(imported ? null : look.id);
  return (
    <button
      role="option"
      aria-selected={props.active}
      className={props.active ? 'look ds-look active' : 'look ds-look'}
      onClick={props.onPick}
      onContextMenu={(event) => {
        if (!imported) return;
        event.preventDefault();
        const box = event.currentTarget.getBoundingClientRect();
        // The Menu key gives no pointer position: open beside the camera.
        props.onMenu(event.clientX || box.left + 24, event.clientY || box.bottom - 8);
      }}
      data-look={look.id}
      data-imported={imported || undefined}
      title={look.kind === 'video' ? [describe(look), t('looks.video.title')].join('\n\n') : describe(look)}
      data-user-data={imported ? 'title' : undefined}
    >
      <span className="ds-look-sample" aria-hidden="true">
        {imported ? <LutSwatch id={look.id} /> : sample ? <img src={sample} alt="" data-testid="look-sample" /> : <span className="ds-sample-placeholder" />}
      </span>
      <span className="ds-look-text">
        <span className="ds-look-title">
          {/* A camera's name is a proper noun ("Harbor 400"): the same in every language. */}
          <span className="look-name" data-user-data>
            {look.name}
          </span>
          {imported && <span className="ds-tag">{t('looks.imported')}</span>}
          {/* "VIDEO" alone read as "video only": the tooltip says what it means, and that photos work too. */}
          {look.kind === 'video' && (
            <span className="ds-tag" title={t('looks.video.title')} data-testid="look-video-tag">
              {t('looks.video')}
            </span>
          )}
        </span>
        <span className="look-description ds-one-line" data-user-data={imported ? '' : undefined}>
          {describe(look)}
        </span>
      </span>
    </button>
  );
}
