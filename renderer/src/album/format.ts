// Small things the album shows: durations, what the trash keeps and for how long.

/** Items in the trash are deleted for good this many days after they were put there. */
export const TRASH_DAYS = 30;

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Whole days before the purge deletes a trashed item for good (0 on its last day): the library's date for it. */
export function trashDaysLeft(item: { trashedAt: string | null; purgeAt?: string | null | undefined }, now = Date.now()): number {
  const purge = item.purgeAt ? Date.parse(item.purgeAt) : Date.parse(item.trashedAt ?? '') + TRASH_DAYS * 86_400_000;
  return Math.max(0, Math.ceil((purge - now) / 86_400_000));
}

/** Bytes as people read them: 2.4 MB, 830 KB (decimal units, as file managers show). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
