import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { Dialog } from './Dialog.tsx';
import { Kbd } from './Kbd.tsx';

/** Three things a new person needs before the first shot; Esc, Skip or Start close it for good. */
export function Intro() {
  const t = useT();
  const close = () => useUi.getState().setIntroOpen(false);
  const folder = useQuery({ queryKey: ['libraryFolder'], queryFn: () => api.libraryFolder.status({}) });
  return (
    <Dialog label={t('intro.label')} testId="intro" onEscape={close}>
      <header className="ds-dialog-header">
        <h2>{t('intro.title')}</h2>
        <p>{t('intro.lead')}</p>
      </header>
      <ol className="intro-points">
        <li>
          <h3>{t('intro.cameras.title')}</h3>
          <p>{t('intro.cameras')}</p>
        </li>
        <li>
          <h3>
            {t('intro.shoot.title')} <Kbd k="key.space" />
          </h3>
          <p>{t('intro.shoot')}</p>
        </li>
        <li>
          <h3>{t('intro.photos.title')}</h3>
          <p>{t('intro.photos')}</p>
          {folder.data && (
            <p className="intro-folder" data-user-data="" title={folder.data.folder} data-testid="intro-folder">
              {folder.data.folder}
            </p>
          )}
        </li>
      </ol>
      <footer className="ds-dialog-actions">
        <button onClick={close} data-testid="intro-skip">
          {t('intro.skip')}
        </button>
        <button className="ds-primary" onClick={close} data-autofocus data-testid="intro-start">
          {t('intro.start')}
        </button>
      </footer>
    </Dialog>
  );
}
