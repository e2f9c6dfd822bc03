import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';
import { orgs } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../platform/users/users.schema.js';
import type { DrawRecord } from './draw/record.js';
import type { FrozenInspector } from './draw/pool.js';
import type { LegacyStratum, StoredRecord, StoredStratum } from './draw/storage.js';

export const TARGET_KINDS = ['enterprise', 'licence', 'equipment', 'standard_declaration'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
/** What an object pool holds: enterprises (USCC), special-equipment units (equipment code) or their user units (USCC). */
export const POOL_KINDS = ['enterprise', 'equipment', 'equipment_user'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

export const ANSWER_TYPES = ['yes_no', 'text', 'number', 'photo'] as const;
export const SEVERITIES = ['minor', 'major', 'critical'] as const;

/** One question of a checklist template; a "no" to a yes/no question produces the finding. */
export interface ChecklistQuestion {
  key: string;
  text: string;
  answerType: (typeof ANSWER_TYPES)[number];
  required: boolean;
  finding?: { text: string; severity: (typeof SEVERITIES)[number] } | null;
}

/** The list of inspection items (抽查事项清单): what is checked, by which section, on which legal basis. */
export const inspectionItems = pgTable('inspection_items', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  sectionId: uuid().references(() => orgs.id),
  legalBasis: text().notNull(),
  targetKind: text().$type<TargetKind>().notNull(),
  checklist: jsonb().$type<ChecklistQuestion[]>().notNull(),
  resultCategories: jsonb().$type<string[]>().notNull(),
  /** A specialty the inspectors of this item must have, if any. */
  specialty: text(),
  active: boolean().notNull().default(true),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** An inspector of the inspector pool (执法检查人员名录库): a user with an enforcement certificate. */
export const inspectorProfiles = pgTable('inspector_profiles', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  certificateNo: text().notNull().unique(),
  specialties: text().array().notNull(),
  /** Periods when the inspector may be drawn; empty = always. */
  activePeriods: jsonb().$type<{ from: string; to: string | null }[]>().notNull(),
  /** Enterprises (USCC) the inspector declared a conflict of interest with. */
  conflicts: text().array().notNull(),
  regionCode: text().notNull(),
  /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A saved filter over the register (检查对象名录库); its members are computed when asked, frozen at a draw.
 * Which keys a pool takes depends on its target kind (pools/pools.service.ts for enterprises; the
 * equipment module's provider for `equipment` and `equipment_user`).
 */
export interface PoolFilter {
  regionCode?: string;
  status?: string;
  creditClass?: string;
  /** `equipment`: the unit's catalogue category or subcategory code. */
  category?: string;
  /** `equipment`, `equipment_user`: the key-unit kind of the place (SAMR Order 57 §9). */
  keyUnitKind?: string;
  /** `equipment`: only units in use past their inspection due date (true) or only the others (false). */
  overdue?: boolean;
  /** `equipment`, `equipment_user`: the user unit's supervision tier (A–D). */
  tier?: string;
  tag?: string;
  industryPrefix?: string;
  licenceType?: string;
  /** With `licenceType`: only holders whose licence was issued (first or on re-examination) in this year. */
  licenceIssuedYear?: number;
}

export const objectPools = pgTable(
  'object_pools',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    targetKind: text().$type<PoolKind>().notNull(),
    filter: jsonb().$type<PoolFilter>().notNull(),
    /** The region the pool is defined for (data scope): its members lie within it. */
    regionCode: text().notNull(),
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode)],
);

export const PLAN_MODES = ['ratio', 'fixed', 'all'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];

/**
 * Sampling ratio per credit class or tier (unclassified entities count as B unless set); `key`: the
 * ratio of the key-unit stratum of equipment pools (SAMR Order 57 §9; plans/strata.ts's default when absent).
 */
export type ClassRatios = Record<'A' | 'B' | 'C' | 'D', number> & { key?: number };

/** An inspection plan: which item, over which pool, in which quarters, how many per credit-class stratum. */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    year: integer().notNull(),
    itemId: uuid()
      .notNull()
      .references(() => inspectionItems.id),
    poolId: uuid()
      .notNull()
      .references(() => objectPools.id),
    quarters: integer().array().notNull(),
    mode: text().$type<PlanMode>().notNull(),
    ratios: jsonb().$type<ClassRatios>(),
    minimum: integer(),
    fixedCount: integer(),
    inspectorsPerTask: integer().notNull().default(2),
    /** Why a plan whose quarters had all ended when it was made was created anyway (its tasks are born overdue). */
    pastPeriodReason: text(),
    regionCode: text().notNull(),
    orgId: uuid()
      .notNull()
      .references(() => orgs.id),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.year, t.regionCode)],
);

export const DRAW_STATUSES = ['committed', 'revealed', 'cancelled'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];

/**
 * A draw of a plan. Committed: the frozen strata, their hash and the commitment are public, the
 * secret is kept here unseen, sealed (platform/secrets/draw-secrets.ts; 32 plain bytes in draws
 * committed before sealing). Revealed: the record is public and final. Cancelled: stays visible
 * with its reason.
 */
export const draws = pgTable(
  'draws',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => inspectionPlans.id),
    status: text().$type<DrawStatus>().notNull(),
    /** The frozen candidates, compactly (draw/storage.ts); JSON arrays of keys in draws committed before. */
    strata: jsonb().$type<(StoredStratum | LegacyStratum)[]>().notNull(),
    candidatesHash: text().notNull(),
    commitment: text().notNull(),
    secret: bytea().notNull(),
    /** `zhijian-draw/1` for draws committed before the blinded candidates of `/2` (docs/DRAW.md). */
    version: text().notNull().default('zhijian-draw/1'),
    /** `/2`: the secret the candidates are blinded with, sealed like `secret`; never public (the auditors' record carries it). */
    blindSecret: bytea(),
    /** `/2`: the inspector pool as it was at commit, with what the exclusion rules read (draw/pool.ts). */
    inspectorPool: jsonb().$type<FrozenInspector[]>(),
    inspectorPoolHash: text(),
    /** `/2`: fixed at commit. */
    inspectorsPerTask: integer(),
    /** The revealed record without the candidates, assignments compacted (draw/storage.ts); the whole record in draws revealed before. */
    record: jsonb().$type<StoredRecord | DrawRecord>(),
    cancelReason: text(),
    regionCode: text().notNull(),
    committedByName: text().notNull(),
    committedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revealedAt: timestamp({ withTimezone: true }),
    revealedByName: text(),
    /** When the selection's inspection tasks were created: at the reveal for small draws, just after it for large ones (null until then). */
    tasksCreatedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.planId), index().on(t.status, t.revealedAt), index().on(t.status, t.committedAt), uniqueIndex('draws_one_committed_per_plan').on(t.planId).where(sql`${t.status} = 'committed'`)],
);

/**
 * A draw's public record as served (draw/document.ts): built once per state, gzip-compressed, then
 * served as is. A revealed or cancelled draw's record never changes again.
 */
export const drawDocuments = pgTable('draw_documents', {
  drawId: uuid()
    .primaryKey()
    .references(() => draws.id),
  /** The draw's status the record was built in: a committed record is replaced at the reveal or cancellation. */
  status: text().$type<DrawStatus>().notNull(),
  etag: text().notNull(),
  body: bytea().notNull(),
  /** Uncompressed size. */
  bytes: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
