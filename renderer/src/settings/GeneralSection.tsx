import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';

/** Things about the app as a whole: the shutter sound, the introduction again. */
export function GeneralSection() {
  const t = useT();
  const sound = useUi((state) => state.shutterSound);
  const setSound = useUi((state) => state.setShutterSound);
  return (
    <>
      <label className="settings-switch">
        <input type="checkbox" role="switch" checked={sound} onChange={(event) => setSound(event.target.checked)} data-testid="shutter-sound" />
        <span>{t('settings.general.sound')}</span>
      </label>
      <p className="settings-intro">{t('settings.general.intro')}</p>
      <div>
        <button onClick={() => useUi.getState().setIntroOpen(true)} data-testid="settings-intro-again">
          {t('intro.again')}
        </button>
      </div>
    </>
  );
}
