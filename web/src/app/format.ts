import dayjs, { type Dayjs } from 'dayjs';

/** `2026-03-01 09:30` in local time, or the placeholder for empty values. */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : empty;
}

export function formatDate(value: string | null | undefined, empty = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : empty;
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
  return dayjs(new Date(now + 8 * 3_600_000).toISOString().slice(0, 10));
}

/** For a DatePicker's `disabledDate` where the day cannot lie in the future: true after today in China. */
export const isAfterToday = (d: Dayjs): boolean => d.isAfter(todayInChina(), 'day');
