import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

/** One reason of a tier score: the factor, its points and the records behind it. */
export interface TierReason {
  factor: string;
  points: number;
  detail: string;
  records?: { type: string; id: string }[];
}

/**
 * A version of the user-unit tier model (分级分类监管, §三(二)4(2)): factor weights and the score
 * bounds of each tier, as data. A new version applies from `effectiveFrom`; scores keep the version
 * they were computed with.
 */
export const equipmentTierModels = pgTable(
  'equipment_tier_models',
  {
    id: uuid().primaryKey().defaultRandom(),
    version: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    config: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('equipment_tier_models_version_unique').on(t.version)],
);

/** The current tier of each user unit (使用单位), with its score, model version and reasons. */
export const equipmentUserTiers = pgTable(
  'equipment_user_tiers',
  {
    userUscc: text().primaryKey(),
    regionCode: text().notNull(),
    tier: text().$type<Tier>().notNull(),
    score: numeric({ precision: 8, scale: 2, mode: 'number' }).notNull(),
    modelVersion: integer().notNull(),
    reasons: jsonb().$type<TierReason[]>().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode, t.tier), index().on(t.tier)],
);
