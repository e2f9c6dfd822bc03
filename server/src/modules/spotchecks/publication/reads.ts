import { and, desc, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { enterprises } from '../../enterprises/index.js';
import { type Conclusion, type FollowupStage, spotcheckLots, spotcheckSamples } from '../spotchecks.schema.js';
import { failingItemsOf, followupNoticed, institutionOfResult, selectResults } from './results.js';

/*
 * Read functions other modules use on the spot-check results (the cases module's clusters). They
 * run in the caller's transaction (or on the database), never write, and apply no data scope: the
 * caller decides who may see the enterprises it asks about.
 */

/** How many spot-check years `spotcheckResultsOf` reads by default: this year and the two before. */
export const SPOTCHECK_RESULT_YEARS = 3;

export interface SpotcheckResult {
  sampleId: string;
  sampleNo: string;
  /** The spot check's year (its lot's). */
  year: number;
  productCode: string;
  productName: string;
  uscc: string;
  enterpriseName: string | null;
  /** The 抽样单's sampling day (null when the record has none). */
  sampledOn: string | null;
  /** The conclusion that stands (the retest's when an objection was retested). */
  finalConclusion: Conclusion;
  /** The standing result's failed items, each once. */
  failingItems: string[];
  /** The institution whose conclusion stands. */
  institutionName: string;
  /** The failure's follow-up stage (null: passed, or no follow-up yet). */
  followupStage: FollowupStage | null;
  /** The follow-up reached the public notice of a failure not corrected (产品质量法 §17). */
  followupNoticed: boolean;
}

/** USCCs per statement (well under PostgreSQL's limit of parameters). */
const CHUNK = 5000;

/**
 * The samples with a final conclusion of the enterprises `usccs` (by the register's enterprise the
 * sample was taken at), of spot-check years `fromYear` (default: this year − 2, three years) and
 * later; newest first: the lot's year desc, the sampling day desc (none last), then the sample
 * number (unique). Bounded by years, not rows: a cluster of a few hundred enterprises has a few
 * samples each a year. Empty `usccs` → [].
 */
export async function spotcheckResultsOf(db: Db, usccs: readonly string[], opts: { fromYear?: number } = {}): Promise<SpotcheckResult[]> {
  const unique = [...new Set(usccs)];
  if (unique.length === 0) return [];
  const fromYear = opts.fromYear ?? Number(todayInChina().slice(0, 4)) - (SPOTCHECK_RESULT_YEARS - 1);
  const sampledOn = sql<string | null>`${spotcheckSamples.record}->>'sampledOn'`;
  const out: SpotcheckResult[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    // enterprises.uscc (unique) then the samples' (enterprise_id, product_id) index.
    const rows = await selectResults(db)
      .where(and(inArray(enterprises.uscc, unique.slice(i, i + CHUNK)), isNotNull(spotcheckSamples.finalConclusion), gte(spotcheckLots.year, fromYear)))
      .orderBy(desc(spotcheckLots.year), sql`${sampledOn} desc nulls last`, desc(spotcheckSamples.sampleNo));
    for (const r of rows)
      out.push({
        sampleId: r.id,
        sampleNo: r.sampleNo,
        year: r.year,
        productCode: r.productCode,
        productName: r.productName,
        uscc: r.uscc,
        enterpriseName: r.enterpriseName,
        sampledOn: r.record?.sampledOn ?? null,
        finalConclusion: r.finalConclusion!,
        failingItems: failingItemsOf(r),
        institutionName: institutionOfResult(r),
        followupStage: r.followupStage,
        followupNoticed: followupNoticed(r.followupStage, r.followupSteps),
      });
  }
  // Chunks (over 5,000 enterprises) are each in order; merge them into one order.
  if (unique.length > CHUNK) out.sort((a, b) => b.year - a.year || (b.sampledOn ?? '').localeCompare(a.sampledOn ?? '') || b.sampleNo.localeCompare(a.sampleNo));
  return out;
}
