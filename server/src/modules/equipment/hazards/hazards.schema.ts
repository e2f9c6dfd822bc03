import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const HAZARD_SOURCES = ['self_inspection', 'supervision', 'complaint', 'periodic_inspection'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];
export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** An enterprise's self-inspection (自查) of its units, reported through its account or entered by staff; its hazards point to it. */
export const equipmentSelfInspections = pgTable(
  'equipment_self_inspections',
  {
    id: uuid().primaryKey().defaultRandom(),
    userUscc: text().notNull(),
    regionCode: text().notNull(),
    inspectedOn: date({ mode: 'string' }).notNull(),
    note: text(),
    reportedByKind: text().$type<'enterprise' | 'staff'>().notNull(),
    reportedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userUscc, t.inspectedOn)],
);

/**
 * A hazard (隐患) of a unit or of a user unit as a whole: where it came from, its level, the
 * correction deadline and the correction with its evidence (`equipment_files`, `ownerType` `hazard`).
 * The self-correction rate (§三(二)4(2), target ≥ 90 %) counts hazards of source `self_inspection`.
 * A hazard from supervision links the inspection task and rectification order it came with, and
 * the 暗访通报 that listed it; the county reports it closed (`countyClosedOn`).
 */
export const equipmentHazards = pgTable(
  'equipment_hazards',
  {
    id: uuid().primaryKey().defaultRandom(),
    equipmentId: uuid(),
    userUscc: text().notNull(),
    regionCode: text().notNull(),
    source: text().$type<HazardSource>().notNull(),
    selfInspectionId: uuid(),
    foundOn: date({ mode: 'string' }).notNull(),
    description: text().notNull(),
    level: text().$type<HazardLevel>().notNull(),
    correctionDueOn: date({ mode: 'string' }).notNull(),
    correctedOn: date({ mode: 'string' }),
    correctionNote: text(),
    correctedByKind: text().$type<'enterprise' | 'staff'>(),
    taskId: uuid(),
    orderId: uuid(),
    noticeId: uuid(),
    /** The county bureau reported it closed to the city (暗访通报 tracking). */
    countyClosedOn: date({ mode: 'string' }),
    countyClosedNote: text(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userUscc, t.foundOn), index().on(t.regionCode, t.foundOn), index().on(t.equipmentId), index().on(t.noticeId)],
);

/** An accident (事故) involving a unit or user unit: a factor of the tier score (accidents in 2 years). */
export const equipmentAccidents = pgTable(
  'equipment_accidents',
  {
    id: uuid().primaryKey().defaultRandom(),
    equipmentId: uuid(),
    userUscc: text().notNull(),
    regionCode: text().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    description: text().notNull(),
    casualties: integer().notNull().default(0),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userUscc, t.occurredOn)],
);
