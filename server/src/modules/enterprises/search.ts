import { type SQL, and, asc, desc, eq, ilike, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../db/sql.js';
import type { Actor } from '../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../platform/access/scope.js';
import { type Page, offsetOf } from '../../platform/http/schemas.js';
import { regions } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { type CreditClass, type EnterpriseStatus, enterprises } from './enterprises.schema.js';
import { normalizeUscc } from './uscc.js';

export interface EnterpriseFilter {
  q?: string;
  regionCode?: string;
  status?: EnterpriseStatus;
  creditClass?: CreditClass;
  tag?: string;
  industryCode?: string;
}

export const SORTS = ['name', '-name', 'uscc', '-uscc', 'establishedOn', '-establishedOn', 'updatedAt', '-updatedAt'] as const;
export type Sort = (typeof SORTS)[number];

export const enterpriseColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  legalRepresentative: enterprises.legalRepresentative,
  address: enterprises.address,
  regionCode: enterprises.regionCode,
  regionName: regions.name,
  industryCode: enterprises.industryCode,
  status: enterprises.status,
  establishedOn: enterprises.establishedOn,
  contacts: enterprises.contacts,
  tags: enterprises.tags,
  creditClass: enterprises.creditClass,
  usccOverrideReason: enterprises.usccOverrideReason,
  version: enterprises.version,
  createdAt: enterprises.createdAt,
  updatedAt: enterprises.updatedAt,
};

/**
 * Counting every match of a common fragment (有限 matches most names) costs a scan of most of
 * the register; beyond this many matches the total is an estimate instead. Counting this many
 * rows takes milliseconds, so a county's register (and the 5,000-row demo) is always counted exactly.
 */
export const EXACT_COUNT_LIMIT = 10_000;

/** Rows a name search reads first, as a sample of the register (see makeEnterpriseSearch). */
export const SEARCH_SAMPLE_ROWS = 5000;

/** A name search expected to match at most this many rows reads them all through the bigram index. */
const INDEX_ALL_MATCHES = 5000;

const SORT_COLUMNS = { name: enterprises.name, uscc: enterprises.uscc, establishedOn: enterprises.establishedOn, updatedAt: enterprises.updatedAt };

export const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc });

/** The WHERE conditions of a register search (also used by export). */
export function searchConditions(actor: Actor, f: EnterpriseFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  const q = f.q?.trim();
  if (q) {
    // Two or more characters: the bigram index narrows and strpos confirms (for exactly two the
    // bigram is the fragment itself); one character has no bigram and is matched by LIKE.
    const bigrams = sql`${enterprises.nameBigrams} @> zj_bigrams(${q})`;
    const confirmed = sql`strpos(lower(${enterprises.name}), lower(${q})) > 0`;
    const byName = q.length === 2 ? bigrams : q.length > 2 ? and(bigrams, confirmed) : ilike(enterprises.name, `%${escapeLike(q)}%`);
    const code = normalizeUscc(q);
    conds.push(/^[0-9A-Z]{2,18}$/.test(code) ? sql`(${like(enterprises.uscc, `${code}%`)} or ${byName})` : byName);
  }
  if (f.regionCode) conds.push(like(enterprises.regionCode, `${escapeLike(regionPrefix(f.regionCode))}%`));
  if (f.status) conds.push(eq(enterprises.status, f.status));
  if (f.creditClass) conds.push(eq(enterprises.creditClass, f.creditClass));
  if (f.tag) conds.push(sql`${enterprises.tags} @> array[${f.tag}]::text[]`);
  if (f.industryCode) conds.push(like(enterprises.industryCode, `${escapeLike(f.industryCode.toUpperCase())}%`));
  return and(...conds);
}

/**
 * The page order. Without an explicit sort: by USCC, which groups by registering division — except
 * for a name search, whose default is the (random, stable) id order: names carry a place prefix
 * and USCCs the division, so a USCC- or name-ordered scan for a place fragment (盱眙) would
 * filter most of the register before finding a page, while the id order is independent of both.
 */
export function orderOf(sort: Sort | undefined, filter: EnterpriseFilter) {
  if (!sort && filter.q?.trim()) return [asc(enterprises.id)];
  const by = sort ?? 'uscc';
  const column = SORT_COLUMNS[by.replace('-', '') as keyof typeof SORT_COLUMNS];
  return [by.startsWith('-') ? desc(column) : asc(column), asc(enterprises.uscc)];
}

