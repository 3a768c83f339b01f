// The info panel of one album item: its file (name, bytes, and the file an import came from), when it was
// taken (with the offset the file records), the camera (look) and the recipe it was developed with, its size,
// where it was taken (coordinates, the nearest town and a small map) and the original's camera data (EXIF).
// A component the viewer places where it likes (PhotoView shows it beside the photo with the I key).
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ItemInfoT, LibraryItemT } from '../../../main/shared/contract/index.ts';
import { formatBytes } from '../album/format.ts';
import { api } from '../api.ts';
import { useErrorText, useLocale, usePercent, useT } from '../i18n.tsx';
import { Coordinates } from './Coordinates.tsx';
import { placeLabel } from './format.ts';
import { WorldMap } from './WorldMap.tsx';
import './location.css';

/** "2024:05:01 10:21:30" → "2024-05-01 10:21:30": the wall-clock time exactly as the camera wrote it. */
function wallClock(text: string): string {
  return text.replace(/^(\d{4}):(\d{2}):(\d{2})/, '$1-$2-$3').replace(/\.\d+$/, '');
}

/** A file name that may wrap after its separators (_ - .), never inside a run of letters or digits. */
function breakable(name: string): ReactNode[] {
  return name.split(/(?<=[_\-.])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** The album's own date for an item (the catalog's), as the viewer's caption shows it. */
function albumTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function InfoPanel(props: { item: LibraryItemT; mapWidth?: number }) {
  const t = useT();
  const locale = useLocale();
  const percent = usePercent();
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
        <dt>{t('info.file-size')}</dt>
        <dd data-testid="info-file">
          <span data-user-data>{breakable(item.fileName)}</span>
          <br />
          <span className="ds-muted">{t('info.file-bytes', { size: formatBytes(item.bytes, locale) })}</span>
        </dd>
        {item.sourceName && (
          <>
            <dt>{t('info.source')}</dt>
            <dd data-testid="info-source" data-user-data>
              {breakable(item.sourceName)}
            </dd>
          </>
        )}
        <dt>{t('info.taken')}</dt>
        <dd data-testid="info-taken">
          {!data
            ? t('info.loading')
            : !capture
              ? t('info.taken.album', { time: albumTime(item.takenAt, locale) })
              : capture.offset
                ? t('info.taken.offset', { time: wallClock(capture.wallClock), offset: capture.offset })
                : capture.utc
                  ? t('info.taken.utc', { time: wallClock(capture.wallClock) })
                  : t('info.taken.no-offset', { time: wallClock(capture.wallClock) })}
        </dd>
        <dt>{t('info.camera')}</dt>
        <dd data-user-data>{item.lookName}</dd>
        {item.recipe && (
          <>
            <dt>{t('info.recipe')}</dt>
            <dd data-testid="info-recipe">
              {item.recipe.effects !== false
                ? t('info.recipe.value', { colour: percent(item.recipe.strength), grain: percent(item.recipe.grain), seed: item.recipe.seed ?? 'none' })
                : t('info.recipe.colour-only', { colour: percent(item.recipe.strength), seed: item.recipe.seed ?? 'none' })}
            </dd>
          </>
        )}
        <dt>{t('info.size')}</dt>
        <dd>{t('info.size.value', { width: item.width, height: item.height })}</dd>
        {item.kind === 'video' && item.durationSec !== null && (
          <>
            <dt>{t('info.duration')}</dt>
            <dd data-testid="info-duration">{t('info.duration.value', { seconds: Math.round(item.durationSec * 10) / 10 })}</dd>
          </>
        )}
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
      {data && <CameraData exif={data.exif} fromOriginal={data.exifFrom === 'original'} />}
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

/** The original's EXIF camera data, formatted as cameras print it (1/125 s, f/2.8, 35 mm). */
function CameraData(props: { exif: ItemInfoT['exif']; fromOriginal: boolean }) {
  const t = useT();
  const value = (entry: ItemInfoT['exif'][number]): string => {
    const n = typeof entry.value === 'number' ? entry.value : Number.NaN;
    switch (entry.name) {
      case 'exposureTime':
        return Number.isFinite(n) ? t('info.exif.seconds', { time: n >= 1 ? String(Math.round(n * 10) / 10) : `1/${Math.round(1 / n)}` }) : String(entry.value);
      case 'fNumber':
        return Number.isFinite(n) ? `f/${Math.round(n * 10) / 10}` : String(entry.value);
      case 'focalLength':
        return Number.isFinite(n) ? t('info.exif.millimetres', { length: Math.round(n * 10) / 10 }) : String(entry.value);
      default:
        return String(entry.value);
    }
  };
  return (
    <section className="ds-info-exif" aria-label={t('info.exif')} data-testid="info-exif">
      <h3>{t(props.fromOriginal ? 'info.exif.original' : 'info.exif')}</h3>
      {props.exif.length === 0 ? (
        <p className="ds-muted">{t('info.exif.none')}</p>
      ) : (
        <dl>
          {props.exif.map((entry) => (
            <div key={entry.name} className="ds-info-exif-row">
              <dt>{t(`info.exif.${entry.name}`)}</dt>
              <dd data-user-data data-exif={entry.name}>
                {value(entry)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
