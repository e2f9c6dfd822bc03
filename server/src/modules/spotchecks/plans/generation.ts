// Making plans: the year-end generation of the annual plan from the database, and special plans.
import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError } from '../../../platform/http/errors.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { productYearStats } from '../catalogue/stats.js';
import { assertCity } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { spotcheckPlanLines, spotcheckPlans, spotcheckProductLinks, spotcheckProducts, spotcheckSuggestions } from '../spotchecks.schema.js';
import { generatePlan } from './generator.js';
import { DEFAULT_SCORE_WEIGHTS, type GenerateInput, MAX_SPECIAL_LINES, type PlanCore, type PlanRow, type PlansDeps, type SpecialPlanInput, currentYear } from './plans.shared.js';

export function makePlanGeneration(deps: PlansDeps, core: PlanCore) {
  const { db, audit } = deps;
  const { checkYear, checkBudget, checkWeights, checkRule, checkWindow, checkLine, checkQuarterAhead, checkProducts, overBudget, bump, view } = core;

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
  };
}
