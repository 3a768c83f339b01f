import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useErrorText, useLocale, useT } from '../i18n.tsx';
import { NoticeText } from './NoticeText.tsx';
import { usePrivacyStatus, type PrivacyStatusT } from './usePrivacy.ts';
import { EraseReportView, useEraseReport } from '../settings/DataSection.tsx';

/**
 * Shown before anything else on the first run (the notice, the age question, a guardian's PIN) and when a
 * new notice changes what a feature's terms say (what changed, then the same question). Until it is answered
 * the camera is not opened: `children` (the app's views) wait behind it.
 */
export function PrivacyGate(props: { children: React.ReactNode }) {
  const status = usePrivacyStatus();
  if (!status.data) return null;
  const needed = status.data.firstRun || status.data.pending.features.length > 0;
  if (!needed) return <>{props.children}</>;
  return <ConsentDialog status={status.data} />;
}

function ConsentDialog({ status }: { status: PrivacyStatusT }) {
  const t = useT();
  const errorText = useErrorText();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const notice = useQuery({ queryKey: ['privacy-notice', locale], queryFn: () => api.privacy.notice({ locale }) });
  const firstRun = status.firstRun;
  const [showNotice, setShowNotice] = useState(firstRun);
  const [minor, setMinor] = useState<boolean | null>(status.age === null ? null : status.age === 'minor');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After an erase took the consent with it, the notice comes back: it says first what the erase left (nothing).
  const erased = useEraseReport();
  const features = status.pending.features.map((feature) => t(`privacy.feature.${feature}`)).join(', ');

  const answer = async (accept: boolean) => {
    setError(null);
    if (firstRun && minor === null) return;
    if (firstRun && minor && pin && pin !== pin2) {
      setError(t('privacy.guardian.mismatch'));
      return;
    }
    setBusy(true);
    try {
      if (firstRun) {
        await api.privacy.setAge({ minor: minor === true });
        if (minor && pin) await api.privacy.setGuardianPin({ pin });
      }
      const next = await api.privacy.decide({ accept, locale });
      queryClient.setQueryData(['privacy'], next);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label={t(firstRun ? 'privacy.welcome.title' : 'privacy.changed.title')} testId="privacy-consent" wide onEscape={() => undefined}>
      <div className="ds-dialog-header">
        <h2>{t(firstRun ? 'privacy.welcome.title' : 'privacy.changed.title')}</h2>
        <p>{firstRun ? t('privacy.welcome.intro') : t('privacy.changed.intro', { version: status.noticeVersion, features })}</p>
      </div>
      {erased && <EraseReportView report={erased} />}
      {!firstRun && (
        <ul className="privacy-changes" data-testid="privacy-changes">
          {status.pending.changes.map((change) => (
            <li key={change.version}>{locale === 'zh-CN' ? change.summary.zh : change.summary.en}</li>
          ))}
        </ul>
      )}
      {showNotice ? notice.data && <NoticeText text={notice.data.text} /> : null}
      {!firstRun && (
        <button className="link-button" onClick={() => setShowNotice(!showNotice)}>
          {t(showNotice ? 'privacy.notice.hide' : 'privacy.notice.show')}
        </button>
      )}
      {firstRun && (
        <fieldset className="privacy-age">
          <legend>{t('privacy.age.question')}</legend>
          <label>
            <input type="radio" name="age" checked={minor === false} onChange={() => setMinor(false)} data-testid="age-adult" />
            {t('privacy.age.adult')}
          </label>
          <label>
            <input type="radio" name="age" checked={minor === true} onChange={() => setMinor(true)} data-testid="age-minor" />
            {t('privacy.age.minor')}
          </label>
          {minor && (
            <div className="privacy-guardian">
              <p className="ds-muted">{t('privacy.guardian.intro')}</p>
              <label>
                {t('privacy.guardian.pin')}
                <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="guardian-pin" />
              </label>
              <label>
                {t('privacy.guardian.repeat')}
                <input type="password" inputMode="numeric" autoComplete="off" value={pin2} onChange={(e) => setPin2(e.target.value)} data-testid="guardian-pin-repeat" />
              </label>
              <p className="ds-muted">{t('privacy.guardian.later')}</p>
            </div>
          )}
        </fieldset>
      )}
      {error && (
        <p className="privacy-error" role="alert">
          {error}
        </p>
      )}
      <p className="ds-muted">{t('privacy.decline.note')}</p>
      <div className="ds-dialog-actions">
        <button onClick={() => void answer(false)} disabled={busy || (firstRun && minor === null)} data-testid="privacy-decline">
          {t('privacy.decline')}
        </button>
        <button className="primary" onClick={() => void answer(true)} disabled={busy || (firstRun && minor === null)} data-testid="privacy-agree" data-autofocus>
          {t('privacy.agree')}
        </button>
      </div>
    </Dialog>
  );
}
