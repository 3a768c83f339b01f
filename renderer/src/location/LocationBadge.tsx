// Shown over the viewfinder while new shots get a location: that they do, and the place's name.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useLocale, useT } from '../i18n.tsx';
import { formatCoordinates, placeLabel } from './format.ts';
import './location.css';

export function LocationBadge() {
  const t = useT();
  const locale = useLocale();
  // Settings (or the CLI) may change it: asked again now and then and whenever the view comes back.
  const status = useQuery({ queryKey: ['location', 'status'], queryFn: () => api.location.status({}), refetchInterval: 10_000 });
  const current = status.data;
  if (!current?.attach || !current.allowed || !current.place) return null;
  const place = placeLabel(t, locale, current.place) ?? formatCoordinates(t, current.place.latitude, current.place.longitude);
  return (
    <span className="ds-location-badge" title={t('location.attached.title')} data-testid="location-badge">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5c0 3.4 4.5 8.5 4.5 8.5s4.5-5.1 4.5-8.5A4.5 4.5 0 0 0 8 1.5Zm0 6.2a1.7 1.7 0 1 1 0-3.4 1.7 1.7 0 0 1 0 3.4Z" />
      </svg>
      {t('location.attached', { place })}
    </span>
  );
}
