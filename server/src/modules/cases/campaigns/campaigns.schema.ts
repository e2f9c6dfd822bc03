import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Key product categories of special campaigns (§三(二)1(2)); the same list serves spot checks later. */
export const PRODUCT_CATEGORIES = ['daily_consumer', 'agricultural_inputs', 'building_materials', 'automotive', 'electrical', 'food_related', 'children', 'other'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const CAMPAIGN_STATUSES = ['planned', 'running', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * 专项执法行动: a campaign on a product category over a period, with participating bureaus and a
 * target pool. Its lottery is an inspection plan (`planId`, made with the campaign through the
 * inspections module's service) drawn by the draw engine (`zhijian-draw/2`, public record); its
 * checks are that plan's inspection tasks; cases found carry `cases.campaignId`.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    productCategory: text().$type<ProductCategory>().notNull(),
    description: text(),
    startOn: date({ mode: 'string' }).notNull(),
    endOn: date({ mode: 'string' }).notNull(),
    participatingOrgIds: uuid().array().notNull(),
    poolId: uuid().notNull(),
    itemId: uuid().notNull(),
    planId: uuid().notNull(),
    targetCount: integer().notNull(),
    status: text().$type<CampaignStatus>().notNull().default('planned'),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    createdByName: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.regionCode, t.startOn), index().on(t.planId)],
);
