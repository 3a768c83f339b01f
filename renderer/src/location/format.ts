// How places and positions read in the page's language.
import type { MessageId } from '../../../main/shared/i18n/catalog.ts';

/** The page's `t` (renderer/src/i18n.tsx), as far as these need it: kept here so Node tests can pass `format`. */
type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function placeLabel(t: Translate, locale: string, place: { name?: string | undefined; country?: string | undefined }): string | null {
  if (!place.name) return null;
  return place.country ? t('location.place', { name: place.name, country: countryName(place.country, locale) }) : place.name;
}

/** Each coordinate in degrees with its hemisphere, five decimals (about a metre), as maps in the page's language print them. */
export function coordinateParts(t: Translate, latitude: number, longitude: number): { latitude: string; longitude: string } {
  return {
    // Digits as text: a number would be grouped and rounded by the page's locale (three decimals).
    latitude: t('location.latitude', { degrees: Math.abs(latitude).toFixed(5), north: latitude < 0 ? 'no' : 'yes' }),
    longitude: t('location.longitude', { degrees: Math.abs(longitude).toFixed(5), east: longitude < 0 ? 'no' : 'yes' }),
  };
}

/** Both coordinates as one line of text (a tooltip, a badge); the page's panels use <Coordinates>. */
export function formatCoordinates(t: Translate, latitude: number, longitude: number): string {
  return t('location.coordinates', coordinateParts(t, latitude, longitude));
}

export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const abs = Math.abs(Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}:${pad(abs % 60)}`;
}
