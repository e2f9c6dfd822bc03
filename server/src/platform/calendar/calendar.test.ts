import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../../test/app.js';
import { addDays } from './dates.js';

const env = useTestEnv();

const add = (from: string, days: number) => env.services.calendar.addWorkingDays(from, days);

describe('working-day deadlines', () => {
  it.each([
    // National Day 2025 (Oct 1–8, with Sun Sep 28 and Sat Oct 11 worked): the issue's own example.
    ['2025-09-30', 7, '2025-10-16'],
    ['2025-09-26', 1, '2025-09-28'],
    // National Day 2024 (Oct 1–7; Sun Sep 29 and Sat Oct 12 worked).
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-30', 1, '2024-10-08'],
    ['2024-09-30', 5, '2024-10-12'],
    // National Day 2026 (Oct 1–7; Sun Sep 20 and Sat Oct 10 worked).
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-08', 2, '2026-10-10'],
    // Spring Festival 2024 (Feb 10–17; Sun Feb 4 and Sun Feb 18 worked; Feb 9 is a working day).
    ['2024-02-02', 1, '2024-02-04'],
    ['2024-02-08', 2, '2024-02-18'],
    // Spring Festival 2025 (Jan 28–Feb 4; Sun Jan 26 and Sat Feb 8 worked).
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    // Spring Festival 2026 (Feb 15–23; Sat Feb 14 and Sat Feb 28 worked).
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
  ])('%s + %i working days = %s', async (from, days, expected) => {
    expect(await add(from, days)).toEqual({ date: expected, certain: true });
  });

  it('days = 0 answers the start date', async () => {
    expect(await add('2025-10-01', 0)).toEqual({ date: '2025-10-01', certain: true });
  });

  it('knows holidays and 调休 workdays', async () => {
    const is = (d: string) => env.services.calendar.isWorkingDay(d);
    expect(await is('2025-10-11')).toEqual({ workingDay: true, certain: true });
    expect(await is('2025-10-08')).toEqual({ workingDay: false, certain: true });
    expect(await is('2026-02-28')).toEqual({ workingDay: true, certain: true });
    expect(await is('2026-03-01')).toEqual({ workingDay: false, certain: true });
  });

  it('computes Monday–Friday over a year without data and flags it uncertain', async () => {
    expect(await add('2026-12-30', 5)).toEqual({ date: '2027-01-06', certain: false });
    expect(await env.services.calendar.isWorkingDay('2027-03-03')).toEqual({ workingDay: true, certain: false });
  });

  it('takes an administrator’s days for a new year and becomes certain once the year is declared complete', async () => {
    const cal = env.services.calendar;
    await cal.setDay(env.ctx, '2027-01-01', { workingDay: false, name: '元旦' });
    expect(await add('2026-12-31', 1)).toEqual({ date: '2027-01-04', certain: false });
    await cal.setYear(env.ctx, 2027, true);
    expect(await add('2026-12-31', 1)).toEqual({ date: '2027-01-04', certain: true });
    expect((await cal.years()).items.at(-1)).toEqual({ year: 2027, source: 'manual' });
    const days = await cal.days(2027);
    expect(days).toMatchObject({ covered: true, items: [{ date: '2027-01-01', workingDay: false, name: '元旦', source: 'manual' }] });
    await cal.deleteDay(env.ctx, '2027-01-01');
    expect(await cal.isWorkingDay('2027-01-01')).toEqual({ workingDay: true, certain: true });
  });

  it('lets an administrator correct a packaged day', async () => {
    await env.services.calendar.setDay(env.ctx, '2026-06-01', { workingDay: false, name: '临时调整' });
    expect(await env.services.calendar.isWorkingDay('2026-06-01')).toEqual({ workingDay: false, certain: true });
    await expect(env.services.calendar.setYear(env.ctx, 2026, true)).rejects.toMatchObject({ code: 'YEAR_FROM_PACKAGE' });
    await env.services.calendar.deleteDay(env.ctx, '2026-06-01');
  });

  it('rejects impossible dates', async () => {
    await expect(add('2025-02-30', 1)).rejects.toMatchObject({ code: 'INVALID_DATE', status: 400 });
  });

  it('the answer is always a working day with exactly N working days after the start (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1095 }), fc.integer({ min: 1, max: 30 }), async (offset, n) => {
        const from = addDays('2024-01-01', offset);
        const { date } = await add(from, n);
        expect((await env.services.calendar.isWorkingDay(date)).workingDay).toBe(true);
        expect((await add(from, n - 1)).date < date).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('calendar API', () => {
  it('answers any logged-in user and refuses anonymous callers', async () => {
    const user = await env.makeUser({ roles: ['inspector'], regionCode: '320830' });
    const c = await env.login(user.username);
    const res = await c.get('/api/calendar/add-working-days?from=2025-09-30&days=7');
    expect(res.json()).toEqual({ date: '2025-10-16', certain: true });
    expect((await c.get('/api/calendar/is-working-day?date=2025-10-11')).json()).toEqual({ workingDay: true, certain: true });
    expect((await env.app.inject({ url: '/api/calendar/is-working-day?date=2025-10-11' })).statusCode).toBe(401);
    expect((await c.put('/api/calendar/days/2027-02-01', { workingDay: false })).statusCode).toBe(403);
  });

  it('validates its parameters', async () => {
    const c = await env.loginAdmin();
    expect((await c.get('/api/calendar/add-working-days?from=2025-9-30&days=7')).json().error.code).toBe('VALIDATION');
    expect((await c.get('/api/calendar/add-working-days?from=2025-09-30&days=-1')).statusCode).toBe(400);
    expect((await c.get('/api/calendar/add-working-days?from=2025-02-30&days=1')).json().error.code).toBe('INVALID_DATE');
  });
});
