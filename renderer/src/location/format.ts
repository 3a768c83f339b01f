// How places and positions read in the page's language.
import type { Translate } from '../i18n.tsx';

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

/** Degrees with hemisphere letters, five decimals (about a metre), as cameras and maps print them. */
export function formatCoordinates(latitude: number, longitude: number): string {
  const lat = `${Math.abs(latitude).toFixed(5)}° ${latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(longitude).toFixed(5)}° ${longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const abs = Math.abs(Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}:${pad(abs % 60)}`;
}
