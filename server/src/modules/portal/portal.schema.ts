import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.js';

export const NOTICE_KINDS = ['notice', 'plan', 'result', 'exposure'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_STATUSES = ['draft', 'pending', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * A page the bureau publishes on the portal (a small CMS): notices (通知公告), plans (计划),
 * results (结果) and exposures (曝光). Drafted by an officer, approved and published by a section
 * head, withdrawn with a reason; every step audited.
 */
export const portalNotices = pgTable(
  'portal_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<NoticeKind>().notNull(),
    title: text().notNull(),
    summary: text(),
    body: text().notNull(),
    /** The publishing bureau's region (data scope of officers). */
    regionCode: text().notNull(),
    orgName: text().notNull(),
    status: text().$type<NoticeStatus>().notNull().default('draft'),
    createdBy: uuid(),
    createdByName: text().notNull(),
    submittedAt: timestamp({ withTimezone: true }),
    returnedReason: text(),
    approvedByName: text(),
    publishedAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnByName: text(),
    withdrawReason: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.publishedAt), index().on(t.kind, t.status, t.publishedAt), index().on(t.regionCode, t.status)],
);

/** The daily open-data file (CSV of the public record, UTF-8 with BOM) as written: one per day, its content in gzip chunks. */
export const openDataFiles = pgTable(
  'open_data_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    day: date({ mode: 'string' }).notNull(),
    rows: integer().notNull(),
    /** Bytes of the CSV (uncompressed) and its SHA-256. */
    bytes: integer().notNull(),
    sha256: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('open_data_files_day_unique').on(t.day)],
);

/** The file's content: gzip members in order (their concatenation is one gzip stream). */
export const openDataChunks = pgTable(
  'open_data_chunks',
  {
    fileId: uuid().notNull(),
    seq: integer().notNull(),
    content: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);
