import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { SpotcheckDraws } from '../draws.js';
import { objectionDue } from '../sampling/window.js';
import { institutionOf, isInstitutionAccount, sampleScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import { type Conclusion, type ItemResult, type ObjectionStatus, spotcheckInstitutions, spotcheckObjections, spotcheckProducts, spotcheckSampleFiles, spotcheckSamples } from '../spotchecks.schema.js';
import { makeFollowupsService } from './followups.service.js';
import { sampleFor } from './samples.js';
import { objectionOrder, objectionView, selectObjections } from './views.js';

export interface ObjectionInput {
  /** The day the objection was filed (a letter's date; the enterprise's own: today). */
  filedOn?: string;
  reason: string;
  items?: string[];
}

export interface DecisionInput {
  accept: boolean;
  reason: string;
  retestInstitutionId?: string | null;
}

export interface RetestInput {
  items: ItemResult[];
  conclusion: Conclusion;
  reportNo: string;
  retestedOn: string;
}

export interface ObjectionFilter {
  status?: ObjectionStatus;
}

const REASON_MAX = 2000;

/**
 * Objections and retests (产品质量法 §15, README.md): filed within the window by the enterprise's
 * account or entered from a letter; refused (the first conclusion becomes final) or accepted with a
 * qualified retest institution other than the first; the retest's conclusion replaces the first and,
 * when it differs, counts against the first institution (`upheld`). The follow-up of failures is
 * `followups` (followups.service.ts).
 */
export function makeObjectionsService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit, calendar, rules } = deps;

  async function objectionIn(tx: Db, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
    const scope = await sampleScope(tx, actor);
    const query = tx
      .select({ objection: spotcheckObjections, sample: spotcheckSamples })
      .from(spotcheckObjections)
      .innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckObjections.sampleId))
      .where(and(eq(spotcheckObjections.id, id), scope));
    const [row] = opts.lock ? await query.for('update', { of: [spotcheckObjections, spotcheckSamples] }) : await query;
    if (!row) throw notFound('异议');
    return row;
  }

  async function view(tx: Db, id: string) {
    const [row] = await selectObjections(tx, eq(spotcheckObjections.id, id));
    return objectionView(row!);
  }

  /** Marks the sample's conclusion final (the first's after a refusal, the retest's after a retest): status closed; a fail gets its follow-up to-do. */
  async function finalize(tx: Db, sampleId: string, conclusion: Conclusion) {
    await tx
      .update(spotcheckSamples)
      .set({ finalConclusion: conclusion, status: 'closed', version: nextVersion(spotcheckSamples.version), updatedAt: new Date() })
      .where(eq(spotcheckSamples.id, sampleId));
    if (conclusion === 'fail') await followups.syncStepTodos(tx);
  }

  /**
   * Files an objection on a notified sample: 409 OBJECTION_EXISTS for a second, 409 NOT_NOTIFIED
   * before the notice, 409 OBJECTION_WINDOW_CLOSED after `objectionDueOn`. Without a recorded
   * receipt, the objection itself shows the enterprise had the result by the day it was filed: that
   * day is recorded as the receipt (deemed) and the window counted from it.
   */
  async function file(ctx: Ctx, sampleId: string, input: ObjectionInput, by: 'enterprise' | 'officer') {
    const { actor } = ctx;
    const today = todayInChina();
    const filedOn = by === 'enterprise' ? today : requireDate(input.filedOn, 'filedOn', '提出异议的日期');
    if (filedOn > today) throw invalid('filedOn', '提出异议的日期不能晚于今天');
    const reason = requireText(input.reason?.trim(), 'reason', '异议理由', REASON_MAX);
    return inTransaction(db, async (tx) => {
      const sample = await sampleFor(tx, actor, sampleId, { lock: true });
      if (by === 'enterprise' && sample.uscc !== actor.enterpriseUscc) throw notFound('样品');
      const [existing] = await tx.select({ id: spotcheckObjections.id }).from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, sampleId));
      if (existing) throw new AppError('OBJECTION_EXISTS', '该样品已提出过异议', 409, { objectionId: existing.id });
      if (!sample.notifiedOn || !sample.conclusion) throw new AppError('NOT_NOTIFIED', '检验结果尚未通知企业，不能提出异议', 409);
      if (filedOn < sample.notifiedOn) throw invalid('filedOn', `提出异议的日期不能早于检验结果通知日期（${sample.notifiedOn}）`);
      const names = new Set((sample.items ?? []).map((i) => i.item));
      const items = [...new Set((input.items ?? []).map((s) => s.trim()).filter(Boolean))];
      items.forEach((item, i) => {
        if (!names.has(item)) throw invalid(`items.${i}`, `检验项目“${item}”不在检验结果中`);
      });
      let { receivedOn, objectionDueOn } = sample;
      const deemed = !receivedOn;
      if (deemed) {
        receivedOn = filedOn;
        objectionDueOn = (await objectionDue(calendar, receivedOn, rules.objectionDays, tx)).date;
      }
      if (sample.finalConclusion || !objectionDueOn || filedOn > objectionDueOn) {
        throw new AppError('OBJECTION_WINDOW_CLOSED', `异议期限已于 ${objectionDueOn ?? '此前'} 届满`, 409, { objectionDueOn });
      }
      if (deemed) {
        await tx
          .update(spotcheckSamples)
          .set({ receivedOn, objectionDueOn, version: nextVersion(spotcheckSamples.version), updatedAt: new Date() })
          .where(eq(spotcheckSamples.id, sampleId));
      }
      const [row] = await tx.insert(spotcheckObjections).values({ sampleId, filedOn, filedBy: by, filedByName: actor.name, reason, items }).returning();
      await audit.record(tx, ctx, {
        action: 'spotcheck_objection.filed',
        targetType: 'spotcheck_objection',
        targetId: row!.id,
        after: { sampleId, sampleNo: sample.sampleNo, filedOn, filedBy: by, items, reason, ...(deemed ? { receivedOnDeemed: receivedOn, objectionDueOn } : {}) },
      });
      return view(tx, row!.id);
    });
  }

  /** 400 SAME_INSTITUTION for the first institution; 400 NOT_QUALIFIED unless active, its CMA scope names the product and is valid today. */
  async function retestInstitution(tx: Db, sample: { institutionId: string; productId: string }, id: string | null | undefined, today: string) {
    if (!id) throw invalid('retestInstitutionId', '受理异议须指定复检机构');
    if (id === sample.institutionId) throw new AppError('SAME_INSTITUTION', '复检须由原检验机构以外的机构承担', 400, { field: 'retestInstitutionId' });
    const [inst] = await tx.select().from(spotcheckInstitutions).where(eq(spotcheckInstitutions.id, id));
    if (!inst) throw invalid('retestInstitutionId', '复检机构不存在');
    const [product] = await tx.select({ code: spotcheckProducts.code }).from(spotcheckProducts).where(eq(spotcheckProducts.id, sample.productId));
    const problems: string[] = [];
    if (!inst.active) problems.push('已停用');
    if (!product || !inst.cmaScope.includes(product.code)) problems.push(`CMA 资质范围不含该产品（${product?.code ?? ''}）`);
    if (inst.cmaValidUntil < today) problems.push(`CMA 资质已于 ${inst.cmaValidUntil} 过期`);
    if (problems.length) throw new AppError('NOT_QUALIFIED', `${inst.name}不具备复检资格：${problems.join('；')}`, 400, { field: 'retestInstitutionId', problems });
    return inst;
  }

  const followups = makeFollowupsService(deps);

  return {
    followups,

    /** `POST /api/my/spotchecks/:id/objection`: the enterprise's account objects to its own notified sample (filed today). */
    fileByEnterprise: (ctx: Ctx, sampleId: string, input: ObjectionInput) => {
      if (!ctx.actor.enterpriseUscc) throw forbidden('只有企业账号可以在此提出异议');
      return file(ctx, sampleId, { ...input, filedOn: undefined }, 'enterprise');
    },

    /** `POST /api/spotcheck/samples/:id/objection`: an officer enters an objection received by letter, with its date. */
    fileByOfficer: (ctx: Ctx, sampleId: string, input: ObjectionInput) => file(ctx, sampleId, input, 'officer'),

    /** Objections in the actor's scope, newest filed first (then id). */
    async list(actor: Actor, filter: ObjectionFilter, page: Page) {
      return inTransaction(db, async (tx) => {
        const where = and(await sampleScope(tx, actor), filter.status ? eq(spotcheckObjections.status, filter.status) : undefined);
        const items = await selectObjections(tx, where)
          .orderBy(...objectionOrder)
          .limit(page.pageSize)
          .offset(offsetOf(page));
        const [count] = await tx.select({ n: countAll }).from(spotcheckObjections).innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckObjections.sampleId)).where(where);
        return { items: items.map(objectionView), total: count?.n ?? 0 };
      });
    },

    async get(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        await objectionIn(tx, actor, id);
        return view(tx, id);
      });
    },

    /**
     * Refuses (reason; the first conclusion becomes final, the sample closed) or accepts with a
     * retest institution (qualified, not the first). Only a filed objection: 409 OBJECTION_DECIDED.
     */
    async decide(ctx: Ctx, id: string, input: DecisionInput, expected?: ExpectedVersion) {
      const today = todayInChina();
      const reason = requireText(input.reason?.trim(), 'reason', input.accept ? '受理意见' : '不予受理的理由', REASON_MAX);
      return inTransaction(db, async (tx) => {
        const { objection, sample } = await objectionIn(tx, ctx.actor, id, { lock: true });
        assertVersion(expected, objection.version);
        if (objection.status !== 'filed') throw new AppError('OBJECTION_DECIDED', '该异议已处理', 409, { status: objection.status });
        const inst = input.accept ? await retestInstitution(tx, sample, input.retestInstitutionId, today) : null;
        const set = {
          status: (input.accept ? 'accepted' : 'refused') as ObjectionStatus,
          decidedOn: today,
          decisionReason: reason,
          decidedByName: ctx.actor.name,
          retestInstitutionId: inst?.id ?? null,
        };
        await tx
          .update(spotcheckObjections)
          .set({ ...set, version: nextVersion(spotcheckObjections.version) })
          .where(eq(spotcheckObjections.id, id));
        if (!input.accept) await finalize(tx, sample.id, sample.conclusion!);
        await audit.record(tx, ctx, {
          action: input.accept ? 'spotcheck_objection.accepted' : 'spotcheck_objection.refused',
          targetType: 'spotcheck_objection',
          targetId: id,
          before: { status: objection.status },
          after: { ...set, retestInstitutionName: inst?.name ?? null, finalConclusion: input.accept ? null : sample.conclusion },
        });
        return view(tx, id);
      });
    },

    /**
     * The retest institution's account records the retest (its `retest_report` uploaded on the sample
     * first: 409 REPORT_MISSING): the retest's conclusion becomes the sample's final one (closed);
     * `upheld` when it differs from the first. Another institution's account: 404 (not its sample)
     * or 403 (the first institution); an objection not accepted: 409 NOT_ACCEPTED.
     */
    async retest(ctx: Ctx, id: string, input: RetestInput, expected?: ExpectedVersion) {
      const { actor } = ctx;
      const today = todayInChina();
      const retestedOn = requireDate(input.retestedOn, 'retestedOn', '复检日期');
      if (retestedOn > today) throw invalid('retestedOn', '复检日期不能晚于今天');
      const reportNo = requireText(input.reportNo?.trim(), 'reportNo', '复检报告编号', 100);
      if (!input.items?.length) throw invalid('items', '请填写复检项目的结果');
      const failed = input.items.filter((i) => !i.pass).map((i) => i.item);
      if (input.conclusion === 'pass' && failed.length) throw new AppError('CONCLUSION_MISMATCH', `有不合格项目（${failed.join('、')}），结论不能为合格`, 400, { field: 'conclusion' });
      if (input.conclusion === 'fail' && !failed.length) throw new AppError('CONCLUSION_MISMATCH', '结论为不合格时须至少有一个不合格项目', 400, { field: 'conclusion' });
      return inTransaction(db, async (tx) => {
        if (!isInstitutionAccount(actor)) throw forbidden('只有复检机构的账号可以录入复检结果');
        const { objection, sample } = await objectionIn(tx, actor, id, { lock: true });
        const inst = await institutionOf(tx, actor);
        if (!inst || objection.retestInstitutionId !== inst.id) throw forbidden('只有承担复检的机构可以录入复检结果');
        assertVersion(expected, objection.version);
        if (objection.status !== 'accepted') throw new AppError('NOT_ACCEPTED', '该异议未受理或已复检', 409, { status: objection.status });
        if (retestedOn < objection.decidedOn!) throw invalid('retestedOn', `复检日期不能早于受理日期（${objection.decidedOn}）`);
        const [report] = await tx
          .select({ id: spotcheckSampleFiles.id })
          .from(spotcheckSampleFiles)
          .where(and(eq(spotcheckSampleFiles.sampleId, sample.id), eq(spotcheckSampleFiles.kind, 'retest_report')))
          .limit(1);
        if (!report) throw new AppError('REPORT_MISSING', '请先上传复检报告', 409);
        const items = input.items.map((i) => ({ item: i.item.trim(), requirement: i.requirement.trim(), measured: i.measured.trim(), pass: i.pass }));
        const upheld = input.conclusion !== sample.conclusion;
        await tx
          .update(spotcheckObjections)
          .set({ status: 'retested', retestItems: items, retestConclusion: input.conclusion, retestReportNo: reportNo, retestedOn, upheld, version: nextVersion(spotcheckObjections.version) })
          .where(eq(spotcheckObjections.id, id));
        await finalize(tx, sample.id, input.conclusion);
        await audit.record(tx, ctx, {
          action: 'spotcheck_objection.retested',
          targetType: 'spotcheck_objection',
          targetId: id,
          before: { status: objection.status, conclusion: sample.conclusion },
          after: { retestConclusion: input.conclusion, reportNo, retestedOn, upheld, items, institutionName: inst.name, reportFileId: report.id },
        });
        return view(tx, id);
      });
    },
  };
}

export type ObjectionsService = ReturnType<typeof makeObjectionsService>;
