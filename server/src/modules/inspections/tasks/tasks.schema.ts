import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../../db/columns.js';
import { enterprises } from '../../enterprises/index.js';
import type { SEVERITIES } from '../inspections.schema.js';

/** Why a task exists: drawn by a plan, or created by hand after a complaint or for a targeted check. */
export const TASK_ORIGINS = ['draw', 'complaint', 'targeted'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];

/**
 * assigned → in_progress (answers saved) → inspected (checklist submitted, findings fixed)
 * → [rectifying (order issued) → rechecking (rectification reported) → inspected]* → completed → published.
 */
export const TASK_STATES = ['assigned', 'in_progress', 'inspected', 'rectifying', 'rechecking', 'completed', 'published'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** One answer of the checklist: yes/no as boolean, text, number, or photo ids for a photo question. */
export interface ChecklistAnswer {
  value: boolean | string | number | string[] | null;
  note?: string;
}

/** A finding: produced by a "no" to a question with a finding, or recorded by the inspector. */
export interface Finding {
  questionKey: string | null;
  text: string;
  severity: (typeof SEVERITIES)[number];
}

/** An inspection task (检查任务): one object checked against one item by at least two inspectors. */
export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    // item, plan, draw and org carry no foreign keys: a draw inserts up to a hundred thousand tasks
    // in one statement, all with the same four values, taken from rows it holds locked; per-row
    // foreign-key checks made up some 80 % of that insert (issue 5's benchmark). None of these rows
    // is ever deleted. The enterprise keeps its foreign key.
    itemId: uuid().notNull(),
    planId: uuid(),
    drawId: uuid(),
    origin: text().$type<TaskOrigin>().notNull(),
    /** For tasks without a draw: the complaint number or the reason of the targeted check. */
    originNote: text(),
    objectKey: text().notNull(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprises.id),
    regionCode: text().notNull(),
    /** The competent bureau (data scope; an org id). */
    orgId: uuid().notNull(),
    inspectorIds: uuid().array().notNull(),
    state: text().$type<TaskState>().notNull(),
    /** Last day to carry out the check (end of the plan's last quarter, or set by hand). */
    dueOn: date({ mode: 'string' }),
    answers: jsonb().$type<Record<string, ChecklistAnswer>>().notNull().default({}),
    findings: jsonb().$type<Finding[]>().notNull().default([]),
    inspectedOn: date({ mode: 'string' }),
    resultCategory: text(),
    resultNote: text(),
    completedOn: date({ mode: 'string' }),
    /** Completion + 20 working days (企业信息公示暂行条例 §6). */
    publishDueOn: date({ mode: 'string' }),
    /** False when publishDueOn was counted over a year without holiday data. */
    publishDueCertain: boolean(),
    publishedAt: timestamp({ withTimezone: true }),
    createdByName: text().notNull(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.objectKey, t.itemId),
    // One task per drawn object (tasks without a draw have no draw id: never in conflict).
    uniqueIndex('inspection_tasks_one_per_drawn_object').on(t.drawId, t.objectKey),
    index().on(t.regionCode, t.state),
    index('inspection_tasks_inspectors').using('gin', t.inspectorIds),
    index('inspection_tasks_published').on(t.enterpriseId, t.publishedAt),
  ],
);

/** A rectification order (责令整改通知书) of a task, its report and its re-check. */
export const rectificationOrders = pgTable(
  'rectification_orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskId: uuid()
      .notNull()
      .references(() => inspectionTasks.id),
    documentNo: text().notNull().unique(),
    requirements: text().notNull(),
    workingDays: integer().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** False when dueOn was counted over a year without holiday data. */
    dueCertain: boolean(),
    fileName: text().notNull(),
    document: bytea().notNull(),
    issuedByName: text().notNull(),
    reportedOn: date({ mode: 'string' }),
    reportText: text(),
    reportedByName: text(),
    /** Who reported: the enterprise through its account (企业端), or staff on its behalf; null until reported. */
    reportedByKind: text().$type<'enterprise' | 'staff'>(),
    /** Report + 10 working days (SAMR Order 57 §29). */
    recheckDueOn: date({ mode: 'string' }),
    /** False when recheckDueOn was counted over a year without holiday data. */
    recheckDueCertain: boolean(),
    recheckedOn: date({ mode: 'string' }),
    recheckPassed: boolean(),
    recheckNote: text(),
    recheckedByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.taskId)],
);

/** A photo taken during a check, or an attachment of a rectification report (`orderId`: photos, PDF). */
export const taskPhotos = pgTable(
  'inspection_task_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    taskId: uuid()
      .notNull()
      .references(() => inspectionTasks.id),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    caption: text(),
    /** Set for an attachment of the report on this rectification order; null for the check's own photos. */
    orderId: uuid().references(() => rectificationOrders.id),
    uploadedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.taskId)],
);