/** The planner's estimate of the rows matching `where` (from the column statistics, no scan). */
async function estimateRows(db: Db, where: SQL | undefined): Promise<number> {
  const result = (await db.execute(sql`explain (format json) select 1 from ${enterprises} where ${where ?? sql`true`}`)) as unknown as { rows: Record<string, unknown>[] };
  const raw = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

export interface SearchResult<T> {
  items: T[];
  /** Exact up to EXACT_COUNT_LIMIT matches (or on a register no larger than the sample), estimated above; the pager must not stop at an estimate. */
  total: number;
  totalExact: boolean;
}

/**
 * Searches the register. The planner cannot tell how common a name fragment is (its bigrams are
 * correlated: 有限 and 限公 come together), and a wrong guess costs seconds: reading and sorting
 * half the register for 有限公司, or walking all of it for a name that occurs twice. So a name
 * search first searches a sample — the first `sampleRows` rows in id order, which is random (ids
 * are random UUIDs), read through the primary key, the same rows every time, so they stay cached —
 * and lets it decide:
 * - the register is no larger than the sample: the sample is the answer, with an exact total;
 * - the sample holds the page (a common fragment, default order): the page is the sample's, and
 *   the total is the sample's share scaled to the register (an estimate, above EXACT_COUNT_LIMIT);
 * - few matches are expected: they are all read through the bigram index, sorted and counted
 *   exactly in one pass;
 * - many are expected (an explicit sort, a deep page): an index walk in the order asked for stops
 *   at the page.
 * In the last two cases transaction-local settings (enable_seqscan…) fix the plan: the planner's
 * own guess is what goes wrong.
 */
export function makeEnterpriseSearch(db: Db, opts: { sampleRows?: number; exactCountLimit?: number } = {}) {
  const sampleRows = opts.sampleRows ?? SEARCH_SAMPLE_ROWS;
  const exactLimit = opts.exactCountLimit ?? EXACT_COUNT_LIMIT;
  // Named like the table, so that the search conditions apply to the sample unchanged. The LIMIT
  // keeps the planner from pushing them into the sample (and from reading it any other way).
  const sample = db.select().from(enterprises).orderBy(asc(enterprises.id)).limit(sampleRows).as('enterprises');

  const pageOf = (tx: Db, where: SQL | undefined, order: SQL[], page: Page) =>
    tx.select(enterpriseColumns).from(enterprises).leftJoin(regions, eq(regions.code, enterprises.regionCode)).where(where).orderBy(...order).limit(page.pageSize).offset(offsetOf(page));

  type Item = Awaited<ReturnType<typeof pageOf>>[number];

  /** The first `limit` matches in `source`; each carries the number of all matches (one pass). */
  const counted = (tx: Db, source: typeof enterprises | typeof sample, where: SQL | undefined, order: SQL[], limit: number) =>
    tx
      .select({ ...enterpriseColumns, matches: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(source)
      .leftJoin(regions, eq(regions.code, enterprises.regionCode))
      .where(where)
      .orderBy(...order)
      .limit(limit);
  const withoutCount = (rows: Awaited<ReturnType<typeof counted>>, from: number): Item[] => rows.slice(from).map(({ matches: _matches, ...item }) => item);

  /** Plan settings for the rest of the transaction: which ways of reading the table the planner may use. */
  const hint = (tx: Db, allow: { seqscan: boolean; indexscan: boolean; bitmapscan: boolean }) =>
    tx.execute(sql`select ${sql.join(
      Object.entries(allow).map(([way, on]) => sql`set_config(${`enable_${way}`}, ${on ? 'on' : 'off'}, true)`),
      sql`, `,
    )}`);

  /**
   * The matches expected in the register: their share of the sample (random rows, see above)
   * times the register's size. The planner's own estimate for the conditions is no good here: it
   * multiplies the selectivities of correlated conditions, and without statistics guesses.
   */
  async function sampled(tx: Db, where: SQL | undefined): Promise<number> {
    const [[row], registerRows] = await Promise.all([
      tx.select({ all: countAll, matching: sql<number>`count(*) filter (where ${where ?? sql`true`})`.mapWith(Number) }).from(sample),
      estimateRows(tx, undefined),
    ]);
    return row && row.all > 0 ? Math.round((row.matching / row.all) * Math.max(registerRows, row.all)) : 0;
  }

  /** A page and its total, exact up to the exact-count limit, then `estimate` or the sample's. */
  async function capped(tx: Db, where: SQL | undefined, order: SQL[], page: Page, estimate?: number): Promise<SearchResult<Item>> {
    const limited = tx.select({ one: sql`1` }).from(enterprises).where(where).limit(exactLimit + 1).as('limited');
    const [items, [count]] = await Promise.all([pageOf(tx, where, order, page), tx.select({ n: countAll }).from(limited)]);
    const n = count?.n ?? 0;
    if (n <= exactLimit) return { items, total: n, totalExact: true };
    return { items, total: Math.max(n, estimate ?? (await sampled(tx, where))), totalExact: false };
  }

  return async function search(actor: Actor, filter: EnterpriseFilter, page: Page, sort?: Sort): Promise<SearchResult<Item>> {
    const where = searchConditions(actor, filter);
    const order = orderOf(sort, filter);
    if (!filter.q?.trim()) return capped(db, where, order, page);

    const offset = offsetOf(page);
    const wanted = offset + page.pageSize;
    const [probe, [size]] = await Promise.all([
      counted(db, sample, where, order, wanted),
      db.select({ n: countAll }).from(db.select({ one: sql`1` }).from(enterprises).limit(sampleRows + 1).as('head')),
    ]);
    const inSample = probe[0]?.matches ?? 0;
    if ((size?.n ?? 0) <= sampleRows) return { items: withoutCount(probe, offset), total: inSample, totalExact: true };

    const expected = Math.round((inSample / sampleRows) * Math.max(sampleRows, await estimateRows(db, undefined)));
    if (!sort && probe.length === wanted && expected > exactLimit) return { items: withoutCount(probe, offset), total: expected, totalExact: false };
    return inTransaction(db, async (tx) => {
      if (expected <= INDEX_ALL_MATCHES) {
        await hint(tx, { seqscan: false, indexscan: false, bitmapscan: true });
        const rows = await counted(tx, enterprises, where, order, wanted);
        return { items: withoutCount(rows, offset), total: rows[0]?.matches ?? 0, totalExact: true };
      }
      await hint(tx, { seqscan: true, indexscan: true, bitmapscan: false });
      return capped(tx, where, order, page, expected);
    });
  };
}
