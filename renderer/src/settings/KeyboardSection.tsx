import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';

/** Single-character shortcuts can be turned off (WCAG 2.1.4); the keys that are not characters stay. */
export function KeyboardSection() {
  const t = useT();
  const on = useUi((state) => state.letterKeys);
  const setOn = useUi((state) => state.setLetterKeys);
  return (
    <>
      <p className="settings-intro">{t('settings.keyboard.intro')}</p>
      <label className="settings-switch">
        <input type="checkbox" role="switch" checked={on} onChange={(event) => setOn(event.target.checked)} data-testid="letter-keys" />
        <span>{t('settings.keyboard.letters')}</span>
      </label>
    </>
  );
}
