import dayjs from 'dayjs';

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
