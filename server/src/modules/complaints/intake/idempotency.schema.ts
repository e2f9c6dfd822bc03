import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Public submissions by `Idempotency-Key` (per client): the body's hash and the first answer, its
 * access code sealed. The same key with the same body answers the first answer again; with another
 * body, 422 IDEMPOTENCY_MISMATCH. Rows older than a day are removed.
 */
export const complaintIdempotency = pgTable('complaint_idempotency', {
  /** Keyed hash of (client, Idempotency-Key). */
  keyHash: text().primaryKey(),
  bodyHash: text().notNull(),
  trackingNo: text().notNull(),
  accessCodeSealed: text().notNull(),
  /** Open311 filings answer their token again: sealed too. */
  open311TokenSealed: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
