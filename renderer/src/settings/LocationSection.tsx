// Settings → Location: the place new photos and videos get. Off by default; a place is a town from the
// offline list or typed coordinates. The computer's own location is not offered (see the note shown).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LocationStatusT, SessionPlaceT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useErrorText, useLocale, useT } from '../i18n.tsx';
import { Coordinates } from '../location/Coordinates.tsx';
import { placeLabel } from '../location/format.ts';
import '../location/location.css';

export function LocationSection() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['location', 'status'], queryFn: () => api.location.status({}) });
  const [text, setText] = useState('');
  const places = useQuery({
    queryKey: ['location', 'places', text.trim()],
    queryFn: () => api.location.places({ query: text.trim(), limit: 6 }),
    enabled: text.trim().length >= 2 && !/^[\s\d.,°+-]+$/.test(text),
    staleTime: Infinity,
  });
  const save = useMutation({
    mutationFn: (next: { attach: boolean; place: SessionPlaceT | null }) => api.location.set(next),
    onSuccess: (next: LocationStatusT) => queryClient.setQueryData(['location', 'status'], next),
  });
  const resolve = useMutation({
    mutationFn: (typed: string) => api.location.resolve({ text: typed }),
    onSuccess: (place) => {
      setText('');
      save.mutate({ attach: true, place });
    },
  });

  const current = status.data;
  const place = current?.place ?? null;
  const problem = save.error ?? resolve.error;
  return (
    <div className="ds-location-settings">
      <p className="settings-intro">{t('settings.location.intro')}</p>
      <label className="ds-location-toggle">
        <input
          type="checkbox"
          checked={current?.attach ?? false}
          disabled={!place || !current?.allowed}
          onChange={(event) => save.mutate({ attach: event.target.checked, place })}
          data-testid="location-attach"
        />
        <span>{t('settings.location.attach')}</span>
      </label>
      {current && !current.allowed && <p className="ds-muted">{t('settings.location.blocked', { reason: current.blockedBy ?? '' })}</p>}
      <div className="ds-location-current" data-testid="location-current">
        <span className="ds-muted">{t('settings.location.place')}</span>
        {place ? (
          <>
            {place.name && <span>{placeLabel(t, locale, place)}</span>}
            <span className="ds-muted">
              <Coordinates latitude={place.latitude} longitude={place.longitude} />
            </span>
          </>
        ) : (
          <span>{t('settings.location.none')}</span>
        )}
      </div>
      <form
        className="ds-location-search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) resolve.mutate(text.trim());
        }}
      >
        <label className="ds-field">
          {t('settings.location.search')}
          <input type="text" value={text} onChange={(event) => setText(event.target.value)} placeholder={t('settings.location.search.hint')} data-testid="location-search" />
        </label>
        <button type="submit" disabled={!text.trim()} data-testid="location-use">
          {t('settings.location.use')}
        </button>
      </form>
      {places.data && places.data.length > 0 && (
        <ul className="ds-location-results" aria-label={t('settings.location.results')} data-testid="location-results">
          {places.data.map((candidate) => (
            <li key={candidate.id}>
              <button
                type="button"
                onClick={() => {
                  setText('');
                  save.mutate({ attach: true, place: { latitude: candidate.latitude, longitude: candidate.longitude, name: candidate.name, country: candidate.country, placeId: candidate.id } });
                }}
                data-testid="location-result"
              >
                {placeLabel(t, locale, candidate)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && <p className="ds-error">{errorText(problem)}</p>}
      <p className="ds-muted">{t('settings.location.os')}</p>
      <p className="ds-muted">{t('settings.location.credit')}</p>
    </div>
  );
}
