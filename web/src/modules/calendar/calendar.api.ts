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
  setDay: (date: string, input: CalendarOverrideInput) =>
    api.put<CalendarDay>(`/api/calendar/days/${encodeURIComponent(date)}`, input),
  deleteDay: (date: string) => api.del(`/api/calendar/days/${encodeURIComponent(date)}`),
  setYearCovered: (year: number, covered: boolean) =>
    api.put<CalendarYearCovered>(`/api/calendar/years/${year}`, { covered }),
  addWorkingDays: (from: string, days: number) =>
    api.get<AddWorkingDaysResult>('/api/calendar/add-working-days', { from, days }),
};
