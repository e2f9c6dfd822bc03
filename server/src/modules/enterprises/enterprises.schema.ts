import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from '../../platform/jurisdiction/jurisdiction.schema.js';

export const ENTERPRISE_STATUSES = ['active', 'suspended', 'cancelled', 'revoked', 'moved_out'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CREDIT_CLASSES)[number];

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  role?: string;
}

/**
 * The market-entity register, keyed by USCC. Name search uses `name_bigrams`, the name's
 * character pairs (zj_bigrams(), migration 0003), stored so that rechecks read it instead of
 * recomputing it, with a GIN index.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid().primaryKey().defaultRandom(),
    uscc: text().notNull().unique(),
    name: text().notNull(),
    nameBigrams: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`zj_bigrams(name)`),
    legalRepresentative: text(),
    address: text(),
    regionCode: text()
      .notNull()
      .references(() => regions.code),
    industryCode: text(),
    status: text().$type<EnterpriseStatus>().notNull().default('active'),
    establishedOn: date({ mode: 'string' }),
    contacts: jsonb().$type<Contact[]>().notNull().default([]),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    creditClass: text().$type<CreditClass>(),
    /** Set when a code failing the check digit (early pilot codes) was registered on purpose. */
    usccOverrideReason: text(),
    /**
     * The import that created the enterprise (its creation entry in the history); null when it was
     * created in a form. Not a foreign key: checking one would cost a lookup per imported row, and
     * imports are never deleted.
     */
    importId: uuid(),
    /** Bumped by every change of the row; the ETag of its API representation (If-Match). */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enterprises_uscc_prefix').using('btree', t.uscc.op('text_pattern_ops')),
    index().on(t.regionCode, t.name),
    index().on(t.name),
    index().on(t.status),
    index().on(t.creditClass),
    index('enterprises_tags').using('gin', t.tags),
    index('enterprises_name_bigrams_gin').using('gin', t.nameBigrams),
  ],
);

/** One import of a registration spreadsheet: who, which file, what it did (also in the audit trail). */
export const enterpriseImports = pgTable('enterprise_imports', {
  id: uuid().primaryKey().defaultRandom(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  actorId: uuid(),
  actorName: text().notNull(),
  fileName: text().notNull(),
  sha256: text().notNull(),
  mode: text().notNull(),
  imported: integer().notNull(),
  updated: integer().notNull(),
  unchanged: integer().notNull(),
  rejected: integer().notNull(),
});

/**
 * Every change of an enterprise, for its history tab: who, when, how (form or import), before/after.
 * An enterprise created by an import has no creation row; `enterprises.import_id` stands for it.
 */
export const enterpriseHistory = pgTable(
  'enterprise_history',
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    actorName: text(),
    source: text().$type<'form' | 'import'>().notNull(),
    action: text().$type<'created' | 'updated'>().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.enterpriseId, t.at)],
);
