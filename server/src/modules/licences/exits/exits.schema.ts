import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { licences } from '../licences.schema.js';

/**
 * The three exit workflows of seed §三(三): the holder no longer meets the conditions (→
 * investigation → revocation unless there is a justified reason); a local government's closure
 * decision (→ cancellation); another department's finding of a serious violation (→ revocation).
 */
export const EXIT_KINDS = ['conditions_lost', 'closure', 'serious_violation'] as const;
export type ExitKind = (typeof EXIT_KINDS)[number];

export const EXIT_TRIGGER_SOURCES = ['complaint', 'department', 'government', 'feedback'] as const;
export type ExitTriggerSource = (typeof EXIT_TRIGGER_SOURCES)[number];

/** The laws whose serious violation found by another department leads to revocation (§三(三)3). */
export const LAW_AREAS = ['price', 'tax', 'real_estate', 'product_quality', 'labour'] as const;
export type LawArea = (typeof LAW_AREAS)[number];

export const EXIT_STAGES = ['investigating', 'deciding', 'closed'] as const;
export type ExitStage = (typeof EXIT_STAGES)[number];

/** revoked / cancelled: the licence left for good; dismissed: a justified reason, the licence stays. */
export const EXIT_OUTCOMES = ['revoked', 'cancelled', 'dismissed'] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];

/** One exit procedure on a licence, from trigger to decision; its documents are `licence_documents` rows. */
export const licenceExits = pgTable(
  'licence_exits',
  {
    id: uuid().primaryKey().defaultRandom(),
    licenceId: uuid()
      .notNull()
      .references(() => licences.id),
    kind: text().$type<ExitKind>().notNull(),
    triggerSource: text().$type<ExitTriggerSource>().notNull(),
    feedbackId: uuid(),
    /** Who triggered it: the complainant's channel, the department or the government. */
    triggerParty: text().notNull(),
    triggerSummary: text().notNull(),
    triggerDocumentNo: text(),
    triggerOn: date({ mode: 'string' }).notNull(),
    lawArea: text().$type<LawArea>(),
    stage: text().$type<ExitStage>().notNull(),
    investigatorId: uuid(),
    investigatorName: text(),
    investigationDueOn: date({ mode: 'string' }),
    /** False when investigationDueOn was counted over a year without holiday data. */
    investigationDueCertain: boolean(),
    findings: text(),
    justifiedReason: boolean(),
    investigatedAt: timestamp({ withTimezone: true }),
    outcome: text().$type<ExitOutcome>(),
    decisionReason: text(),
    legalBasis: text(),
    documentNo: text(),
    transitionId: uuid(),
    decidedBy: uuid(),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    regionCode: text().notNull(),
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    createdBy: uuid(),
    createdByName: text().notNull(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.regionCode),
    index().on(t.stage, t.createdAt),
    // One open procedure per licence.
    uniqueIndex('licence_exits_one_open').on(t.licenceId).where(sql`${t.stage} <> 'closed'`),
  ],
);
