import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const COMMITMENT_KINDS = ['production', 'equipment_user', 'metrology', 'service', 'other'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/**
 * A public quality commitment (质量安全公开承诺, seed §四1) an enterprise made through its account:
 * its text, signed by the legal representative on a date. Withdrawing it keeps it in the history;
 * active ones show on the enterprise's public record.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid().primaryKey().defaultRandom(),
    uscc: text().notNull(),
    /** The enterprise's region (data scope of officers). */
    regionCode: text().notNull(),
    kind: text().$type<CommitmentKind>().notNull(),
    text: text().notNull(),
    signedBy: text().notNull(),
    signedOn: date({ mode: 'string' }).notNull(),
    withdrawnOn: date({ mode: 'string' }),
    createdBy: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.uscc, t.signedOn), index().on(t.regionCode)],
);

/** The template an enterprise starts from, per kind; administrators edit the text. */
export const commitmentTemplates = pgTable('commitment_templates', {
  kind: text().$type<CommitmentKind>().primaryKey(),
  title: text().notNull(),
  text: text().notNull(),
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
