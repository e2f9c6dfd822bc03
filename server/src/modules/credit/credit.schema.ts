import { boolean, date, index, integer, jsonb, numeric, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const CREDIT_CLASS_VALUES = ['A', 'B', 'C', 'D'] as const;
export type CreditClassValue = (typeof CREDIT_CLASS_VALUES)[number];

/** A record behind a factor, with its points (after decay, scaled to the factor's cap) and a line naming it. */
export interface CreditReasonItem {
  type: string;
  id: string;
  points: number;
  detail: string;
}

/**
 * One factor of a score (every factor of the model, also with 0 points): its clamped points, a
 * summary, the exact count of records behind it, up to 20 of them as items (largest first) and
 * the points of the others summed in `rest` (null when none). See model/README.md.
 */
export interface CreditReason {
  factor: string;
  label: string;
  points: number;
  detail: string;
  count: number;
  items: CreditReasonItem[];
  rest: number | null;
}

/**
 * A version of the credit model (企业质量信用评价标准): factors with their points, decay and caps,
 * the base score and the class bounds, as data (`config`, checked by model/model-config.ts). A
 * version applies from `effectiveFrom`; a score keeps the version it was computed with.
 */
export const creditModels = pgTable(
  'credit_models',
  {
    id: uuid().primaryKey().defaultRandom(),
    version: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    config: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    createdBy: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('credit_models_version_unique').on(t.version)],
);

/**
 * The current computed score of each enterprise (one row per enterprise of the register). The
 * effective class (override, listing) is written to `enterprises.credit_class` through the
 * enterprises service. `computedAt` is when the row last changed; a run that found it unchanged is
 * in `credit_runs`.
 */
export const creditScores = pgTable(
  'credit_scores',
  {
    enterpriseId: uuid().primaryKey(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    score: numeric({ precision: 8, scale: 2, mode: 'number' }).notNull(),
    computedClass: text().$type<CreditClassValue>().notNull(),
    modelVersion: integer().notNull(),
    reasons: jsonb().$type<CreditReason[]>().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('credit_scores_uscc_unique').on(t.uscc), index().on(t.regionCode, t.computedClass)],
);

/** An officer's override of an enterprise's class, with a reason and an end date (audited). */
export const creditOverrides = pgTable(
  'credit_overrides',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    class: text().$type<CreditClassValue>().notNull(),
    reason: text().notNull(),
    until: date({ mode: 'string' }).notNull(),
    createdBy: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when it ends early (withdrawn) or when the expiry run ends it. */
    endedAt: timestamp({ withTimezone: true }),
    endedByName: text(),
    endReason: text(),
  },
  (t) => [index().on(t.uscc, t.createdAt), index().on(t.until)],
);

export const CLASS_CHANGE_CAUSES = ['score', 'override', 'override_ended', 'listed', 'unlisted', 'model'] as const;
export type ClassChangeCause = (typeof CLASS_CHANGE_CAUSES)[number];

/** Every change of an enterprise's effective class (history is data). */
export const creditClassHistory = pgTable(
  'credit_class_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    fromClass: text().$type<CreditClassValue>(),
    toClass: text().$type<CreditClassValue>().notNull(),
    score: numeric({ precision: 8, scale: 2, mode: 'number' }),
    modelVersion: integer(),
    cause: text().$type<ClassChangeCause>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.uscc, t.at)],
);

/** A scoring run: nightly (all enterprises) or for events (enterprises with records newer than the cursor). */
export const creditRuns = pgTable(
  'credit_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<'all' | 'events'>().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** Records recorded up to this time were considered (the next events run starts after it). */
    cursor: timestamp({ withTimezone: true }),
    scored: integer().notNull().default(0),
    changed: integer().notNull().default(0),
  },
  (t) => [index().on(t.kind, t.startedAt)],
);

/** Third-party credit evaluator organisations (第三方信用评价机构), each with an org of type `evaluator` for its accounts. */
export const creditEvaluators = pgTable(
  'credit_evaluators',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid(),
    name: text().notNull(),
    uscc: text().notNull(),
    accreditation: text(),
    validUntil: date({ mode: 'string' }),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('credit_evaluators_uscc_unique').on(t.uscc), uniqueIndex('credit_evaluators_org_unique').on(t.orgId)],
);

export const EVALUATOR_GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type EvaluatorGrade = (typeof EVALUATOR_GRADES)[number];

