import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { nextVersion } from '../../../db/sql.js';
import type { RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError } from '../../../platform/http/errors.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { type ListingStatus, creditListingEvents, creditListings } from '../credit.schema.js';
import type { ListingRow } from './views.js';

/** The to-do kind of a noticed listing ready for a decision (the enterprise answered or its period ended). */
export const DECISION_TODO = 'credit.listing_decision_due';

/** The statuses of a listing still open (one per enterprise at a time). */
export const OPEN_STATUSES: ListingStatus[] = ['proposed', 'noticed', 'listed'];

/** 409 INVALID_TRANSITION: the step is not allowed from the listing's status. */
export const invalidTransition = (row: ListingRow, action: string, message: string) => new AppError('INVALID_TRANSITION', message, 409, { status: row.status, action });

/** Serialises the writes that open a listing of one enterprise (one open listing each). */
export const lockEnterprise = (tx: Db, uscc: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`credit_listing:${uscc}`}))`);

type Step = { action: string; to?: ListingStatus; set?: Partial<typeof creditListings.$inferInsert>; note?: string | null };

/** A listing's `credit_listing_events` row and the audit event `credit_listing.<action>` (from `from`, null for a new listing). */
export async function recordEvent(tx: Db, audit: AuditService, ctx: RequestContext, row: ListingRow, from: ListingStatus | null, step: Step) {
  const to = step.to ?? row.status;
  await tx.insert(creditListingEvents).values({ listingId: row.id, actorName: ctx.actor?.name ?? '系统', action: step.action, fromStatus: from, toStatus: to, note: step.note ?? null });
  await audit.record(tx, ctx, {
    action: `credit_listing.${step.action}`,
    targetType: 'credit_listing',
    targetId: row.id,
    before: from ? { status: from } : undefined,
    after: { listingNo: row.listingNo, uscc: row.uscc, status: to, ...step.set, ...(step.note ? { note: step.note } : {}) },
  });
}

/**
 * One step of a listing in the caller's transaction: the row changed (version bumped) and its
 * event recorded (`recordEvent`); returns the changed row.
 */
export async function recordStep(tx: Db, audit: AuditService, ctx: RequestContext, row: ListingRow, step: Step): Promise<ListingRow> {
  const [updated] = await tx
    .update(creditListings)
    .set({ ...step.set, status: step.to ?? row.status, version: nextVersion(creditListings.version), updatedAt: new Date() })
    .where(eq(creditListings.id, row.id))
    .returning();
  await recordEvent(tx, audit, ctx, row, row.status, step);
  return updated!;
}

/** The to-do of a noticed listing ready for a decision, addressed to the enterprise's competent bureau (credit.list). */
export const decisionTodo = (row: ListingRow, orgId: string): TodoSpec => ({
  key: `${DECISION_TODO}:${row.id}`,
  subjectType: 'credit_listing',
  subjectId: row.id,
  title: row.answer ? `${row.enterpriseName}已就列入严重违法失信名单陈述申辩，待作出决定` : `${row.enterpriseName}列入严重违法失信名单告知期满，待作出决定`,
  params: { listingNo: row.listingNo, enterpriseName: row.enterpriseName },
  link: `/credit/listings/${row.id}`,
  dueOn: row.answerDue,
  orgId,
  sectionId: null,
  permission: 'credit.list',
  regionCode: row.regionCode,
});
