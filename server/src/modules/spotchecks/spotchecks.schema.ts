import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgSequence, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import type { ProductCategory } from '../cases/index.js';

/*
 * 产品质量监督抽查 (issue 19, seed §三(二)2): the product catalogue and its history, the annual and
 * special plans with their lines and quarterly lots, county suggestions, testing institutions and
 * their applications, the competitive choice of a lot's institution, the lot's draw of enterprises,
 * samples (sampling task, 抽样单, results), objections and retests, the follow-up of failures, and
 * the bulletins that publish results. See README.md for the rules of each part.
 */

/** One test item of a product's implementing rule (实施细则). */
export interface TestItem {
  name: string;
  requirement: string;
  method: string;
  /** A critical item (A类): a failure in it fails the batch whatever the others. */
  critical?: boolean;
}

/** 产品目录: a product the bureau spot-checks, with its implementing rule and the per-batch cost. */
export const spotcheckProducts = pgTable(
  'spotcheck_products',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The bureau's product code (e.g. `RY-001`), unique, upper case. */
    code: text().notNull(),
    name: text().notNull(),
    category: text().$type<ProductCategory>().notNull(),
    /** 国计民生影响程度, 1 (low) … 5 (high). */
    impact: smallint().notNull(),
    /** The cost of testing one batch, in yuan (the generator's budget arithmetic). */
    batchCost: integer().notNull(),
    /** 实施细则: test items, the standards cited, the sample size per batch. */
    testItems: jsonb().$type<TestItem[]>().notNull().default([]),
    standards: text().array().notNull().default(sql`'{}'::text[]`),
    sampleSize: integer(),
    sampleUnit: text(),
    /** When set, the sample size follows GB/T 2828.1 (normal, single) at this level and AQL instead of `sampleSize`. */
    inspectionLevel: text(),
    aql: text(),
    active: boolean().notNull().default(true),
    note: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_products_code').on(t.code), index().on(t.category)],
);

