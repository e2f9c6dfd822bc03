import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../../enterprises/index.js';
import { licenceTypes } from '../licences.schema.js';

export const LEAD_STATUSES = ['open', 'assigned', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** How a closed lead ended: a case was filed, the operator got licensed, stopped operating, the lead was unfounded, or transferred. */
export const LEAD_OUTCOMES = ['case_filed', 'licensed', 'ceased', 'unfounded', 'transferred'] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];

/**
 * A lead about unlicensed operation (无证无照经营, seed §三(一)2(3)) against a named operator,
 * with or without a USCC. It is listed, assigned and closed with a result; a case opened on it
 * (the cases module) closes it as `case_filed` and names the case (`caseId`).
 */
export const unlicensedLeads = pgTable(
  'unlicensed_leads',
  {
    id: uuid().primaryKey().defaultRandom(),
    operatorName: text().notNull(),
    uscc: text(),
    enterpriseId: uuid().references(() => enterprises.id),
    address: text().notNull(),
    regionCode: text().notNull(),
    /** The licence the operation needs, when known. */
    licenceTypeKey: text().references(() => licenceTypes.key),
    /** Where the lead came from, e.g. 日常检查, 投诉举报, 部门移送. */
    source: text().notNull(),
    description: text().notNull(),
    /** The competent bureau. */
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    status: text().$type<LeadStatus>().notNull().default('open'),
    assigneeId: uuid(),
    assigneeName: text(),
    outcome: text().$type<LeadOutcome>(),
    /** The case the lead was opened as (outcome `case_filed` through the cases module). */
    caseId: uuid(),
    result: text(),
    closedBy: uuid(),
    closedByName: text(),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdByName: text().notNull(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode), index().on(t.status, t.createdAt), index().on(t.assigneeId)],
);
