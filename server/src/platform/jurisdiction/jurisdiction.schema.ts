import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ORG_TYPES = [
  'city_bureau',
  'city_section',
  'county_bureau',
  'institution',
  'department',
  'enterprise',
  'evaluator',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Administrative divisions (GB/T 2260 and statistical codes such as development zones). */
export const regions = pgTable('regions', {
  code: text().primaryKey(),
  name: text().notNull(),
  parentCode: text().references((): AnyPgColumn => regions.code),
  level: integer().notNull(),
  /** Codes this division replaced (e.g. 320802 清河区 → 320812 清江浦区); used to map historic data. */
  formerCodes: text().array().notNull().default(sql`'{}'::text[]`),
  active: boolean().notNull().default(true),
});

export const orgs = pgTable(
  'orgs',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    type: text().$type<OrgType>().notNull(),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    parentId: uuid().references((): AnyPgColumn => orgs.id),
    /** The bureau's short name in document numbers (涟市监 in 涟市监责改〔2026〕4号); null: the full name is used. */
    shortName: text(),
    /** The bureau's address and phone for the public (the public site's footer, 行政处罚告知书 and 检验结果通知书); null: not shown. */
    address: text(),
    phone: text(),
    active: boolean().notNull().default(true),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.regionCode),
    index().on(t.parentId),
    uniqueIndex('orgs_parent_name_unique').on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
  ],
);
