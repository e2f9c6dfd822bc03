import { type SQL, and, asc, desc, eq, getTableColumns } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import { enterprises } from '../../enterprises/index.js';
import { type FollowupStage, spotcheckFollowups, spotcheckInstitutions, spotcheckObjections, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';
import { sampleParties } from '../sampling/sampling.shared.js';

const firstInst = alias(spotcheckInstitutions, 'first_institution');
const retestInst = alias(spotcheckInstitutions, 'retest_institution');

/** The sample's facts shown beside an objection or a follow-up. */
const sampleFacts = {
  sampleNo: spotcheckSamples.sampleNo,
  ...sampleParties(firstInst.name),
  conclusion: spotcheckSamples.conclusion,
  finalConclusion: spotcheckSamples.finalConclusion,
};

/** Objections with their sample's facts (`where` adds the caller's conditions and scope). */
export function selectObjections(tx: Db, where: SQL | undefined) {
  return tx
    .select({
      ...getTableColumns(spotcheckObjections),
      ...sampleFacts,
      receivedOn: spotcheckSamples.receivedOn,
      objectionDueOn: spotcheckSamples.objectionDueOn,
      retestInstitutionName: retestInst.name,
    })
    .from(spotcheckObjections)
    .innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckObjections.sampleId))
    .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
    .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
    .leftJoin(firstInst, eq(firstInst.id, spotcheckSamples.institutionId))
    .leftJoin(retestInst, eq(retestInst.id, spotcheckObjections.retestInstitutionId))
    .where(where)
    .$dynamic();
}

export type ObjectionView = Awaited<ReturnType<typeof selectObjections>>[number];

/** An objection as the API shows it. */
export const objectionView = (r: ObjectionView) => ({ ...r, enterpriseName: r.enterpriseName ?? '', institutionName: r.institutionName ?? '' });

/** Follow-ups with their sample's facts. */
export function selectFollowups(tx: Db, where: SQL | undefined) {
  return tx
    .select({ ...getTableColumns(spotcheckFollowups), ...sampleFacts, items: spotcheckSamples.items })
    .from(spotcheckFollowups)
    .innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckFollowups.sampleId))
    .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
    .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
    .leftJoin(firstInst, eq(firstInst.id, spotcheckSamples.institutionId))
    .where(where)
    .$dynamic();
}

export type FollowupRowView = Awaited<ReturnType<typeof selectFollowups>>[number];

/** The follow-up's actions (POST …/followup) by the stage they start from (`null`: no follow-up yet). */
export const FOLLOWUP_ACTIONS = ['order', 'recheck', 'notice', 'suspend', 'close'] as const;
export type FollowupAction = (typeof FOLLOWUP_ACTIONS)[number];
export const FROM: Record<FollowupAction | 'refer', readonly (FollowupStage | null)[]> = {
  order: [null],
  recheck: ['ordered'],
  notice: ['rechecked_failed'],
  suspend: ['noticed'],
  refer: ['noticed', 'suspended'],
  close: ['rechecked_passed', 'suspended', 'referred'],
};

/** The actions that may follow a stage (`refer`: 立案 through the cases module). */
export const allowedFrom = (stage: FollowupStage | null) => (Object.keys(FROM) as (FollowupAction | 'refer')[]).filter((a) => FROM[a].includes(stage));

/** A follow-up as the API shows it: overdue while an order's deadline passed without a re-check; the case's number from the referral step. */
export function followupView(r: FollowupRowView, today: string) {
  const { items, ...rest } = r;
  const referral = [...r.steps].reverse().find((s) => s.action === 'refer');
  return {
    ...rest,
    enterpriseName: r.enterpriseName ?? '',
    institutionName: r.institutionName ?? '',
    failingItems: (items ?? []).filter((i) => !i.pass).map((i) => i.item),
    overdue: r.stage === 'ordered' && r.dueOn !== null && r.dueOn < today,
    caseNo: referral?.documentNo ?? null,
    allowedActions: allowedFrom(r.stage),
  };
}

export const objectionOrder = [desc(spotcheckObjections.filedOn), desc(spotcheckObjections.createdAt), asc(spotcheckObjections.id)];
export const followupOrder = [desc(spotcheckFollowups.createdAt), asc(spotcheckFollowups.id)];

/** The objection of a sample (any scope: the caller checked the sample's), or null — for the sample's detail. */
export async function objectionOfSample(tx: Db, sampleId: string) {
  const [row] = await selectObjections(tx, eq(spotcheckObjections.sampleId, sampleId));
  return row ? objectionView(row) : null;
}

/** The follow-up of a sample (any scope: the caller checked the sample's), or null — for the sample's detail. */
export async function followupOfSample(tx: Db, sampleId: string, today: string) {
  const [row] = await selectFollowups(tx, and(eq(spotcheckFollowups.sampleId, sampleId)));
  return row ? followupView(row, today) : null;
}
