import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inTransaction, nextVersion } from '../../db/sql.js';
import type { RequestContext } from '../access/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { AppError, notFound } from '../http/errors.js';
import { type ExpectedVersion, assertVersion, preconditionFailed } from '../http/etag.js';
import { calendarDays, calendarYears } from './calendar.schema.js';
import { addDays, isWeekend, parseDate, yearOf } from './dates.js';
import { statutory } from './statutory.js';

export interface DayInfo {
  workingDay: boolean;
  /** False when the day lies in a year without holiday data (then Monday–Friday is assumed). */
  certain: boolean;
}

/** Longest span `addWorkingDays` accepts (about ten years of working days). */
export const MAX_WORKING_DAYS = 2500;

interface YearData {
  covered: boolean;
  /** The version of the year's manual "covered" declaration (0: never declared). */
  coveredVersion: number;
  overrides: Map<string, { workingDay: boolean; name: string | null; version: number }>;
}

/**
 * Working days: statutory data from the package, then the administrator's corrections on top.
 * A year neither the package nor an administrator covers is computed Monday–Friday, flagged uncertain.
 */
export function makeCalendarService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** Loads a year's overrides; one query per year touched by a computation. */
  function yearLoader(tx: Db = db) {
    const cache = new Map<number, Promise<YearData>>();
    return (year: number) => {
      let hit = cache.get(year);
      if (!hit) {
        hit = (async () => {
          const [rows, [manual]] = await Promise.all([
            tx.select().from(calendarDays).where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`))),
            tx.select().from(calendarYears).where(eq(calendarYears.year, year)),
          ]);
          return {
            covered: statutory.covers(year) || manual?.covered === true,
            coveredVersion: manual?.version ?? 0,
            overrides: new Map(rows.map((r) => [r.date, { workingDay: r.workingDay, name: r.name, version: r.version }])),
          };
        })();
        cache.set(year, hit);
      }
      return hit;
    };
  }

  async function dayInfo(load: ReturnType<typeof yearLoader>, date: string): Promise<DayInfo> {
    const year = await load(yearOf(date));
    const override = year.overrides.get(date);
    if (override) return { workingDay: override.workingDay, certain: year.covered };
    if (statutory.workday(date)) return { workingDay: true, certain: true };
    if (statutory.holiday(date)) return { workingDay: false, certain: true };
    return { workingDay: !isWeekend(date), certain: year.covered };
  }

  function requireDate(s: string, field: string) {
    if (!parseDate(s)) throw new AppError('INVALID_DATE', `日期格式应为 YYYY-MM-DD：${s}`, 400, { field });
  }

  return {
    async isWorkingDay(date: string): Promise<DayInfo> {
      requireDate(date, 'date');
      return dayInfo(yearLoader(), date);
    },

    /**
     * The `days`-th working day after `from` (from itself not counted); `days = 0` answers `from`.
     * `tx`: the caller's open transaction (PGlite has one connection: reading outside it would wait forever).
     */
    async addWorkingDays(from: string, days: number, tx: Db = db): Promise<{ date: string; certain: boolean }> {
      requireDate(from, 'from');
      if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
        throw new AppError('VALIDATION', `工作日数应为 0–${MAX_WORKING_DAYS} 的整数`, 400, { field: 'days' });
      }
      const load = yearLoader(tx);
      let date = from;
      let certain = true;
      for (let counted = 0; counted < days; ) {
        date = addDays(date, 1);
        const info = await dayInfo(load, date);
        certain &&= info.certain;
        if (info.workingDay) counted++;
      }
      return { date, certain };
    },

    /** Years that have holiday data, from the package or entered by an administrator. */
    async years() {
      const manual = await db.select().from(calendarYears).where(eq(calendarYears.covered, true));
      const items = [
        ...statutory.years().map((year) => ({ year, source: 'package' as const })),
        ...manual.filter((m) => !statutory.covers(m.year)).map((m) => ({ year: m.year, source: 'manual' as const })),
      ].sort((a, b) => a.year - b.year);
      return { items, total: items.length };
    },

    /**
     * A year's special days: statutory ones, with manual overrides replacing them. A day without a
     * manual override has version 0 (setting it with If-Match "0" creates the override only if
     * nobody did meanwhile); `coveredVersion` is the version of the year's declaration.
     */
    async days(year: number) {
      const data = await yearLoader()(year);
      const merged = new Map(statutory.specialDays(year).map((d) => [d.date, { ...d, source: 'package' as 'package' | 'manual', version: 0 }]));
      for (const [date, o] of data.overrides) merged.set(date, { date, workingDay: o.workingDay, name: o.name, source: 'manual', version: o.version });
      const items = [...merged.values()].sort((a, b) => a.date.localeCompare(b.date));
      return { year, covered: data.covered, coveredVersion: data.coveredVersion, items, total: items.length };
    },

    /** Sets a day's manual override; `expected` (If-Match) must name its version (0: no override yet). */
    async setDay(ctx: RequestContext, date: string, input: { workingDay: boolean; name?: string | null }, expected?: ExpectedVersion) {
      requireDate(date, 'date');
      return inTransaction(db, async (tx) => {
        // An absent row cannot be locked: concurrent creators meet at the primary key (the second
        // one's insert waits for the first and then updates, bumping the version).
        const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
        assertVersion(expected, before?.version ?? 0);
        const values = { date, workingDay: input.workingDay, name: input.name?.trim() || null, updatedBy: ctx.actor?.userId ?? null, updatedAt: new Date() };
        const [row] = await tx
          .insert(calendarDays)
          .values(values)
          .onConflictDoUpdate({ target: calendarDays.date, set: { ...values, version: nextVersion(calendarDays.version) } })
          .returning({ version: calendarDays.version });
        if (expected && row!.version !== (before?.version ?? 0) + 1) throw preconditionFailed(row!.version - 1);
        await audit.record(tx, ctx, { action: 'calendar.day_set', targetType: 'calendar_day', targetId: date, before: before ?? null, after: values });
        return { date, workingDay: values.workingDay, name: values.name, source: 'manual' as const, version: row!.version };
      });
    },

    /** Removes a day's manual override (the day is version 0 again); `expected`: If-Match. */
    async deleteDay(ctx: RequestContext, date: string, expected?: ExpectedVersion) {
      requireDate(date, 'date');
      await inTransaction(db, async (tx) => {
        const [locked] = await tx.select({ version: calendarDays.version }).from(calendarDays).where(eq(calendarDays.date, date)).for('update');
        if (!locked) throw notFound('日历调整');
        assertVersion(expected, locked.version);
        const [before] = await tx.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
        await audit.record(tx, ctx, { action: 'calendar.day_deleted', targetType: 'calendar_day', targetId: date, before });
      });
    },

    /** Declares a year whose holidays were entered by hand complete (or not); `expected` (If-Match) names the declaration's version (0: none yet). */
    async setYear(ctx: RequestContext, year: number, covered: boolean, expected?: ExpectedVersion) {
      if (statutory.covers(year)) throw new AppError('YEAR_FROM_PACKAGE', `${year} 年的节假日数据已由系统内置，只能逐日调整`, 409);
      return inTransaction(db, async (tx) => {
        const [before] = await tx.select({ version: calendarYears.version }).from(calendarYears).where(eq(calendarYears.year, year)).for('update');
        assertVersion(expected, before?.version ?? 0);
        const values = { year, covered, updatedBy: ctx.actor?.userId ?? null, updatedAt: new Date() };
        const [row] = await tx
          .insert(calendarYears)
          .values(values)
          .onConflictDoUpdate({ target: calendarYears.year, set: { ...values, version: nextVersion(calendarYears.version) } })
          .returning({ version: calendarYears.version });
        if (expected && row!.version !== (before?.version ?? 0) + 1) throw preconditionFailed(row!.version - 1);
        await audit.record(tx, ctx, { action: 'calendar.year_set', targetType: 'calendar_year', targetId: String(year), after: { covered } });
        return { year, covered, version: row!.version };
      });
    },
  };
}

export type CalendarService = ReturnType<typeof makeCalendarService>;
