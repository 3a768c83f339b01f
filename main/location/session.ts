// The place new shots get, when the user has asked for it. Off by default; on only with a place the user set
// (typed coordinates or a town from the offline list). Kept in its own small file in the data folder so the
// CLI (`darkslide location set`) and the app see the same setting; read afresh each time it is asked, so a
// change in one process is seen by the other at the next shot.
//
// The operating system's own location is not used on any platform: see main/location/README.md.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DarkslideError } from '../shared/errors/index.ts';
import type { Location } from '../metadata/index.ts';
import { searchPlaces } from './places.ts';

const PlaceSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Set when the place came from the town list. */
  name: z.string().optional(),
  country: z.string().optional(),
  placeId: z.number().optional(),
});
export type SessionPlace = z.output<typeof PlaceSchema>;

const FileSchema = z.object({ version: z.literal(1), attach: z.boolean(), place: PlaceSchema.nullable() });
export type LocationSettings = { attach: boolean; place: SessionPlace | null };

const OFF: LocationSettings = { attach: false, place: null };

// ---- The gate ----------------------------------------------------------------------------------------------

/** A rule that can keep location off: returns a reason (a stable word) to refuse, or null to allow. */
export type LocationGate = () => string | null;
const gates: LocationGate[] = [];

/**
 * Adds a rule that must allow location before any is attached (e.g. a guardian's or an under-18 profile).
 * Returns a function that removes it.
 */
export function addLocationGate(gate: LocationGate): () => void {
  gates.push(gate);
  return () => {
    const index = gates.indexOf(gate);
    if (index >= 0) gates.splice(index, 1);
  };
}

/** May a location be attached now? The capture path asks this for every shot; every gate must allow it. */
export function mayAttachLocation(): { allowed: true } | { allowed: false; reason: string } {
  for (const gate of gates) {
    const reason = gate();
    if (reason !== null) return { allowed: false, reason };
  }
  return { allowed: true };
}

/** What a location was used for: written into a new photo or recording, or into files by geotagging. */
export type LocationUse = 'photo' | 'recording' | 'geotag';
const useListeners: ((use: LocationUse) => void)[] = [];

/** Hears every use of a location (the privacy service's usage record). Returns a function that stops it. */
export function onLocationUse(listener: (use: LocationUse) => void): () => void {
  useListeners.push(listener);
  return () => {
    const index = useListeners.indexOf(listener);
    if (index >= 0) useListeners.splice(index, 1);
  };
}

export function reportLocationUse(use: LocationUse): void {
  for (const listener of useListeners) listener(use);
}

// ---- The setting -------------------------------------------------------------------------------------------

export type LocationStore = {
  get(): LocationSettings;
  set(next: LocationSettings): Promise<LocationSettings>;
  /** The location a shot taken now gets, or null (off, no place, or a gate refuses). Reported as a use. */
  forNewShot(use?: 'photo' | 'recording'): Location | null;
  file: string;
};

export function openLocationStore(dataDir: string): LocationStore {
  const file = join(dataDir, 'location.json');
  let writing: Promise<void> = Promise.resolve();

  const get = (): LocationSettings => {
    try {
      const parsed = FileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      return { attach: parsed.attach && parsed.place !== null, place: parsed.place };
    } catch {
      // Missing, hand-damaged or from another version: off is the only safe reading.
      return { ...OFF };
    }
  };

  return {
    file,
    get,
    async set(next) {
      const checked = FileSchema.parse({ version: 1, attach: next.attach && next.place !== null, place: next.place });
      const text = JSON.stringify(checked, null, 2);
      writing = writing.then(async () => {
        await mkdir(dataDir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, text);
        await rename(temp, file);
      });
      await writing;
      return { attach: checked.attach, place: checked.place };
    },
    forNewShot(use = 'photo') {
      const settings = get();
      if (!settings.attach || !settings.place || !mayAttachLocation().allowed) return null;
      reportLocationUse(use);
      return { latitude: settings.place.latitude, longitude: settings.place.longitude };
    },
  };
}

const NUMBER = String.raw`([+-]?\d+(?:\.\d+)?)\s*°?\s*([NSEW])?`;
const PAIR = new RegExp(String.raw`^\s*${NUMBER}\s*[,;\s]\s*${NUMBER}\s*$`, 'i');

/** "38.7139, -9.1394" or "38.7139 N, 9.1394 W" to degrees; null when the text is not a pair of coordinates. */
export function parseCoordinates(text: string): { latitude: number; longitude: number } | null {
  const m = PAIR.exec(text);
  if (!m) return null;
  const signed = (value: string, hemisphere: string | undefined) => (hemisphere && /[SW]/i.test(hemisphere) ? -Math.abs(Number(value)) : Number(value));
  const latitude = signed(m[1]!, m[2]);
  const longitude = signed(m[3]!, m[4]);
  if (m[2] && /[EW]/i.test(m[2])) return null;
  if (m[4] && /[NS]/i.test(m[4])) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/** A place from what the user typed: coordinates, else the biggest town of that name. */
export function resolvePlace(text: string): SessionPlace {
  const coordinates = parseCoordinates(text);
  if (coordinates) return coordinates;
  if (/^[\s\d.,°+-]*$/.test(text)) throw new DarkslideError('location.bad-coordinates', { value: text }, { field: 'place' });
  const [place] = searchPlaces(text, 1);
  if (!place) throw new DarkslideError('location.place-not-found', { value: text }, { field: 'place' });
  return { latitude: place.latitude, longitude: place.longitude, name: place.name, country: place.country, placeId: place.id };
}
