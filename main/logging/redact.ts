// The redaction layer every log line passes through on its way to disk. The logs promise "no personal data":
// no coordinates, no file or folder names except Darkslide's own library ids, no home folder, no query
// strings. Callers are not trusted to remember that: an error message can quote a path, an exiftool
// argument can carry a latitude, a URL can carry the loopback token. So the whole line is rewritten here,
// key by key and string by string, after the logger has serialised it and before a byte is written.

export type RedactRoots = {
  /** The user's home folder: shown as `~`. */
  home?: string;
  /** The album: its dated folders and `DS_…` ids are kept, shown under `<library>`; any other name is hidden. */
  library?: string;
  /** The data folder: Darkslide's own files, kept under `<data>`, except imported looks (named by the user). */
  data?: string;
  /** Where Darkslide itself is installed (stack traces): kept under `<app>`. */
  app?: string;
};

/** Keys whose values are location, whatever their type. */
const LOCATION_KEY = /^(lat|lng|lon|long|latitude|longitude|alt|altitude|coords?|coordinates|gps[a-z]*|geo[a-z]*|location|position|place|city|country|address|track|bearing|heading)$/i;
/** Keys whose values are identifiers or secrets, never worth a log line. */
const SECRET_KEY = /^(token|secret|password|pin|pinhash|salt|cookie|authorization|hostname|username|user|email|mac|serial|uuid)$/i;

// Where a value that had to go was, so the line still reads.
export const REDACTED = '[redacted]';

/** System locations that say nothing about the user and help to read a log (which ffmpeg, which device). */
const SYSTEM_PREFIXES = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/opt/', '/dev/', '/proc/', '/sys/', '/etc/', '/System/', '/Library/', '/Applications/', '/snap/', '/nix/store/', '/app/'];
const WINDOWS_SYSTEM = /^[A-Za-z]:\\(Windows|Program Files( \(x86\))?)\\/i;

/** A library file is `DS_<date>_<time>_<n>.<ext>`: an id, not a name the user gave. */
const LIBRARY_ID = /^(\.ds-tmp-)?DS_\d{8}_\d{6}_\d+(\.[a-z0-9]+)+$/;

// Media, track and document extensions a user's file name would carry when quoted without a folder.
const FILE_EXT = 'jpe?g|png|tiff?|webp|avif|heic|heif|gif|bmp|dng|cr2|cr3|nef|arw|raf|orf|rw2|mp4|mov|m4v|mkv|webm|avi|mts|gpx|kml|kmz|nmea|igc|tcx|csv|json|ndjson|txt|cube|3dl|xmp|wav|mp3|m4a|aac|zip|pdf';
const BARE_FILE = new RegExp(`(?<![\\w./\\\\~-])[^\\s"'\`<>|:*?/\\\\]{1,200}\\.(${FILE_EXT})(?![\\w])`, 'gi');

// Paths: POSIX absolute (/…), home-relative (~/…), Windows (C:\… or C:/…) and UNC (\\server\share).
// A path ends at a space, a quote, a bracket or the end; it may hold spaces (file names do), so it runs on
// over a space only into a word that has a slash in it or ends as a file name does.
const PATH = new RegExp(
  String.raw`(?:(?<![\w:/.~>-])(?:~|\/)|(?<![\w])[A-Za-z]:[\\/]|\\\\)[^\s"'${'`'}<>|)\]}]*` +
    String.raw`(?:\s(?=[^\s"'${'`'}<>|)\]}]*[\\/]|[^\s"'${'`'}<>|)\]}]*\.(?:${FILE_EXT})(?![\w]))[^\s"'${'`'}<>|)\]}]*)*`,
  'gi',
);

