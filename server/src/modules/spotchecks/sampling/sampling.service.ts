import { createHash } from 'node:crypto';
import { type SQL, and, asc, desc, eq, ilike, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionWithin } from '../../../platform/access/scope.js';
import { systemContext } from '../../../platform/access/actor.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { PHOTO_EXTENSIONS, checkAttachment } from '../../../platform/documents/attachments.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import type { SpotcheckDraws } from '../draws.js';
import { assertCity, institutionOf, isInstitutionAccount, sampleScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type Conclusion,
  type ItemResult,
  type SampleFileKind,
  type SampleStatus,
  type SamplingRecord,
  spotcheckDraws,
  spotcheckFollowups,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckObjections,
  spotcheckPlans,
  spotcheckProducers,
  spotcheckProducts,
  spotcheckSampleFiles,
  spotcheckSamples,
} from '../spotchecks.schema.js';
import { LOT_SIZE_MIN, samplingPlan } from '../sampling-plan/sampling-plan.js';
import { renderNotice } from './notice-document.js';
import { objectionDue, withinRepeatWindow } from './window.js';

/** The to-do of each sampler of a sample (resolved when the 抽样单 is submitted). */
export const SAMPLING_TODO = 'spotcheck.sampling';
/** The enterprise's to-do: acknowledge the 检验结果通知书 (resolved on receipt). */
export const RECEIPT_TODO = 'spotcheck.notice_receipt';

export const STRATUM = '生产企业';
export const MAX_SAMPLERS = 10;
export const MAX_FILES_PER_SAMPLE = 40;
export const MAX_SEALS = 20;
const TEXT_MAX = 200;
const NOTE_MAX = 1000;

const REPORT_EXTENSIONS = ['pdf'];

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

const chinaDay = (d: Date) => todayInChina(d);

/** The columns of a sample's list row. */
const listColumns = {
  id: spotcheckSamples.id,
  sampleNo: spotcheckSamples.sampleNo,
  lotId: spotcheckSamples.lotId,
  lotNo: spotcheckLots.lotNo,
  productId: spotcheckSamples.productId,
  productCode: spotcheckProducts.code,
  productName: spotcheckProducts.name,
  enterpriseId: spotcheckSamples.enterpriseId,
  enterpriseName: enterprises.name,
  uscc: spotcheckSamples.uscc,
  regionCode: spotcheckSamples.regionCode,
  institutionId: spotcheckSamples.institutionId,
  institutionName: spotcheckInstitutions.name,
  samplerIds: spotcheckSamples.samplerIds,
  samplerNames: spotcheckSamples.samplerNames,
  dueOn: spotcheckSamples.dueOn,
  status: spotcheckSamples.status,
  conclusion: spotcheckSamples.conclusion,
  finalConclusion: spotcheckSamples.finalConclusion,
  objectionStatus: spotcheckObjections.status,
  followupStage: spotcheckFollowups.stage,
  noticeNo: spotcheckSamples.noticeNo,
  notifiedOn: spotcheckSamples.notifiedOn,
  receivedOn: spotcheckSamples.receivedOn,
  objectionDueOn: spotcheckSamples.objectionDueOn,
  createdAt: spotcheckSamples.createdAt,
  version: spotcheckSamples.version,
};

/**
 * Sampling (README.md of this folder): the draw of a lot's enterprises with the repeat rule, the
 * sampling tasks (≥ 2 samplers), the 抽样单 with its photos and signatures, the institution's
 * results, the 检验结果通知书 and its receipt (the objection window), the final conclusion when the
 * window passes without an objection, and the enterprise's view.
 */
