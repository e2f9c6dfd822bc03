import { api } from '../../api/client';
import type {
  AddWorkingDaysResult,
  CalendarDay,
  CalendarDaysResult,
  CalendarOverrideInput,
  CalendarYearCovered,
  CalendarYear,
  ListResult,
} from '../../api/types';

export const calendarApi = {
  years: () => api.get<ListResult<CalendarYear>>('/api/calendar/years'),
  days: (year: number) => api.get<CalendarDaysResult>('/api/calendar/days', { year }),
  /** `version`: the day's override as listed (0: none yet), If-Match. */
  setDay: (date: string, input: CalendarOverrideInput, version?: number) =>
    api.put<CalendarDay>(`/api/calendar/days/${encodeURIComponent(date)}`, input, version),
  deleteDay: (date: string, version?: number) => api.del(`/api/calendar/days/${encodeURIComponent(date)}`, version),
  /** `version`: the year's `coveredVersion` as listed. */
  setYearCovered: (year: number, covered: boolean, version?: number) =>
    api.put<CalendarYearCovered>(`/api/calendar/years/${year}`, { covered }, version),
  addWorkingDays: (from: string, days: number) =>
    api.get<AddWorkingDaysResult>('/api/calendar/add-working-days', { from, days }),
};
