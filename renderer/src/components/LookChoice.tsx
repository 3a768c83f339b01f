import type { LookT } from '../../../main/shared/contract/index.ts';
import { useLookDescription, usePercent, useT } from '../i18n.tsx';
import { isImportedLook, useDevelopSample, useLookSampleUrl, type SampleSubject } from './look-samples.ts';
import { LutSwatch } from './LutSwatch.tsx';

export type LookSettings = { lookId: string; strength: number; grain: number };

/** Camera, colour strength and grain: what a develop job needs, as one controlled group of fields. */
export function LookChoice(props: { looks: LookT[]; value: LookSettings; onChange(value: LookSettings): void; disabled?: boolean; subject?: SampleSubject | null }) {
  const t = useT();
  const percent = usePercent();
  const describe = useLookDescription();
  const { value, looks } = props;
  const chosen = looks.find((look) => look.id === value.lookId);
  const imported = !!chosen && isImportedLook(chosen);
  const subject = props.subject ?? null;
  const own = useDevelopSample(subject, value.lookId, value.strength, value.grain);
  // The stock picture only where there is no photo of the person's own to show, or it could not be developed.
  const showOwn = !!subject && !own.error;
  const sampleUrl = useLookSampleUrl(chosen && !imported && !showOwn ? chosen.id : null);
  const set = (patch: Partial<LookSettings>) => props.onChange({ ...value, ...patch });
  const photoLooks = looks.filter((look) => look.kind === 'photo');
  const videoLooks = looks.filter((look) => look.kind !== 'photo');
  return (
    <div className="ds-look-choice" data-own-sample={showOwn || undefined}>
      <div className="ds-look-choice-camera">
        <label className="ds-field">
          <span>{t('look-choice.camera')}</span>
          <select value={value.lookId} onChange={(event) => set({ lookId: event.target.value })} disabled={props.disabled} data-testid="develop-look">
            {photoLooks.map((look) => (
              <option key={look.id} value={look.id} data-user-data={isImportedLook(look) ? undefined : ''}>
                {isImportedLook(look) ? t('look-choice.imported', { name: look.name }) : look.name}
              </option>
            ))}
            {videoLooks.length > 0 && (
              <optgroup label={t('look-choice.video')}>
                {videoLooks.map((look) => (
                  <option key={look.id} value={look.id} data-user-data>
                    {look.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {chosen && (
          <p className="ds-look-choice-description" data-user-data={imported ? '' : undefined}>
            {describe(chosen)}
          </p>
        )}
      </div>
      {showOwn ? (
        <figure className="ds-look-choice-own" data-busy={own.busy || undefined} data-testid="develop-sample">
          {own.url ? (
            <img src={own.url} alt={t('look-choice.own-sample')} />
          ) : (
            // A large photo takes a moment to develop: say so rather than show an empty box.
            <span className="ds-sample-placeholder" role="status" data-testid="develop-sample-waiting">
              {t('look-choice.own-sample-busy')}
            </span>
          )}
          <figcaption>{t('look-choice.own-sample')}</figcaption>
        </figure>
      ) : (
        <div className="ds-look-choice-sample" aria-hidden="true">
          {chosen && imported ? <LutSwatch id={chosen.id} /> : sampleUrl ? <img src={sampleUrl} alt="" /> : <span className="ds-sample-placeholder" />}
        </div>
      )}
      {subject && own.error ? (
        <p className="ds-look-choice-note" role="status">
          {t('look-choice.own-sample-failed')}
        </p>
      ) : null}
      <label className="ds-slider">
        <span>{t('look-choice.colour')}</span>
        <input type="range" min={0} max={1} step={0.05} value={value.strength} disabled={props.disabled} onChange={(event) => set({ strength: Number(event.target.value) })} data-testid="develop-strength" />
        <output>{percent(value.strength)}</output>
      </label>
      <label className="ds-slider">
        <span>{t('look-choice.grain')}</span>
        <input type="range" min={0} max={1} step={0.05} value={value.grain} disabled={props.disabled} onChange={(event) => set({ grain: Number(event.target.value) })} data-testid="develop-grain" />
        <output>{percent(value.grain)}</output>
      </label>
    </div>
  );
}

/** The camera to start from: the one in use if it still exists, else the first photo camera. */
export function defaultLookId(looks: LookT[], preferred: string | null): string {
  if (preferred && looks.some((look) => look.id === preferred)) return preferred;
  return (looks.find((look) => look.kind === 'photo') ?? looks[0])?.id ?? '';
}
