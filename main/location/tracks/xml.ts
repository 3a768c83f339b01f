// GPX and KML, read as a stream with saxes: it never expands entities declared in a DTD and never loads
// anything external, and it knows the line of every event, so an error can say where. A DOCTYPE that
// declares entities is refused outright (billion-laughs and external-entity files never get further).
// Streaming keeps a 50 MB track at the size of its fixes, not of a DOM.
import { SaxesParser, type SaxesTag } from 'saxes';
import { DarkslideError } from '../../shared/errors/index.ts';
import { Collector, parseInstant, type Track, type TrackOptions } from './collect.ts';

type Point = { lat: number; lon: number; line: number; ele?: string; time?: string };
type Placemark = { when?: string; begin?: string; end?: string; coordinates?: string; line: number };
type GxTrack = { whens: { text: string; line: number }[]; coords: { text: string; line: number }[] };

const TEXT_ELEMENTS = new Set(['ele', 'time', 'when', 'begin', 'end', 'coordinates', 'coord']);

function local(name: string): string {
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
}

function number(text: string | undefined): number {
  return text === undefined || text.trim() === '' ? Number.NaN : Number(text);
}

export async function parseXmlTrack(chunks: AsyncIterable<string>, file: string, options: TrackOptions): Promise<Track> {
  const parser = new SaxesParser({ position: true });
  const collect = new Collector(file, 'line', options);
  let format: 'gpx' | 'kml' | null = null;
  let failure: DarkslideError | null = null;
  const stack: string[] = [];
  let text = '';
  let point: Point | null = null;
  let placemark: Placemark | null = null;
  let gxTrack: GxTrack | null = null;
  let textLine = 0;

  const fail = (error: DarkslideError) => {
    // saxes goes on after a handler throws inside write(); remember the first error and stop feeding it.
    failure ??= error;
    throw error;
  };

  parser.on('error', (error) => {
    const detail = error.message.replace(/^[^:]*:\d+:\d+:\s*/, '');
    fail(new DarkslideError('location.track-unreadable', { file, where: `line ${parser.line}`, detail }));
  });

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail(new DarkslideError('location.track-entities', { file, where: `line ${parser.line}` }));
  });

  parser.on('opentag', (tag: SaxesTag) => {
    const name = local(tag.name);
    const line = parser.line;
    if (format === null) {
      if (name === 'gpx' || name === 'kml') format = name;
      else fail(new DarkslideError('location.track-unknown-format', { file, detail: `<${tag.name}>` }));
    }
    stack.push(name);
    if (TEXT_ELEMENTS.has(name)) {
      text = '';
      textLine = line;
    }
    if (format === 'gpx') {
      if (name === 'trkpt' || name === 'rtept' || name === 'wpt') {
        const attr = (key: string) => {
          const value = tag.attributes[key];
          return typeof value === 'string' ? value : undefined;
        };
        point = { lat: number(attr('lat')), lon: number(attr('lon')), line };
      } else if (name === 'trkseg' || name === 'trk' || name === 'rte') {
        collect.segment++;
      }
    } else if (format === 'kml') {
      if (name === 'placemark') placemark = { line };
      else if (name === 'track' && tag.name.toLowerCase().startsWith('gx:')) {
        gxTrack = { whens: [], coords: [] };
        collect.segment++;
      }
    }
  });

  parser.on('text', (chunk) => {
    const name = stack[stack.length - 1];
    if (name && TEXT_ELEMENTS.has(name)) text += chunk;
  });

  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    stack.pop();
    if (format === 'gpx') {
      if (point && (name === 'ele' || name === 'time')) point[name] = text;
      else if (point && (name === 'trkpt' || name === 'rtept' || name === 'wpt')) {
        const { lat, lon, line } = point;
        if (Number.isNaN(lat) || Number.isNaN(lon)) throw fail(collect.badPoint(line, 'lat and lon attributes are missing or not numbers'));
        const time = point.time === undefined ? null : parseInstant(point.time);
        if (point.time !== undefined && time === null) throw fail(collect.badPoint(line, `"${point.time.trim()}" is not a time with a zone`));
        const alt = number(point.ele);
        collect.add({ time, lat, lon, alt: Number.isNaN(alt) ? undefined : alt, ref: line });
        point = null;
      }
      return;
    }
    if (format !== 'kml') return;
    if (gxTrack && name === 'when') gxTrack.whens.push({ text, line: textLine });
    else if (gxTrack && name === 'coord') gxTrack.coords.push({ text, line: textLine });
    else if (name === 'track' && gxTrack) {
      addGxTrack(collect, gxTrack);
      gxTrack = null;
    } else if (placemark && (name === 'when' || name === 'begin' || name === 'end' || name === 'coordinates')) {
      placemark[name] = text;
      if (name === 'coordinates') placemark.line = textLine;
    } else if (name === 'placemark' && placemark) {
      addPlacemark(collect, placemark);
      placemark = null;
    }
  });

  try {
    let first = true;
    for await (let chunk of chunks) {
      if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
      parser.write(chunk);
      if (failure) throw failure;
    }
    parser.close();
  } catch (error) {
    throw failure ?? error;
  }
  if (failure) throw failure;
  if (format === null) throw new DarkslideError('location.track-unknown-format', { file, detail: 'no XML element' });
  return collect.finish(format);
}

