import { useQuery } from '@tanstack/react-query';
import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { PrivacyIndicators } from '../privacy/Indicators.tsx';
import { useUi, type View } from '../store.ts';

const tabs: { view: View; label: MessageId; title: MessageId }[] = [
  { view: 'camera', label: 'nav.camera', title: 'nav.camera.title' },
  { view: 'album', label: 'nav.album', title: 'nav.album.title' },
  { view: 'trash', label: 'nav.trash', title: 'nav.trash' },
];

export function TopBar() {
  const t = useT();
  const view = useUi((state) => state.view);
  const setView = useUi((state) => state.setView);
  // A missing or limited ffmpeg is said once, plainly, where it is always visible.
  const info = useQuery({ queryKey: ['app-info'], queryFn: () => api.app.info({}), staleTime: Infinity });
  const problem = info.data?.ffmpegProblem ?? null;
  const settingsOpen = view === 'settings';
  return (
    <header className="topbar">
      <div className="brand" aria-label={t('app.name')}>
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
      <nav className="tabs" aria-label={t('nav.views')}>
        {tabs.map((tab) => (
          <button key={tab.view} className={tab.view === view ? 'tab active' : 'tab'} onClick={() => setView(tab.view)} aria-pressed={tab.view === view} title={t(tab.title)}>
            {t(tab.label)}
          </button>
        ))}
      </nav>
      <PrivacyIndicators />
      {problem && (
        <p className="topbar-warning" role="status" title={problem} data-testid="ffmpeg-warning">
          {/* The problem itself is main's English text until app.info gives it as an error code. */}
          {t(info.data?.ffmpeg ? 'nav.ffmpeg.limited' : 'nav.ffmpeg.missing', { problem })}
        </p>
      )}
      <button
        className={settingsOpen ? 'icon-button topbar-settings active' : 'icon-button topbar-settings'}
        onClick={() => setView(settingsOpen ? 'camera' : 'settings')}
        aria-pressed={settingsOpen}
        aria-label={t('nav.settings')}
        title={t('nav.settings.title')}
        data-testid="settings-button"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="2.2" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path
            d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
          />
        </svg>
      </button>
    </header>
  );
}
