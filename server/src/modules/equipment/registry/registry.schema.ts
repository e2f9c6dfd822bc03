import { sql } from 'drizzle-orm';
import { bytea } from '../../../db/columns.js';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** 在用 / 停用 / 报废 / 注销: the use status of a unit (a state machine, registry/states.ts). */
export const EQUIPMENT_STATUSES = ['in_use', 'suspended', 'scrapped', 'deregistered'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/** Kinds of place whose units are key units (SAMR Order 57 §9): sampled at a higher ratio. */
export const KEY_UNIT_KINDS = ['school', 'hospital', 'station', 'mall', 'scenic_area', 'residential'] as const;
export type KeyUnitKind = (typeof KEY_UNIT_KINDS)[number];

export const INSPECTION_CONCLUSIONS = ['pass', 'pass_with_remarks', 'fail'] as const;
export type InspectionConclusion = (typeof INSPECTION_CONCLUSIONS)[number];

/**
 * The special-equipment catalogue (特种设备目录) as a dictionary: the ten top categories of
 * FACTS.md (`parentCode` null, e.g. `3000` 电梯) and their subcategories (`3100` 曳引与强制驱动电梯…),
 * preloaded at first start; administrators (`equipment.configure`) add and rename entries.
 */
export const equipmentCategories = pgTable(
  'equipment_categories',
  {
    code: text().primaryKey(),
    parentCode: text(),
    name: text().notNull(),
    /** Units of this category are run by certified operators (持证上岗): counted in the certified-operator rate. */
    needsOperator: boolean().notNull().default(false),
    /** The TSG Z6001 work items whose certificate qualifies an operator of such units (e.g. `G1` for boilers). */
    operatorWorkItems: text().array().notNull().default(sql`'{}'::text[]`),
    builtin: boolean().notNull().default(false),
    sort: integer().notNull().default(0),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.parentCode, t.sort)],
);

/**
 * A special-equipment unit (特种设备) in use by an enterprise of the register (使用单位, by USCC).
 * Its inspection state (`lastInspectedOn`, `lastConclusion`, `nextInspectionDue`) is kept on the
 * row by the periodic-inspection service so lists filter and sort on it without a join.
 * `overdue` and `failedInUse` are computed when read (they depend on today).
 */
export const equipmentUnits = pgTable(
  'equipment_units',
  {
    id: uuid().primaryKey().defaultRandom(),
    category: text().notNull(),
    subcategory: text(),
    /** 设备代码: 1–32 characters [0-9A-Z]. */
    equipmentCode: text().notNull(),
    /** 使用登记证编号. */
    registrationNo: text(),
    userUscc: text().notNull(),
    /** The unit's own place (data scope of officers), not necessarily the user enterprise's seat. */
    regionCode: text().notNull(),
    address: text().notNull(),
    manufacturer: text(),
    model: text(),
    factoryNo: text(),
    putIntoServiceOn: date({ mode: 'string' }).notNull(),
    status: text().$type<EquipmentStatus>().notNull().default('in_use'),
    keyUnitKind: text().$type<KeyUnitKind>(),
    /** Pressure vessels only: 安全状况等级 1–5. */
    safetyGrade: integer(),
    lastInspectedOn: date({ mode: 'string' }),
    lastConclusion: text().$type<InspectionConclusion>(),
    nextInspectionDue: date({ mode: 'string' }),
    /** The import that created the unit; null when registered in a form. Not a foreign key (imports are never deleted). */
    importId: uuid(),
    createdByName: text().notNull(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('equipment_units_code_unique').on(t.equipmentCode),
    uniqueIndex('equipment_units_registration_unique').on(t.registrationNo),
    index().on(t.userUscc),
    index().on(t.regionCode, t.category),
    // The due list: units in use by due date (a county's first page walks this and filters the region).
    index('equipment_units_due_in_use').on(t.nextInspectionDue, t.id).where(sql`status = 'in_use'`),
    // A county's due list: its page in index order (the id breaks ties of a due date), its total an index-only scan.
    index('equipment_units_region_due').on(t.regionCode, t.nextInspectionDue, t.id).where(sql`status = 'in_use'`),
  ],
);

/**
 * The history of a unit: registration, changes (before/after of the changed fields), status
 * transitions with their reason, inspections recorded. One row per event, never changed.
 */
export const equipmentEvents = pgTable(
  'equipment_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    equipmentId: uuid().notNull(),
    /** `registered`, `changed`, `transition`, `inspected`, `imported` … */
    kind: text().notNull(),
    fromStatus: text().$type<EquipmentStatus>(),
    toStatus: text().$type<EquipmentStatus>(),
    reason: text(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    actorName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.equipmentId, t.at)],
);

/** One bulk import of units: who, which file, what it did (also in the audit trail). */
export const equipmentImports = pgTable('equipment_imports', {
  id: uuid().primaryKey().defaultRandom(),
  fileName: text().notNull(),
  mode: text().$type<'all-or-nothing' | 'valid-rows'>().notNull(),
  rows: integer().notNull(),
  created: integer().notNull(),
  rejected: integer().notNull(),
  importedByName: text().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Files attached to equipment records (emergency plans and drills, hazard evidence, self-inspection
 * reports): `ownerType` names the record kind, `ownerId` its id. Content checked by its bytes on upload.
 */
export const equipmentFiles = pgTable(
  'equipment_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerType: text().notNull(),
    ownerId: uuid().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    uploadedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.ownerType, t.ownerId)],
);
