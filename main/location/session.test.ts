import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import { nearestPlace, searchPlaces } from './places.ts';
import { addLocationGate, mayAttachLocation, onLocationUse, openLocationStore, parseCoordinates, resolvePlace } from './session.ts';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir('location-session');
});
afterAll(() => dir.remove());

describe('the place for new shots', () => {
  it('is off until a place is set and attach is on; a gate keeps it off; each use is reported', async () => {
    const store = openLocationStore(join(dir.path, 'a'));
    expect(store.get()).toEqual({ attach: false, place: null });
    expect(store.forNewShot()).toBeNull();
    // Attach without a place stays off.
    expect(await store.set({ attach: true, place: null })).toEqual({ attach: false, place: null });

    await store.set({ attach: true, place: { latitude: 38.7167, longitude: -9.1333, name: 'Lisbon', country: 'PT' } });
    const uses: string[] = [];
    const stopHearing = onLocationUse((use) => uses.push(use));
    expect(store.forNewShot()).toEqual({ latitude: 38.7167, longitude: -9.1333 });

    const removeGate = addLocationGate(() => 'guardian');
    expect(mayAttachLocation()).toEqual({ allowed: false, reason: 'guardian' });
    expect(store.forNewShot('recording')).toBeNull();
    removeGate();
    expect(mayAttachLocation()).toEqual({ allowed: true });
    expect(store.forNewShot('recording')).not.toBeNull();
    stopHearing();
    expect(uses).toEqual(['photo', 'recording']);

    // Another process (the CLI) sees the same file.
    expect(openLocationStore(join(dir.path, 'a')).get().place?.name).toBe('Lisbon');
  });

  it('reads a damaged file as off, never as on', () => {
    const folder = join(dir.path, 'b');
    mkdirSync(folder);
    const store = openLocationStore(folder);
    writeFileSync(store.file, '{"version":1,"attach":true,"place":{"latitude":999,"longitude":0}}');
    expect(store.get()).toEqual({ attach: false, place: null });
    writeFileSync(store.file, '{not json');
    expect(store.forNewShot()).toBeNull();
  });
});

describe('typed places', () => {
  it('reads coordinates with signs or hemispheres, and refuses out-of-range ones', () => {
    expect(parseCoordinates('38.7139, -9.1394')).toEqual({ latitude: 38.7139, longitude: -9.1394 });
    expect(parseCoordinates('33.8568° S, 151.2153° E')).toEqual({ latitude: -33.8568, longitude: 151.2153 });
    expect(parseCoordinates('-33.8568 151.2153')).toEqual({ latitude: -33.8568, longitude: 151.2153 });
    expect(parseCoordinates('95, 10')).toBeNull();
    expect(parseCoordinates('10 E, 20 N')).toBeNull();
    expect(parseCoordinates('Lisbon')).toBeNull();
  });

  it('turns a town name into the biggest town of that name, with a country to narrow it', () => {
    expect(resolvePlace('Lisbon')).toMatchObject({ name: 'Lisbon', country: 'PT' });
    // There is a Paris in Texas too; the French one is bigger, unless the country says otherwise.
    expect(resolvePlace('paris')).toMatchObject({ name: 'Paris', country: 'FR' });
    expect(resolvePlace('Paris, US')).toMatchObject({ name: 'Paris', country: 'US' });
    expect(resolvePlace('sao paulo')).toMatchObject({ name: 'São Paulo', country: 'BR' });
    expect(() => resolvePlace('Atlantis Under The Sea')).toThrow(expect.objectContaining({ code: 'location.place-not-found' }));
    expect(() => resolvePlace('95.1, 200')).toThrow(expect.objectContaining({ code: 'location.bad-coordinates' }));
  });

  it('searches by prefix and by word, biggest first', () => {
    const names = searchPlaces('san', 5).map((place) => place.name);
    expect(names).toHaveLength(5);
    expect(names.every((name) => /(^|\s)san/i.test(name.normalize('NFKD')))).toBe(true);
    expect(searchPlaces('')).toEqual([]);
  });

  it('names the nearest town to a position, and how far it is', () => {
    // Lisbon's Praça do Comércio is about 1.1 km from Lisbon's GeoNames point (38.71667, -9.13333).
    const near = nearestPlace(38.7075, -9.1364)!;
    expect(near.place.name).toBe('Lisbon');
    expect(near.distanceMetres).toBeGreaterThan(900);
    expect(near.distanceMetres).toBeLessThan(1300);
    // The Eiffel Tower is nearer the point of Neuilly-sur-Seine than that of Paris: the nearest town's point wins.
    expect(nearestPlace(48.8584, 2.2945)!.place.name).toBe('Neuilly-sur-Seine');
    // Across the antimeridian: Fiji's Labasa region from the west.
    expect(nearestPlace(-16.4, -179.9)!.place.country).toBe('FJ');
  });
});
