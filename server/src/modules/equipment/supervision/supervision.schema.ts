import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../../db/columns.js';

/**
 * A 暗访通报 (notice of unannounced checks): the city bureau tells a county bureau which hazards its
 * unannounced checks found there (the hazards point to it by `noticeId`), with a date by which the
 * county reports each closed. The .docx is generated once and kept.
 */
export const equipmentNotices = pgTable(
  'equipment_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    documentNo: text().notNull().unique(),
    title: text().notNull(),
    /** The county bureau it is addressed to, and its region. */
    toOrgId: uuid().notNull(),
    regionCode: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    replyDueOn: date({ mode: 'string' }).notNull(),
    summary: text(),
    fileName: text().notNull(),
    document: bytea().notNull(),
    issuedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.toOrgId, t.issuedOn)],
);
