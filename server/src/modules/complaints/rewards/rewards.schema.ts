import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { complaints } from '../complaints.schema.js';

export const REWARD_STATUSES = ['proposed', 'approved', 'rejected', 'paid'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/**
 * The reward rules (举报奖励, §四1), versioned: `mode` `fine_percent` (a percentage of the case's
 * fine, within min and max) or `scale` (fixed amounts per level). A proposal keeps the version it
 * was computed under.
 */
export interface RewardRules {
  mode: 'fine_percent' | 'scale';
  percent: number;
  min: number;
  max: number;
  scale: { level: string; name: string; amount: number }[];
}

export const complaintRewardRules = pgTable('complaint_reward_rules', {
  version: integer().primaryKey(),
  rules: jsonb().$type<RewardRules>().notNull(),
  createdById: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A reward for a substantiated report: proposed by an officer, approved by a section head, paid. */
export const complaintRewards = pgTable(
  'complaint_rewards',
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid()
      .notNull()
      .references(() => complaints.id),
    rulesVersion: integer().notNull(),
    basis: text().$type<'fine_percent' | 'scale'>().notNull(),
    caseFine: numeric({ precision: 14, scale: 2 }),
    level: text(),
    amount: numeric({ precision: 12, scale: 2 }).notNull(),
    reason: text().notNull(),
    status: text().$type<RewardStatus>().notNull().default('proposed'),
    proposedById: uuid().notNull(),
    proposedByName: text().notNull(),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedById: uuid(),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    paidOn: date({ mode: 'string' }),
    paymentRef: text(),
    version: integer().notNull().default(1),
  },
  (t) => [index().on(t.complaintId), index().on(t.status, t.proposedAt)],
);
