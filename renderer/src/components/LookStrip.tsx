import { useEffect, useRef } from 'react';
import type { LookT } from '../../../main/shared/contract/index.ts';
import { useUi } from '../store.ts';
import { ImportLook } from './ImportLook.tsx';
import { isImportedLook, useLookSampleUrl } from './look-samples.ts';
import { LutSwatch } from './LutSwatch.tsx';
import '../looks-ui.css';

export function LookStrip(props: { looks: LookT[]; activeLook: string | null; onPick(id: string): void }) {
  const { strength, grain, setStrength, setGrain } = useUi();
  const active = props.looks.find((look) => look.id === props.activeLook);
  const listRef = useRef<HTMLUListElement>(null);

  // [ and ] (or an import) can pick a camera that is scrolled away: bring it into view.
  useEffect(() => {
    if (!props.activeLook) return;
    const button = listRef.current?.querySelector<HTMLElement>(`[data-look="${CSS.escape(props.activeLook)}"]`);
    button?.scrollIntoView({ block: 'nearest' });
  }, [props.activeLook, props.looks]);

  return (
    <aside className="looks" aria-label="Film cameras">
      <div className="ds-looks-header">
        <h2 className="panel-title">Cameras</h2>
      </div>
      <ul ref={listRef} className="look-list" role="listbox" aria-label="Choose a film camera ([ and ])">
        {props.looks.map((look) => (
          <li key={look.id}>
            <LookButton look={look} active={look.id === props.activeLook} onPick={() => props.onPick(look.id)} />
          </li>
        ))}
      </ul>
      <ImportLook looks={props.looks} onImported={props.onPick} />
      {active && (
        <div className="look-controls">
          <label>
            <span>Colour</span>
            <input type="range" min={0} max={1} step={0.05} value={strength} onChange={(event) => setStrength(Number(event.target.value))} />
            <output>{Math.round(strength * 100)}%</output>
          </label>
          <label>
            <span>Grain &amp; effects</span>
            <input type="range" min={0} max={1} step={0.05} value={grain} onChange={(event) => setGrain(Number(event.target.value))} />
            <output>{Math.round(grain * 100)}%</output>
          </label>
        </div>
      )}
    </aside>
  );
}

function LookButton(props: { look: LookT; active: boolean; onPick(): void }) {
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
      data-look={look.id}
      data-imported={imported || undefined}
      title={look.description}
    >
      <span className="ds-look-sample" aria-hidden="true">
        {imported ? <LutSwatch id={look.id} /> : sample ? <img src={sample} alt="" data-testid="look-sample" /> : <span className="ds-sample-placeholder" />}
      </span>
      <span className="ds-look-text">
        <span className="ds-look-title">
          <span className="look-name">{look.name}</span>
          {imported && <span className="ds-tag">Imported</span>}
          {look.kind === 'video' && <span className="ds-tag">Video</span>}
        </span>
        <span className="look-description ds-one-line">{look.description}</span>
      </span>
    </button>
  );
}
