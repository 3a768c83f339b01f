// A small map drawn from Natural Earth's public-domain outlines (world-atlas, bundled with the app): no tiles,
// no network. The outlines load once, in their own chunk, the first time a map is shown.
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

type Outlines = { land: GeoPermissibleObjects; borders: GeoPermissibleObjects };
let outlines: Promise<Outlines> | null = null;

function loadOutlines(): Promise<Outlines> {
  outlines ??= import('world-atlas/countries-50m.json').then((module) => {
    const topology = (module as unknown as { default: Topology }).default;
    const countries = topology.objects.countries as GeometryCollection;
    return { land: feature(topology, countries), borders: mesh(topology, countries, (a, b) => a !== b) };
  });
  return outlines;
}

export type MapPoint = { id: string; longitude: number; latitude: number; tone?: 'photo' | 'selected' };

export function WorldMap(props: {
  width: number;
  height: number;
  label: string;
  points: MapPoint[];
  /** A track to draw, [longitude, latitude] pairs. */
  path?: [number, number][];
  /** The smallest area shown, in degrees of latitude, so one point still shows its region. */
  minSpan?: number;
  testId?: string;
}) {
  const [shapes, setShapes] = useState<Outlines | null>(null);
  useEffect(() => {
    let live = true;
    void loadOutlines().then((loaded) => live && setShapes(loaded));
    return () => {
      live = false;
    };
  }, []);

  const { width, height, points, path, minSpan = 6 } = props;
  // The projection frames the track and the points (and at least minSpan degrees), not the world.
  const frame = useMemo(() => {
    const all: [number, number][] = [...(path ?? []), ...points.map((point): [number, number] => [point.longitude, point.latitude])];
    if (all.length === 0) all.push([0, 20]);
    const lats = all.map((p) => p[1]);
    const lons = all.map((p) => p[0]);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    const midLon = (Math.min(...lons) + Math.max(...lons)) / 2;
    const half = minSpan / 2;
    const corners: [number, number][] = [
      [midLon - half / Math.max(Math.cos((midLat * Math.PI) / 180), 0.2), Math.max(-80, midLat - half)],
      [midLon + half / Math.max(Math.cos((midLat * Math.PI) / 180), 0.2), Math.min(80, midLat + half)],
    ];
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [width - 12, height - 12],
      ],
      { type: 'MultiPoint', coordinates: [...all, ...corners] },
    );
    projection.clipExtent([
      [0, 0],
      [width, height],
    ]);
    return { projection, draw: geoPath(projection) };
  }, [path, points, width, height, minSpan]);

  const landPath = useMemo(() => (shapes ? (frame.draw(shapes.land) ?? '') : ''), [shapes, frame]);
  const borderPath = useMemo(() => (shapes ? (frame.draw(shapes.borders) ?? '') : ''), [shapes, frame]);
  const trackPath = useMemo(() => (path && path.length > 1 ? (frame.draw({ type: 'LineString', coordinates: path }) ?? '') : ''), [path, frame]);

  return (
    <svg className="ds-map" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} data-testid={props.testId}>
      <rect width={width} height={height} className="ds-map-sea" />
      <path d={landPath} className="ds-map-land" />
      <path d={borderPath} className="ds-map-border" />
      {trackPath && <path d={trackPath} className="ds-map-track" data-testid="map-track" />}
      {points.map((point) => {
        const xy = frame.projection([point.longitude, point.latitude]);
        if (!xy) return null;
        return (
          <circle
            key={point.id}
            cx={xy[0]}
            cy={xy[1]}
            r={point.tone === 'selected' ? 6 : 4.5}
            className={point.tone === 'selected' ? 'ds-map-point selected' : 'ds-map-point'}
            data-testid="map-point"
            data-id={point.id}
            data-xy={`${xy[0].toFixed(1)},${xy[1].toFixed(1)}`}
          />
        );
      })}
    </svg>
  );
}
