import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './api.ts';
import { ALBUM_KEYS } from './album/keys.ts';
import { AlbumView } from './album/AlbumView.tsx';
import { CameraView } from './components/CameraView.tsx';
import { AddressCheck } from './components/AddressCheck.tsx';
import { Intro } from './components/Intro.tsx';
import { KeyHelp } from './components/KeyHelp.tsx';
import { JobsTray } from './jobs/JobsTray.tsx';
import { TopBar } from './components/TopBar.tsx';
import { useKeys } from './keys.tsx';
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

  const setView = useUi((state) => state.setView);
  const helpOpen = useUi((state) => state.helpOpen);
  const setHelpOpen = useUi((state) => state.setHelpOpen);
  const introOpen = useUi((state) => state.introOpen);
  // Keys that work in every view. Esc is not one: in the album it closes what is open there, it does not
  // turn the camera on (C does).
  useKeys('app', {
    a: () => setView(useUi.getState().view === 'camera' ? 'album' : 'camera'),
    c: () => setView('camera'),
    ',': () => setView(useUi.getState().view === 'settings' ? 'camera' : 'settings'),
    '?': { run: () => setHelpOpen(!useUi.getState().helpOpen), everywhere: true },
  });

  return (
    // A button clicked with the mouse does not keep the focus: Space then shoots, as a camera's should, instead
    // of pressing the last button clicked again. Keyboard focus (Tab) is untouched.
    <div className="app" onMouseDown={(event) => (event.target as HTMLElement).closest?.('button') && event.preventDefault()}>
      <TopBar />
      <main className="stage">
        {/* The notice comes first: the camera opens only after it is answered. */}
        {/* The introduction waits for the notice too, and sits over the live camera it describes. */}
        <AddressCheck>
          <PrivacyGate>
            {view === 'camera' ? <CameraView /> : view === 'settings' ? <SettingsView /> : <AlbumView trashed={view === 'trash'} />}
            {introOpen && <Intro />}
          </PrivacyGate>
        </AddressCheck>
      </main>
      {/* Beside the views, not in one: a job goes on (and stays in sight) while the person moves between them. */}
      <JobsTray />
      {/* The help lists the keys of the view on screen. */}
      {helpOpen && <KeyHelp keys={view === 'album' || view === 'trash' ? ALBUM_KEYS : undefined} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

export { isTyping } from './keys.tsx';