export function makeSamplingService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit, calendar, todos, users, rules, draws } = deps;

  // ---------------------------------------------------------------- helpers

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

  type SampleRow = typeof spotcheckSamples.$inferSelect;

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
      .select({ bureau: orgs.name, enterpriseName: enterprises.name, institutionName: spotcheckInstitutions.name })
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

  // ---------------------------------------------------------------- service

  return {
    /**
     * Commits the draw of a lot's enterprises (city only): the product's active producers minus those
     * sampled for the same product within `repeatMonths` months; k = min(batches, candidates).
     */
    async commitDraw(ctx: Ctx, lotId: string) {
      assertCity(ctx.actor, '抽取被抽查企业');
      return inTransaction(db, async (tx) => {
        const lot = await lotFor(tx, lotId, true);
        if (lot.status === 'drawn' || lot.status === 'closed') throw new AppError('LOT_DRAWN', '该批次组已抽取企业', 409);
        if (lot.status !== 'assigned' || !lot.institutionId) throw new AppError('LOT_NOT_ASSIGNED', '该批次组尚未确定承检机构，不能抽取企业', 409);
        const [pending] = await tx
          .select({ id: spotcheckDraws.id })
          .from(spotcheckDraws)
          .where(and(eq(spotcheckDraws.lotId, lot.id), eq(spotcheckDraws.purpose, 'sampling'), eq(spotcheckDraws.status, 'committed')));
        if (pending) throw new AppError('DRAW_PENDING', '该批次组已有待揭晓的抽取', 409, { drawId: pending.id });

        const producers = await tx
          .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
          .from(spotcheckProducers)
          .innerJoin(enterprises, eq(enterprises.id, spotcheckProducers.enterpriseId))
          .where(and(eq(spotcheckProducers.productId, lot.productId), eq(enterprises.status, 'active')))
          .orderBy(asc(enterprises.uscc));
        const today = todayInChina();
        // Each producer's last sample of this product: its sampling day, or the day it was drawn.
        const last = producers.length
          ? await tx
              .selectDistinctOn([spotcheckSamples.enterpriseId], {
                enterpriseId: spotcheckSamples.enterpriseId,
                id: spotcheckSamples.id,
                sampleNo: spotcheckSamples.sampleNo,
                on: sql<string>`coalesce(${spotcheckSamples.record}->>'sampledOn', to_char(${spotcheckSamples.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))`,
              })
              .from(spotcheckSamples)
              .where(and(eq(spotcheckSamples.productId, lot.productId), inArray(spotcheckSamples.enterpriseId, producers.map((p) => p.id))))
              .orderBy(spotcheckSamples.enterpriseId, sql`4 desc`, desc(spotcheckSamples.id))
          : [];
        const lastOf = new Map(last.map((l) => [l.enterpriseId, l]));
        const excluded: { uscc: string; name: string; rule: string; evidence: Record<string, unknown> }[] = [];
        const candidates: string[] = [];
        for (const p of producers) {
          const l = lastOf.get(p.id);
          if (l && withinRepeatWindow(l.on, rules.repeatMonths, today)) {
            excluded.push({ uscc: p.uscc, name: p.name, rule: 'repeat_within_months', evidence: { sampleId: l.id, sampleNo: l.sampleNo, on: l.on, months: rules.repeatMonths } });
          } else candidates.push(p.uscc);
        }
        if (!candidates.length) {
          throw new AppError('NOT_ENOUGH_PRODUCERS', producers.length ? `该产品的生产企业均在 ${rules.repeatMonths} 个月内被抽查过，没有可抽取的企业` : '该产品没有在业的生产企业，请先在产品目录中添加', 409, { producers: producers.length, excluded: excluded.length });
        }
        const k = Math.min(lot.batches, candidates.length);
        const { id, record } = await draws.commit(tx, ctx, {
          purpose: 'sampling',
          lotId: lot.id,
          strata: [{ className: STRATUM, keys: candidates, k }],
          excluded: excluded.map((e) => ({ key: e.uscc, rule: e.rule, evidence: { ...e.evidence, name: e.name } })),
        });
        await tx.update(spotcheckLots).set({ drawId: id, version: sql`${spotcheckLots.version} + 1`, updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.draw_committed', targetType: 'spotcheck_lot', targetId: lot.id, after: { drawId: id, candidates: candidates.length, excluded: excluded.length, k, batches: lot.batches } });
        const note = k < lot.batches ? `可抽取的生产企业只有 ${candidates.length} 家，少于计划批次 ${lot.batches}，本次抽取 ${k} 家` : null;
        return { drawId: id, record, excluded, candidates: candidates.length, batches: lot.batches, k, note };
      });
    },

    /** Reveals a lot's sampling draw and creates one sample per chosen enterprise (status drawn); the lot becomes drawn. */
    async revealDraw(ctx: Ctx, drawId: string, witnessInput = '') {
      assertCity(ctx.actor, '揭晓抽取结果');
      return inTransaction(db, async (tx) => {
        const [draw] = await tx.select({ purpose: spotcheckDraws.purpose, lotId: spotcheckDraws.lotId }).from(spotcheckDraws).where(eq(spotcheckDraws.id, drawId));
        if (!draw) throw notFound('抽取记录');
        if (draw.purpose !== 'sampling') throw new AppError('NOT_SAMPLING_DRAW', '这是承检机构同分摇号，请在承检机构选定处揭晓', 409);
        const lot = await lotFor(tx, draw.lotId, true);
        const { record, chosen } = await draws.reveal(tx, ctx, drawId, witnessInput);
        const usccs = chosen.flatMap((c) => c.keys);
        const found = await tx
          .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, regionCode: enterprises.regionCode })
          .from(enterprises)
          .where(inArray(enterprises.uscc, usccs.length ? usccs : ['']));
        const byUscc = new Map(found.map((e) => [e.uscc, e]));
        const year = todayInChina().slice(0, 4);
        const samples = [];
        for (const uscc of usccs) {
          const e = byUscc.get(uscc)!;
          const { rows } = (await tx.execute(sql`select nextval('spotcheck_sample_no_seq')::int as n`)) as unknown as { rows: { n: number }[] };
          const [s] = await tx
            .insert(spotcheckSamples)
            .values({
              sampleNo: `CY${year}${String(rows[0]!.n).padStart(5, '0')}`,
              lotId: lot.id,
              productId: lot.productId,
              enterpriseId: e.id,
              uscc: e.uscc,
              regionCode: e.regionCode,
              institutionId: lot.institutionId!,
              samplerIds: [],
              samplerNames: [],
              dueOn: lot.dueOn,
              status: 'drawn',
            })
            .returning();
          await audit.record(tx, ctx, { action: 'spotcheck_sample.created', targetType: 'spotcheck_sample', targetId: s!.id, after: { sampleNo: s!.sampleNo, lotId: lot.id, uscc, drawId } });
          samples.push({ id: s!.id, sampleNo: s!.sampleNo, enterpriseId: e.id, enterpriseName: e.name, uscc, regionCode: e.regionCode });
        }
        await tx.update(spotcheckLots).set({ status: 'drawn', version: sql`${spotcheckLots.version} + 1`, updatedAt: new Date() }).where(eq(spotcheckLots.id, lot.id));
        await audit.record(tx, ctx, { action: 'spotcheck_lot.drawn', targetType: 'spotcheck_lot', targetId: lot.id, after: { drawId, samples: samples.map((s) => s.sampleNo) } });
        return { record, samples };
      });
    },

    /** The staff's view of a draw (the public record and the exclusions with their evidence). */
    async drawView(drawId: string) {
      return draws.staffView(drawId);
    },

    async list(actor: Actor, filter: SampleFilter, page: Page) {
      await inTransaction(db, (tx) => finalize(tx, todayInChina()));
      const conds: (SQL | undefined)[] = [await sampleScope(db, actor)];
      if (filter.lotId) conds.push(eq(spotcheckSamples.lotId, filter.lotId));
      if (filter.productId) conds.push(eq(spotcheckSamples.productId, filter.productId));
      if (filter.status) conds.push(eq(spotcheckSamples.status, filter.status));
      if (filter.conclusion) conds.push(eq(spotcheckSamples.conclusion, filter.conclusion));
      if (filter.regionCode) conds.push(sql`${spotcheckSamples.regionCode} like ${`${escapeLike(filter.regionCode.replace(/(00)+$/, ''))}%`}`);
      if (filter.mine) conds.push(actor.userId ? sql`${actor.userId}::uuid = any(${spotcheckSamples.samplerIds})` : sql`false`);
      const q = filter.q?.trim();
      if (q) {
        const p = `%${escapeLike(q)}%`;
        conds.push(or(ilike(spotcheckSamples.sampleNo, p), ilike(enterprises.name, p), ilike(spotcheckSamples.uscc, p), ilike(spotcheckProducts.name, p)));
      }
      const where = and(...conds);
      const base = () =>
        db
          .select(listColumns)
          .from(spotcheckSamples)
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckSamples.lotId))
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .innerJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckSamples.institutionId))
          .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, spotcheckSamples.id))
          .leftJoin(spotcheckFollowups, eq(spotcheckFollowups.sampleId, spotcheckSamples.id));
      const [items, [count]] = await Promise.all([
        base().where(where).orderBy(desc(spotcheckSamples.sampleNo), asc(spotcheckSamples.id)).limit(page.pageSize).offset(offsetOf(page)),
        db
          .select({ n: countAll })
          .from(spotcheckSamples)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .innerJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
          .where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    async get(actor: Actor, id: string) {
      await finalizeIfDue(id);
      return inTransaction(db, async (tx) => detail(tx, await sampleFor(tx, actor, id)));
    },

    /** Names the samplers (≥ 2 active staff holding spotcheck.sample whose region covers the enterprise) and an optional earlier deadline. */
    async assign(ctx: Ctx, id: string, input: { samplerIds: string[]; dueOn?: string | null }, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        assertVersion(expected, s.version);
        if (s.status !== 'drawn' && s.status !== 'assigned') throw new AppError('INVALID_STATUS', '已抽样的样品不能再更换抽样人员', 409);
        const ids = [...new Set(input.samplerIds)];
        if (ids.length < 2) throw invalid('samplerIds', '抽样人员不得少于 2 人');
        if (ids.length > MAX_SAMPLERS) throw invalid('samplerIds', `抽样人员至多 ${MAX_SAMPLERS} 人`);
        const samplers = [];
        for (const uid of ids) {
          const u = await users.loadActor(uid, tx);
          const problem = !u
            ? '不存在或已停用'
            : u.enterpriseUscc != null || u.dataScope === 'org' || u.dataScope === 'self' || u.dataScope === 'enterprise'
              ? '不是执法人员'
              : !u.permissions.has('spotcheck.sample')
                ? '没有抽样权限'
                : u.dataScope !== 'all' && !regionWithin(s.regionCode, u.regionCode)
                  ? '的辖区不包括被抽查企业'
                  : null;
          if (problem) throw new AppError('VALIDATION', `抽样人员${u ? `“${u.displayName}”` : ` ${uid} `}${problem}`, 400, { field: 'samplerIds', userId: uid });
          samplers.push(u!);
        }
        const [lot] = await tx.select({ dueOn: spotcheckLots.dueOn }).from(spotcheckLots).where(eq(spotcheckLots.id, s.lotId));
        let dueOn = lot!.dueOn;
        if (input.dueOn) {
          if (!parseDate(input.dueOn)) throw invalid('dueOn', '抽样期限不是有效日期');
          if (input.dueOn < todayInChina()) throw invalid('dueOn', '抽样期限不能早于今天');
          if (input.dueOn > lot!.dueOn) throw invalid('dueOn', `抽样期限不能晚于批次组的期限 ${lot!.dueOn}`);
          dueOn = input.dueOn;
        }
        const row = await bump(tx, s.id, { samplerIds: samplers.map((u) => u.userId!), samplerNames: samplers.map((u) => u.displayName), dueOn, status: 'assigned' });
        const product = await productOf(tx, s.productId);
        const [ent] = await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, s.enterpriseId));
        await todos.resolveSubject(tx, SAMPLING_TODO, s.id);
        const specs: TodoSpec[] = samplers.map((u) => ({
          key: `${SAMPLING_TODO}:${s.id}:${u.userId}`,
          subjectType: 'spotcheck_sample',
          subjectId: s.id,
          title: `抽样任务：${product.name}（${ent!.name}，${s.sampleNo}）`,
          params: { sampleNo: s.sampleNo, product: product.name, enterprise: ent!.name, date: dueOn },
          link: `/spotcheck-samples/${s.id}`,
          dueOn,
          orgId: u.orgId,
          sectionId: null,
          userId: u.userId,
          regionCode: s.regionCode,
        }));
        await todos.raise(tx, SAMPLING_TODO, specs);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.assigned', targetType: 'spotcheck_sample', targetId: s.id, before: { samplerIds: s.samplerIds, dueOn: s.dueOn }, after: { samplerIds: row.samplerIds, samplerNames: row.samplerNames, dueOn } });
        return detail(tx, row);
      });
    },

    /** The 抽样单, by a sampler of the sample; ≥ 1 photo and 2 signatures uploaded first (409 FILES_MISSING). */
    async record(ctx: Ctx, id: string, input: RecordInput, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        if (!ctx.actor.userId || !s.samplerIds.includes(ctx.actor.userId)) throw new AppError('NOT_SAMPLER', '只有该样品的抽样人员可以填写抽样单', 403);
        assertVersion(expected, s.version);
        if (s.status !== 'assigned' && s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'drawn' ? '尚未指派抽样人员' : '检验结果已报送，抽样单不能再修改', 409);
        const today = todayInChina();
        const drawnOn = chinaDay(s.createdAt);
        if (!parseDate(input.sampledOn)) throw invalid('sampledOn', '抽样日期不是有效日期');
        if (input.sampledOn > today) throw invalid('sampledOn', '抽样日期不能晚于今天');
        if (input.sampledOn < drawnOn) throw invalid('sampledOn', `抽样日期不能早于抽取日期 ${drawnOn}`);
        let productionDate: string | null = null;
        if (input.productionDate) {
          if (!parseDate(input.productionDate)) throw invalid('productionDate', '生产日期不是有效日期');
          if (input.productionDate > input.sampledOn) throw invalid('productionDate', '生产日期不能晚于抽样日期');
          productionDate = input.productionDate;
        }
        const place = requireText(input.place, 'place', '抽样地点', TEXT_MAX);
        const batchNo = requireText(input.batchNo, 'batchNo', '批号', 100);
        const enterpriseSigner = requireText(input.enterpriseSigner, 'enterpriseSigner', '受检企业签字人', 50);
        const specification = input.specification?.trim() || null;
        if (specification && specification.length > TEXT_MAX) throw invalid('specification', `规格型号不能超过 ${TEXT_MAX} 个字`);
        const note = input.note?.trim() || null;
        if (note && note.length > NOTE_MAX) throw invalid('note', `备注不能超过 ${NOTE_MAX} 个字`);
        if (!Number.isInteger(input.quantitySampled) || input.quantitySampled <= 0) throw invalid('quantitySampled', '抽样数量应为正整数');
        if (!Number.isInteger(input.baseCount) || input.baseCount <= 0) throw invalid('baseCount', '抽样基数应为正整数');
        if (input.quantitySampled > input.baseCount) throw invalid('quantitySampled', '抽样数量不能多于抽样基数');
        if (!Number.isFinite(input.pricePaid) || input.pricePaid < 0 || Math.abs(Math.round(input.pricePaid * 100) - input.pricePaid * 100) > 1e-6) throw invalid('pricePaid', '样品费用应为不小于 0 的金额（至多两位小数）');
        const seals = input.sealNumbers.map((n) => n.trim());
        if (seals.length < 1 || seals.length > MAX_SEALS) throw invalid('sealNumbers', `封条编号应有 1–${MAX_SEALS} 个`);
        if (seals.some((n) => !n || n.length > 50)) throw invalid('sealNumbers', '封条编号不能为空，且不超过 50 个字');
        if (new Set(seals).size !== seals.length) throw invalid('sealNumbers', '封条编号不能重复');

        const files = await filesOf(tx, s.id);
        const photos = files.filter((f) => f.kind === 'photo').length;
        const signatures = files.filter((f) => f.kind === 'signature').length;
        if (photos < 1 || signatures < 2) {
          throw new AppError('FILES_MISSING', `请先上传至少 1 张现场照片和双方签字（抽样人员、受检企业）2 份（现有照片 ${photos} 张、签字 ${signatures} 份）`, 409, { photos, signatures });
        }
        const record: SamplingRecord = {
          sampledOn: input.sampledOn,
          place,
          batchNo,
          productionDate,
          specification,
          quantitySampled: input.quantitySampled,
          baseCount: input.baseCount,
          pricePaid: input.pricePaid,
          sealNumbers: seals,
          enterpriseSigner,
          note,
        };
        const row = await bump(tx, s.id, { record, status: 'sampled', sampledAt: new Date() });
        await todos.resolveSubject(tx, SAMPLING_TODO, s.id);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.sampled', targetType: 'spotcheck_sample', targetId: s.id, before: { record: s.record }, after: { record } });
        return detail(tx, row);
      });
    },

    /**
     * Uploads a file: photos and signatures (jpg/png) by staff holding spotcheck.sample before the
     * result; the report (pdf) by the sample's institution before its result; the retest report by
     * the retest institution.
     */
    async upload(ctx: Ctx, id: string, kind: SampleFileKind, file: { fileName: string; content: Buffer }) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        const inst = await institutionOf(tx, ctx.actor);
        let allowed: readonly string[];
        if (kind === 'photo' || kind === 'signature') {
          if (isInstitutionAccount(ctx.actor) || !ctx.actor.permissions.has('spotcheck.sample')) throw new AppError('FORBIDDEN', '照片和签字由抽样人员上传', 403);
          if (s.status !== 'assigned' && s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'drawn' ? '尚未指派抽样人员' : '检验结果已报送，不能再上传抽样材料', 409);
          allowed = PHOTO_EXTENSIONS;
        } else if (kind === 'report') {
          if (!inst || inst.id !== s.institutionId) throw new AppError('FORBIDDEN', '检验报告由承检机构上传', 403);
          if (s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'reported' || s.status === 'closed' ? '检验结果已报送' : '尚未完成抽样', 409);
          allowed = REPORT_EXTENSIONS;
        } else {
          const [o] = await tx.select({ status: spotcheckObjections.status, retestInstitutionId: spotcheckObjections.retestInstitutionId }).from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, s.id));
          if (!inst || !o || o.retestInstitutionId !== inst.id) throw new AppError('FORBIDDEN', '复检报告由复检机构上传', 403);
          if (o.status !== 'accepted') throw new AppError('INVALID_STATUS', '该异议不在复检中', 409);
          allowed = REPORT_EXTENSIONS;
        }
        const checked = checkAttachment(file.fileName, file.content, allowed);
        const [{ n } = { n: 0 }] = await tx.select({ n: countAll }).from(spotcheckSampleFiles).where(eq(spotcheckSampleFiles.sampleId, s.id));
        if (n >= MAX_FILES_PER_SAMPLE) throw new AppError('TOO_MANY_FILES', `每个样品至多上传 ${MAX_FILES_PER_SAMPLE} 个文件`, 409);
        const sha256 = createHash('sha256').update(file.content).digest('hex');
        const [row] = await tx
          .insert(spotcheckSampleFiles)
          .values({ sampleId: s.id, kind, fileName: checked.fileName, contentType: checked.contentType, size: file.content.length, sha256, content: file.content, uploadedByName: ctx.actor.name })
          .returning({ id: spotcheckSampleFiles.id, kind: spotcheckSampleFiles.kind, fileName: spotcheckSampleFiles.fileName, size: spotcheckSampleFiles.size, sha256: spotcheckSampleFiles.sha256, createdAt: spotcheckSampleFiles.createdAt });
        await audit.record(tx, ctx, { action: 'spotcheck_sample.file_uploaded', targetType: 'spotcheck_sample', targetId: s.id, after: { fileId: row!.id, kind, fileName: checked.fileName, size: file.content.length, sha256 } });
        return row!;
      });
    },

    /** A sample's file (scope-checked). */
    async file(actor: Actor, id: string, fileId: string) {
      const s = await sampleFor(db, actor, id);
      const [f] = await db.select().from(spotcheckSampleFiles).where(and(eq(spotcheckSampleFiles.id, fileId), eq(spotcheckSampleFiles.sampleId, s.id)));
      if (!f) throw notFound('文件');
      return f;
    },

    /** The institution's result: every test item, a conclusion that follows them, the report uploaded first. */
    async result(ctx: Ctx, id: string, input: ResultInput, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const inst = await institutionOf(tx, ctx.actor);
        if (!inst) throw new AppError('FORBIDDEN', '只有承检机构账号可以报送检验结果', 403);
        const [s] = await tx
          .select()
          .from(spotcheckSamples)
          .where(and(eq(spotcheckSamples.id, id), eq(spotcheckSamples.institutionId, inst.id)))
          .for('update');
        if (!s) throw notFound('样品');
        assertVersion(expected, s.version);
        if (s.status !== 'sampled') throw new AppError('INVALID_STATUS', s.status === 'reported' || s.status === 'closed' ? '检验结果已报送' : '尚未完成抽样', 409);
        const product = await productOf(tx, s.productId);
        const known = new Map(product.testItems.map((t) => [t.name, t]));
        const seen = new Set<string>();
        const items: ItemResult[] = [];
        for (const [i, it] of input.items.entries()) {
          const name = it.item.trim();
          if (!known.has(name)) throw new AppError('UNKNOWN_ITEM', `“${name}”不是该产品实施细则中的检验项目`, 400, { field: `items[${i}].item`, known: [...known.keys()] });
          if (seen.has(name)) throw invalid(`items[${i}].item`, `检验项目“${name}”重复`);
          seen.add(name);
          const measured = it.measured.trim();
          if (!measured || measured.length > 500) throw invalid(`items[${i}].measured`, `请填写“${name}”的实测结果（不超过 500 个字）`);
          const requirement = it.requirement.trim() || known.get(name)!.requirement;
          if (requirement.length > 500) throw invalid(`items[${i}].requirement`, '标准要求不能超过 500 个字');
          items.push({ item: name, requirement, measured, pass: it.pass });
        }
        const missing = [...known.keys()].filter((n) => !seen.has(n));
        if (missing.length) throw new AppError('ITEMS_MISSING', `缺少检验项目的结果：${missing.join('、')}`, 400, { field: 'items', missing });
        const failed = items.filter((i) => !i.pass).map((i) => i.item);
        if (input.conclusion === 'pass' && failed.length) throw new AppError('CONCLUSION_MISMATCH', `检验项目${failed.join('、')}不合格，结论不能为合格`, 400, { field: 'conclusion', failed });
        if (input.conclusion === 'fail' && !failed.length) throw new AppError('CONCLUSION_MISMATCH', '所有检验项目均合格，结论不能为不合格', 400, { field: 'conclusion', failed });
        const reportNo = requireText(input.reportNo, 'reportNo', '检验报告编号', 100);
        if (!parseDate(input.reportedOn)) throw invalid('reportedOn', '报告日期不是有效日期');
        if (input.reportedOn > todayInChina()) throw invalid('reportedOn', '报告日期不能晚于今天');
        if (s.record && input.reportedOn < s.record.sampledOn) throw invalid('reportedOn', `报告日期不能早于抽样日期 ${s.record.sampledOn}`);
        const [report] = await tx.select({ id: spotcheckSampleFiles.id }).from(spotcheckSampleFiles).where(and(eq(spotcheckSampleFiles.sampleId, s.id), eq(spotcheckSampleFiles.kind, 'report'))).limit(1);
        if (!report) throw new AppError('REPORT_MISSING', '请先上传检验报告（PDF）', 409);
        const row = await bump(tx, s.id, { items, conclusion: input.conclusion, reportNo, reportedOn: input.reportedOn, reportedByName: ctx.actor.name, status: 'reported', finalConclusion: null });
        await audit.record(tx, ctx, { action: 'spotcheck_sample.reported', targetType: 'spotcheck_sample', targetId: s.id, after: { items, conclusion: input.conclusion, reportNo, reportedOn: input.reportedOn, institutionId: inst.id } });
        return detail(tx, row);
      });
    },

    /** Numbers the 检验结果通知书 (`<city short>抽检通〔year〕n号`) and dates it today; the enterprise's account sees it from now on. */
    async notify(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        assertVersion(expected, s.version);
        if (s.status !== 'reported' || !s.conclusion) throw new AppError('INVALID_STATUS', s.status === 'closed' ? '该样品已结案' : '检验结果尚未报送', 409);
        if (s.noticeNo) throw new AppError('ALREADY_NOTIFIED', `已出具检验结果通知书 ${s.noticeNo}`, 409);
        const [bureau] = await tx
          .select({ name: orgs.name, shortName: orgs.shortName })
          .from(spotcheckLots)
          .innerJoin(spotcheckPlans, eq(spotcheckPlans.id, spotcheckLots.planId))
          .innerJoin(orgs, eq(orgs.id, spotcheckPlans.orgId))
          .where(eq(spotcheckLots.id, s.lotId));
        const short = bureau?.shortName?.trim() || bureau?.name || '';
        const today = todayInChina();
        const noticeNo = await nextDocumentNo(tx, spotcheckSamples.noticeNo, `${short}抽检通〔${today.slice(0, 4)}〕`);
        const row = await bump(tx, s.id, { noticeNo, notifiedOn: today });
        const product = await productOf(tx, s.productId);
        await todos.raise(tx, RECEIPT_TODO, [
          {
            key: `${RECEIPT_TODO}:${s.id}`,
            subjectType: 'spotcheck_sample',
            subjectId: s.id,
            title: `产品质量监督抽查检验结果通知书待签收：${product.name}（${noticeNo}）`,
            params: { noticeNo, product: product.name, sampleNo: s.sampleNo },
            link: `/my/spotchecks/${s.id}`,
            dueOn: null,
            orgId: null,
            sectionId: null,
            enterpriseUscc: s.uscc,
            regionCode: s.regionCode,
          },
        ]);
        await audit.record(tx, ctx, { action: 'spotcheck_sample.notified', targetType: 'spotcheck_sample', targetId: s.id, after: { noticeNo, notifiedOn: today } });
        return detail(tx, row);
      });
    },

    /** The 检验结果通知书 (.docx) of a sample in scope. */
    async notice(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => noticeOf(tx, await sampleFor(tx, actor, id)));
    },

    /** Staff record the day the enterprise received the notice (a return receipt): the objection window starts. */
    async receipt(ctx: Ctx, id: string, receivedOn: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const s = await sampleFor(tx, ctx.actor, id, true);
        const row = await setReceipt(tx, ctx, s, receivedOn, expected, 'officer');
        return detail(tx, row);
      });
    },

    /** Finalizes every sample whose objection window ended before `today` without an objection (the daily job). */
    finalizeDue: (tx: Db, today: string = todayInChina()) => finalize(tx, today),

    /** The enterprise's side (企业端): its notified samples, the notice, its receipt. */
    my: {
      async list(actor: Actor, page: Page) {
        if (!actor.enterpriseUscc) throw new AppError('FORBIDDEN', '仅限企业账号', 403);
        await inTransaction(db, (tx) => finalize(tx, todayInChina()));
        const where = and(eq(spotcheckSamples.uscc, actor.enterpriseUscc), isNotNull(spotcheckSamples.notifiedOn));
        const [items, [count]] = await Promise.all([
          db
            .select({
              id: spotcheckSamples.id,
              sampleNo: spotcheckSamples.sampleNo,
              uscc: spotcheckSamples.uscc,
              productCode: spotcheckProducts.code,
              productName: spotcheckProducts.name,
              institutionName: spotcheckInstitutions.name,
              conclusion: spotcheckSamples.conclusion,
              finalConclusion: spotcheckSamples.finalConclusion,
              noticeNo: spotcheckSamples.noticeNo,
              notifiedOn: spotcheckSamples.notifiedOn,
              receivedOn: spotcheckSamples.receivedOn,
              objectionDueOn: spotcheckSamples.objectionDueOn,
              objectionStatus: spotcheckObjections.status,
              version: spotcheckSamples.version,
            })
            .from(spotcheckSamples)
            .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
            .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckSamples.institutionId))
            .leftJoin(spotcheckObjections, eq(spotcheckObjections.sampleId, spotcheckSamples.id))
            .where(where)
            .orderBy(desc(spotcheckSamples.notifiedOn), desc(spotcheckSamples.sampleNo), asc(spotcheckSamples.id))
            .limit(page.pageSize)
            .offset(offsetOf(page)),
          db.select({ n: countAll }).from(spotcheckSamples).where(where),
        ]);
        return { items, total: count?.n ?? 0 };
      },

      async get(actor: Actor, id: string) {
        await finalizeIfDue(id);
        return inTransaction(db, async (tx) => myView(tx, await mySample(tx, actor, id)));
      },

      async notice(actor: Actor, id: string) {
        return inTransaction(db, async (tx) => noticeOf(tx, await mySample(tx, actor, id)));
      },

      /** The enterprise's account acknowledges receipt today. */
      async receipt(ctx: Ctx, id: string, expected?: ExpectedVersion) {
        return inTransaction(db, async (tx) => {
          const s = await mySample(tx, ctx.actor, id, true);
          return myView(tx, await setReceipt(tx, ctx, s, todayInChina(), expected, 'enterprise'));
        });
      },
    },
  };

  /** What the enterprise's account sees of its sample: no samplers' ids, no files. */
  async function myView(tx: Db, s: SampleRow) {
    const d = await detail(tx, s);
    return {
      id: d.id,
      sampleNo: d.sampleNo,
      productCode: d.productCode,
      productName: d.productName,
      enterpriseName: d.enterpriseName,
      uscc: d.uscc,
      institutionName: d.institutionName,
      record: d.record,
      items: d.items,
      testItems: d.testItems,
      conclusion: d.conclusion,
      reportNo: d.reportNo,
      reportedOn: d.reportedOn,
      noticeNo: d.noticeNo,
      notifiedOn: d.notifiedOn,
      receivedOn: d.receivedOn,
      objectionDueOn: d.objectionDueOn,
      objectionDueCertain: d.objectionDueCertain,
      objectionOpen: d.receivedOn != null && d.objection == null && d.objectionDueOn != null && todayInChina() <= d.objectionDueOn,
      finalConclusion: d.finalConclusion,
      objection: d.objection ? { status: d.objection.status, filedOn: d.objection.filedOn, reason: d.objection.reason, items: d.objection.items, decidedOn: d.objection.decidedOn, decisionReason: d.objection.decisionReason, retestConclusion: d.objection.retestConclusion } : null,
      followup: d.followup ? { stage: d.followup.stage, orderNo: d.followup.orderNo, dueOn: d.followup.dueOn } : null,
      version: d.version,
    };
  }
}

export type SamplingService = ReturnType<typeof makeSamplingService>;
