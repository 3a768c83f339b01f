import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useErrorText, useLocale, useT } from '../i18n.tsx';
import { NoticeText } from '../privacy/NoticeText.tsx';
import { usePrivacyStatus, type PrivacyStatusT } from '../privacy/usePrivacy.ts';

type Feature = 'camera' | 'microphone' | 'location';
type UsageEntry = Output<'privacy.usage'>['entries'][number];
const FEATURES: Feature[] = ['camera', 'microphone', 'location'];
const RETENTION: (keyof PrivacyStatusT['retention'])[] = ['logs', 'usage', 'diagnostics', 'trash'];

/** What macOS or Windows itself allows for a device, with the way to the system's own switch. */
function OsAccessLine(props: { system: 'mac' | 'windows'; device: 'camera' | 'microphone'; access: Output<'privacy.osAccess'>['camera'] }) {
  const t = useT();
  const state = props.access === 'restricted' ? 'denied' : props.access;
  return (
    <span className={`privacy-feature-os ${state}`} data-testid={`os-access-${props.device}`}>
      <span>{t(`privacy.os.${state}`, { system: props.system })}</span>
      {state !== 'granted' && (
        <button
          onClick={(event) => {
            // Inside the row's label: the button must not also flip the switch.
            event.preventDefault();
            void api.privacy.openOsSettings({ device: props.device });
          }}
          data-testid={`os-settings-${props.device}`}
        >
          {t('privacy.os.open', { system: props.system })}
        </button>
      )}
    </span>
  );
}

