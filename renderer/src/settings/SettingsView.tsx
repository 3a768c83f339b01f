import { useEffect } from 'react';
import { useT } from '../i18n.tsx';
import { useUi } from '../store.ts';
import { settingsSections } from './sections.ts';
import './settings.css';

/** Settings: a short index of the sections beside one quiet column of them. Sections come from sections.ts. */
export function SettingsView() {
  const t = useT();
  const focus = useUi((state) => state.settingsFocus);
  // Opened at a section (an error's button, the look strip's menu): go there.
  useEffect(() => {
    if (focus) document.getElementById(`settings-${focus.section}`)?.scrollIntoView({ block: 'start' });
  }, [focus]);
  return (
    <div className="settings" data-testid="settings">
      <div className="settings-layout">
        <nav className="settings-index" aria-label={t('settings.sections')}>
          <h1>{t('settings.title')}</h1>
          {settingsSections.map((section) => (
            <button key={section.id} className="settings-index-item" onClick={() => document.getElementById(`settings-${section.id}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}>
              {t(section.title)}
            </button>
          ))}
        </nav>
        <div className="settings-column">
          {settingsSections.map(({ id, title, Component }) => (
            <section key={id} id={`settings-${id}`} className="settings-section" aria-labelledby={`settings-${id}-title`} data-testid={`settings-${id}`}>
              <h2 id={`settings-${id}-title`}>{t(title)}</h2>
              <Component />
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
