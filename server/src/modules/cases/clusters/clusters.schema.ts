import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A cluster's members: the enterprises carrying a register tag, or a list kept by hand. */
export const CLUSTER_MEMBER_MODES = ['tag', 'list'] as const;
export type ClusterMemberMode = (typeof CLUSTER_MEMBER_MODES)[number];

/**
 * 产业集聚区 (§三(二)1(2)): a named set of enterprises in a region. Its page gathers their results;
 * the bureau issues 质量风险提示函 to the local government and records measures; it may be marked
 * an 优质产品生产示范区.
 */
export const clusters = pgTable(
  'clusters',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    memberMode: text().$type<ClusterMemberMode>().notNull(),
    /** The register tag (enterprises.tags) in `tag` mode. */
    tag: text(),
    industry: text(),
    description: text(),
    demonstrationZone: boolean().notNull().default(false),
    demonstrationOn: date({ mode: 'string' }),
    demonstrationNote: text(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('clusters_name').on(t.name), index().on(t.regionCode)],
);

/** Members of a `list` cluster. */
export const clusterMembers = pgTable(
  'cluster_members',
  {
    clusterId: uuid()
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    enterpriseId: uuid().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.enterpriseId] })],
);

/** A problem a risk notice names, with the evidence behind it (records of the bureau, or a text). */
export interface RiskProblem {
  title: string;
  detail: string;
  evidence: { type: 'inspection_task' | 'case' | 'complaint' | 'spot_check' | 'text'; ref: string; label: string }[];
}

export const RISK_NOTICE_STATUSES = ['awaiting_reply', 'replied', 'closed'] as const;
export type RiskNoticeStatus = (typeof RISK_NOTICE_STATUSES)[number];

/** 质量风险提示函 to the local government: problems with evidence, recommendations; the reply and the follow-up, dated. */
export const riskNotices = pgTable(
  'cluster_risk_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    clusterId: uuid()
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    documentNo: text().notNull(),
    government: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    problems: jsonb().$type<RiskProblem[]>().notNull(),
    recommendations: text().notNull(),
    replyDueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<RiskNoticeStatus>().notNull().default('awaiting_reply'),
    repliedOn: date({ mode: 'string' }),
    reply: text(),
    followUps: jsonb().$type<{ on: string; note: string; byName: string }[]>().notNull().default([]),
    closedOn: date({ mode: 'string' }),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cluster_risk_notices_no').on(t.documentNo), index().on(t.clusterId), index().on(t.status, t.replyDueOn)],
);

/** Measures taken on a cluster: 稽查建议, 技术指导, 舆论引导, other. */
export const CLUSTER_MEASURE_KINDS = ['enforcement_advice', 'technical_guidance', 'public_guidance', 'other'] as const;
export type ClusterMeasureKind = (typeof CLUSTER_MEASURE_KINDS)[number];

export const clusterMeasures = pgTable(
  'cluster_measures',
  {
    id: uuid().primaryKey().defaultRandom(),
    clusterId: uuid()
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    kind: text().$type<ClusterMeasureKind>().notNull(),
    takenOn: date({ mode: 'string' }).notNull(),
    description: text().notNull(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.clusterId, t.takenOn)],
);
