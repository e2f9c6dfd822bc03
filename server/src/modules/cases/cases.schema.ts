import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';

/** Where a case's lead came from (contract). `leadId` names the record in the owning module for the first four. */
export const LEAD_SOURCES = ['unlicensed_lead', 'inspection_finding', 'complaint', 'equipment_hazard', 'spot_check', 'department', 'manual'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** The contract's stage keys (lifecycle/stages.ts is the state machine over them). */
export const CASE_STAGES = ['lead', 'declined', 'investigating', 'reviewing', 'notified', 'hearing', 'decided', 'served', 'executing', 'closed', 'transferred'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** The contract's actions (`POST /api/cases/:id/actions { action }`). */
export const CASE_ACTIONS = [
  'open',
  'decline',
  'add_evidence',
  'submit_review',
  'review',
  'notify',
  'record_defence',
  'hold_hearing',
  'decide',
  'serve',
  'record_payment',
  'apply_enforcement',
  'close',
  'extend',
  'transfer',
  'supervise',
  'report_progress',
  'add_party',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Penalty types of a decision (contract keys): 警告, 通报批评, 罚款, 没收违法所得, 没收非法财物, 责令停产停业, 吊销许可证. */
export const PENALTY_TYPES = ['warning', 'criticism', 'fine', 'confiscation_gains', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

/** One penalty of a decision; `amount` in yuan for `fine` and `confiscation_gains`; `licenceId` for `revocation`; `note` e.g. what is confiscated. */
export interface Penalty {
  type: PenaltyType;
  amount?: number | null;
  licenceId?: string | null;
  note?: string | null;
}

/** 告知: what the bureau intends to decide, told to the party before the decision. */
export interface IntendedPenalty {
  penalties: Penalty[];
  /** The wording, e.g. 拟处罚款人民币5000元. */
  wording: string;
  violation: string;
  legalBasis: string;
  discretionRuleKey: string | null;
  discretionLevel: string | null;
}

/** Case numbers `AJ` + year + 6 digits of this sequence (never reused). */
export const caseNoSeq = pgSequence('case_no_seq', { startWith: 1 });

/**
 * An enforcement case (执法办案), from its lead to closure. `regionCode` + `orgId` (the lead
 * bureau) are the data scope; joint parties (`case_parties`) see it too. One row holds the
 * current stage and each stage's facts; `case_events` is the timeline.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseNo: text().notNull(),
    stage: text().$type<CaseStage>().notNull().default('lead'),
    /** The stage a case left when transferred to the police: it returns there when the police do not accept it. */
    stageBeforeTransfer: text().$type<CaseStage>(),
    leadSource: text().$type<LeadSource>().notNull(),
    leadId: uuid(),
    /** What the lead is, as shown (a complaint's tracking number, a department's letter number, …). */
    leadRef: text(),
    uscc: text(),
    enterpriseId: uuid(),
    partyName: text().notNull(),
    partyAddress: text(),
    summary: text().notNull(),
    foundOn: date({ mode: 'string' }).notNull(),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    /** A special enforcement campaign the case came out of. */
    campaignId: uuid(),
    /** Decide whether to open within 15 working days of finding the lead (+15 once, approved). */
    leadDueOn: date({ mode: 'string' }).notNull(),
    leadDueCertain: boolean().notNull().default(true),
    leadExtended: boolean().notNull().default(false),
    declinedOn: date({ mode: 'string' }),
    declineReason: text(),
    openedOn: date({ mode: 'string' }),
    openedById: uuid(),
    openedByName: text(),
    /** The responsible officers (at least two), named at opening; none of them may review the case. */
    investigatorIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    investigatorNames: text().array().notNull().default(sql`'{}'::text[]`),
    /** Decide within 90 days of opening (+30 once, approved); configurable. */
    decisionDueOn: date({ mode: 'string' }),
    decisionDueCertain: boolean().notNull().default(true),
    decisionExtended: boolean().notNull().default(false),
    reviewerId: uuid(),
    reviewerName: text(),
    reviewedOn: date({ mode: 'string' }),
    /** `approved` lets the case be notified; `returned` sends it back to investigation. */
    reviewResult: text().$type<'approved' | 'returned'>(),
    reviewOpinion: text(),
    noticeNo: text(),
    notifiedOn: date({ mode: 'string' }),
    intendedPenalty: jsonb().$type<IntendedPenalty>(),
    /** The party may state a defence or ask for a hearing until this day (5 working days by default). */
    defenceDueOn: date({ mode: 'string' }),
    defenceDueCertain: boolean().notNull().default(true),
    defenceRecordedOn: date({ mode: 'string' }),
    defenceStatement: text(),
    hearingRequested: boolean().notNull().default(false),
    hearingHeldOn: date({ mode: 'string' }),
    hearingRecord: text(),
    documentNo: text(),
    decidedOn: date({ mode: 'string' }),
    decidedById: uuid(),
    decidedByName: text(),
    penalties: jsonb().$type<Penalty[]>(),
    /** The decision's wording, e.g. 罚款人民币5000元，没收违法所得人民币1200元. */
    penaltyText: text(),
    violation: text(),
    legalBasis: text(),
    discretionRuleKey: text(),
    discretionLevel: text(),
    /** Money ordered: fines plus confiscated gains, in yuan. */
    amountDue: numeric({ precision: 14, scale: 2 }),
    servedOn: date({ mode: 'string' }),
    serviceMethod: text(),
    amountPaid: numeric({ precision: 14, scale: 2 }).notNull().default('0'),
    paidOn: date({ mode: 'string' }),
    enforcementAppliedOn: date({ mode: 'string' }),
    enforcementCourt: text(),
    closedOn: date({ mode: 'string' }),
    closingSummary: text(),
    /** 督办: marked by the city with reporting dates (oversight/). */
    supervised: boolean().notNull().default(false),
    /** 联办: more than one party bureau (oversight/). */
    joint: boolean().notNull().default(false),
    transferred: boolean().notNull().default(false),
    createdById: uuid(),
    createdByName: text().notNull(),
    /** Bumped by every change; the ETag of the case (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_case_no').on(t.caseNo),
    uniqueIndex('cases_document_no').on(t.documentNo),
    index().on(t.regionCode, t.stage),
    index().on(t.orgId),
    index().on(t.uscc),
    index().on(t.leadSource, t.leadId),
    index().on(t.campaignId),
    index().on(t.createdAt, t.id),
  ],
);

/** The timeline: one row per action (and job-raised fact), oldest first by (`at`, `id`). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    action: text().notNull(),
    fromStage: text().$type<CaseStage>(),
    toStage: text().$type<CaseStage>(),
    actorId: uuid(),
    actorName: text(),
    /** The bureau acting (a joint party's own org). */
    orgId: uuid(),
    note: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.at)],
);

/** Kinds of evidence (调查取证): documents and things, inquiry records (询问笔录), on-site inspection records (现场检查笔录), seizure and sealing (查封、扣押, with their own dates), sampling, other. */
export const EVIDENCE_KINDS = ['document', 'physical', 'inquiry', 'onsite', 'seizure', 'sealing', 'sampling', 'electronic', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * One piece of evidence. Produced by a party bureau (`producedByOrgId`) and visible to every
 * party. Seizure and sealing have their own dates (`measureStartOn` … `measureEndOn`, released on
 * `measureReleasedOn`). An inquiry's interviewee is personal data: sealed, masked when shown.
 */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text().$type<EvidenceKind>().notNull(),
    title: text().notNull(),
    description: text(),
    collectedOn: date({ mode: 'string' }).notNull(),
    place: text(),
    officerIds: uuid().array().notNull(),
    officerNames: text().array().notNull(),
    intervieweeSealed: text(),
    intervieweeMasked: text(),
    /** The record's text (an inquiry's questions and answers, an on-site record's findings). */
    content: text(),
    measureStartOn: date({ mode: 'string' }),
    measureEndOn: date({ mode: 'string' }),
    measureReleasedOn: date({ mode: 'string' }),
    producedByOrgId: uuid().notNull(),
    producedByName: text().notNull(),
    createdById: uuid(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId, t.createdAt)],
);

/** Attachments of evidence (checked by content: platform/documents/attachments.ts) and the case's generated documents kept at each stage. */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    evidenceId: uuid().references(() => caseEvidence.id, { onDelete: 'cascade' }),
    /** For a generated document: filing_approval, inquiry_record, penalty_notice, penalty_decision, closing_report; null for an upload. */
    documentKind: text(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    producedByOrgId: uuid().notNull(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.evidenceId)],
);
