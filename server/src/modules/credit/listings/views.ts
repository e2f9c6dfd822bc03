import { and, desc, eq, ilike, inArray, isNotNull, like, or } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { type ListingStatus, creditListingEvents, creditListings, creditRepairs } from '../credit.schema.js';

export type ListingRow = typeof creditListings.$inferSelect;
export type RepairRow = typeof creditRepairs.$inferSelect;

/**
 * Reads of listings and repair applications. Data scope (README § Scope): staff by the listing's
 * region, an enterprise's account its own enterprise's rows; out of scope is 404 like missing.
 */
export const listingScope = (actor: Actor) => visibleTo(actor, { regionCode: creditListings.regionCode, uscc: creditListings.uscc });
export const repairScope = (actor: Actor) => visibleTo(actor, { regionCode: creditRepairs.regionCode, uscc: creditRepairs.uscc });

/** The listing in the actor's scope (locked for a write: the newest committed version); 404 otherwise. */
export async function listingIn(tx: Db, actor: Actor, id: string, lock = false): Promise<ListingRow> {
  const query = tx.select().from(creditListings).where(and(eq(creditListings.id, id), listingScope(actor)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw notFound('失信名单记录');
  return row;
}

/** The repair application in the actor's scope (locked for a write); 404 otherwise. */
export async function repairIn(tx: Db, actor: Actor, id: string, lock = false): Promise<RepairRow> {
  const query = tx.select().from(creditRepairs).where(and(eq(creditRepairs.id, id), repairScope(actor)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw notFound('信用修复申请');
  return row;
}

/** Text search over the enterprise's name (part) or USCC (prefix). */
export const matching = (q: string | undefined, name: AnyPgColumn, uscc: AnyPgColumn) => {
  const text = q?.trim();
  if (!text) return undefined;
  return or(ilike(name, `%${escapeLike(text)}%`), like(uscc, `${escapeLike(text.toUpperCase())}%`));
};

export interface ListingFilter {
  status?: ListingStatus;
  q?: string;
}

/** Listings in the actor's scope, the most recently changed first (then id). */
export async function listListings(tx: Db, actor: Actor, filter: ListingFilter, page: Page) {
  const where = and(listingScope(actor), filter.status ? eq(creditListings.status, filter.status) : undefined, matching(filter.q, creditListings.enterpriseName, creditListings.uscc));
  const items = await tx.select().from(creditListings).where(where).orderBy(desc(creditListings.updatedAt), desc(creditListings.id)).limit(page.pageSize).offset(offsetOf(page));
  const [count] = await tx.select({ n: countAll }).from(creditListings).where(where);
  return { items, total: count?.n ?? 0 };
}

/** A listing with its steps (oldest first) and its repair applications (newest first). */
export async function listingDetail(tx: Db, row: ListingRow) {
  const events = await tx
    .select({ at: creditListingEvents.at, actorName: creditListingEvents.actorName, action: creditListingEvents.action, fromStatus: creditListingEvents.fromStatus, toStatus: creditListingEvents.toStatus, note: creditListingEvents.note })
    .from(creditListingEvents)
    .where(eq(creditListingEvents.listingId, row.id))
    .orderBy(creditListingEvents.at, creditListingEvents.id);
  const repairs = await tx.select().from(creditRepairs).where(eq(creditRepairs.listingId, row.id)).orderBy(desc(creditRepairs.appliedAt), desc(creditRepairs.id));
  return { ...row, events, repairs };
}

/**
 * What an enterprise's account sees of its own listings (`GET /api/my/credit`): those it has been
 * told of (a proposal not yet noticed is the bureau's internal matter), without the proposer's
 * and decider's names; and its repair applications with their conditions and outcome.
 */
export async function myCredit(tx: Db, uscc: string) {
  const listings = await tx
    .select({
      id: creditListings.id,
      listingNo: creditListings.listingNo,
      status: creditListings.status,
      reason: creditListings.reason,
      legalBasis: creditListings.legalBasis,
      caseNo: creditListings.caseNo,
      noticeSentOn: creditListings.noticeSentOn,
      answerDue: creditListings.answerDue,
      answer: creditListings.answer,
      answeredAt: creditListings.answeredAt,
      decidedAt: creditListings.decidedAt,
      listedOn: creditListings.listedOn,
      until: creditListings.until,
      removedOn: creditListings.removedOn,
      removalKind: creditListings.removalKind,
      version: creditListings.version,
    })
    .from(creditListings)
    .where(and(eq(creditListings.uscc, uscc), isNotNull(creditListings.noticeSentOn)))
    .orderBy(desc(creditListings.noticeSentOn), desc(creditListings.id));
  const ids = listings.map((l) => l.id);
  const repairs = ids.length
    ? await tx
        .select({
          id: creditRepairs.id,
          listingId: creditRepairs.listingId,
          statement: creditRepairs.statement,
          commitment: creditRepairs.commitment,
          appliedAt: creditRepairs.appliedAt,
          conditions: creditRepairs.conditions,
          status: creditRepairs.status,
          decidedAt: creditRepairs.decidedAt,
          decisionReason: creditRepairs.decisionReason,
        })
        .from(creditRepairs)
        .where(and(eq(creditRepairs.uscc, uscc), inArray(creditRepairs.listingId, ids)))
        .orderBy(desc(creditRepairs.appliedAt), desc(creditRepairs.id))
    : [];
  return { listings, repairs };
}