/** The producers of a product in the area (from the register, or imported): the pool a lot draws from. */
export const spotcheckProducers = pgTable(
  'spotcheck_producers',
  {
    productId: uuid()
      .notNull()
      .references(() => spotcheckProducts.id, { onDelete: 'cascade' }),
    enterpriseId: uuid().notNull(),
    source: text().$type<'register' | 'import'>().notNull(),
    addedByName: text().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_producers_pk').on(t.productId, t.enterpriseId), index().on(t.enterpriseId)],
);

/** A year's results of a product from before the system (entered or imported): batches, passed, failing items. */
export const spotcheckHistory = pgTable(
  'spotcheck_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => spotcheckProducts.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    batches: integer().notNull(),
    passed: integer().notNull(),
    failingItems: text().array().notNull().default(sql`'{}'::text[]`),
    note: text(),
    enteredByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_history_year').on(t.productId, t.year)],
);

export const PRODUCT_LINK_KINDS = ['complaint', 'case'] as const;
export type ProductLinkKind = (typeof PRODUCT_LINK_KINDS)[number];

/** A complaint or a case about a product (linked by an officer): its history shows them, the generator counts complaints. */
export const spotcheckProductLinks = pgTable(
  'spotcheck_product_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => spotcheckProducts.id, { onDelete: 'cascade' }),
    kind: text().$type<ProductLinkKind>().notNull(),
    refId: uuid().notNull(),
    /** As shown: the complaint's tracking number, the case's number. */
    refNo: text().notNull(),
    /** The day of the complaint or case (the generator counts those of the last year). */
    refOn: date({ mode: 'string' }).notNull(),
    linkedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_product_links_ref').on(t.productId, t.kind, t.refId)],
);

export const PLAN_KINDS = ['annual', 'special'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_STATUSES = ['draft', 'approved', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The 95 % rule (§三(二)2(2)): products above 95 % last year are skipped, or their batches reduced by a percentage. */
export interface PassRateRule {
  mode: 'skip' | 'reduce';
  reducePercent?: number;
}

/** The weights of the competitive choice of a lot's institution (percent, summing to 100). */
export interface ScoreWeights {
  price: number;
  capability: number;
  record: number;
  locality: number;
}

export interface Reason {
  code: string;
  text: string;
}

/** 抽查计划: the year's plan (generated at year end, edited, approved) or a special plan (专项计划, at any time). */
export const spotcheckPlans = pgTable(
  'spotcheck_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<PlanKind>().notNull(),
    year: integer().notNull(),
    name: text().notNull(),
    status: text().$type<PlanStatus>().notNull().default('draft'),
    /** The budget given, in yuan; the lines' total stays within it. */
    budget: integer().notNull(),
    passRateRule: jsonb().$type<PassRateRule>().notNull(),
    scoreWeights: jsonb().$type<ScoreWeights>().notNull(),
    /** Products the generator left out, with the reason (`PASS_RATE_ABOVE_95`). */
    excluded: jsonb().$type<{ productCode: string; reason: Reason }[]>().notNull().default([]),
    /** Suggestions and applications are taken until this day (inclusive). */
    windowEndsOn: date({ mode: 'string' }),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    createdByName: text().notNull(),
    approvedByName: text(),
    approvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_plans_annual_year').on(t.year).where(sql`kind = 'annual'`), index().on(t.year)],
);

/** A plan's line: a product, its batches and quarter, the cost and why the generator proposed them. */
export const spotcheckPlanLines = pgTable(
  'spotcheck_plan_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => spotcheckPlans.id, { onDelete: 'cascade' }),
    productId: uuid().notNull(),
    batches: integer().notNull(),
    quarter: smallint().notNull(),
    cost: integer().notNull(),
    reasons: jsonb().$type<Reason[]>().notNull().default([]),
    /** Changed by an officer after generation. */
    edited: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_plan_lines_product').on(t.planId, t.productId)],
);

/** A county bureau's suggestion (§三(二)2(4)): a product or an enterprise to check, with reasons. */
export const spotcheckSuggestions = pgTable(
  'spotcheck_suggestions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The year of the plan it is for. */
    year: integer().notNull(),
    productId: uuid(),
    enterpriseId: uuid(),
    reason: text().notNull(),
    orgId: uuid().notNull(),
    regionCode: text().notNull(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.year), index().on(t.productId)],
);

/** 承检机构: qualification (CMA scope by product code, validity), locality, capacity, price; its account is a user of its org. */
export const spotcheckInstitutions = pgTable(
  'spotcheck_institutions',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    uscc: text(),
    /** Its org (type `institution`): users of the org with the `institution` role are its accounts. */
    orgId: uuid(),
    /** Inside the city (本市) or outside. */
    local: boolean().notNull(),
    cmaNo: text().notNull(),
    /** Product codes its CMA accreditation covers. */
    cmaScope: text().array().notNull().default(sql`'{}'::text[]`),
    cmaValidUntil: date({ mode: 'string' }).notNull(),
    /** Batches it can test per quarter. */
    capacity: integer().notNull(),
    /** Its usual price per batch in yuan (an application may quote another). */
    price: integer().notNull(),
    contact: text(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_institutions_name').on(t.name), index().on(t.orgId)],
);

export const LOT_STATUSES = ['open', 'assigned', 'drawn', 'closed'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

/** One institution's score in a lot's choice, with its parts and reasons. */
export interface InstitutionScore {
  institutionId: string;
  name: string;
  qualified: boolean;
  /** Why not qualified (CMA scope, validity, capacity). */
  disqualified?: Reason[];
  parts: { price: number; capability: number; record: number; locality: number };
  total: number;
}

/** 抽查批次组 (a quarterly lot): one plan line's batches for a quarter, its institution and its drawn enterprises. */
export const spotcheckLots = pgTable(
  'spotcheck_lots',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => spotcheckPlans.id, { onDelete: 'cascade' }),
    lineId: uuid(),
    productId: uuid().notNull(),
    /** e.g. `CJ2027-Q1-003`. */
    lotNo: text().notNull(),
    year: integer().notNull(),
    quarter: smallint().notNull(),
    batches: integer().notNull(),
    status: text().$type<LotStatus>().notNull().default('open'),
    /** Sampling must be done by this day (the quarter's end unless set). */
    dueOn: date({ mode: 'string' }).notNull(),
    institutionId: uuid(),
    /** The choice: scores and reasons of every applicant, the rule, the tie draw if any. */
    selection: jsonb().$type<{ weights: ScoreWeights; scores: InstitutionScore[]; chosenId: string; reasons: Reason[]; tieDrawId?: string | null; decidedOn: string; byName: string }>(),
    selectionPublishedAt: timestamp({ withTimezone: true }),
    /** The draw of the lot's enterprises. */
    drawId: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_lots_no').on(t.lotNo), index().on(t.planId), index().on(t.institutionId)],
);

export const APPLICATION_STATUSES = ['submitted', 'withdrawn', 'chosen', 'not_chosen'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** 承检申请: an institution applies to undertake a lot, with its price and capacity. */
export const spotcheckApplications = pgTable(
  'spotcheck_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    lotId: uuid()
      .notNull()
      .references(() => spotcheckLots.id, { onDelete: 'cascade' }),
    institutionId: uuid().notNull(),
    /** Price per batch quoted, yuan. */
    price: integer().notNull(),
    /** Batches it can take for this lot. */
    capacity: integer().notNull(),
    note: text(),
    status: text().$type<ApplicationStatus>().notNull().default('submitted'),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_applications_lot').on(t.lotId, t.institutionId)],
);

export const SPOTCHECK_DRAW_PURPOSES = ['sampling', 'tie_break'] as const;
export type SpotcheckDrawPurpose = (typeof SPOTCHECK_DRAW_PURPOSES)[number];

/**
 * A verifiable draw of this module (`zhijian-draw/2`, the draw engine's choice draw): a lot's
 * enterprises among the product's producers, or the institution among those with equal scores.
 * `record` is the public record (the site's verifier checks it); the secrets stay here, sealed (platform/secrets/draw-secrets.ts).
 */
export const spotcheckDraws = pgTable(
  'spotcheck_draws',
  {
    id: uuid().primaryKey().defaultRandom(),
    purpose: text().$type<SpotcheckDrawPurpose>().notNull(),
    lotId: uuid()
      .notNull()
      .references(() => spotcheckLots.id, { onDelete: 'cascade' }),
    status: text().$type<'committed' | 'revealed' | 'cancelled'>().notNull(),
    secret: bytea().notNull(),
    blindSecret: bytea().notNull(),
    /** The committed keys (what the reveal replays), as the engine stores them. */
    committed: jsonb().notNull(),
    /** The public record (DRAW.md), updated at the reveal. */
    record: jsonb().notNull(),
    /** Candidates left out, with the rule (`repeat_within_months`: the last sample's id and date). */
    excluded: jsonb().$type<{ key: string; rule: string; evidence: Record<string, unknown> }[]>().notNull().default([]),
    committedByName: text().notNull(),
    committedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revealedAt: timestamp({ withTimezone: true }),
    cancelReason: text(),
  },
  (t) => [index().on(t.lotId)],
);

/** drawn (no samplers yet) → assigned (≥ 2 samplers, a deadline) → sampled (抽样单 done) → reported (the institution's result) → closed (final: window passed or retest done). */
export const SAMPLE_STATUSES = ['drawn', 'assigned', 'sampled', 'reported', 'closed'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];
export const CONCLUSIONS = ['pass', 'fail'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

/** 抽样单: what the samplers record on site (photos and both sides' signatures are attachments). */
export interface SamplingRecord {
  sampledOn: string;
  place: string;
  batchNo: string;
  productionDate: string | null;
  specification: string | null;
  quantitySampled: number;
  baseCount: number;
  /** Yuan paid for the sample (samples are paid for). */
  pricePaid: number;
  sealNumbers: string[];
  enterpriseSigner: string;
  note: string | null;
}

/** One item's result: measured value, requirement, pass/fail. */
export interface ItemResult {
  item: string;
  requirement: string;
  measured: string;
  pass: boolean;
}

/** Sample numbers `CY` + year + 5 digits of this sequence. */
export const sampleNoSeq = pgSequence('spotcheck_sample_no_seq', { startWith: 1 });

/**
 * 抽样任务 and its sample: the enterprise drawn, the samplers (≥ 2), the deadline, the institution;
 * the 抽样单; the institution's results and conclusion; the notice and its receipt (the objection
 * window starts there); the final conclusion (a retest replaces the first).
 */
export const spotcheckSamples = pgTable(
  'spotcheck_samples',
  {
    id: uuid().primaryKey().defaultRandom(),
    sampleNo: text().notNull(),
    lotId: uuid()
      .notNull()
      .references(() => spotcheckLots.id),
    productId: uuid().notNull(),
    enterpriseId: uuid().notNull(),
    /** The enterprise's USCC (its account's scope). */
    uscc: text().notNull(),
    /** The enterprise's region: the data scope of the sample. */
    regionCode: text().notNull(),
    institutionId: uuid().notNull(),
    samplerIds: uuid().array().notNull(),
    samplerNames: text().array().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<SampleStatus>().notNull().default('drawn'),
    record: jsonb().$type<SamplingRecord>(),
    sampledAt: timestamp({ withTimezone: true }),
    items: jsonb().$type<ItemResult[]>(),
    conclusion: text().$type<Conclusion>(),
    reportNo: text(),
    reportedOn: date({ mode: 'string' }),
    reportedByName: text(),
    /** 检验结果通知书: its number, the day sent, the day the enterprise received it. */
    noticeNo: text(),
    notifiedOn: date({ mode: 'string' }),
    receivedOn: date({ mode: 'string' }),
    /** The last day an objection may be filed (receipt + 15 days, moved past a holiday). */
    objectionDueOn: date({ mode: 'string' }),
    /** The conclusion that stands: the first, or the retest's. */
    finalConclusion: text().$type<Conclusion>(),
    /** The bulletin that published it. */
    bulletinId: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_samples_no').on(t.sampleNo), index().on(t.lotId), index().on(t.enterpriseId, t.productId), index().on(t.regionCode), index().on(t.institutionId)],
);

export const SAMPLE_FILE_KINDS = ['photo', 'signature', 'report', 'retest_report'] as const;
export type SampleFileKind = (typeof SAMPLE_FILE_KINDS)[number];

/** A sample's files: photos and signatures of the sampling, the test report, the retest's report. */
export const spotcheckSampleFiles = pgTable(
  'spotcheck_sample_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    sampleId: uuid()
      .notNull()
      .references(() => spotcheckSamples.id, { onDelete: 'cascade' }),
    kind: text().$type<SampleFileKind>().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.sampleId)],
);

export const OBJECTION_STATUSES = ['filed', 'refused', 'accepted', 'retested'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** 异议 and 复检 (产品质量法 §15): filed within the window, accepted or refused, retested elsewhere. */
export const spotcheckObjections = pgTable(
  'spotcheck_objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    sampleId: uuid()
      .notNull()
      .references(() => spotcheckSamples.id, { onDelete: 'cascade' }),
    filedOn: date({ mode: 'string' }).notNull(),
    /** Filed by the enterprise's account, or entered by an officer from a letter. */
    filedBy: text().$type<'enterprise' | 'officer'>().notNull(),
    filedByName: text().notNull(),
    reason: text().notNull(),
    /** The items objected to. */
    items: text().array().notNull().default(sql`'{}'::text[]`),
    status: text().$type<ObjectionStatus>().notNull().default('filed'),
    decidedOn: date({ mode: 'string' }),
    decisionReason: text(),
    decidedByName: text(),
    retestInstitutionId: uuid(),
    retestItems: jsonb().$type<ItemResult[]>(),
    retestConclusion: text().$type<Conclusion>(),
    retestReportNo: text(),
    retestedOn: date({ mode: 'string' }),
    /** The retest reversed the first conclusion: counts against the first institution's record. */
    upheld: boolean(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_objections_sample').on(t.sampleId)],
);

export const FOLLOWUP_STAGES = ['ordered', 'rechecked_passed', 'rechecked_failed', 'noticed', 'suspended', 'referred', 'closed'] as const;
export type FollowupStage = (typeof FOLLOWUP_STAGES)[number];

/** One dated step of a follow-up. */
export interface FollowupStep {
  action: string;
  on: string;
  byName: string;
  note: string | null;
  documentNo?: string | null;
  dueOn?: string | null;
  caseId?: string | null;
}

/** 后处理 of a failed sample (产品质量法 §17): order to correct, re-check, public notice, suspension or a case. */
export const spotcheckFollowups = pgTable(
  'spotcheck_followups',
  {
    id: uuid().primaryKey().defaultRandom(),
    sampleId: uuid()
      .notNull()
      .references(() => spotcheckSamples.id, { onDelete: 'cascade' }),
    stage: text().$type<FollowupStage>().notNull(),
    /** The current step's deadline (correction by, re-check by). */
    dueOn: date({ mode: 'string' }),
    orderNo: text(),
    caseId: uuid(),
    steps: jsonb().$type<FollowupStep[]>().notNull().default([]),
    regionCode: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('spotcheck_followups_sample').on(t.sampleId), index().on(t.stage)],
);

export const BULLETIN_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** 质量公告: a bulletin publishing the final results of chosen samples (a period, a plan). */
export const spotcheckBulletins = pgTable(
  'spotcheck_bulletins',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** e.g. `淮市监抽公〔2026〕3号`. */
    bulletinNo: text(),
    title: text().notNull(),
    year: integer().notNull(),
    quarter: smallint(),
    planId: uuid(),
    status: text().$type<BulletinStatus>().notNull().default('draft'),
    sampleIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    publishedOn: date({ mode: 'string' }),
    withdrawnOn: date({ mode: 'string' }),
    withdrawnByName: text(),
    withdrawnReason: text(),
    createdByName: text().notNull(),
    publishedByName: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.year), index().on(t.status)],
);
