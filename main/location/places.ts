// The offline list of towns (resources/places/cities.json, GeoNames, CC BY 4.0): searching it by name as the
// user types, and naming the town nearest a position. Nothing is looked up online.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Place = { id: number; name: string; country: string; latitude: number; longitude: number; population: number };

let placesFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/places/cities.json');
let cache: { places: Place[]; keys: string[] } | null = null;

/** Where the list lives; a packaged app passes its resources path. */
export function setPlacesFile(file: string): void {
  placesFile = file;
  cache = null;
}

/** Lower case, accents and punctuation gone: "São Paulo" and "sao-paulo" are the same key. */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function load() {
  if (cache) return cache;
  const data = JSON.parse(readFileSync(placesFile, 'utf8')) as { places: [string, string, number, number, number, number][] };
  const places = data.places.map(([name, country, latitude, longitude, population, id]) => ({ id, name, country, latitude, longitude, population }));
  cache = { places, keys: places.map((place) => placeKey(place.name)) };
  return cache;
}

/**
 * Towns whose name starts with `query` (or has a word that does), biggest first; an exact name ranks above a
 * prefix. "Lisbon, PT" narrows to a country.
 */
export function searchPlaces(query: string, limit = 8): Place[] {
  const [namePart, countryPart] = query.split(',').map((part) => part.trim());
  const key = placeKey(namePart ?? '');
  if (!key) return [];
  const country = countryPart && /^[a-z]{2}$/i.test(countryPart) ? countryPart.toUpperCase() : null;
  const { places, keys } = load();
  const scored: { place: Place; rank: number }[] = [];
  for (let i = 0; i < places.length; i++) {
    const place = places[i]!;
    if (country && place.country !== country) continue;
    const name = keys[i]!;
    const rank = name === key ? 0 : name.startsWith(key) ? 1 : name.includes(` ${key}`) ? 2 : -1;
    if (rank >= 0) scored.push({ place, rank });
  }
  // The list is stored biggest first, so a stable sort by rank keeps population order within a rank.
  return scored.sort((a, b) => a.rank - b.rank).slice(0, limit).map(({ place }) => place);
}

export function placeById(id: number): Place | null {
  return load().places.find((place) => place.id === id) ?? null;
}

/** The nearest town and how far it is, in metres (great circle). */
export function nearestPlace(latitude: number, longitude: number): { place: Place; distanceMetres: number } | null {
  const { places } = load();
  const rad = Math.PI / 180;
  const cosLat = Math.cos(latitude * rad);
  let best: Place | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const place of places) {
    // An equirectangular score picks the candidate; the answer's distance is the great circle.
    let dLon = Math.abs(place.longitude - longitude);
    if (dLon > 180) dLon = 360 - dLon;
    const dx = dLon * cosLat;
    const dy = place.latitude - latitude;
    const score = dx * dx + dy * dy;
    if (score < bestScore) {
      bestScore = score;
      best = place;
    }
  }
  if (!best) return null;
  const dLat = (best.latitude - latitude) * rad;
  const dLon = (best.longitude - longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(latitude * rad) * Math.cos(best.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return { place: best, distanceMetres: 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h))) };
}
