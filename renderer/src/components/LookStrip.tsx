import type { LookT } from '../../../main/contract/index.ts';
import { useUi } from '../store.ts';

export function LookStrip(props: { looks: LookT[]; activeLook: string | null; onPick(id: string): void }) {
  const { strength, grain, setStrength, setGrain } = useUi();
  const active = props.looks.find((look) => look.id === props.activeLook);
  return (
    <aside className="looks" aria-label="Film cameras">
      <h2 className="panel-title">Cameras</h2>
      <ul className="look-list" role="listbox" aria-label="Choose a film camera ([ and ])">
        {props.looks.map((look) => (
          <li key={look.id}>
            <button
              role="option"
              aria-selected={look.id === props.activeLook}
              className={look.id === props.activeLook ? 'look active' : 'look'}
              onClick={() => props.onPick(look.id)}
              data-look={look.id}
            >
              <span className="look-name">{look.name}</span>
              <span className="look-description">{look.description}</span>
            </button>
          </li>
        ))}
      </ul>
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
