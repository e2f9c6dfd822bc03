import { and, desc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll } from '../../../db/sql.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { creditListings } from '../credit.schema.js';
import { matching } from './views.js';

/**
 * The public dishonest list (`GET /api/public/dishonest-list`): listings decided `listed`,
 * published, and in their period on `today` (listedOn ≤ today ≤ until) — an expired one never shows,
 * even before the daily removal runs. Exactly the contract's fields: never the credit class, the
 * enterprise's answer, the decision note or who proposed or decided. Newest listing first, then id.
 */
export async function publicDishonestList(db: Db, filter: { q?: string }, page: Page, today: string) {
  const where = and(
    eq(creditListings.status, 'listed'),
    isNotNull(creditListings.publishedAt),
    lte(creditListings.listedOn, today),
    gte(creditListings.until, today),
    matching(filter.q, creditListings.enterpriseName, creditListings.uscc),
  );
  const items = await db
    .select({ uscc: creditListings.uscc, name: creditListings.enterpriseName, reason: creditListings.reason, legalBasis: creditListings.legalBasis, listedOn: creditListings.listedOn, until: creditListings.until })
    .from(creditListings)
    .where(where)
    .orderBy(desc(creditListings.listedOn), desc(creditListings.id))
    .limit(page.pageSize)
    .offset(offsetOf(page));
  const [count] = await db.select({ n: countAll }).from(creditListings).where(where);
  return { items: items.map((i) => ({ ...i, listedOn: i.listedOn!, until: i.until! })), total: count?.n ?? 0 };
}
