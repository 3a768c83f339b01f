// Export file names: a template the person writes ("{date}_{camera}_{seq}"), filled per item and made safe for
// every disk the file may end up on. Shared so the export dialog shows the same name main will write.
//
// Safe means: no path separators or characters Windows, macOS or Linux refuse (/ \ : * ? " < > |), no control
// characters, no bidirectional overrides (a name must read as what it is: "photo\u202Egpj.exe" shows as
// "photoexe.jpg"), no leading dot (hidden) or dash (an option to shell tools), no trailing dot or space (Windows
// drops them), no Windows device name (CON, NUL, COM1, ... with any extension), and at most 255 bytes of UTF-8
// with room left for a collision suffix " (2)": the tightest of ext4, APFS, NTFS and exFAT's limits, since a
// UTF-8 byte count is never below the UTF-16 unit count NTFS and exFAT measure.

export const TEMPLATE_FIELDS = ['date', 'time', 'camera', 'seq', 'original'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Record<TemplateField, string>;

export const DEFAULT_TEMPLATE = '{date}_{time}_{camera}';
/** Bytes a file name may take on the disks people export to. */
export const MAX_NAME_BYTES = 255;
/** Room kept for " (9999)": collisions are resolved by numbering, never by overwriting. */
const SUFFIX_RESERVE = ' (9999)'.length;
export const MAX_TEMPLATE_LENGTH = 200;

export type TemplateProblem = { problem: 'empty' } | { problem: 'unknown-field'; field: string } | { problem: 'unclosed'; at: number } | { problem: 'too-long'; max: number };

const TOKEN = /\{([^{}]*)\}/g;

/** Why a template cannot be used, or null when it can. */
export function checkTemplate(template: string): TemplateProblem | null {
  if (template.length > MAX_TEMPLATE_LENGTH) return { problem: 'too-long', max: MAX_TEMPLATE_LENGTH };
  if (template.trim() === '') return { problem: 'empty' };
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1]!.trim();
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) return { problem: 'unknown-field', field: match[0] };
  }
  const rest = template.replace(TOKEN, '');
  const brace = rest.search(/[{}]/);
  if (brace >= 0) return { problem: 'unclosed', at: template.indexOf(rest[brace]!) };
  return null;
}

export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(TOKEN, (_, name: string) => values[name.trim() as TemplateField] ?? '');
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** {seq}: 1-based position, zero-padded to the width of the count (at least 3: 001). */
export function seqText(position: number, count: number): string {
  return pad(position, Math.max(3, String(count).length));
}

/** A capture instant as the wall clock where it was taken: {date} 2024-05-01, {time} 10-20-30 (no colons: Windows and macOS refuse them). */
export function captureTexts(takenAt: Date, utcOffsetMinutes: number): { date: string; time: string } {
  const local = new Date(takenAt.getTime() + utcOffsetMinutes * 60_000);
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}-${pad(local.getUTCMinutes())}-${pad(local.getUTCSeconds())}`,
  };
}

/** "2024-05-01T10:20:30.500+01:00" → the instant and its offset (Z is +00:00; no offset reads as UTC). */
export function parseIsoCapture(iso: string): { takenAt: Date; utcOffsetMinutes: number } | null {
  const takenAt = new Date(iso);
  if (Number.isNaN(takenAt.getTime())) return null;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  const utcOffsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return { takenAt, utcOffsetMinutes };
}

/** A file's name without its extension: {original}. */
export function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

// Characters one of the three systems refuses in a name, and the separators.
const FORBIDDEN = /[/\\:*?"<>|]/g;
// C0 and C1 controls, DEL; line and paragraph separators.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Bidirectional marks, embeddings, overrides and isolates, and the byte order mark. Joiners (ZWJ, ZWNJ) stay:
// emoji sequences and Persian words need them.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character a reader sees as one. */
function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = byteLength(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

function tidyEnds(text: string): string {
  return text.replace(/^[\s.-]+/, '').replace(/[\s.]+$/, '');
}

/**
 * A name stem made safe (see the top of this file), short enough that `stem + " (9999)" + ext` fits in
 * MAX_NAME_BYTES. `fallback` is used when nothing is left (a template of only forbidden characters).
 */
export function safeStem(text: string, ext: string, fallback = 'darkslide'): string {
  let stem = text
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(FORBIDDEN, '_')
    .replace(/\s+/g, ' ');
  stem = tidyEnds(stem);
  stem = tidyEnds(cutToBytes(stem, MAX_NAME_BYTES - byteLength(ext) - SUFFIX_RESERVE));
  if (stem === '') stem = fallback;
  // "CON.jpg" and "nul.tar.jpg" are devices on Windows whatever follows the first dot.
  if (RESERVED.test(stem.split('.')[0]!.trim())) stem = `${stem}_`;
  return stem;
}

/** The n-th candidate for a name: "stem.jpg", "stem (2).jpg", "stem (3).jpg", ... */
export function numberedName(stem: string, ext: string, n: number): string {
  return n <= 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`;
}

/** The name stem an item gets before collisions: the template filled and made safe (the original's name if nothing is left). */
export function exportStem(template: string, values: TemplateValues, ext: string): string {
  return safeStem(fillTemplate(template, values), ext, safeStem(values.original, ext));
}

/** The file name an item gets before collisions: exportStem with the format's extension. */
export function exportFileName(template: string, values: TemplateValues, ext: string): string {
  return `${exportStem(template, values, ext)}${ext}`;
}
