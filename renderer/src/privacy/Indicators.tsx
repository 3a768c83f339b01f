import { useState } from 'react';
import './privacy.css';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { useDevicesOn } from './usePrivacy.ts';

/**
 * In the top bar, so on every screen: a sign while the camera is on, another while the microphone records,
 * and — away from the camera view — a recording's sign with its stop button, so a take never runs unseen.
 */
export function PrivacyIndicators() {
  const t = useT();
  const on = useDevicesOn();
  const view = useUi((state) => state.view);
  const [stopping, setStopping] = useState(false);
  if (!on.camera && !on.microphone && !on.recording) return null;
  const stop = () => {
    setStopping(true);
    void api.recorder.stop({}).finally(() => setStopping(false));
  };
  return (
    <div className="privacy-indicators" role="status" aria-live="polite">
      {on.camera && (
        <span className="privacy-indicator camera" title={t('privacy.indicator.camera.title')} aria-label={t('privacy.indicator.camera')} data-testid="indicator-camera">
          <span className="privacy-dot" aria-hidden="true" />
          <span className="privacy-label">{t('privacy.indicator.camera')}</span>
        </span>
      )}
      {on.microphone && (
        <span className="privacy-indicator microphone" title={t('privacy.indicator.microphone')} aria-label={t('privacy.indicator.microphone')} data-testid="indicator-microphone">
          <span className="privacy-dot" aria-hidden="true" />
          <span className="privacy-label">{t('privacy.indicator.microphone')}</span>
        </span>
      )}
      {on.recording && !on.microphone && (
        <span className="privacy-indicator recording" title={t('privacy.indicator.recording')} aria-label={t('privacy.indicator.recording')} data-testid="indicator-recording">
          <span className="privacy-dot" aria-hidden="true" />
          <span className="privacy-label">{t('privacy.indicator.recording')}</span>
        </span>
      )}
      {on.recording && view !== 'camera' && (
        <button className="privacy-stop" onClick={stop} disabled={stopping} data-testid="indicator-stop">
          {t('privacy.indicator.stop')}
        </button>
      )}
    </div>
  );
}
