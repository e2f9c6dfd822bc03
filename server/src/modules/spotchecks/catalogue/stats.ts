import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type ItemResult, spotcheckHistory, spotcheckLots, spotcheckObjections, spotcheckSamples } from '../spotchecks.schema.js';

/** One product's results in one year: batches with a final conclusion, those passed, the failing items. */
export interface ProductYearStats {
  productId: string;
  year: number;
  batches: number;
  passed: number;
  /** Items failed, with how many batches failed each; most frequent first, then by name. */
  failingItems: { item: string; count: number }[];
  /** `system`: samples only; `history`: entered history only; `both`: the two added together. */
  source: 'system' | 'history' | 'both';
}

/**
 * The results of products per year (README.md § Pass rate), from two sources added together:
 * - `spotcheck_history` rows (the years before the system), each failing item counting once;
 * - samples with a final conclusion, in the year of their lot; a sample's failing items are those
 *   of the retest when its objection was retested, else its own items with `pass = false`.
 * Only (product, year) pairs with data are returned (a year without a batch has no pass rate),
 * ordered by product id then year. `productIds` undefined: every product; empty: none.
 */
export async function productYearStats(tx: Db, opts: { productIds?: string[]; years: number[] }): Promise<ProductYearStats[]> {
  if (opts.years.length === 0 || (opts.productIds && opts.productIds.length === 0)) return [];
  const years = [...new Set(opts.years)];

  const histRows = await tx
    .select({ productId: spotcheckHistory.productId, year: spotcheckHistory.year, batches: spotcheckHistory.batches, passed: spotcheckHistory.passed, failingItems: spotcheckHistory.failingItems })
    .from(spotcheckHistory)
    .where(and(inArray(spotcheckHistory.year, years), opts.productIds ? inArray(spotcheckHistory.productId, opts.productIds) : undefined));

  const sampleRows = await tx
    .select({
      productId: spotcheckSamples.productId,
      year: spotcheckLots.year,
      finalConclusion: spotcheckSamples.finalConclusion,
      items: spotcheckSamples.items,
      objectionStatus: spotcheckObjections.status,
      retestItems: spotcheckObjections.retestItems,
    })
    .from(spotcheckSamples)
    .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckSamples.lotId))
    .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, spotcheckSamples.id))
    .where(and(isNotNull(spotcheckSamples.finalConclusion), inArray(spotcheckLots.year, years), opts.productIds ? inArray(spotcheckSamples.productId, opts.productIds) : undefined));

  type Acc = { productId: string; year: number; batches: number; passed: number; items: Map<string, number>; history: boolean; system: boolean };
  const byKey = new Map<string, Acc>();
  const acc = (productId: string, year: number): Acc => {
    const key = `${productId}|${year}`;
    let a = byKey.get(key);
    if (!a) byKey.set(key, (a = { productId, year, batches: 0, passed: 0, items: new Map(), history: false, system: false }));
    return a;
  };
  const count = (a: Acc, item: string) => a.items.set(item, (a.items.get(item) ?? 0) + 1);

  for (const h of histRows) {
    const a = acc(h.productId, h.year);
    a.history = true;
    a.batches += h.batches;
    a.passed += h.passed;
    for (const item of h.failingItems) count(a, item);
  }
  for (const s of sampleRows) {
    const a = acc(s.productId, s.year);
    a.system = true;
    a.batches += 1;
    if (s.finalConclusion === 'pass') a.passed += 1;
    const items: ItemResult[] = (s.objectionStatus === 'retested' ? s.retestItems : s.items) ?? [];
    // An item named twice in one result fails the batch once.
    for (const item of new Set(items.filter((i) => !i.pass).map((i) => i.item))) count(a, item);
  }

  return [...byKey.values()]
    .map((a) => ({
      productId: a.productId,
      year: a.year,
      batches: a.batches,
      passed: a.passed,
      failingItems: [...a.items.entries()].map(([item, n]) => ({ item, count: n })).sort((x, y) => y.count - x.count || (x.item < y.item ? -1 : x.item > y.item ? 1 : 0)),
      source: (a.history && a.system ? 'both' : a.history ? 'history' : 'system') as ProductYearStats['source'],
    }))
    .sort((x, y) => (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : x.year - y.year));
}

/** The pass rate of a year's stats: passed / batches, or null when there was no batch. */
export const passRateOf = (s: { batches: number; passed: number }): number | null => (s.batches > 0 ? s.passed / s.batches : null);
