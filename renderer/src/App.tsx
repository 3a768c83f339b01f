import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './api.ts';
import { Album } from './components/Album.tsx';
import { CameraView } from './components/CameraView.tsx';
import { TopBar } from './components/TopBar.tsx';
import { PrivacyGate } from './privacy/PrivacyGate.tsx';
import { SettingsView } from './settings/SettingsView.tsx';
import { useUi } from './store.ts';

export function App() {
  const view = useUi((state) => state.view);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      api.on('library.changed', () => {
        void queryClient.invalidateQueries({ queryKey: ['library'] });
      }),
    [queryClient],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const ui = useUi.getState();
      if (event.key === 'a' || event.key === 'A') {
        ui.setView(ui.view === 'camera' ? 'album' : 'camera');
      } else if (event.key === 'Escape' && ui.view !== 'camera' && !ui.viewing) {
        ui.setView('camera');
      } else if (event.key === 'c' || event.key === 'C') {
        ui.setView('camera');
      } else if (event.key === ',' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        ui.setView(ui.view === 'settings' ? 'camera' : 'settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <TopBar />
      <main className="stage">
        {/* The notice comes first: the camera opens only after it is answered. */}
        <PrivacyGate>{view === 'camera' ? <CameraView /> : view === 'settings' ? <SettingsView /> : <Album trashed={view === 'trash'} />}</PrivacyGate>
      </main>
    </div>
  );
}

const NOT_TYPING_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color']);

/** Keys belong to a field only where they edit text or pick from a list; a ticked checkbox must not swallow Space-to-shoot's siblings. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.tagName === 'INPUT') return !NOT_TYPING_INPUTS.has((target as HTMLInputElement).type);
  return target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}
