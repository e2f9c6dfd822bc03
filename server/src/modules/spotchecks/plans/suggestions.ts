// County bureaus' suggestions for a year's plan, taken while its window is open.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { isInstitutionAccount } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { spotcheckPlans, spotcheckProducts, spotcheckSuggestions } from '../spotchecks.schema.js';
import { type PlanCore, type PlansDeps, type SuggestionInput, currentYear } from './plans.shared.js';

export function makePlanSuggestions(deps: PlansDeps, { checkYear }: PlanCore) {
  const { db, audit } = deps;

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
