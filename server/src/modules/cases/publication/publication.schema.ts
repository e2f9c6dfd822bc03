import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases.schema.js';

/** pending: to publish within 20 working days; published; not_published: not to be published (a warning alone, by default); removed: taken down early. */
export const PUBLICATION_STATUSES = ['pending', 'published', 'not_published', 'removed'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/**
 * The publication of a penalty decision (SAMR Order 45): due within 20 working days of the
 * decision; public from `publishedOn` to `publicUntil` (3 months for criticism only or a low fine,
 * 3 years otherwise); early removal on application where allowed.
 */
export const penaltyPublications = pgTable(
  'penalty_publications',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    status: text().$type<PublicationStatus>().notNull(),
    /** Why a decision is not published (e.g. 仅警告). */
    exemptReason: text(),
    dueOn: date({ mode: 'string' }).notNull(),
    dueCertain: boolean().notNull().default(true),
    publishedOn: date({ mode: 'string' }),
    publishedByName: text(),
    /** `short`: 3 months; `long`: 3 years. */
    period: text().$type<'short' | 'long'>(),
    publicUntil: date({ mode: 'string' }),
    removedOn: date({ mode: 'string' }),
    removalReason: text(),
    removedByName: text(),
    regionCode: text().notNull(),
    orgId: uuid().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.publicUntil), index().on(t.status, t.dueOn)],
);
