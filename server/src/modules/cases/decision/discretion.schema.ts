import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PenaltyType } from '../cases.schema.js';

/** 裁量阶次: 不予处罚, 减轻, 从轻, 一般, 从重. */
export const DISCRETION_LEVELS = ['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier'] as const;
export type DiscretionLevel = (typeof DISCRETION_LEVELS)[number];

/** The area of law a violation falls under (seed §二(二)6). */
export const VIOLATION_AREAS = ['product_quality', 'standards', 'metrology', 'certification', 'special_equipment', 'licensing', 'other'] as const;
export type ViolationArea = (typeof VIOLATION_AREAS)[number];

/** One level of a rule: what it means and which penalties it allows, with the fine's bounds in yuan (null: no fixed bound, e.g. a multiple of the goods' value). */
export interface DiscretionLevelSpec {
  level: DiscretionLevel;
  /** When the level applies, e.g. 首次违法且货值金额在1万元以下. */
  circumstances: string;
  penaltyTypes: PenaltyType[];
  fineMin: number | null;
  fineMax: number | null;
  /** The fine as the law words it, e.g. 货值金额等值以上三倍以下. */
  fineRule: string | null;
}

/**
 * The discretion table (行政处罚裁量基准): per violation, the provision violated, the penalty
 * provision and the levels. Configurable by the bureau (`case.configure`); a decision records the
 * rule key and level it used, and a rule's edit bumps its version (decisions keep their text).
 */
export const discretionRules = pgTable('case_discretion_rules', {
  key: text().primaryKey(),
  area: text().$type<ViolationArea>().notNull(),
  violation: text().notNull(),
  /** 违法条款, e.g. 《中华人民共和国产品质量法》第十三条. */
  violatedProvision: text().notNull(),
  /** 处罚依据, e.g. 《中华人民共和国产品质量法》第四十九条. */
  penaltyProvision: text().notNull(),
  levels: jsonb().$type<DiscretionLevelSpec[]>().notNull(),
  active: boolean().notNull().default(true),
  sortOrder: integer().notNull().default(0),
  version: integer().notNull().default(1),
  updatedByName: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
