import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { InspectionConclusion } from '../registry/registry.schema.js';

/** 定期检验 kinds: boilers have internal and external inspections, everything else `periodic`. */
export const PERIODIC_KINDS = ['periodic', 'internal', 'external'] as const;
export type PeriodicKind = (typeof PERIODIC_KINDS)[number];

/** One periodic inspection (特种设备安全法 §40) of a unit, by an inspection institution, with its report. */
export const equipmentInspections = pgTable(
  'equipment_inspections',
  {
    id: uuid().primaryKey().defaultRandom(),
    equipmentId: uuid().notNull(),
    kind: text().$type<PeriodicKind>().notNull().default('periodic'),
    institution: text().notNull(),
    inspectedOn: date({ mode: 'string' }).notNull(),
    reportNo: text().notNull(),
    conclusion: text().$type<InspectionConclusion>().notNull(),
    /** The due date this inspection set on the unit (null when it left it unchanged: a fail). */
    nextDue: date({ mode: 'string' }),
    /** The rule that computed `nextDue` (its id at the time). */
    ruleId: uuid(),
    /**
     * The due date this inspection answered: the unit's `nextInspectionDue` when it was recorded
     * (null: the unit had none). On time when `inspectedOn` ≤ it (the dashboard's on-time rate).
     */
    dueAnswered: date({ mode: 'string' }),
    recordedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.equipmentId, t.inspectedOn)],
);

/**
 * When the next periodic inspection is due, per category and optionally subcategory, inspection
 * kind and safety grade (the most specific matching rule wins); `first` rules give the first
 * inspection's due date from the put-into-service date. Defaults from FACTS.md (unverified, so
 * administrators change them with `equipment.configure`).
 */
export const equipmentDueRules = pgTable(
  'equipment_due_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    category: text().notNull(),
    subcategory: text(),
    kind: text().$type<PeriodicKind>(),
    safetyGrade: integer(),
    /** `periodic`: from an inspection's date; `first`: from the put-into-service date. */
    basis: text().$type<'periodic' | 'first'>().notNull().default('periodic'),
    intervalMonths: integer().notNull(),
    note: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.category),
    // One rule per (category, subcategory, kind, grade, basis): the most specific match is then unambiguous.
    uniqueIndex('equipment_due_rules_unique').on(t.category, sql`coalesce(${t.subcategory}, '')`, sql`coalesce(${t.kind}, '')`, sql`coalesce(${t.safetyGrade}, 0)`, t.basis),
  ],
);
