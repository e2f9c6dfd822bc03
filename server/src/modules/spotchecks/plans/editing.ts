// A plan's list and detail, editing a draft within its budget, approval into quarterly lots, closing.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { requireText } from '../../../platform/validation/fields.js';
import { assertCity } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { type PlanKind, type PlanStatus, type Reason, spotcheckLots, spotcheckPlanLines, spotcheckPlans } from '../spotchecks.schema.js';
import { type PlanCore, type PlanPatch, type PlanRow, type PlansDeps, quarterEnd } from './plans.shared.js';

/** The outer row's id in a correlated subquery (qualified: the inner tables have an `id` too). */
const PLAN_ID = sql.raw('"spotcheck_plans"."id"');

export function makePlanEditing(deps: PlansDeps, core: PlanCore) {
  const { db, audit } = deps;
  const { checkBudget, checkWeights, checkWindow, checkLine, checkQuarterAhead, checkProducts, findPlan, assertDraft, lineRows, view, totalCostOf, overBudget, bump } = core;

  async function nextLotNumbers(tx: Db, year: number, quarter: number) {
    const prefix = `CJ${year}-Q${quarter}-`;
    const [row] = await tx
      .select({ n: sql<number>`coalesce(max(split_part(${spotcheckLots.lotNo}, '-', 3)::int), 0)` })
      .from(spotcheckLots)
      .where(sql`${spotcheckLots.lotNo} ~ ${`^CJ${year}-Q${quarter}-[0-9]+$`}`);
    let n = Number(row?.n ?? 0);
    return () => `${prefix}${String(++n).padStart(3, '0')}`;
  }

  return {
    async list(filter: { year?: number; kind?: PlanKind; status?: PlanStatus }, page: Page) {
      const where = and(
        filter.year !== undefined ? eq(spotcheckPlans.year, filter.year) : undefined,
        filter.kind ? eq(spotcheckPlans.kind, filter.kind) : undefined,
        filter.status ? eq(spotcheckPlans.status, filter.status) : undefined,
      );
      const [total] = await db.select({ n: countAll }).from(spotcheckPlans).where(where);
      const rows = await db
        .select({
          id: spotcheckPlans.id,
          kind: spotcheckPlans.kind,
          year: spotcheckPlans.year,
          name: spotcheckPlans.name,
          status: spotcheckPlans.status,
          budget: spotcheckPlans.budget,
          totalCost: sql<number>`(select coalesce(sum(l.cost), 0)::int from ${spotcheckPlanLines} l where l.plan_id = ${PLAN_ID})`,
          totalBatches: sql<number>`(select coalesce(sum(l.batches), 0)::int from ${spotcheckPlanLines} l where l.plan_id = ${PLAN_ID})`,
          lineCount: sql<number>`(select count(*)::int from ${spotcheckPlanLines} l where l.plan_id = ${PLAN_ID})`,
          lotCount: sql<number>`(select count(*)::int from ${spotcheckLots} t where t.plan_id = ${PLAN_ID})`,
          windowEndsOn: spotcheckPlans.windowEndsOn,
          approvedAt: spotcheckPlans.approvedAt,
          createdAt: spotcheckPlans.createdAt,
          version: spotcheckPlans.version,
        })
        .from(spotcheckPlans)
        .where(where)
        .orderBy(desc(spotcheckPlans.year), asc(spotcheckPlans.kind), desc(spotcheckPlans.createdAt), asc(spotcheckPlans.id))
        .limit(page.pageSize)
        .offset(offsetOf(page));
      return { items: rows.map((r) => ({ ...r, totalCost: Number(r.totalCost), totalBatches: Number(r.totalBatches), lineCount: Number(r.lineCount), lotCount: Number(r.lotCount) })), total: Number(total?.n ?? 0) };
    },

    async get(id: string) {
      return view(db, await findPlan(db, id));
    },

    /** Edits a draft's name, budget (not below its lines' total), window or weights. */
    async update(ctx: Ctx, id: string, patch: PlanPatch, expected: ExpectedVersion) {
      assertCity(ctx.actor, '修改抽查计划');
      const set: Partial<typeof spotcheckPlans.$inferInsert> = {};
      if (patch.name !== undefined) set.name = requireText(patch.name, 'name', '计划名称', 100);
      if (patch.budget !== undefined) set.budget = checkBudget(patch.budget);
      if (patch.windowEndsOn !== undefined) set.windowEndsOn = checkWindow(patch.windowEndsOn);
      if (patch.scoreWeights !== undefined) set.scoreWeights = checkWeights(patch.scoreWeights);
      return inTransaction(db, async (tx) => {
        const p = await findPlan(tx, id, true);
        assertVersion(expected, p.version);
        assertDraft(p);
        if (set.budget !== undefined) {
          const total = await totalCostOf(tx, id);
          if (total > set.budget) throw overBudget(total, set.budget);
        }
        const row = await bump(tx, id, set);
        await audit.record(tx, ctx, {
          action: 'spotcheck.plan_updated',
          targetType: 'spotcheck_plan',
          targetId: id,
          before: Object.fromEntries(Object.keys(set).map((k) => [k, p[k as keyof PlanRow]])),
          after: set,
        });
        return view(tx, row);
      });
    },

    /** Sets a draft's line for a product (adds it or changes its batches and quarter); the total stays within the budget. */
    async putLine(ctx: Ctx, id: string, productId: string, input: { batches: number; quarter: number }, expected: ExpectedVersion) {
      assertCity(ctx.actor, '修改抽查计划');
      checkLine(input.batches, input.quarter);
      return inTransaction(db, async (tx) => {
        const p = await findPlan(tx, id, true);
        assertVersion(expected, p.version);
        assertDraft(p);
        checkQuarterAhead(p.kind, p.year, input.quarter, 'quarter');
        const product = (await checkProducts(tx, [productId])).get(productId)!;
        const cost = input.batches * product.batchCost;
        const [line] = await tx.select().from(spotcheckPlanLines).where(and(eq(spotcheckPlanLines.planId, id), eq(spotcheckPlanLines.productId, productId)));
        const total = (await totalCostOf(tx, id)) - (line?.cost ?? 0) + cost;
        if (total > p.budget) throw overBudget(total, p.budget);
        if (line) {
          const change: Reason = { code: 'EDITED', text: `经办人调整：${line.batches} → ${input.batches} 批次，第 ${line.quarter} → 第 ${input.quarter} 季度` };
          await tx
            .update(spotcheckPlanLines)
            .set({ batches: input.batches, quarter: input.quarter, cost, edited: true, reasons: [...line.reasons.filter((r) => r.code !== 'EDITED'), change] })
            .where(eq(spotcheckPlanLines.id, line.id));
        } else {
          await tx.insert(spotcheckPlanLines).values({ planId: id, productId, batches: input.batches, quarter: input.quarter, cost, edited: true, reasons: [{ code: 'ADDED', text: '经办人添加' }] });
        }
        // A product added by hand is no longer among the excluded.
        const excluded = p.excluded.filter((e) => e.productCode !== product.code);
        const row = await bump(tx, id, excluded.length !== p.excluded.length ? { excluded } : {});
        await audit.record(tx, ctx, {
          action: 'spotcheck.plan_line_set',
          targetType: 'spotcheck_plan',
          targetId: id,
          before: line ? { productCode: product.code, batches: line.batches, quarter: line.quarter, cost: line.cost } : null,
          after: { productCode: product.code, batches: input.batches, quarter: input.quarter, cost },
        });
        return view(tx, row);
      });
    },

    async deleteLine(ctx: Ctx, id: string, productId: string, expected: ExpectedVersion) {
      assertCity(ctx.actor, '修改抽查计划');
      return inTransaction(db, async (tx) => {
        const p = await findPlan(tx, id, true);
        assertVersion(expected, p.version);
        assertDraft(p);
        const [line] = await tx.delete(spotcheckPlanLines).where(and(eq(spotcheckPlanLines.planId, id), eq(spotcheckPlanLines.productId, productId))).returning();
        if (!line) throw notFound('计划中的该产品');
        const row = await bump(tx, id);
        await audit.record(tx, ctx, { action: 'spotcheck.plan_line_deleted', targetType: 'spotcheck_plan', targetId: id, before: { productId, batches: line.batches, quarter: line.quarter, cost: line.cost } });
        return view(tx, row);
      });
    },

    /** Approves a draft: one lot per line, numbered `CJ<year>-Q<q>-<nnn>`, due the quarter's last day. */
    async approve(ctx: Ctx, id: string, expected: ExpectedVersion) {
      assertCity(ctx.actor, '批准抽查计划');
      return inTransaction(db, async (tx) => {
        const p = await findPlan(tx, id, true);
        assertVersion(expected, p.version);
        assertDraft(p);
        const lines = await lineRows(tx, id);
        if (lines.length === 0) throw new AppError('PLAN_EMPTY', '计划没有产品，不能批准', 409);
        const total = lines.reduce((n, l) => n + l.cost, 0);
        if (total > p.budget) throw overBudget(total, p.budget);
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('spotcheck_lot_no'), ${p.year})`);
        const lots = [];
        for (const q of [1, 2, 3, 4]) {
          const next = await nextLotNumbers(tx, p.year, q);
          for (const l of lines.filter((x) => x.quarter === q)) {
            lots.push({ planId: id, lineId: l.id, productId: l.productId, lotNo: next(), year: p.year, quarter: q, batches: l.batches, dueOn: quarterEnd(p.year, q) });
          }
        }
        await tx.insert(spotcheckLots).values(lots);
        const row = await bump(tx, id, { status: 'approved', approvedByName: ctx.actor.name, approvedAt: new Date() });
        await audit.record(tx, ctx, { action: 'spotcheck.plan_approved', targetType: 'spotcheck_plan', targetId: id, before: { status: p.status }, after: { status: 'approved', totalCost: total, lots: lots.map((l) => l.lotNo) } });
        return view(tx, row);
      });
    },

    /** Closes an approved plan (its lots stay as they are). */
    async close(ctx: Ctx, id: string, expected: ExpectedVersion) {
      assertCity(ctx.actor, '结束抽查计划');
      return inTransaction(db, async (tx) => {
        const p = await findPlan(tx, id, true);
        assertVersion(expected, p.version);
        if (p.status !== 'approved') throw new AppError('PLAN_NOT_APPROVED', '只有已批准的计划可以结束', 409, { status: p.status });
        const row = await bump(tx, id, { status: 'closed', closedAt: new Date() });
        await audit.record(tx, ctx, { action: 'spotcheck.plan_closed', targetType: 'spotcheck_plan', targetId: id, before: { status: p.status }, after: { status: 'closed' } });
        return view(tx, row);
      });
    },
  };
}
