import { type SQL, and, desc, eq, gte, isNotNull, lte } from 'drizzle-orm';
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
  const where = inPeriod(filter, today);
  const items = await publicRows(db, where, page);
  const [count] = await db.select({ n: countAll }).from(creditListings).where(where);
  return { items, total: count?.n ?? 0 };
}

const inPeriod = (filter: { q?: string }, today: string) =>
  and(
    eq(creditListings.status, 'listed'),
    isNotNull(creditListings.publishedAt),
    lte(creditListings.listedOn, today),
    gte(creditListings.until, today),
    matching(filter.q, creditListings.enterpriseName, creditListings.uscc),
  );

async function publicRows(db: Db, where: SQL | undefined, page: Page) {
  const rows = await db
    .select({ uscc: creditListings.uscc, name: creditListings.enterpriseName, reason: creditListings.reason, legalBasis: creditListings.legalBasis, listedOn: creditListings.listedOn, until: creditListings.until })
    .from(creditListings)
    .where(where)
    .orderBy(desc(creditListings.listedOn), desc(creditListings.id))
    .limit(page.pageSize)
    .offset(offsetOf(page));
  return rows.map((r) => ({ ...r, listedOn: r.listedOn!, until: r.until! }));
}

const CSV_BATCH = 1000;

/**
 * The same list as CSV rows (`GET /api/public/dishonest-list.csv`): the header, then every
 * listing in period in the list's order, read a batch at a time (the writer neutralises formula cells).
 */
export async function* publicDishonestCsv(db: Db, filter: { q?: string }, today: string): AsyncGenerator<string[]> {
  yield ['统一社会信用代码', '企业名称', '列入事由', '法律依据', '列入日期', '列入期限至'];
  const where = inPeriod(filter, today);
  for (let page = 1; ; page++) {
    const rows = await publicRows(db, where, { page, pageSize: CSV_BATCH });
    for (const r of rows) yield [r.uscc, r.name, r.reason, r.legalBasis, r.listedOn, r.until];
    if (rows.length < CSV_BATCH) return;
  }
}