const URL = /\b([a-z][a-z0-9+.-]*:\/\/[^\s"'`<>?#]*)([?#][^\s"'`<>]*)?/gi;

// Coordinates as people and tools write them: "48.13743, 11.57549", ISO 6709 "+48.1374+011.5755/",
// degrees-minutes-seconds, "lat=48.1", exiftool's -GPSLatitude=48.1.
const DECIMAL_PAIR = /(?<![\w.])[-+]?\d{1,3}\.\d{2,}\s*[,;/ ]\s*[-+]?\d{1,3}\.\d{2,}(?![\w.])/g;
const ISO6709 = /[-+]\d{1,2}(?:\.\d+)?[-+]\d{1,3}(?:\.\d+)?(?:[-+]\d+(?:\.\d+)?)?(?:CRS[\w:]+)?\/?/g;
const DMS = /\d{1,3}\s*(?:°|deg)\s*\d{1,2}\s*['′]\s*(?:\d{1,2}(?:\.\d+)?\s*(?:["″]|''))?\s*[NSEW]?/gi;
const LABELLED = /\b((?:gps)?(?:lat|lon|lng|latitude|longitude|altitude|coordinates|position|location)[\w:-]*\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;]+(?:\s*,\s*[-+]?\d+(?:\.\d+)?)*)/gi;

export type Redactor = {
  /** Rewrites one string (a message, a stack, any value). */
  text(value: string): string;
  /** Rewrites any JSON value: location and secret keys lose their values, strings go through `text`. */
  value(value: unknown, key?: string): unknown;
  /** Rewrites one serialised log line (JSON); a line that is not JSON is treated as text. */
  line(line: string): string;
};

export function createRedactor(roots: RedactRoots = {}): Redactor {
  const named = (['library', 'data', 'app'] as const)
    .map((name) => [name, roots[name]] as const)
    .flatMap(([name, dir]) => (dir && dir.length > 1 ? [[name, trimSlash(dir)] as const] : []))
    // Longest first: a library inside the home folder is <library>, not ~/Pictures/….
    .sort((a, b) => b[1].length - a[1].length);
  const home = roots.home && roots.home.length > 1 ? trimSlash(roots.home) : undefined;

  function path(raw: string): string {
    const normal = raw.replace(/\\/g, '/');
    for (const [name, dir] of named) {
      const d = dir.replace(/\\/g, '/');
      if (normal === d || normal.startsWith(`${d}/`)) return `<${name}>${keepInside(name, normal.slice(d.length))}`;
    }
    if (SYSTEM_PREFIXES.some((prefix) => normal.startsWith(prefix)) || WINDOWS_SYSTEM.test(raw)) return raw;
    if (home && (normal === home.replace(/\\/g, '/') || normal.startsWith(`${home.replace(/\\/g, '/')}/`))) {
      return normal === home.replace(/\\/g, '/') ? '~' : `~/${hiddenName(normal)}`;
    }
    if (normal === '/' || normal === '~') return normal;
    if (normal.startsWith('~/')) return `~/${hiddenName(normal)}`;
    return hiddenName(normal);
  }

  function text(value: string): string {
    if (value.length === 0) return value;
    // A file: URL is a path in disguise (ES module stack frames, Electron's file URLs): its path is redacted.
    let out = value.replace(URL, (_all, base: string) => (/^file:\/\//i.test(base) ? `file://${path(safeDecode(base.slice(7)))}` : base));
    out = out.replace(LABELLED, (_all, label: string) => `${label}${REDACTED}`);
    out = out.replace(DECIMAL_PAIR, REDACTED).replace(ISO6709, (match) => (/\d\.\d/.test(match) || match.length > 8 ? REDACTED : match)).replace(DMS, REDACTED);
    out = out.replace(PATH, (match) => {
      // A URL's path was kept above with its scheme; only stand-alone paths are paths here.
      return path(match);
    });
    out = out.replace(BARE_FILE, (match) => (LIBRARY_ID.test(match) ? match : `<file>${extension(match)}`));
    return out;
  }

  function value(input: unknown, key?: string): unknown {
    if (key !== undefined && (LOCATION_KEY.test(key) || SECRET_KEY.test(key))) {
      return input === null || input === undefined ? input : REDACTED;
    }
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map((item) => value(item));
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(input)) out[k] = value(v, k);
      return out;
    }
    return input;
  }

  function line(raw: string): string {
    const body = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    try {
      return `${JSON.stringify(value(JSON.parse(body)))}\n`;
    } catch {
      return `${text(body)}\n`;
    }
  }

  return { text, value, line };
}

function trimSlash(dir: string): string {
  return dir.length > 1 ? dir.replace(/[\\/]+$/, '') : dir;
}

/** Inside a folder of Darkslide's own, the names Darkslide made are kept and any the user gave are hidden. */
function keepInside(root: 'library' | 'data' | 'app', rest: string): string {
  if (rest === '' || root === 'app') return rest;
  const parts = rest.split('/');
  return parts
    .map((part, index) => {
      if (part === '') return part;
      if (root === 'data') return parts[index - 1] === 'looks' ? `<file>${extension(part)}` : part;
      const ours = LIBRARY_ID.test(part) || /^\d{4}(-\d{2}-\d{2})?$/.test(part) || /^\.(trash|originals|darkslide)$/.test(part);
      return ours ? part : `<file>${extension(part)}`;
    })
    .join('/');
}

/** A path outside Darkslide's folders keeps only its file type: the folder and file names are the user's. */
function hiddenName(normal: string): string {
  const base = normal.split('/').pop() ?? '';
  if (LIBRARY_ID.test(base)) return `…/${base}`;
  return `<path>${extension(base)}`;
}

function extension(name: string): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  return match ? `.${match[1]!.toLowerCase()}` : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
