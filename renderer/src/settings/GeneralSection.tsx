import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';

/** Things about the app as a whole: the introduction again. */
export function GeneralSection() {
  const t = useT();
  return (
    <>
      <p className="settings-intro">{t('settings.general.intro')}</p>
      <div>
        <button onClick={() => useUi.getState().setIntroOpen(true)} data-testid="settings-intro-again">
          {t('intro.again')}
        </button>
      </div>
    </>
  );
}
