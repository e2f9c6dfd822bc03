import { type SQL, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import { regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../../enterprises/index.js';
import {
  type Conclusion,
  type FollowupStage,
  type FollowupStep,
  type ItemResult,
  spotcheckBulletins,
  spotcheckFollowups,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckProducts,
  spotcheckSamples,
} from '../spotchecks.schema.js';

/*
 * One sample's final result with everything a bulletin, the public site and the candidates' list
 * show: the product, the enterprise, its region, the batch, the final conclusion with its failing
 * items and the institution whose conclusion stands, the bulletin, the follow-up.
 */

const s = spotcheckSamples;
const retestInstitutions = alias(spotcheckInstitutions, 'retest_institutions');

/** The county of a region code (a town's 9-digit code starts with its county's). */
const countyOf = sql<string>`left(${s.regionCode}, 6)`;

const columns = {
  id: s.id,
  sampleNo: s.sampleNo,
  lotId: s.lotId,
  lotNo: spotcheckLots.lotNo,
  year: spotcheckLots.year,
  quarter: spotcheckLots.quarter,
  planId: spotcheckLots.planId,
  productId: s.productId,
  productCode: spotcheckProducts.code,
  productName: spotcheckProducts.name,
  category: spotcheckProducts.category,
  enterpriseId: s.enterpriseId,
  enterpriseName: enterprises.name,
  uscc: s.uscc,
  regionCode: s.regionCode,
  regionName: regions.name,
  record: s.record,
  items: s.items,
  conclusion: s.conclusion,
  finalConclusion: s.finalConclusion,
  objectionStatus: spotcheckObjections.status,
  retestItems: spotcheckObjections.retestItems,
  institutionName: spotcheckInstitutions.name,
  retestInstitutionName: retestInstitutions.name,
  bulletinId: s.bulletinId,
  bulletinNo: spotcheckBulletins.bulletinNo,
  bulletinStatus: spotcheckBulletins.status,
  publishedOn: spotcheckBulletins.publishedOn,
  followupStage: spotcheckFollowups.stage,
  followupSteps: spotcheckFollowups.steps,
};

/** The query of result rows (add where, order, limit); `bulletin` joined through the sample's `bulletinId`. */
export const selectResults = (tx: Db) =>
  tx
    .select(columns)
    .from(s)
    .innerJoin(spotcheckLots, eq(spotcheckLots.id, s.lotId))
    .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, s.productId))
    .leftJoin(enterprises, eq(enterprises.id, s.enterpriseId))
    .leftJoin(regions, eq(regions.code, countyOf))
    .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, s.institutionId))
    .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, s.id))
    .leftJoin(retestInstitutions, eq(retestInstitutions.id, spotcheckObjections.retestInstitutionId))
    .leftJoin(spotcheckBulletins, eq(spotcheckBulletins.id, s.bulletinId))
    .leftJoin(spotcheckFollowups, eq(spotcheckFollowups.sampleId, s.id));

/** The count matching `selectResults` with the same condition. */
export const countResults = (tx: Db, where: SQL | undefined) =>
  tx
    .select({ n: sql<number>`count(*)::int` })
    .from(s)
    .innerJoin(spotcheckLots, eq(spotcheckLots.id, s.lotId))
    .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, s.productId))
    .leftJoin(spotcheckBulletins, eq(spotcheckBulletins.id, s.bulletinId))
    .where(where);

export type ResultRow = Awaited<ReturnType<typeof selectResults>>[number];

/** The items of the conclusion that stands: the retest's when the objection was retested, else the sample's own. */
export const standingItems = (r: Pick<ResultRow, 'objectionStatus' | 'retestItems' | 'items'>): ItemResult[] => (r.objectionStatus === 'retested' ? r.retestItems : r.items) ?? [];

/** The names of the failed items of the standing result, each once, in the result's order. */
export const failingItemsOf = (r: Pick<ResultRow, 'objectionStatus' | 'retestItems' | 'items'>): string[] => [...new Set(standingItems(r).filter((i) => !i.pass).map((i) => i.item))];

/** The institution whose conclusion stands: the retest's when retested. */
export const institutionOfResult = (r: Pick<ResultRow, 'objectionStatus' | 'retestInstitutionName' | 'institutionName'>): string =>
  (r.objectionStatus === 'retested' ? r.retestInstitutionName : r.institutionName) ?? r.institutionName ?? '';

/** Follow-up stages at or after the public notice of a failure not corrected (产品质量法 §17). */
export const NOTICED_STAGES: readonly FollowupStage[] = ['noticed', 'suspended', 'referred'];

/**
 * Whether a failure's follow-up reached the public notice (not corrected): its stage is `noticed`
 * or a later one (`suspended`, `referred`), or it was closed after a step `notice` (objections/README.md: close
 * follows `suspended` or `referred`, both after the notice, or `rechecked_passed`: corrected).
 */
export const followupNoticed = (stage: FollowupStage | null, steps: FollowupStep[] | null): boolean =>
  stage !== null && (NOTICED_STAGES.includes(stage) || (steps ?? []).some((st) => st.action === 'notice'));

/** The 抽样单's batch facts. */
export const batchOf = (r: Pick<ResultRow, 'record'>) => ({
  batchNo: r.record?.batchNo ?? null,
  productionDate: r.record?.productionDate ?? null,
  specification: r.record?.specification ?? null,
});

/** A result as the public site and bulletins show it: never samplers, prices paid, signers or other personal data. */
export function publicResult(r: ResultRow) {
  return {
    sampleNo: r.sampleNo,
    productCode: r.productCode,
    productName: r.productName,
    category: r.category,
    enterpriseName: r.enterpriseName ?? '',
    uscc: r.uscc,
    regionCode: r.regionCode,
    regionName: r.regionName ?? '',
    ...batchOf(r),
    conclusion: r.finalConclusion as Conclusion,
    failingItems: failingItemsOf(r),
    institutionName: institutionOfResult(r),
    bulletinNo: r.bulletinNo ?? '',
    publishedOn: r.publishedOn ?? '',
    followup: followupNoticed(r.followupStage, r.followupSteps) ? ('not_corrected_notice' as const) : null,
  };
}
export type PublicResult = ReturnType<typeof publicResult>;

/** Conclusions as printed. */
export const CONCLUSION_NAMES: Record<Conclusion, string> = { pass: '合格', fail: '不合格' };