function tuple(collect: Collector, text: string, separator: RegExp, line: number) {
  const parts = text.trim().split(separator).map(Number);
  const [lon, lat, alt] = parts;
  if (parts.length < 2 || lon === undefined || lat === undefined || Number.isNaN(lon) || Number.isNaN(lat)) {
    throw collect.badPoint(line, `"${text.trim().slice(0, 60)}" is not "longitude,latitude[,altitude]"`);
  }
  return { lat, lon, alt: alt === undefined || Number.isNaN(alt) ? undefined : alt };
}

function instant(collect: Collector, text: string, line: number): number {
  const time = parseInstant(text);
  if (time === null) throw collect.badPoint(line, `"${text.trim().slice(0, 40)}" is not a time with a zone`);
  return time;
}

function addGxTrack(collect: Collector, track: GxTrack): void {
  if (track.whens.length !== track.coords.length) {
    const line = track.coords[0]?.line ?? track.whens[0]?.line ?? 0;
    throw collect.badPoint(line, `a gx:Track has ${track.whens.length} times but ${track.coords.length} positions`);
  }
  track.coords.forEach((coord, i) => {
    const when = track.whens[i]!;
    collect.add({ ...tuple(collect, coord.text, /\s+/, coord.line), time: instant(collect, when.text, when.line), ref: coord.line });
  });
}

function addPlacemark(collect: Collector, placemark: Placemark): void {
  if (placemark.coordinates === undefined) return;
  const line = placemark.line;
  const points = placemark.coordinates.trim().split(/\s+/).filter(Boolean).map((text) => tuple(collect, text, /,/, line));
  if (points.length === 0) return;
  if (placemark.when !== undefined) {
    const time = instant(collect, placemark.when, line);
    for (const p of points) collect.add({ ...p, time, ref: line });
    return;
  }
  if (placemark.begin !== undefined && placemark.end !== undefined) {
    // A TimeSpan over a path (Google's old Location History KML): the points are spread evenly over it.
    const begin = instant(collect, placemark.begin, line);
    const end = instant(collect, placemark.end, line);
    collect.segment++;
    if (points.length === 1) {
      collect.add({ ...points[0]!, time: begin, ref: line });
      collect.add({ ...points[0]!, time: end, ref: line });
      return;
    }
    points.forEach((p, i) => collect.add({ ...p, time: begin + ((end - begin) * i) / (points.length - 1), ref: line }));
    return;
  }
  for (const p of points) collect.add({ ...p, time: null, ref: line });
}
