// The plans part's shared values and helpers: limits, inputs' types, quarter ends; the checks, a plan's row, view, lines and budget.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, nextVersion } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { invalid, requireDate } from '../../../platform/validation/fields.js';
import type { SpotcheckDraws } from '../draws.js';
import type { SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type LotStatus,
  type PassRateRule,
  type PlanKind,
  type ScoreWeights,
  spotcheckLots,
  spotcheckPlanLines,
  spotcheckPlans,
  spotcheckProducts,
} from '../spotchecks.schema.js';

/** The weights of the choice of a lot's institution when a plan does not set them (percent). */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { price: 40, capability: 30, record: 20, locality: 10 };
export const MAX_BUDGET = 2_000_000_000;
export const MAX_LINE_BATCHES = 1000;
export const MAX_SPECIAL_LINES = 500;

export interface GenerateInput {
  year: number;
  budget: number;
  passRateRule?: PassRateRule;
  scoreWeights?: ScoreWeights;
  windowEndsOn?: string | null;
}

export interface SpecialPlanInput {
  name: string;
  year: number;
  budget: number;
  lines: { productId: string; batches: number; quarter: number }[];
  scoreWeights?: ScoreWeights;
  windowEndsOn?: string | null;
}

export interface PlanPatch {
  name?: string;
  budget?: number;
  windowEndsOn?: string | null;
  scoreWeights?: ScoreWeights;
}

export interface LotFilter {
  planId?: string;
  year?: number;
  quarter?: number;
  status?: LotStatus;
  productId?: string;
}

export interface SuggestionInput {
  year: number;
  productId?: string | null;
  uscc?: string | null;
  reason: string;
}

export type PlanRow = typeof spotcheckPlans.$inferSelect;

/** What every piece of the plans service is made with. */
export type PlansDeps = SpotchecksDeps & { draws: SpotcheckDraws };

