import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';

/** Every bundled third-party package and data set with its licence, as the build found them. */
export function NoticesSection() {
  const t = useT();
  const notices = useQuery({ queryKey: ['open-source'], queryFn: () => api.privacy.openSource({}), staleTime: Infinity });
  if (!notices.data) return null;
  const { packages, dataSets } = notices.data;
  return (
    <>
      <p className="settings-intro">{t('settings.notices.intro', { count: packages.length })}</p>
      <h3 className="settings-subtitle">{t('settings.notices.datasets')}</h3>
      <ul className="notices-list" data-testid="notices-datasets">
        {/* Names, licences and attributions are the data sets' own words, shown as they are in every language. */}
        {dataSets.map((set) => (
          <li key={set.name} data-user-data>
            <span className="notices-name">{set.name}</span>
            <span className="notices-license">{set.license}</span>
            <p className="notices-detail">{set.attribution}</p>
          </li>
        ))}
      </ul>
      <h3 className="settings-subtitle">{t('settings.notices.packages')}</h3>
      <ul className="notices-list" data-testid="notices-packages">
        {packages.map((pkg) => (
          <li key={`${pkg.name}@${pkg.version}`}>
            <details>
              <summary data-user-data>
                <span className="notices-name">{pkg.name}</span>
                <span className="notices-version">{pkg.version}</span>
                <span className="notices-license">{pkg.license}</span>
              </summary>
              {pkg.text ? <pre className="notices-text" data-user-data>{pkg.text}</pre> : <p className="notices-detail">{t('settings.notices.no-text', { license: pkg.license })}</p>}
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
