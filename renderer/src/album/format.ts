// Small things the album shows: durations, what the trash keeps and for how long.

/** Items in the trash are deleted for good this many days after they were put there. */
export const TRASH_DAYS = 30;

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Whole days before the purge takes an item trashed at `trashedAt` (0 on its last day). */
export function trashDaysLeft(trashedAt: string, now = Date.now()): number {
  const left = Date.parse(trashedAt) + TRASH_DAYS * 86_400_000 - now;
  return Math.max(0, Math.ceil(left / 86_400_000));
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
