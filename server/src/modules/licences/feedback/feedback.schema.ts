import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../../enterprises/index.js';
import { licences } from '../licences.schema.js';

export const FEEDBACK_KINDS = ['licence_revoked', 'licence_suspended', 'conditions_changed', 'closure_decision', 'serious_violation', 'other'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** How a notice reached us: another department's system (API key), an officer's entry, or an import. */
export const FEEDBACK_SOURCES = ['api', 'manual', 'import'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/** none: no measure (with reason); measure: a transition on one of the holder's licences; exit: an exit procedure opened. */
export const FEEDBACK_DECISIONS = ['none', 'measure', 'exit'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

/**
 * A notice from another licensing department about a market entity (seed §三(一)2(2)): it waits
 * in the triage queue of the competent bureau until an officer decides, within a handling
 * deadline in working days.
 */
export const licenceFeedback = pgTable(
  'licence_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    uscc: text().notNull(),
    /** Null when the code is not in the register (the notice still lands, at the city bureau). */
    enterpriseId: uuid().references(() => enterprises.id),
    department: text().notNull(),
    kind: text().$type<FeedbackKind>().notNull(),
    summary: text().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    documentNo: text(),
    source: text().$type<FeedbackSource>().notNull(),
    /** The API key that posted it (source `api`). */
    apiKeyId: uuid(),
    createdBy: uuid(),
    createdByName: text().notNull(),
    /** The holder's region (data scope); the city's code for an unknown enterprise. */
    regionCode: text().notNull(),
    /** The competent bureau whose queue it lands in. */
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    receivedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** False when the deadline runs over a year the working-day calendar has no data for. */
    dueCertain: boolean().notNull(),
    decision: text().$type<FeedbackDecision>(),
    decisionReason: text(),
    licenceId: uuid().references(() => licences.id),
    transitionId: uuid(),
    exitId: uuid(),
    decidedBy: uuid(),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.orgId, t.decidedAt), index().on(t.regionCode), index().on(t.enterpriseId), index().on(t.dueOn), index().on(t.uscc)],
);
