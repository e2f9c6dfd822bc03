import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Manual corrections and additions to the statutory calendar (win over the package's data). */
export const calendarDays = pgTable('calendar_days', {
  date: date({ mode: 'string' }).primaryKey(),
  workingDay: boolean().notNull(),
  name: text(),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Years whose holidays an administrator has entered completely (the package lacks them). */
export const calendarYears = pgTable('calendar_years', {
  year: integer().primaryKey(),
  covered: boolean().notNull(),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
