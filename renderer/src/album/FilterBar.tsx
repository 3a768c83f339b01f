// Sort and filters for the album. Each is one control that says what it is; they wrap onto a second line in
// a narrow window rather than hiding. Filters other work adds go in `moreFilters`: a component reading and
// setting the album's filters through useAlbum.
import type { ComponentType } from 'react';
import { useLooks } from '../components/look-samples.ts';
import { useT } from '../i18n.tsx';
import { useAlbum, type Filters } from './state.ts';
import type { Sort } from './source.ts';

export const moreFilters: ComponentType[] = [];

export function FilterBar() {
  const t = useT();
  const looks = useLooks().data ?? [];
  const filters = useAlbum((state) => state.filters);
  const setFilters = useAlbum((state) => state.setFilters);
  const kinds = [
    { value: null, label: t('album.filter.all') },
    { value: 'photo' as const, label: t('album.filter.photos') },
    { value: 'video' as const, label: t('album.filter.videos') },
  ];
  return (
    <div className="ds-filters" role="group" aria-label={t('album.filter.kind')} data-testid="album-filters">
      <label className="ds-filter">
        <span className="ds-filter-label">{t('album.sort')}</span>
        <select value={filters.sort} onChange={(event) => setFilters({ sort: event.target.value as Sort })} data-testid="album-sort">
          <option value="taken">{t('album.sort.taken')}</option>
          <option value="added">{t('album.sort.added')}</option>
        </select>
      </label>
      <div className="ds-segmented" role="radiogroup" aria-label={t('album.filter.kind')}>
        {kinds.map((kind) => (
          <button key={String(kind.value)} role="radio" aria-checked={filters.kind === kind.value} className={filters.kind === kind.value ? 'on' : ''} onClick={() => setFilters({ kind: kind.value })} data-testid={`album-kind-${kind.value ?? 'all'}`}>
            {kind.label}
          </button>
        ))}
      </div>
      <label className="ds-filter">
        <span className="ds-filter-label">{t('album.filter.camera')}</span>
        <select value={filters.lookId ?? ''} onChange={(event) => setFilters({ lookId: event.target.value || null })} data-testid="album-camera">
          <option value="">{t('album.filter.any-camera')}</option>
          {looks.map((look) => (
            // A camera's name is a proper noun, the same in every language.
            <option key={look.id} value={look.id} data-user-data>
              {look.name}
            </option>
          ))}
        </select>
      </label>
      <button className={filters.favourites ? 'ds-toggle on' : 'ds-toggle'} aria-pressed={filters.favourites} onClick={() => setFilters({ favourites: !filters.favourites })} data-testid="album-favourites">
        <span className="ds-star" aria-hidden="true" /> {t('album.filter.favourites')}
      </button>
      <button className={filters.recovered ? 'ds-toggle on' : 'ds-toggle'} aria-pressed={filters.recovered} onClick={() => setFilters({ recovered: !filters.recovered })} data-testid="album-recovered">
        {t('album.filter.recovered')}
      </button>
      <label className="ds-filter">
        <span className="ds-filter-label">{t('album.filter.place')}</span>
        <select value={filters.location ?? ''} onChange={(event) => setFilters({ location: (event.target.value || null) as Filters['location'] })} data-testid="album-location">
          <option value="">{t('album.filter.place.any')}</option>
          <option value="with">{t('album.filter.place.with')}</option>
          <option value="without">{t('album.filter.place.without')}</option>
        </select>
      </label>
      {moreFilters.map((Filter, index) => (
        <Filter key={index} />
      ))}
    </div>
  );
}
