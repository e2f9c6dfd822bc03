// The sampling part's shared values and helpers: to-do keys, limits, inputs; a sample or lot in scope, its detail, notice, receipt, finalizing.
import { and, asc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { systemContext } from '../../../platform/access/actor.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import { sampleScope } from '../scope.js';
import type { SpotcheckDraws } from '../draws.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type Conclusion,
  type ItemResult,
  type SampleStatus,
  type SamplingRecord,
  spotcheckFollowups,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckPlans,
  spotcheckProducts,
  spotcheckSampleFiles,
  spotcheckSamples,
} from '../spotchecks.schema.js';
import { LOT_SIZE_MIN, samplingPlan } from '../sampling-plan/sampling-plan.js';
import { renderNotice } from './notice-document.js';
import { objectionDue } from './window.js';

/** The to-do of each sampler of a sample (resolved when the 抽样单 is submitted). */
export const SAMPLING_TODO = 'spotcheck.sampling';
/** The enterprise's to-do: acknowledge the 检验结果通知书 (resolved on receipt). */
export const RECEIPT_TODO = 'spotcheck.notice_receipt';

export const STRATUM = '生产企业';
export const MAX_SAMPLERS = 10;
export const MAX_FILES_PER_SAMPLE = 40;
export const MAX_SEALS = 20;

export interface SampleFilter {
  lotId?: string;
  productId?: string;
  status?: SampleStatus;
  conclusion?: Conclusion;
  regionCode?: string;
  mine?: boolean;
  q?: string;
}

export type RecordInput = {
  sampledOn: string;
  place: string;
  batchNo: string;
  productionDate?: string | null;
  specification?: string | null;
  quantitySampled: number;
  baseCount: number;
  pricePaid: number;
  sealNumbers: string[];
  enterpriseSigner: string;
  note?: string | null;
};

export type ResultInput = { items: ItemResult[]; conclusion: Conclusion; reportNo: string; reportedOn: string };

/** What every piece of the sampling service is made with. */
export type SamplingDeps = SpotchecksDeps & { draws: SpotcheckDraws };

export type SampleRow = typeof spotcheckSamples.$inferSelect;

/**
 * A sample's product, enterprise and institution as lists show them (the samples' list, objections,
 * follow-ups). The query joins `spotcheck_products` and `enterprises` on the sample, and the
 * institution whose `name` column is given (objections join institutions twice, so they pass an alias).
 */
export function sampleParties<N extends AnyPgColumn>(institutionName: N) {
  return {
    productId: spotcheckSamples.productId,
    productCode: spotcheckProducts.code,
    productName: spotcheckProducts.name,
    enterpriseId: spotcheckSamples.enterpriseId,
    enterpriseName: enterprises.name,
    uscc: spotcheckSamples.uscc,
    regionCode: spotcheckSamples.regionCode,
    institutionId: spotcheckSamples.institutionId,
    institutionName,
  };
}

