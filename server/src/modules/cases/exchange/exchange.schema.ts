import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The fields a receiving department may be granted of a case summary (exchange/). */
export const EXCHANGE_FIELDS = ['caseNo', 'stage', 'partyName', 'uscc', 'summary', 'foundOn', 'openedOn', 'violation', 'legalBasis', 'penaltyTypes', 'penaltyText', 'documentNo', 'decidedOn', 'amountDue', 'closedOn', 'transfers', 'orgName'] as const;
export type ExchangeField = (typeof EXCHANGE_FIELDS)[number];

/**
 * §四3: what a department (纪检监察, 法院, 检察院, 公安, other enforcement organs; an org of type
 * `department`) may fetch of case summaries: the fields, and which cases (decided ones only, or
 * open ones too; those transferred to them). No grant: 403.
 */
export const caseExchangeGrants = pgTable('case_exchange_grants', {
  orgId: uuid().primaryKey(),
  fields: text().array().$type<ExchangeField[]>().notNull(),
  includeOpen: boolean().notNull().default(false),
  active: boolean().notNull().default(true),
  updatedByName: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Bumped by every change; the ETag of the grant (If-Match). */
  version: integer().notNull().default(1),
});

/** A case summary another department posted (their own case), shown to officers; one per (org, their number). */
export const externalCases = pgTable(
  'external_cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull(),
    externalNo: text().notNull(),
    partyName: text().notNull(),
    uscc: text(),
    summary: text().notNull(),
    status: text().notNull(),
    decidedOn: date({ mode: 'string' }),
    penaltyText: text(),
    regionCode: text().notNull(),
    postedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('external_cases_org_no').on(t.orgId, t.externalNo), index().on(t.uscc), index().on(t.regionCode)],
);