/** Privacy in Settings: each device's status, purpose and switch; age; the usage record; how long things are kept. */
export function PrivacySection() {
  const t = useT();
  const errorText = useErrorText();
  const status = usePrivacyStatus();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pinFor, setPinFor] = useState<null | 'location' | 'age'>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  // The system's own switch changes outside the app: read again when the window comes back into focus.
  const os = useQuery({ queryKey: ['privacy.osAccess'], queryFn: () => api.privacy.osAccess({}), refetchOnWindowFocus: true });
  if (!status.data) return null;
  const data = status.data;

  const run = async (work: () => Promise<PrivacyStatusT>) => {
    setError(null);
    try {
      queryClient.setQueryData(['privacy'], await work());
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    }
  };

  const toggle = (feature: Feature, on: boolean) => {
    if (feature === 'location' && on && data.age === 'minor') {
      setPinFor('location');
      return;
    }
    void run(() => api.privacy.setSwitch({ feature, on }));
  };

  return (
    <>
      <p className="settings-intro">{t('settings.privacy.intro')}</p>
      <h3 className="settings-subtitle">{t('settings.privacy.devices')}</h3>
      <div className="privacy-features">
        {FEATURES.map((feature) => {
          const f = data.features[feature];
          const why = !f.consented ? 'privacy.state.no-consent' : f.blockedBy ? (`privacy.state.${f.blockedBy}` as const) : f.on ? 'privacy.state.on' : 'privacy.state.off';
          return (
            <label key={feature} className="privacy-feature" data-testid={`privacy-feature-${feature}`}>
              <input type="checkbox" checked={f.switchOn} onChange={(e) => toggle(feature, e.target.checked)} aria-label={t('privacy.switch', { feature: t(`privacy.feature.${feature}`) })} data-testid={`switch-${feature}`} />
              <span className="privacy-feature-name">{t(`privacy.feature.${feature}`)}</span>
              <span className={f.on ? 'privacy-state on' : 'privacy-state'}>{t(why as Parameters<typeof t>[0])}</span>
              <span className="privacy-feature-why">{t(`privacy.feature.${feature}.why`)}</span>
              {feature !== 'location' && os.data?.system && <OsAccessLine system={os.data.system} device={feature} access={os.data[feature]} />}
            </label>
          );
        })}
      </div>
      <h3 className="settings-subtitle">{t('settings.privacy.age')}</h3>
      <p className="privacy-age-line">
        {data.age === 'minor' ? t('settings.privacy.age.minor', { guardian: data.guardian.confirmed ? 'yes' : 'no' }) : t('settings.privacy.age.adult')}
        {data.age === 'minor' ? (
          <button onClick={() => setPinFor('age')} data-testid="age-change">
            {t('settings.privacy.age.change')}
          </button>
        ) : (
          <button onClick={() => void run(() => api.privacy.setAge({ minor: true }))} data-testid="age-change">
            {t('settings.privacy.age.change')}
          </button>
        )}
      </p>
      {data.age === 'minor' && !data.guardian.pinSet && <GuardianPin onDone={(work) => run(work)} />}
      {pinFor && (
        <PinPrompt
          onCancel={() => setPinFor(null)}
          onPin={async (pin) => {
            const ok = await run(() => (pinFor === 'location' ? api.privacy.setSwitch({ feature: 'location', on: true, pin }) : api.privacy.setAge({ minor: false, pin })));
            if (ok) setPinFor(null);
          }}
          error={error}
        />
      )}
      {error && !pinFor && (
        <p className="privacy-error" role="alert">
          {error}
        </p>
      )}
      <UsageRecord days={data.retention.usage} />
      <h3 className="settings-subtitle">{t('settings.privacy.retention')}</h3>
      <div className="privacy-retention">
        {RETENTION.map((key) => (
          <label key={key}>
            <span>{t(`settings.privacy.retention.${key}`)}</span>
            <select value={data.retention[key]} onChange={(e) => void run(() => api.privacy.setRetention({ [key]: Number(e.target.value) }))} data-testid={`retention-${key}`}>
              {[...new Set([7, 14, 30, 60, 90, data.retention[key]])].sort((a, b) => a - b).map((days) => (
                <option key={days} value={days}>
                  {t('settings.privacy.retention.days', { days })}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <p className="privacy-notice-line">
        {t('settings.privacy.notice', { version: data.noticeVersion })}
        <button onClick={() => setNoticeOpen(true)} data-testid="notice-read">
          {t('settings.privacy.notice.read')}
        </button>
      </p>
      {noticeOpen && <NoticeDialog onClose={() => setNoticeOpen(false)} />}
    </>
  );
}

function UsageRecord({ days }: { days: number }) {
  const t = useT();
  const locale = useLocale();
  const usage = useQuery({ queryKey: ['privacy-usage', days], queryFn: () => api.privacy.usage({ days }), refetchInterval: 5000 });
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const exportRecord = async () => {
    const { fileName, ndjson } = await api.privacy.exportUsage({});
    // The page saves its own text: nothing leaves the computer, the browser's or Electron's save takes it.
    const url = URL.createObjectURL(new Blob([ndjson], { type: 'application/x-ndjson' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const entries: UsageEntry[] = usage.data?.entries ?? [];
  return (
    <>
      <h3 className="settings-subtitle">{t('settings.privacy.usage', { days })}</h3>
      {entries.length === 0 ? (
        <p className="ds-muted">{t('settings.privacy.usage.none')}</p>
      ) : (
        <div className="privacy-usage-scroll">
          <table className="privacy-usage" data-testid="usage-record">
            <thead>
              <tr>
                <th>{t('settings.privacy.usage.what')}</th>
                <th>{t('settings.privacy.usage.purpose')}</th>
                <th>{t('settings.privacy.usage.from')}</th>
                <th>{t('settings.privacy.usage.until')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{t(`privacy.feature.${entry.kind}`)}</td>
                  <td>{t(`privacy.purpose.${entry.purpose}`)}</td>
                  <td data-user-data>{time(entry.start)}</td>
                  <td data-user-data={entry.end !== null && !entry.interrupted ? true : undefined}>{entry.end === null ? t('settings.privacy.usage.still-on') : entry.interrupted ? t('settings.privacy.usage.interrupted', { time: time(entry.end) }) : time(entry.end)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button onClick={() => void exportRecord()} data-testid="usage-export">
        {t('settings.privacy.usage.export')}
      </button>
    </>
  );
}

function GuardianPin(props: { onDone(work: () => Promise<PrivacyStatusT>): Promise<boolean> }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return (
    <div className="privacy-guardian">
      <p className="ds-muted">{t('privacy.guardian.intro')}</p>
      <label>
        {t('privacy.guardian.pin')}
        <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
      </label>
      <label>
        {t('privacy.guardian.repeat')}
        <input type="password" inputMode="numeric" autoComplete="off" value={pin2} onChange={(e) => setPin2(e.target.value)} />
      </label>
      {mismatch && <p className="privacy-error">{t('privacy.guardian.mismatch')}</p>}
      <button
        onClick={() => {
          setMismatch(pin !== pin2);
          if (pin === pin2) void props.onDone(() => api.privacy.setGuardianPin({ pin }));
        }}
      >
        {t('settings.privacy.guardian.set')}
      </button>
    </div>
  );
}

function PinPrompt(props: { onPin(pin: string): Promise<void>; onCancel(): void; error: string | null }) {
  const t = useT();
  const [pin, setPin] = useState('');
  return (
    <Dialog label={t('privacy.pin.prompt')} testId="pin-prompt" onEscape={props.onCancel}>
      <div className="ds-dialog-header">
        <h2>{t('privacy.pin.prompt')}</h2>
      </div>
      <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} aria-label={t('privacy.guardian.pin')} data-testid="pin-input" />
      {props.error && (
        <p className="privacy-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="ds-dialog-actions">
        <button onClick={props.onCancel}>{t('common.cancel')}</button>
        <button className="primary" onClick={() => void props.onPin(pin)} data-testid="pin-confirm">
          {t('privacy.pin.confirm')}
        </button>
      </div>
    </Dialog>
  );
}

function NoticeDialog(props: { onClose(): void }) {
  const t = useT();
  const locale = useLocale();
  const notice = useQuery({ queryKey: ['privacy-notice', locale], queryFn: () => api.privacy.notice({ locale }) });
  return (
    <Dialog label={t('settings.privacy.notice', { version: notice.data?.version ?? 0 })} testId="notice-dialog" wide onEscape={props.onClose}>
      {notice.data && <NoticeText text={notice.data.text} />}
      <div className="ds-dialog-actions">
        <button className="primary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
