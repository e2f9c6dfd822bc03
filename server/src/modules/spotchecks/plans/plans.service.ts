import { type SQL, and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { productYearStats } from '../catalogue/stats.js';
import type { SpotcheckDraws } from '../draws.js';
import { assertCity, institutionOf, isInstitutionAccount, lotScope } from '../scope.js';
import type { Ctx, SpotchecksDeps } from '../spotchecks.deps.js';
import {
  type LotStatus,
  type PassRateRule,
  type PlanKind,
  type PlanStatus,
  type Reason,
  type ScoreWeights,
  spotcheckApplications,
  spotcheckInstitutions,
  spotcheckLots,
  spotcheckPlanLines,
  spotcheckPlans,
  spotcheckProductLinks,
  spotcheckProducts,
  spotcheckSamples,
  spotcheckSuggestions,
} from '../spotchecks.schema.js';
import { generatePlan } from './generator.js';

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

type PlanRow = typeof spotcheckPlans.$inferSelect;

/** The last day of a quarter of a year. */
export function quarterEnd(year: number, quarter: number): string {
  return ['', `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][quarter]!;
}

/** The outer row's id in a correlated subquery (qualified: the inner tables have an `id` too). */
const PLAN_ID = sql.raw('"spotcheck_plans"."id"');
const LOT_ID = sql.raw('"spotcheck_lots"."id"');

const currentYear = () => Number(todayInChina().slice(0, 4));
const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;

/** Whether suggestions are still taken for a plan: a draft, its window (if any) not over. */
export const windowOpenOf = (p: Pick<PlanRow, 'status' | 'windowEndsOn'>, today = todayInChina()) => p.status === 'draft' && (p.windowEndsOn == null || today <= p.windowEndsOn);

/**
 * 抽查计划 (README.md): the year-end generation of the annual plan, special plans, editing a draft
 * within its budget, approval (which splits the plan into quarterly lots) and closing; the lots;
 * county suggestions and their window.
 */
export function makePlansService(deps: SpotchecksDeps & { draws: SpotcheckDraws }) {
  const { db, audit, rules } = deps;

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

  /** The generator's input read from the catalogue, the results, the links and the suggestions. */
  async function generatorData(tx: Db, year: number) {
    const products = await tx
      .select({ id: spotcheckProducts.id, code: spotcheckProducts.code, impact: spotcheckProducts.impact, batchCost: spotcheckProducts.batchCost, active: spotcheckProducts.active })
      .from(spotcheckProducts)
      .where(eq(spotcheckProducts.active, true));
    const statRows = await productYearStats(tx, { years: [year - 1, year - 2, year - 3] });
    const stats = new Map<string, { year: number; batches: number; passed: number }[]>();
    for (const s of statRows) stats.set(s.productId, [...(stats.get(s.productId) ?? []), s]);
    const complaintRows = await tx
      .select({ productId: spotcheckProductLinks.productId, n: countAll })
      .from(spotcheckProductLinks)
      .where(and(eq(spotcheckProductLinks.kind, 'complaint'), gte(spotcheckProductLinks.refOn, `${year - 1}-01-01`), lte(spotcheckProductLinks.refOn, `${year - 1}-12-31`)))
      .groupBy(spotcheckProductLinks.productId);
    const suggestionRows = await tx
      .selectDistinct({ productId: spotcheckSuggestions.productId, orgName: orgs.name })
      .from(spotcheckSuggestions)
      .innerJoin(orgs, eq(orgs.id, spotcheckSuggestions.orgId))
      .where(and(eq(spotcheckSuggestions.year, year), isNotNull(spotcheckSuggestions.productId)));
    const suggestions = new Map<string, string[]>();
    for (const s of suggestionRows) suggestions.set(s.productId!, [...(suggestions.get(s.productId!) ?? []), s.orgName]);
    return { products, stats, complaints: new Map(complaintRows.map((r) => [r.productId, Number(r.n)])), suggestions };
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

  async function nextLotNumbers(tx: Db, year: number, quarter: number) {
    const prefix = `CJ${year}-Q${quarter}-`;
    const [row] = await tx
      .select({ n: sql<number>`coalesce(max(split_part(${spotcheckLots.lotNo}, '-', 3)::int), 0)` })
      .from(spotcheckLots)
      .where(sql`${spotcheckLots.lotNo} ~ ${`^CJ${year}-Q${quarter}-[0-9]+$`}`);
    let n = Number(row?.n ?? 0);
    return () => `${prefix}${String(++n).padStart(3, '0')}`;
  }

  const lotFields = {
    id: spotcheckLots.id,
    lotNo: spotcheckLots.lotNo,
    planId: spotcheckLots.planId,
    planName: spotcheckPlans.name,
    productId: spotcheckLots.productId,
    productCode: spotcheckProducts.code,
    productName: spotcheckProducts.name,
    year: spotcheckLots.year,
    quarter: spotcheckLots.quarter,
    batches: spotcheckLots.batches,
    status: spotcheckLots.status,
    dueOn: spotcheckLots.dueOn,
    institutionId: spotcheckLots.institutionId,
    institutionName: spotcheckInstitutions.name,
    sampleCount: sql<number>`(select count(*)::int from ${spotcheckSamples} s where s.lot_id = ${LOT_ID})`,
    version: spotcheckLots.version,
  };

  async function applicationCountSql(tx: Db, actor: Actor): Promise<SQL<number>> {
    if (isInstitutionAccount(actor)) {
      // An institution sees its own applications only, never how many others applied.
      const inst = await institutionOf(tx, actor);
      return inst
        ? sql<number>`(select count(*)::int from ${spotcheckApplications} a where a.lot_id = ${LOT_ID} and a.institution_id = ${inst.id} and a.status <> 'withdrawn')`
        : sql<number>`0`;
    }
    return sql<number>`(select count(*)::int from ${spotcheckApplications} a where a.lot_id = ${LOT_ID} and a.status <> 'withdrawn')`;
  }

  const suggestionFields = {
    id: spotcheckSuggestions.id,
    year: spotcheckSuggestions.year,
    productId: spotcheckSuggestions.productId,
    productCode: spotcheckProducts.code,
    productName: spotcheckProducts.name,
    enterpriseId: spotcheckSuggestions.enterpriseId,
    enterpriseName: enterprises.name,
    uscc: enterprises.uscc,
    reason: spotcheckSuggestions.reason,
    orgName: orgs.name,
    regionCode: spotcheckSuggestions.regionCode,
    createdByName: spotcheckSuggestions.createdByName,
    createdAt: spotcheckSuggestions.createdAt,
  };
  const suggestionQuery = (tx: Db) =>
    tx
      .select(suggestionFields)
      .from(spotcheckSuggestions)
      .leftJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckSuggestions.productId))
      .leftJoin(enterprises, eq(enterprises.id, spotcheckSuggestions.enterpriseId))
      .innerJoin(orgs, eq(orgs.id, spotcheckSuggestions.orgId));

  return {
    /**
     * Generates the year's annual plan (README.md § The generator); a draft annual plan of the year
     * is replaced (its lines, exclusions, budget and rule), an approved or closed one is not (409).
     */
    async generate(ctx: Ctx, input: GenerateInput, expected?: ExpectedVersion) {
      assertCity(ctx.actor, '生成年度抽查计划');
      const year = checkYear(input.year);
      const budget = checkBudget(input.budget);
      const rule = checkRule(input.passRateRule);
      const weights = checkWeights(input.scoreWeights);
      const windowEndsOn = checkWindow(input.windowEndsOn);
      return inTransaction(db, async (tx) => {
        // One generation of a year at a time.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('spotcheck_plan_generate'), ${year})`);
        const [existing] = await tx
          .select()
          .from(spotcheckPlans)
          .where(and(eq(spotcheckPlans.kind, 'annual'), eq(spotcheckPlans.year, year)))
          .for('update');
        if (existing && existing.status !== 'draft') throw new AppError('PLAN_APPROVED', `${year} 年度抽查计划已批准，不能重新生成`, 409, { planId: existing.id, status: existing.status });
        if (existing) assertVersion(expected, existing.version);
        const data = await generatorData(tx, year);
        const result = generatePlan({ year, budget, rule, ...data });
        let plan: PlanRow;
        if (existing) {
          await tx.delete(spotcheckPlanLines).where(eq(spotcheckPlanLines.planId, existing.id));
          plan = await bump(tx, existing.id, {
            budget,
            passRateRule: rule,
            excluded: result.excluded,
            ...(weights ? { scoreWeights: weights } : {}),
            ...(input.windowEndsOn !== undefined ? { windowEndsOn } : {}),
          });
        } else {
          const [row] = await tx
            .insert(spotcheckPlans)
            .values({
              kind: 'annual',
              year,
              name: `${year} 年度产品质量监督抽查计划`,
              budget,
              passRateRule: rule,
              scoreWeights: weights ?? DEFAULT_SCORE_WEIGHTS,
              excluded: result.excluded,
              windowEndsOn,
              regionCode: ctx.actor.regionCode,
              orgId: ctx.actor.orgId,
              createdByName: ctx.actor.name,
            })
            .returning();
          plan = row!;
        }
        if (result.lines.length) {
          await tx.insert(spotcheckPlanLines).values(result.lines.map((l) => ({ planId: plan.id, productId: l.productId, batches: l.batches, quarter: l.quarter, cost: l.cost, reasons: l.reasons })));
        }
        await audit.record(tx, ctx, {
          action: existing ? 'spotcheck.plan_regenerated' : 'spotcheck.plan_generated',
          targetType: 'spotcheck_plan',
          targetId: plan.id,
          before: existing ? { budget: existing.budget, passRateRule: existing.passRateRule, excluded: existing.excluded } : undefined,
          after: { year, budget, passRateRule: rule, totalCost: result.totalCost, lines: result.lines.map((l) => ({ productCode: l.productCode, batches: l.batches, quarter: l.quarter, cost: l.cost })), excluded: result.excluded },
        });
        return view(tx, plan);
      });
    },

    /** A special plan (专项计划): made at any time, lines given, within the budget, a draft until approved. */
    async createSpecial(ctx: Ctx, input: SpecialPlanInput) {
      assertCity(ctx.actor, '制定专项抽查计划');
      const name = requireText(input.name, 'name', '计划名称', 100);
      const year = checkYear(input.year);
      if (year < currentYear()) throw invalid('year', '专项计划不能安排在以往年度');
      const budget = checkBudget(input.budget);
      const weights = checkWeights(input.scoreWeights) ?? DEFAULT_SCORE_WEIGHTS;
      const windowEndsOn = checkWindow(input.windowEndsOn);
      const lines = input.lines ?? [];
      if (lines.length === 0) throw invalid('lines', '请至少列入一个产品');
      if (lines.length > MAX_SPECIAL_LINES) throw invalid('lines', `一个计划至多 ${MAX_SPECIAL_LINES} 个产品`);
      const ids = lines.map((l) => l.productId);
      if (new Set(ids).size !== ids.length) throw invalid('lines', '同一产品只能列入一行');
      lines.forEach((l, i) => {
        checkLine(l.batches, l.quarter, `lines.${i}.`);
        checkQuarterAhead('special', year, l.quarter, `lines.${i}.quarter`);
      });
      return inTransaction(db, async (tx) => {
        const products = await checkProducts(tx, ids);
        const costed = lines.map((l) => ({ ...l, cost: l.batches * products.get(l.productId)!.batchCost }));
        const total = costed.reduce((n, l) => n + l.cost, 0);
        if (total > budget) throw overBudget(total, budget);
        const [plan] = await tx
          .insert(spotcheckPlans)
          .values({ kind: 'special', year, name, budget, passRateRule: checkRule(undefined), scoreWeights: weights, windowEndsOn, regionCode: ctx.actor.regionCode, orgId: ctx.actor.orgId, createdByName: ctx.actor.name })
          .returning();
        await tx.insert(spotcheckPlanLines).values(costed.map((l) => ({ planId: plan!.id, productId: l.productId, batches: l.batches, quarter: l.quarter, cost: l.cost, reasons: [{ code: 'SPECIAL', text: '专项计划，由经办人确定批次与季度' }] })));
        await audit.record(tx, ctx, { action: 'spotcheck.plan_created', targetType: 'spotcheck_plan', targetId: plan!.id, after: { kind: 'special', name, year, budget, lines: costed } });
        return view(tx, plan!);
      });
    },

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

    /** Lots: staff all; an institution's account the open lots and its own (scope.ts). */
    async listLots(actor: Actor, filter: LotFilter, page: Page) {
      const where = and(
        await lotScope(db, actor),
        filter.planId ? eq(spotcheckLots.planId, filter.planId) : undefined,
        filter.year !== undefined ? eq(spotcheckLots.year, filter.year) : undefined,
        filter.quarter !== undefined ? eq(spotcheckLots.quarter, filter.quarter) : undefined,
        filter.status ? eq(spotcheckLots.status, filter.status) : undefined,
        filter.productId ? eq(spotcheckLots.productId, filter.productId) : undefined,
      );
      const [total] = await db.select({ n: countAll }).from(spotcheckLots).where(where);
      const rows = await db
        .select({ ...lotFields, applicationCount: await applicationCountSql(db, actor) })
        .from(spotcheckLots)
        .innerJoin(spotcheckPlans, eq(spotcheckPlans.id, spotcheckLots.planId))
        .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
        .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckLots.institutionId))
        .where(where)
        .orderBy(desc(spotcheckLots.year), asc(spotcheckLots.quarter), asc(spotcheckLots.lotNo), asc(spotcheckLots.id))
        .limit(page.pageSize)
        .offset(offsetOf(page));
      return { items: rows.map((r) => ({ ...r, sampleCount: Number(r.sampleCount), applicationCount: Number(r.applicationCount) })), total: Number(total?.n ?? 0) };
    },

    async getLot(actor: Actor, id: string) {
      const [row] = await db
        .select({ ...lotFields, applicationCount: await applicationCountSql(db, actor), selection: spotcheckLots.selection, drawId: spotcheckLots.drawId, institutionLocal: spotcheckInstitutions.local })
        .from(spotcheckLots)
        .innerJoin(spotcheckPlans, eq(spotcheckPlans.id, spotcheckLots.planId))
        .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
        .leftJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckLots.institutionId))
        .where(and(eq(spotcheckLots.id, id), await lotScope(db, actor)));
      if (!row) throw notFound('抽查批次任务');
      const [product] = await db.select().from(spotcheckProducts).where(eq(spotcheckProducts.id, row.productId));
      const [plan] = await db.select({ id: spotcheckPlans.id, name: spotcheckPlans.name, kind: spotcheckPlans.kind, year: spotcheckPlans.year, status: spotcheckPlans.status, scoreWeights: spotcheckPlans.scoreWeights, windowEndsOn: spotcheckPlans.windowEndsOn }).from(spotcheckPlans).where(eq(spotcheckPlans.id, row.planId));
      const { institutionLocal, ...lot } = row;
      return {
        ...lot,
        sampleCount: Number(lot.sampleCount),
        applicationCount: Number(lot.applicationCount),
        product: {
          id: product!.id,
          code: product!.code,
          name: product!.name,
          category: product!.category,
          impact: product!.impact,
          batchCost: product!.batchCost,
          testItems: product!.testItems,
          standards: product!.standards,
          sampleSize: product!.sampleSize,
          sampleUnit: product!.sampleUnit,
          inspectionLevel: product!.inspectionLevel,
          aql: product!.aql,
        },
        plan: plan!,
        institution: row.institutionId ? { id: row.institutionId, name: row.institutionName!, local: institutionLocal! } : null,
        selection: row.selection ?? null,
        drawId: row.drawId ?? null,
      };
    },

    /**
     * A bureau's suggestion for a year's plan (a product, an enterprise, or both, with reasons):
     * taken while the year's annual plan is not approved and its window (if set) is not over.
     */
    async suggest(ctx: Ctx, input: SuggestionInput) {
      if (ctx.actor.enterpriseUscc != null || isInstitutionAccount(ctx.actor)) throw new AppError('FORBIDDEN', '只有市场监管部门可以提出抽查建议', 403);
      const year = checkYear(input.year);
      if (year < currentYear()) throw invalid('year', '只能对本年度或以后年度的计划提出建议');
      const reason = requireText(input.reason, 'reason', '建议理由', 1000);
      const productId = input.productId || null;
      const uscc = input.uscc ? normalizeUscc(input.uscc) : null;
      if (!productId && !uscc) throw invalid('productId', '请选择建议抽查的产品或企业');
      return inTransaction(db, async (tx) => {
        const [plan] = await tx
          .select()
          .from(spotcheckPlans)
          .where(and(eq(spotcheckPlans.kind, 'annual'), eq(spotcheckPlans.year, year)));
        if (plan && plan.status !== 'draft') throw new AppError('WINDOW_CLOSED', `${year} 年度抽查计划已批准，不再接受建议`, 409, { planId: plan.id });
        if (plan?.windowEndsOn && todayInChina() > plan.windowEndsOn) throw new AppError('WINDOW_CLOSED', `${year} 年度抽查计划的建议已于 ${plan.windowEndsOn} 截止`, 409, { planId: plan.id, windowEndsOn: plan.windowEndsOn });
        if (productId) {
          const [p] = await tx.select({ id: spotcheckProducts.id }).from(spotcheckProducts).where(eq(spotcheckProducts.id, productId));
          if (!p) throw new AppError('UNKNOWN_PRODUCT', '产品目录中没有该产品', 400, { field: 'productId' });
        }
        let enterpriseId: string | null = null;
        if (uscc) {
          const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, uscc));
          if (!e) throw new AppError('UNKNOWN_ENTERPRISE', `统一社会信用代码 ${uscc} 不是已登记的企业`, 400, { field: 'uscc' });
          enterpriseId = e.id;
        }
        const [row] = await tx
          .insert(spotcheckSuggestions)
          .values({ year, productId, enterpriseId, reason, orgId: ctx.actor.orgId, regionCode: ctx.actor.regionCode, createdByName: ctx.actor.name })
          .returning();
        await audit.record(tx, ctx, { action: 'spotcheck.suggestion_created', targetType: 'spotcheck_suggestion', targetId: row!.id, after: row });
        const [item] = await suggestionQuery(tx).where(eq(spotcheckSuggestions.id, row!.id));
        return item!;
      });
    },

    async listSuggestions(filter: { year?: number; productId?: string }, page: Page) {
      const where = and(filter.year !== undefined ? eq(spotcheckSuggestions.year, filter.year) : undefined, filter.productId ? eq(spotcheckSuggestions.productId, filter.productId) : undefined);
      const [total] = await db.select({ n: countAll }).from(spotcheckSuggestions).where(where);
      const items = await suggestionQuery(db)
        .where(where)
        .orderBy(desc(spotcheckSuggestions.createdAt), desc(spotcheckSuggestions.id))
        .limit(page.pageSize)
        .offset(offsetOf(page));
      return { items, total: Number(total?.n ?? 0) };
    },
  };
}

export type PlansService = ReturnType<typeof makePlansService>;