/** The helpers the sampling service's pieces share. */
export function makeSamples(deps: SamplingDeps) {
  const { db, audit, calendar, todos, rules } = deps;

  async function lotFor(tx: Db, id: string, lock = false) {
    const q = tx.select().from(spotcheckLots).where(eq(spotcheckLots.id, id));
    const [lot] = lock ? await q.for('update') : await q;
    if (!lot) throw notFound('抽查批次组');
    return lot;
  }

  /** The sample as `actor` may see it (404 outside the scope), optionally locked for a change. */
  async function sampleFor(tx: Db, actor: Actor, id: string, lock = false) {
    if (actor.enterpriseUscc != null) throw notFound('样品');
    const q = tx
      .select()
      .from(spotcheckSamples)
      .where(and(eq(spotcheckSamples.id, id), await sampleScope(tx, actor)));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('样品');
    return row;
  }

  /** The enterprise's own notified sample (404 otherwise). */
  async function mySample(tx: Db, actor: Actor, id: string, lock = false) {
    if (!actor.enterpriseUscc) throw new AppError('FORBIDDEN', '仅限企业账号', 403);
    const q = tx
      .select()
      .from(spotcheckSamples)
      .where(and(eq(spotcheckSamples.id, id), eq(spotcheckSamples.uscc, actor.enterpriseUscc), isNotNull(spotcheckSamples.notifiedOn)));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('抽查结果');
    return row;
  }


  const productOf = async (tx: Db, id: string) => (await tx.select().from(spotcheckProducts).where(eq(spotcheckProducts.id, id)))[0]!;

  async function filesOf(tx: Db, sampleId: string) {
    return tx
      .select({ id: spotcheckSampleFiles.id, kind: spotcheckSampleFiles.kind, fileName: spotcheckSampleFiles.fileName, size: spotcheckSampleFiles.size, sha256: spotcheckSampleFiles.sha256, uploadedByName: spotcheckSampleFiles.uploadedByName, createdAt: spotcheckSampleFiles.createdAt })
      .from(spotcheckSampleFiles)
      .where(eq(spotcheckSampleFiles.sampleId, sampleId))
      .orderBy(asc(spotcheckSampleFiles.createdAt), asc(spotcheckSampleFiles.id));
  }

  /**
   * The sample's size: the implementing rule's (`sampleSize`/`sampleUnit`), or, for a product with an
   * inspection level and an AQL, GB/T 2828.1 (normal, single) from the lot size the 抽样单 gives
   * (`baseCount`); null while that is unknown or when the product states neither.
   */
  function samplingPlanOf(product: typeof spotcheckProducts.$inferSelect, record: SamplingRecord | null) {
    if (product.inspectionLevel && product.aql) {
      if (!record || record.baseCount < LOT_SIZE_MIN) return null;
      try {
        const p = samplingPlan(record.baseCount, product.inspectionLevel, product.aql);
        return { sampleSize: p.sampleSize, unit: product.sampleUnit ?? null, source: 'gbt2828' as const, codeLetter: p.codeLetter as string, ac: p.ac, re: p.re };
      } catch {
        return null; // a level or AQL the catalogue should not have let in
      }
    }
    if (product.sampleSize == null) return null;
    return { sampleSize: product.sampleSize, unit: product.sampleUnit ?? null, source: 'rule' as const, codeLetter: null, ac: null, re: null };
  }

  /** Finalizes the due samples (all, or one): reported, received, window over, no objection → final = conclusion, closed. */
  async function finalize(tx: Db, today: string, sampleId?: string) {
    const due = await tx
      .select({ id: spotcheckSamples.id, conclusion: spotcheckSamples.conclusion, sampleNo: spotcheckSamples.sampleNo })
      .from(spotcheckSamples)
      .where(
        and(
          sampleId ? eq(spotcheckSamples.id, sampleId) : undefined,
          eq(spotcheckSamples.status, 'reported'),
          isNotNull(spotcheckSamples.conclusion),
          isNotNull(spotcheckSamples.objectionDueOn),
          lt(spotcheckSamples.objectionDueOn, today),
          sql`not exists (select 1 from ${spotcheckObjections} o where o.sample_id = ${spotcheckSamples.id})`,
        ),
      )
      .orderBy(asc(spotcheckSamples.id))
      .for('update');
    for (const s of due) {
      await tx
        .update(spotcheckSamples)
        .set({ finalConclusion: s.conclusion, status: 'closed', version: sql`${spotcheckSamples.version} + 1`, updatedAt: new Date() })
        .where(eq(spotcheckSamples.id, s.id));
      await audit.record(tx, systemContext(), { action: 'spotcheck_sample.finalized', targetType: 'spotcheck_sample', targetId: s.id, after: { sampleNo: s.sampleNo, finalConclusion: s.conclusion, reason: 'objection_window_passed', on: today } });
    }
    return due.length;
  }

  /** A due sample is finalized when read (the daily job may not have run yet). */
  async function finalizeIfDue(id: string) {
    const [s] = await db.select({ status: spotcheckSamples.status, objectionDueOn: spotcheckSamples.objectionDueOn }).from(spotcheckSamples).where(eq(spotcheckSamples.id, id));
    if (s && s.status === 'reported' && s.objectionDueOn && s.objectionDueOn < todayInChina()) await inTransaction(db, (tx) => finalize(tx, todayInChina(), id));
  }

  async function detail(tx: Db, s: SampleRow) {
    const [row] = await tx
      .select({ lotNo: spotcheckLots.lotNo, lotDueOn: spotcheckLots.dueOn, planId: spotcheckLots.planId, drawId: spotcheckLots.drawId, enterpriseName: enterprises.name, institutionName: spotcheckInstitutions.name })
      .from(spotcheckLots)
      .innerJoin(enterprises, eq(enterprises.id, s.enterpriseId))
      .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, s.institutionId))
      .where(eq(spotcheckLots.id, s.lotId));
    const product = await productOf(tx, s.productId);
    const [objection] = await tx.select().from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, s.id));
    const [followup] = await tx.select().from(spotcheckFollowups).where(eq(spotcheckFollowups.sampleId, s.id));
    const due = s.receivedOn ? await objectionDue(calendar, s.receivedOn, rules.objectionDays, tx) : null;
    return {
      id: s.id,
      sampleNo: s.sampleNo,
      lotId: s.lotId,
      lotNo: row!.lotNo,
      drawId: row!.drawId,
      productId: s.productId,
      productCode: product.code,
      productName: product.name,
      enterpriseId: s.enterpriseId,
      enterpriseName: row!.enterpriseName,
      uscc: s.uscc,
      regionCode: s.regionCode,
      institutionId: s.institutionId,
      institutionName: row!.institutionName,
      samplerIds: s.samplerIds,
      samplerNames: s.samplerNames,
      dueOn: s.dueOn,
      status: s.status,
      record: s.record,
      sampledAt: s.sampledAt,
      files: (await filesOf(tx, s.id)).map(({ uploadedByName: _u, ...f }) => f),
      items: s.items,
      conclusion: s.conclusion,
      reportNo: s.reportNo,
      reportedOn: s.reportedOn,
      reportedByName: s.reportedByName,
      noticeNo: s.noticeNo,
      notifiedOn: s.notifiedOn,
      receivedOn: s.receivedOn,
      objectionDueOn: s.objectionDueOn,
      objectionDueCertain: due ? due.certain : null,
      finalConclusion: s.finalConclusion,
      samplingPlan: samplingPlanOf(product, s.record),
      testItems: product.testItems.map((t) => ({ name: t.name, requirement: t.requirement, method: t.method, critical: t.critical ?? false })),
      objection: objection
        ? { id: objection.id, status: objection.status, filedOn: objection.filedOn, filedBy: objection.filedBy, reason: objection.reason, items: objection.items, decidedOn: objection.decidedOn, decisionReason: objection.decisionReason, retestInstitutionId: objection.retestInstitutionId, retestConclusion: objection.retestConclusion, retestedOn: objection.retestedOn, upheld: objection.upheld, version: objection.version }
        : null,
      followup: followup ? { id: followup.id, stage: followup.stage, dueOn: followup.dueOn, orderNo: followup.orderNo, caseId: followup.caseId, version: followup.version } : null,
      createdAt: s.createdAt,
      version: s.version,
    };
  }

  async function bump(tx: Db, id: string, set: Partial<typeof spotcheckSamples.$inferInsert>) {
    const [row] = await tx
      .update(spotcheckSamples)
      .set({ ...set, version: sql`${spotcheckSamples.version} + 1`, updatedAt: new Date() })
      .where(eq(spotcheckSamples.id, id))
      .returning();
    return row!;
  }

  /** The notice's facts (the city bureau that planned the lot is the issuer). */
  async function noticeOf(tx: Db, s: SampleRow) {
    if (!s.noticeNo || !s.notifiedOn || !s.conclusion) throw new AppError('NOT_NOTIFIED', '尚未出具检验结果通知书', 409);
    const [row] = await tx
      .select({ bureau: orgs.name, address: orgs.address, phone: orgs.phone, enterpriseName: enterprises.name, institutionName: spotcheckInstitutions.name })
      .from(spotcheckLots)
      .innerJoin(spotcheckPlans, eq(spotcheckPlans.id, spotcheckLots.planId))
      .innerJoin(orgs, eq(orgs.id, spotcheckPlans.orgId))
      .innerJoin(enterprises, eq(enterprises.id, s.enterpriseId))
      .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, s.institutionId))
      .where(eq(spotcheckLots.id, s.lotId));
    const product = await productOf(tx, s.productId);
    const critical = new Set(product.testItems.filter((t) => t.critical).map((t) => t.name));
    const due = s.receivedOn ? await objectionDue(calendar, s.receivedOn, rules.objectionDays, tx) : null;
    return renderNotice({
      noticeNo: s.noticeNo,
      bureau: row!.bureau,
      bureauContact: { address: row!.address, phone: row!.phone },
      notifiedOn: s.notifiedOn,
      enterpriseName: row!.enterpriseName,
      uscc: s.uscc,
      productName: product.name,
      productCode: product.code,
      sampleNo: s.sampleNo,
      record: s.record,
      institutionName: row!.institutionName,
      reportNo: s.reportNo ?? '',
      reportedOn: s.reportedOn ?? s.notifiedOn,
      items: (s.items ?? []).map((i) => ({ ...i, critical: critical.has(i.item) })),
      conclusion: s.conclusion,
      objectionDays: rules.objectionDays,
      objectionDueOn: s.objectionDueOn,
      objectionDueCertain: due?.certain ?? true,
    });
  }

  /** Sets the receipt and the objection window (staff from a return receipt, or the enterprise's account today). */
  async function setReceipt(tx: Db, ctx: Ctx, s: SampleRow, receivedOn: string, expected: ExpectedVersion, by: 'officer' | 'enterprise') {
    assertVersion(expected, s.version);
    if (!s.notifiedOn) throw new AppError('NOT_NOTIFIED', '尚未出具检验结果通知书', 409);
    if (s.receivedOn) throw new AppError('RECEIPT_RECORDED', `企业已于 ${s.receivedOn} 签收`, 409);
    if (!parseDate(receivedOn)) throw invalid('receivedOn', '签收日期不是有效日期');
    if (receivedOn > todayInChina()) throw invalid('receivedOn', '签收日期不能晚于今天');
    if (receivedOn < s.notifiedOn) throw invalid('receivedOn', `签收日期不能早于通知日期 ${s.notifiedOn}`);
    const due = await objectionDue(calendar, receivedOn, rules.objectionDays, tx);
    const row = await bump(tx, s.id, { receivedOn, objectionDueOn: due.date });
    await todos.resolveSubject(tx, RECEIPT_TODO, s.id);
    await audit.record(tx, ctx, { action: 'spotcheck_sample.received', targetType: 'spotcheck_sample', targetId: s.id, after: { receivedOn, objectionDueOn: due.date, certain: due.certain, by } });
    return row;
  }

  return { lotFor, sampleFor, mySample, productOf, filesOf, finalize, finalizeIfDue, detail, bump, noticeOf, setReceipt };
}

export type Samples = ReturnType<typeof makeSamples>;