/** An evaluator's rating of an enterprise; the model's `evaluator_rating` factor reads the latest one in force. */
export const creditRatings = pgTable(
  'credit_ratings',
  {
    id: uuid().primaryKey().defaultRandom(),
    evaluatorId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    grade: text().$type<EvaluatorGrade>().notNull(),
    ratedOn: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }).notNull(),
    reportNo: text().notNull(),
    note: text(),
    enteredBy: uuid(),
    enteredByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
  },
  (t) => [index().on(t.uscc, t.ratedOn), uniqueIndex('credit_ratings_report_unique').on(t.evaluatorId, t.reportNo), index().on(t.createdAt)],
);

export const LISTING_STATUSES = ['proposed', 'noticed', 'listed', 'not_listed', 'removed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_SOURCES = ['case', 'rule', 'manual'] as const;
export type ListingSource = (typeof LISTING_SOURCES)[number];
export const REMOVAL_KINDS = ['expired', 'repaired', 'revoked'] as const;
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

/** Listing numbers `SX` + year + 4 digits of this sequence. */
export const listingNoSeq = pgSequence('credit_listing_no_seq', { startWith: 1 });

/**
 * A listing on the dishonest list (严重违法失信名单, SAMR Order 44): proposed from a case, a rule or
 * by hand; the enterprise told in advance and answering; decided (listed with its period, or not);
 * published; removed at the end of its period, by credit repair, or revoked.
 */
export const creditListings = pgTable(
  'credit_listings',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingNo: text().notNull(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    enterpriseName: text().notNull(),
    source: text().$type<ListingSource>().notNull(),
    caseId: uuid(),
    caseNo: text(),
    ruleKey: text(),
    reason: text().notNull(),
    legalBasis: text().notNull(),
    status: text().$type<ListingStatus>().notNull(),
    proposedBy: uuid(),
    proposedByName: text().notNull(),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    noticeSentOn: date({ mode: 'string' }),
    answerDue: date({ mode: 'string' }),
    answer: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredByName: text(),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    listedOn: date({ mode: 'string' }),
    until: date({ mode: 'string' }),
    publishedAt: timestamp({ withTimezone: true }),
    removedOn: date({ mode: 'string' }),
    removalKind: text().$type<RemovalKind>(),
    removalReason: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credit_listings_no_unique').on(t.listingNo),
    index().on(t.uscc, t.status),
    index().on(t.status, t.until),
    index().on(t.regionCode, t.status),
    index().on(t.updatedAt),
  ],
);

/** Every step of a listing (history is data). */
export const creditListingEvents = pgTable(
  'credit_listing_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorName: text().notNull(),
    action: text().notNull(),
    fromStatus: text().$type<ListingStatus>(),
    toStatus: text().$type<ListingStatus>(),
    note: text(),
  },
  (t) => [index().on(t.listingId, t.at)],
);

export const REPAIR_STATUSES = ['pending', 'granted', 'refused'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** One checked condition of a credit repair (信用修复) application, as the system found it. */
export interface RepairCondition {
  key: 'min_time' | 'penalties_paid' | 'no_new_violation' | 'commitment';
  met: boolean;
  detail: string;
}

/** An enterprise's application for early removal from the list (信用修复), with its conditions as checked. */
export const creditRepairs = pgTable(
  'credit_repairs',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    statement: text().notNull(),
    commitment: text().notNull(),
    appliedByName: text().notNull(),
    appliedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    conditions: jsonb().$type<RepairCondition[]>().notNull(),
    status: text().$type<RepairStatus>().notNull().default('pending'),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    version: integer().notNull().default(1),
  },
  (t) => [index().on(t.listingId, t.appliedAt), index().on(t.status, t.appliedAt), index().on(t.regionCode)],
);

export const RESTRICTION_CODES = ['licensing', 'bidding', 'procurement', 'construction', 'public_resources', 'honours'] as const;
export type RestrictionCode = (typeof RESTRICTION_CODES)[number];
export const FEEDBACK_ACTIONS = ['applied', 'not_applicable'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/** A department's report of what it did about a restriction (联合惩戒反馈), shown in the archive. */
export const creditFeedback = pgTable(
  'credit_feedback',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid().notNull(),
    orgName: text().notNull(),
    enterpriseId: uuid().notNull(),
    uscc: text().notNull(),
    regionCode: text().notNull(),
    restriction: text().$type<RestrictionCode>().notNull(),
    action: text().$type<FeedbackAction>().notNull(),
    /** The department's own reference (an application, a tender, a procurement number). */
    matter: text().notNull(),
    note: text(),
    actedOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.uscc, t.createdAt), uniqueIndex('credit_feedback_matter_unique').on(t.orgId, t.uscc, t.restriction, t.matter)],
);
