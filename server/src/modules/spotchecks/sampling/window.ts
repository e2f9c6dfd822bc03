import type { Db } from '../../../db/client.js';
import { addDays, parseDate } from '../../../platform/calendar/dates.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { AppError } from '../../../platform/http/errors.js';

/**
 * The last day an objection may be filed (产品质量法 §15, README § Objection window): `days`
 * calendar days after the day the enterprise received the result (the day of receipt not counted:
 * received on 3-02, 15 days → 3-17), moved to the next working day when that day is a weekend or a
 * holiday (民法典 §203). `certain` is false when a day looked at lies in a year without holiday
 * data. `tx`: the caller's open transaction (PGlite has one connection).
 */
export async function objectionDue(calendar: CalendarService, receivedOn: string, days: number, tx?: Db): Promise<{ date: string; certain: boolean }> {
  if (!parseDate(receivedOn)) throw new AppError('INVALID_DATE', `日期格式应为 YYYY-MM-DD：${receivedOn}`, 400, { field: 'receivedOn' });
  const last = addDays(receivedOn, days);
  // The first working day on or after `last`: one working day after the day before it.
  return calendar.addWorkingDays(addDays(last, -1), 1, tx);
}

/** `months` calendar months after `date`, the day clamped to the month's end (08-31 + 6 → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The repeat rule (README § Repeat rule): a sample taken (or drawn) on `lastOn` keeps the same
 * product of the same enterprise out of draws until `months` months later; from that day on it is
 * eligible again (last 06-06, 6 months: 12-05 excluded, 12-06 eligible).
 */
export const withinRepeatWindow = (lastOn: string, months: number, today: string): boolean => addMonths(lastOn, months) > today;
