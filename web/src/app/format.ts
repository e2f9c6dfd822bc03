import dayjs, { type Dayjs } from 'dayjs';

/** China keeps UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * A value as China's clock shows it, whatever the browser's time zone: an instant
 * (`2026-03-01T01:30:00Z`) at UTC+8; a calendar date (`2026-03-01`) as it is.
 */
function inChina(value: string): Dayjs {
  const instant = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(instant)) return dayjs(value);
  return dayjs(new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 19));
}

/** `2026-03-01 09:30:00` in China time, or the placeholder for empty values. */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return value ? inChina(value).format('YYYY-MM-DD HH:mm:ss') : empty;
}

/** The day in China of a date or an instant, or the placeholder for empty values. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  return value ? inChina(value).format('YYYY-MM-DD') : empty;
}

/** True when an ISO timestamp lies in the future. */
export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}

/**
 * Today in China (UTC+8, no daylight saving) as a local-midnight dayjs, whatever the browser's time
 * zone: the day the server's deadlines and date checks count from.
 */
export function todayInChina(now = Date.now()): Dayjs {
  return dayjs(new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10));
}

/** For a DatePicker's `disabledDate` where the day cannot lie in the future: true after today in China. */
export const isAfterToday = (d: Dayjs): boolean => d.isAfter(todayInChina(), 'day');
