// The info panel of one album item: when it was taken (with the offset the file records), the camera (look),
// its size, and where it was taken: coordinates, the nearest town and a small map. A component the viewer
// places where it likes (PhotoView shows it beside the photo with the I key).
import { useQuery } from '@tanstack/react-query';
import type { LibraryItemT } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';
import { useErrorText, useLocale, useT } from '../i18n.tsx';
import { Coordinates } from './Coordinates.tsx';
import { placeLabel } from './format.ts';
import { WorldMap } from './WorldMap.tsx';
import './location.css';

/** "2024:05:01 10:21:30" → "2024-05-01 10:21:30": the wall-clock time exactly as the camera wrote it. */
function wallClock(text: string): string {
  return text.replace(/^(\d{4}):(\d{2}):(\d{2})/, '$1-$2-$3').replace(/\.\d+$/, '');
}

export function InfoPanel(props: { item: LibraryItemT; mapWidth?: number }) {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const { item } = props;
  const info = useQuery({ queryKey: ['location', 'info', item.id, item.location?.latitude, item.location?.longitude], queryFn: () => api.location.itemInfo({ id: item.id }) });
  const data = info.data;
  const capture = data?.capture;
  const where = data?.location;
  const near = data?.nearest;
  const mapWidth = props.mapWidth ?? 264;

  return (
    <aside className="ds-info" aria-label={t('info.title')} data-testid="info-panel">
      <h2>{t('info.title')}</h2>
      <dl>
        <dt>{t('info.taken')}</dt>
        <dd data-testid="info-taken">
          {!data
            ? t('info.loading')
            : !capture
              ? t('info.taken.unknown')
              : capture.offset
                ? t('info.taken.offset', { time: wallClock(capture.wallClock), offset: capture.offset })
                : capture.utc
                  ? t('info.taken.utc', { time: wallClock(capture.wallClock) })
                  : t('info.taken.no-offset', { time: wallClock(capture.wallClock) })}
        </dd>
        <dt>{t('info.camera')}</dt>
        <dd data-user-data>{item.lookName}</dd>
        <dt>{t('info.size')}</dt>
        <dd>{t('info.size.value', { width: item.width, height: item.height })}</dd>
        <dt>{t('info.location')}</dt>
        {where ? (
          <dd data-testid="info-location">
            <Coordinates latitude={where.latitude} longitude={where.longitude} />
          </dd>
        ) : (
          <dd data-testid="info-location">{!data ? t('info.loading') : t('info.location.none')}</dd>
        )}
        {near && (
          <>
            <dt>{t('info.near')}</dt>
            <dd data-testid="info-near">
              {t('info.near.value', { place: placeLabel(t, locale, near) ?? near.name, distance: near.distanceMetres / 1000 })}
            </dd>
          </>
        )}
        {where?.altitude !== undefined && (
          <>
            <dt>{t('info.altitude')}</dt>
            <dd>{t('info.altitude.value', { metres: where.altitude })}</dd>
          </>
        )}
        {where?.accuracy !== undefined && (
          <>
            <dt>{t('info.accuracy')}</dt>
            <dd>{t('info.accuracy.value', { metres: where.accuracy })}</dd>
          </>
        )}
      </dl>
      {info.error && <p className="ds-error">{errorText(info.error)}</p>}
      {where && (
        <WorldMap
          width={mapWidth}
          height={Math.round(mapWidth * 0.62)}
          label={t('info.map')}
          points={[{ id: item.id, latitude: where.latitude, longitude: where.longitude, tone: 'selected' }]}
          minSpan={8}
          testId="info-map"
        />
      )}
    </aside>
  );
}
