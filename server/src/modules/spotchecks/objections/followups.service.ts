import { and, asc, eq, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { nextDocumentNo } from '../../../platform/documents/numbering.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { TodoSpec } from '../../../platform/todos/todos.service.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises } from '../../enterprises/index.js';
import { sampleScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import { type FollowupStage, type FollowupStep, spotcheckFollowups, spotcheckInstitutions, spotcheckObjections, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';
import { renderOrder } from './order-document.js';
import { type SampleRow, failingItems, finalOf, sampleFor } from './samples.js';
import { FROM, type FollowupAction, followupOrder, followupView, selectFollowups } from './views.js';

export interface FollowupInput {
  action: FollowupAction;
  /** The step's day (default today; not after today, not before the previous step). */
  on?: string;
  /** `order`: the correction deadline (default `on` + ZJ_SPOTCHECK_CORRECTION_DAYS). */
  dueOn?: string;
  /** `recheck`: whether the re-check passed. */
  passed?: boolean;
  note?: string | null;
}

export interface FollowupFilter {
  stage?: FollowupStage;
  overdue?: boolean;
}

/** What a case needs of a failed sample (the cases module's lead source `spot_check`). */
export interface SpotcheckLead {
  ref: string;
  partyName: string | null;
  uscc: string | null;
  regionCode: string | null;
  foundOn: string | null;
  summary: string | null;
}

/** The to-do of a correction deadline passed without a re-check (the county bureau of the enterprise). */
export const RECHECK_OVERDUE_TODO = 'spotcheck.recheck_overdue';

/**
 * The to-do of a failed sample's next follow-up step (the county bureau of the enterprise): the
 * order to correct once the fail is final, the public notice after a failed re-check, the suspension
 * or referral after the notice, the closing after a passed re-check, a suspension or a referral.
 * An order waiting for its deadline has none (`spotcheck.recheck_overdue` once it passed).
 */
export const FOLLOWUP_STEP_TODO = 'spotcheck.followup_step';

/** What the bureau does next, by stage (`none`: the fail is final, no follow-up yet); as `FROM` in views.ts allows. */
export const NEXT_STEP: Record<Exclude<FollowupStage, 'ordered' | 'closed'> | 'none', string> = {
  none: '责令整改',
  rechecked_failed: '公告（逾期未整改）',
  noticed: '责令停业整顿或移送立案',
  suspended: '移送立案或结束后处理',
  referred: '结束后处理',
  rechecked_passed: '结束后处理',
};

const NOTE_MAX = 2000;

const invalidTransition = (stage: FollowupStage | null, action: string) =>
  new AppError('INVALID_TRANSITION', stage ? `后处理处于“${STAGE_LABELS[stage]}”阶段，不能${ACTION_LABELS[action] ?? action}` : `尚未责令整改，不能${ACTION_LABELS[action] ?? action}`, 409, { stage, action });

export const STAGE_LABELS: Record<FollowupStage, string> = {
  ordered: '已责令整改',
  rechecked_passed: '复查合格',
  rechecked_failed: '复查不合格',
  noticed: '已公告',
  suspended: '已责令停业整顿',
  referred: '已移送立案',
  closed: '已结束',
};
const ACTION_LABELS: Record<string, string> = { order: '责令整改', recheck: '复查', notice: '公告', suspend: '责令停业整顿', close: '结束后处理', refer: '移送立案' };

/**
 * The follow-up of failed samples (产品质量法 §17, README.md): one per sample whose final conclusion
 * is fail; order to correct (责令整改通知书) → re-check → passed (close) or failed → public notice →
 * suspension; referral to a case (the cases module's lead source `spot_check`) after the notice;
 * every step dated, by whom, with a note, audited.
 */
export function makeFollowupsService(deps: SpotchecksDeps) {
  const { db, audit, jurisdiction, todos, rules } = deps;

  async function followupOf(tx: Db, sampleId: string, lock = false) {
    const query = tx.select().from(spotcheckFollowups).where(eq(spotcheckFollowups.sampleId, sampleId));
    const [row] = lock ? await query.for('update') : await query;
    return row ?? null;
  }

  async function objectionOf(tx: Db, sampleId: string) {
    const [row] = await tx.select().from(spotcheckObjections).where(eq(spotcheckObjections.sampleId, sampleId));
    return row ?? null;
  }

  /**
   * The sample's final fail and since when (409 NOT_FINAL before; 409 NOT_FAILED for a pass). A
   * window that passed without an objection makes the first conclusion final: recorded on the sample.
   */
  async function finalFail(tx: Db, ctx: Ctx | null, sample: SampleRow, today: string) {
    const final = finalOf(sample, await objectionOf(tx, sample.id), today);
    if (!final) throw new AppError('NOT_FINAL', '检验结论尚未确定（异议期未满或异议未处理完毕）', 409);
    if (final.conclusion !== 'fail') throw new AppError('NOT_FAILED', '样品最终结论为合格，无需后处理', 409);
    if (ctx && !sample.finalConclusion) {
      await tx
        .update(spotcheckSamples)
        .set({ finalConclusion: final.conclusion, status: 'closed', version: nextVersion(spotcheckSamples.version), updatedAt: new Date() })
        .where(eq(spotcheckSamples.id, sample.id));
      await audit.record(tx, ctx, { action: 'spotcheck_sample.final', targetType: 'spotcheck_sample', targetId: sample.id, after: { finalConclusion: final.conclusion, since: final.since, reason: 'objection_window_passed' } });
    }
    return final;
  }

  async function view(tx: Db, sampleId: string, today = todayInChina()) {
    const [row] = await selectFollowups(tx, eq(spotcheckFollowups.sampleId, sampleId));
    return followupView(row!, today);
  }

  /** A step's day: given or today; not after today; not before `notBefore`. */
  function stepDay(value: string | undefined, notBefore: string | null, today: string) {
    const on = value === undefined ? today : requireDate(value, 'on', '日期');
    if (on > today) throw invalid('on', '日期不能晚于今天');
    if (notBefore && on < notBefore) throw invalid('on', `日期不能早于上一步骤（${notBefore}）`);
    return on;
  }

  async function orderNo(tx: Db, regionCode: string, year: number) {
    const bureau = await jurisdiction.competentBureau(regionCode, tx);
    const short = bureau.shortName?.trim() || bureau.name;
    return nextDocumentNo(tx, spotcheckFollowups.orderNo, `${short}质整〔${year}〕`);
  }

  async function wantedDueTodos(tx: Db, today: string): Promise<TodoSpec[]> {
    const rows = await tx
      .select({ id: spotcheckFollowups.id, sampleId: spotcheckFollowups.sampleId, dueOn: spotcheckFollowups.dueOn, orderNo: spotcheckFollowups.orderNo, regionCode: spotcheckFollowups.regionCode, sampleNo: spotcheckSamples.sampleNo, enterpriseName: enterprises.name, productName: spotcheckProducts.name })
      .from(spotcheckFollowups)
      .innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckFollowups.sampleId))
      .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
      .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
      .where(and(eq(spotcheckFollowups.stage, 'ordered'), lt(spotcheckFollowups.dueOn, today)))
      .orderBy(spotcheckFollowups.dueOn, spotcheckFollowups.id);
    const bureauOf = jurisdiction.competentBureauIds(tx);
    const wanted: TodoSpec[] = [];
    for (const r of rows) {
      const holder = r.enterpriseName ?? '';
      wanted.push({
        key: `${RECHECK_OVERDUE_TODO}:${r.id}:${r.dueOn}`,
        subjectType: 'spotcheck_followup',
        subjectId: r.id,
        title: `${holder}（${r.productName}，样品 ${r.sampleNo}）整改期限已于 ${r.dueOn} 届满，尚未复查`,
        params: { holder, product: r.productName, sampleNo: r.sampleNo, orderNo: r.orderNo ?? '', date: r.dueOn! },
        link: `/spotcheck-samples/${r.sampleId}`,
        dueOn: r.dueOn,
        orgId: await bureauOf(r.regionCode),
        sectionId: null,
        permission: 'spotcheck.sample',
        regionCode: r.regionCode,
      });
    }
    return wanted;
  }

  /** Every failed sample awaiting a follow-up step by the bureau (README § Follow-up): one to-do per sample and stage. */
  async function wantedStepTodos(tx: Db): Promise<TodoSpec[]> {
    const rows = await tx
      .select({ sampleId: spotcheckSamples.id, sampleNo: spotcheckSamples.sampleNo, regionCode: spotcheckSamples.regionCode, stage: spotcheckFollowups.stage, enterpriseName: enterprises.name, productName: spotcheckProducts.name })
      .from(spotcheckSamples)
      .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
      .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
      .leftJoin(spotcheckFollowups, eq(spotcheckFollowups.sampleId, spotcheckSamples.id))
      .where(and(eq(spotcheckSamples.finalConclusion, 'fail'), or(isNull(spotcheckFollowups.id), notInArray(spotcheckFollowups.stage, ['ordered', 'closed']))))
      .orderBy(asc(spotcheckSamples.sampleNo), asc(spotcheckSamples.id));
    const bureauOf = jurisdiction.competentBureauIds(tx);
    const wanted: TodoSpec[] = [];
    for (const r of rows) {
      const stage = (r.stage ?? 'none') as keyof typeof NEXT_STEP;
      const holder = r.enterpriseName ?? '';
      wanted.push({
        key: `${FOLLOWUP_STEP_TODO}:${r.sampleId}:${stage}`,
        subjectType: 'spotcheck_sample',
        subjectId: r.sampleId,
        title: `${holder}（${r.productName}，样品 ${r.sampleNo}）抽查不合格，后处理待办：${NEXT_STEP[stage]}`,
        params: { holder, product: r.productName, sampleNo: r.sampleNo, stage, step: NEXT_STEP[stage] },
        link: `/spotcheck-samples/${r.sampleId}`,
        dueOn: null,
        orgId: await bureauOf(r.regionCode),
        sectionId: null,
        permission: 'spotcheck.sample',
        regionCode: r.regionCode,
      });
    }
    return wanted;
  }

  /** Both follow-up to-do kinds made exactly what the records ask (idempotent). */
  async function syncTodos(tx: Db, today: string) {
    const overdue = await todos.sync(tx, RECHECK_OVERDUE_TODO, await wantedDueTodos(tx, today));
    const steps = await todos.sync(tx, FOLLOWUP_STEP_TODO, await wantedStepTodos(tx));
    return { created: overdue.created + steps.created, resolved: overdue.resolved + steps.resolved };
  }

  /** Records a step and moves the stage (the row is locked by the caller). */
  async function step(tx: Db, ctx: Ctx, f: typeof spotcheckFollowups.$inferSelect, to: FollowupStage, s: FollowupStep, set: Partial<typeof spotcheckFollowups.$inferInsert> = {}) {
    await tx
      .update(spotcheckFollowups)
      .set({ ...set, stage: to, steps: [...f.steps, s], version: nextVersion(spotcheckFollowups.version), updatedAt: new Date() })
      .where(eq(spotcheckFollowups.id, f.id));
    if (f.stage === 'ordered' && to !== 'ordered') await todos.resolveSubject(tx, RECHECK_OVERDUE_TODO, f.id);
    await audit.record(tx, ctx, { action: `spotcheck_followup.${s.action}`, targetType: 'spotcheck_followup', targetId: f.id, before: { stage: f.stage }, after: { stage: to, ...s, ...set } });
    await todos.sync(tx, FOLLOWUP_STEP_TODO, await wantedStepTodos(tx));
  }

  return {
    /**
     * `POST /api/spotcheck/samples/:id/followup`: one action of the chain (README § Follow-up);
     * 409 NOT_FINAL before the conclusion is final, 409 INVALID_TRANSITION out of order; If-Match
     * names the follow-up's version once it exists.
     */
    async act(ctx: Ctx, sampleId: string, input: FollowupInput, expected?: ExpectedVersion) {
      const { actor } = ctx;
      const today = todayInChina();
      const note = input.note?.trim() || null;
      if (note && [...note].length > NOTE_MAX) throw invalid('note', `说明不能超过 ${NOTE_MAX} 个字`);
      return inTransaction(db, async (tx) => {
        const sample = await sampleFor(tx, actor, sampleId, { lock: true });
        const current = await followupOf(tx, sampleId, true);
        assertVersion(expected, current?.version ?? null);
        const final = await finalFail(tx, ctx, sample, today);
        const stage = current?.stage ?? null;
        if (!FROM[input.action].includes(stage)) throw invalidTransition(stage, input.action);
        const last = current?.steps.at(-1)?.on ?? final.since;
        const on = stepDay(input.on, last, today);
        const base = { action: input.action, on, byName: actor.name, note };

        if (input.action === 'order') {
          const dueOn = input.dueOn === undefined ? addDays(on, rules.correctionDays) : requireDate(input.dueOn, 'dueOn', '整改期限');
          if (dueOn <= on) throw invalid('dueOn', '整改期限应晚于责令整改的日期');
          const no = await orderNo(tx, sample.regionCode, Number(on.slice(0, 4)));
          const s: FollowupStep = { ...base, documentNo: no, dueOn };
          const [row] = await tx.insert(spotcheckFollowups).values({ sampleId, stage: 'ordered', dueOn, orderNo: no, steps: [s], regionCode: sample.regionCode }).returning();
          await audit.record(tx, ctx, { action: 'spotcheck_followup.order', targetType: 'spotcheck_followup', targetId: row!.id, after: { sampleId, sampleNo: sample.sampleNo, stage: 'ordered', ...s } });
          await todos.sync(tx, FOLLOWUP_STEP_TODO, await wantedStepTodos(tx));
          return view(tx, sampleId, today);
        }
        const f = current!;
        switch (input.action) {
          case 'recheck': {
            if (typeof input.passed !== 'boolean') throw invalid('passed', '请填写复查是否合格');
            await step(tx, ctx, f, input.passed ? 'rechecked_passed' : 'rechecked_failed', { ...base, action: input.passed ? 'recheck_passed' : 'recheck_failed' }, { dueOn: null });
            break;
          }
          case 'notice':
          case 'suspend':
            await step(tx, ctx, f, input.action === 'notice' ? 'noticed' : 'suspended', base);
            break;
          case 'close':
            await step(tx, ctx, f, 'closed', { ...base, note: requireText(note, 'note', '结束说明', NOTE_MAX) });
            break;
        }
        return view(tx, sampleId, today);
      });
    },

    /** `GET /api/spotcheck/samples/:id/followup`: the sample's follow-up (404 when there is none). */
    async get(actor: Actor, sampleId: string) {
      return inTransaction(db, async (tx) => {
        await sampleFor(tx, actor, sampleId);
        if (!(await followupOf(tx, sampleId))) throw notFound('后处理');
        return view(tx, sampleId);
      });
    },

    /** Follow-ups in the actor's scope (stage; overdue: an order's deadline passed without a re-check), newest first (then id). */
    async list(actor: Actor, filter: FollowupFilter, page: Page) {
      const today = todayInChina();
      return inTransaction(db, async (tx) => {
        const overdue = and(eq(spotcheckFollowups.stage, 'ordered'), lt(spotcheckFollowups.dueOn, today));
        const where = and(
          await sampleScope(tx, actor),
          filter.stage ? eq(spotcheckFollowups.stage, filter.stage) : undefined,
          filter.overdue === undefined ? undefined : filter.overdue ? overdue : sql`not coalesce(${overdue}, false)`,
        );
        const rows = await selectFollowups(tx, where)
          .orderBy(...followupOrder)
          .limit(page.pageSize)
          .offset(offsetOf(page));
        const [count] = await tx.select({ n: countAll }).from(spotcheckFollowups).innerJoin(spotcheckSamples, eq(spotcheckSamples.id, spotcheckFollowups.sampleId)).where(where);
        return { items: rows.map((r) => followupView(r, today)), total: count?.n ?? 0 };
      });
    },

    /** `GET /api/spotcheck/samples/:id/followup/order`: the 责令整改通知书 (.docx); 404 before the order. */
    async orderDocument(actor: Actor, sampleId: string) {
      return inTransaction(db, async (tx) => {
        const sample = await sampleFor(tx, actor, sampleId);
        const f = await followupOf(tx, sampleId);
        const order = f?.steps.find((s) => s.action === 'order');
        if (!f || !order || !f.orderNo) throw notFound('责令整改通知书');
        const [facts] = await tx
          .select({ enterpriseName: enterprises.name, productName: spotcheckProducts.name, institutionName: spotcheckInstitutions.name })
          .from(spotcheckSamples)
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
          .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
          .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckSamples.institutionId))
          .where(eq(spotcheckSamples.id, sampleId));
        const objection = await objectionOf(tx, sampleId);
        const bureau = await jurisdiction.competentBureau(sample.regionCode, tx);
        const retested = objection?.status === 'retested';
        const content = await renderOrder({
          orderNo: f.orderNo,
          bureau: bureau.name,
          enterpriseName: facts?.enterpriseName ?? '',
          productName: facts?.productName ?? '',
          sampleNo: sample.sampleNo,
          batchNo: sample.record?.batchNo ?? null,
          institutionName: facts?.institutionName ?? '',
          reportNo: sample.reportNo,
          retested,
          failingItems: failingItems(retested ? objection.retestItems : sample.items),
          issuedOn: order.on,
          dueOn: order.dueOn!,
          note: order.note,
        });
        return { content, fileName: `责令整改通知书-${f.orderNo}.docx` };
      });
    },

    /**
     * The daily job's part (the lead wires it in main.ts): the county bureau of each enterprise whose
     * correction deadline passed without a re-check gets a to-do (`spotcheck.recheck_overdue`), and
     * of each failed sample awaiting its next step one (`spotcheck.followup_step`: order, notice,
     * suspension or referral, closing); the open ones whose cause went away are resolved.
     * Idempotent (stable keys; `todos.sync`). Both kinds' counts added.
     */
    async followupsDue(tx: Db, today = todayInChina()) {
      return syncTodos(tx, today);
    },

    /** `followupsDue` in a transaction of its own (for main.ts). */
    async syncDueTodos(today = todayInChina()) {
      return inTransaction(db, async (tx) => syncTodos(tx, today));
    },

    /** The step to-dos alone, in the caller's transaction (a fail made final by an objection's decision or retest). */
    async syncStepTodos(tx: Db) {
      return todos.sync(tx, FOLLOWUP_STEP_TODO, await wantedStepTodos(tx));
    },

    /**
     * The cases module's lead source `spot_check` (leadId = the sample's id): the failed sample in
     * the actor's scope (null otherwise), once its follow-up is at the public notice or suspended
     * (409 INVALID_TRANSITION before). foundOn = the day the fail became final.
     */
    async forCase(tx: Db, actor: Actor, sampleId: string): Promise<SpotcheckLead | null> {
      let sample: SampleRow;
      try {
        sample = await sampleFor(tx, actor, sampleId);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return null;
        throw err;
      }
      if (actor.enterpriseUscc != null) return null;
      const final = await finalFail(tx, null, sample, todayInChina());
      const f = await followupOf(tx, sampleId);
      const stage = f?.stage ?? null;
      if (!FROM.refer.includes(stage)) throw invalidTransition(stage, 'refer');
      const [facts] = await tx
        .select({ enterpriseName: enterprises.name, productName: spotcheckProducts.name })
        .from(spotcheckSamples)
        .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSamples.productId))
        .leftJoin(enterprises, eq(enterprises.id, spotcheckSamples.enterpriseId))
        .where(eq(spotcheckSamples.id, sampleId));
      const objection = await objectionOf(tx, sampleId);
      const failing = failingItems(objection?.status === 'retested' ? objection.retestItems : sample.items);
      return {
        ref: sample.sampleNo,
        partyName: facts?.enterpriseName ?? null,
        uscc: sample.uscc,
        regionCode: sample.regionCode,
        foundOn: final.since,
        summary: `产品质量监督抽查不合格：${facts?.productName ?? ''}（样品 ${sample.sampleNo}），不合格项目：${failing.join('、') || '—'}`,
      };
    },

    /** A case was opened (立案) on the sample: the follow-up records it (stage `referred` from the notice or suspension), with a step. */
    async caseOpened(tx: Db, ctx: Ctx, sampleId: string, kase: { id: string; caseNo: string }) {
      const f = await followupOf(tx, sampleId, true);
      if (!f) return;
      const today = todayInChina();
      const to: FollowupStage = FROM.refer.includes(f.stage) ? 'referred' : f.stage;
      await step(tx, ctx, f, to, { action: 'refer', on: today, byName: ctx.actor.name, note: `已立案（案件编号 ${kase.caseNo}）`, documentNo: kase.caseNo, caseId: kase.id }, { caseId: kase.id });
    },

    /** A case on the sample was declined (不予立案): a step says so; the stage stays. */
    async caseDeclined(tx: Db, ctx: Ctx, sampleId: string, kase: { id: string; caseNo: string; reason: string }) {
      const f = await followupOf(tx, sampleId, true);
      if (!f) return;
      await step(tx, ctx, f, f.stage, { action: 'refer_declined', on: todayInChina(), byName: ctx.actor.name, note: `不予立案（案件编号 ${kase.caseNo}）：${kase.reason}`, documentNo: kase.caseNo, caseId: kase.id });
    },
  };
}

export type FollowupsService = ReturnType<typeof makeFollowupsService>;