/** The last day of a quarter of a year. */
export function quarterEnd(year: number, quarter: number): string {
  return ['', `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][quarter]!;
}

export const currentYear = () => Number(todayInChina().slice(0, 4));
const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;

/** Whether suggestions are still taken for a plan: a draft, its window (if any) not over. */
export const windowOpenOf = (p: Pick<PlanRow, 'status' | 'windowEndsOn'>, today = todayInChina()) => p.status === 'draft' && (p.windowEndsOn == null || today <= p.windowEndsOn);

/** The helpers the plans service's pieces share: input checks, a plan (locked, a draft), its view, lines, cost and version. */
export function makePlanCore(deps: PlansDeps) {
  const { rules } = deps;

  function checkYear(year: number, field = 'year') {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid(field, '年度应为 2000–2100 的整数');
    return year;
  }
  function checkBudget(budget: number) {
    if (!Number.isInteger(budget) || budget < 0 || budget > MAX_BUDGET) throw invalid('budget', `预算应为 0–${MAX_BUDGET} 的整数（元）`);
    return budget;
  }
  function checkWeights(w: ScoreWeights | undefined): ScoreWeights | undefined {
    if (w === undefined) return undefined;
    const keys = ['price', 'capability', 'record', 'locality'] as const;
    for (const k of keys) if (!Number.isInteger(w[k]) || w[k] < 0 || w[k] > 100) throw invalid(`scoreWeights.${k}`, '评分权重应为 0–100 的整数');
    if (keys.reduce((n, k) => n + w[k], 0) !== 100) throw invalid('scoreWeights', '价格、能力、业绩、本地四项权重之和应为 100');
    return { price: w.price, capability: w.capability, record: w.record, locality: w.locality };
  }
  function checkRule(r: PassRateRule | undefined): PassRateRule {
    const mode = r?.mode ?? rules.passRateMode;
    if (mode !== 'skip' && mode !== 'reduce') throw invalid('passRateRule.mode', '合格率规则应为 skip（不列入）或 reduce（减少批次）');
    if (mode === 'skip') return { mode };
    const reducePercent = r?.reducePercent ?? rules.passRateReducePercent;
    if (!Number.isInteger(reducePercent) || reducePercent < 1 || reducePercent > 100) throw invalid('passRateRule.reducePercent', '减少比例应为 1–100 的整数（百分比）');
    return { mode, reducePercent };
  }
  const checkWindow = (d: string | null | undefined) => (d == null ? null : requireDate(d, 'windowEndsOn', '建议与承检申请截止日期'));
  function checkLine(batches: number, quarter: number, field = '') {
    if (!Number.isInteger(batches) || batches < 1 || batches > MAX_LINE_BATCHES) throw invalid(`${field}batches`, `批次应为 1–${MAX_LINE_BATCHES} 的整数`);
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw invalid(`${field}quarter`, '季度应为 1–4');
  }
  /** A special plan's quarters must not be over (it starts at once). */
  function checkQuarterAhead(kind: PlanKind, year: number, quarter: number, field: string) {
    if (kind === 'special' && quarterEnd(year, quarter) < todayInChina()) throw new AppError('QUARTER_PASSED', `${year} 年第 ${quarter} 季度已结束，专项计划不能安排在已结束的季度`, 400, { field });
  }

  async function findPlan(tx: Db, id: string, lock = false): Promise<PlanRow> {
    const q = tx.select().from(spotcheckPlans).where(eq(spotcheckPlans.id, id));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('抽查计划');
    return row;
  }

  function assertDraft(p: PlanRow) {
    if (p.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT', '计划已批准或已结束，不能再修改', 409, { status: p.status });
  }

  async function lineRows(tx: Db, planId: string) {
    return tx
      .select({
        id: spotcheckPlanLines.id,
        productId: spotcheckPlanLines.productId,
        productCode: spotcheckProducts.code,
        productName: spotcheckProducts.name,
        category: spotcheckProducts.category,
        impact: spotcheckProducts.impact,
        batchCost: spotcheckProducts.batchCost,
        batches: spotcheckPlanLines.batches,
        quarter: spotcheckPlanLines.quarter,
        cost: spotcheckPlanLines.cost,
        reasons: spotcheckPlanLines.reasons,
        edited: spotcheckPlanLines.edited,
      })
      .from(spotcheckPlanLines)
      .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckPlanLines.productId))
      .where(eq(spotcheckPlanLines.planId, planId))
      .orderBy(asc(spotcheckPlanLines.quarter), asc(spotcheckProducts.code), asc(spotcheckPlanLines.id));
  }

  async function view(tx: Db, p: PlanRow) {
    const lines = await lineRows(tx, p.id);
    const [lots] = await tx.select({ n: countAll }).from(spotcheckLots).where(eq(spotcheckLots.planId, p.id));
    return {
      id: p.id,
      kind: p.kind,
      year: p.year,
      name: p.name,
      status: p.status,
      budget: p.budget,
      passRateRule: p.passRateRule,
      scoreWeights: p.scoreWeights,
      windowEndsOn: p.windowEndsOn,
      windowOpen: windowOpenOf(p),
      totalCost: lines.reduce((n, l) => n + l.cost, 0),
      totalBatches: lines.reduce((n, l) => n + l.batches, 0),
      lines: lines.map(({ batchCost: _b, ...l }) => l),
      excluded: p.excluded,
      lotCount: Number(lots?.n ?? 0),
      createdByName: p.createdByName,
      approvedByName: p.approvedByName,
      approvedAt: p.approvedAt,
      closedAt: p.closedAt,
      createdAt: p.createdAt,
      version: p.version,
    };
  }

  async function totalCostOf(tx: Db, planId: string): Promise<number> {
    const [row] = await tx.select({ n: sql<number>`coalesce(sum(${spotcheckPlanLines.cost}), 0)::bigint` }).from(spotcheckPlanLines).where(eq(spotcheckPlanLines.planId, planId));
    return Number(row?.n ?? 0);
  }

  function overBudget(total: number, budget: number) {
    return new AppError('OVER_BUDGET', `计划总费用 ${yuan(total)} 超出预算 ${yuan(budget)}`, 409, { totalCost: total, budget });
  }

  async function bump(tx: Db, id: string, set: Partial<typeof spotcheckPlans.$inferInsert> = {}) {
    const [row] = await tx
      .update(spotcheckPlans)
      .set({ ...set, version: nextVersion(spotcheckPlans.version), updatedAt: new Date() })
      .where(eq(spotcheckPlans.id, id))
      .returning();
    return row!;
  }

  async function checkProducts(tx: Db, ids: string[]) {
    if (ids.length === 0) return new Map<string, { id: string; code: string; batchCost: number; active: boolean }>();
    const rows = await tx.select({ id: spotcheckProducts.id, code: spotcheckProducts.code, batchCost: spotcheckProducts.batchCost, active: spotcheckProducts.active }).from(spotcheckProducts).where(inArray(spotcheckProducts.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const p = byId.get(id);
      if (!p) throw new AppError('UNKNOWN_PRODUCT', '产品目录中没有该产品', 400, { field: 'productId', productId: id });
      if (!p.active) throw new AppError('PRODUCT_INACTIVE', `产品 ${p.code} 已停用，不能列入计划`, 400, { field: 'productId', productId: id });
    }
    return byId;
  }

  return { checkYear, checkBudget, checkWeights, checkRule, checkWindow, checkLine, checkQuarterAhead, findPlan, assertDraft, lineRows, view, totalCostOf, overBudget, bump, checkProducts };
}

export type PlanCore = ReturnType<typeof makePlanCore>;
