import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useUi, type View } from '../store.ts';

const tabs: { view: View; label: string; key: string }[] = [
  { view: 'camera', label: 'Camera', key: 'C' },
  { view: 'album', label: 'Album', key: 'A' },
  { view: 'trash', label: 'Trash', key: '' },
];

export function TopBar() {
  const view = useUi((state) => state.view);
  const setView = useUi((state) => state.setView);
  // A missing or limited ffmpeg is said once, plainly, where it is always visible.
  const info = useQuery({ queryKey: ['app-info'], queryFn: () => api.app.info({}), staleTime: Infinity });
  const problem = info.data?.ffmpegProblem ?? null;
  return (
    <header className="topbar">
      <div className="brand" aria-label="Darkslide">
        <span className="brand-mark" aria-hidden="true" />
        Darkslide
      </div>
      <nav className="tabs" aria-label="Views">
        {tabs.map((tab) => (
          <button key={tab.view} className={tab.view === view ? 'tab active' : 'tab'} onClick={() => setView(tab.view)} aria-pressed={tab.view === view} title={tab.key ? `${tab.label} (${tab.key})` : tab.label}>
            {tab.label}
          </button>
        ))}
      </nav>
      {problem && (
        <p className="topbar-warning" role="status" title={problem} data-testid="ffmpeg-warning">
          {info.data?.ffmpeg ? 'Limited ffmpeg: ' : 'No ffmpeg: '}
          {problem}
        </p>
      )}
    </header>
  );
}
