import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectNotices, rendererImports } from './notices.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const notices = collectNotices(root);
const byName = new Map(notices.packages.map((pkg) => [pkg.name, pkg]));
const manifest = (name: string) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { license: string; version: string };

describe('open-source notices from the dependency tree', () => {
  test('what the app ships is listed with the licence its package declares, transitive packages included', () => {
    for (const name of ['sharp', 'pino', 'exiftool-vendored', 'zod', 'detect-libc', 'sonic-boom']) {
      expect(byName.get(name), name).toMatchObject({ version: manifest(name).version, license: manifest(name).license, usedBy: 'app' });
    }
    expect(byName.get('pino')!.text).toMatch(/MIT License|Permission is hereby granted/);
  });

  test('what Vite bundles into the window is found from its imports, with their own dependencies', () => {
    expect(rendererImports(root)).toEqual(expect.arrayContaining(['react', 'react-dom', '@tanstack/react-query', 'zustand']));
    // The world map imports only types from topojson-specification: nothing of it ships, so it is no notice.
    expect(rendererImports(root)).not.toContain('topojson-specification');
    for (const name of ['react', 'react-dom', 'scheduler', '@tanstack/query-core']) expect(byName.get(name)?.license, name).toBe(manifest(name).license);
  });

  test('build tools are not listed', () => {
    for (const name of ['vitest', 'eslint', 'typescript', 'vite', 'electron-builder', 'playwright-core']) expect(byName.has(name), name).toBe(false);
  });

  test('the data sets are credited: GeoNames cities (CC BY 4.0) and the Natural Earth map (public domain)', () => {
    expect(notices.dataSets.map((set) => [set.name, set.license])).toEqual([
      ['GeoNames cities', 'CC-BY-4.0'],
      ['Natural Earth world map', 'Public domain'],
    ]);
    expect(notices.dataSets[0]!.attribution).toContain('GeoNames');
  });
});
