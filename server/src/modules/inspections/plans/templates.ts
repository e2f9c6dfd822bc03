import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { invalid } from '../../../platform/validation/fields.js';
import { licenceTypes } from '../../licences/index.js';
import { type PlanMode, inspectionPlans } from '../inspections.schema.js';
import type { PoolsService } from '../pools/pools.service.js';
import type { PlansService } from './plans.service.js';

export interface PlanTemplate {
  key: string;
  name: string;
  /** The measure of the seed it implements. */
  basis: string;
  mode: PlanMode;
  /** For `ratio`: the share of every credit class, in percent. */
  ratio: number | null;
  /** The pool holds only holders whose licence was issued (first or on re-examination) in the year before the plan's. */
  previousYearCertificates: boolean;
  /** Licence types the template suits; the first is the default. */
  licenceTypes: string[];
}

const METROLOGY_TYPES = ['metrology_pattern_approval', 'metrology_standard', 'metrology_authorization'];

/**
 * Ready-made plans for the seed's metrology rule (§三(二)3(4)): "定期检查一般一年检查一次，抽查10%上年度
 * 新取得证（包括复查）企业" — every holder once a year, and 10 % of last year's new certificates.
 */
export const PLAN_TEMPLATES: readonly PlanTemplate[] = [
  { key: 'metrology_yearly', name: '计量获证企业年度定期检查', basis: '定期检查一般一年检查一次（§三(二)3(4)）', mode: 'all', ratio: null, previousYearCertificates: false, licenceTypes: METROLOGY_TYPES },
  { key: 'metrology_new_certificates', name: '上年度新取得证（含复查）企业抽查 10%', basis: '抽查10%上年度新取得证（包括复查）企业（§三(二)3(4)）', mode: 'ratio', ratio: 10, previousYearCertificates: true, licenceTypes: METROLOGY_TYPES },
];

export interface ApplyTemplateInput {
  year: number;
  itemId: string;
  licenceType?: string;
  regionCode?: string;
  quarters?: number[];
  pastPeriodReason?: string | null;
}

/** Plan templates: one call creates the template's object pool and its plan, in one transaction. */
export function makePlanTemplates(deps: { db: Db; pools: PoolsService; plans: PlansService }) {
  return {
    list: () => ({ items: [...PLAN_TEMPLATES], total: PLAN_TEMPLATES.length }),

    async apply(ctx: RequestContext & { actor: Actor }, key: string, input: ApplyTemplateInput) {
      const template = PLAN_TEMPLATES.find((t) => t.key === key);
      if (!template) throw notFound('计划模板');
      const licenceType = input.licenceType ?? template.licenceTypes[0]!;
      if (!template.licenceTypes.includes(licenceType)) throw invalid('licenceType', `该模板适用的许可证类型为 ${template.licenceTypes.join('、')}`);
      return inTransaction(deps.db, async (tx) => {
        const [type] = await tx.select({ name: licenceTypes.name }).from(licenceTypes).where(eq(licenceTypes.key, licenceType));
        if (!type) throw invalid('licenceType', `未知的许可证类型：${licenceType}`, 'LICENCE_TYPE_UNKNOWN');
        const name = `${input.year}年${template.name}（${type.name}）`;
        const regionCode = input.regionCode ?? ctx.actor.regionCode;
        const [existing] = await tx.select({ id: inspectionPlans.id }).from(inspectionPlans).where(and(eq(inspectionPlans.name, name), eq(inspectionPlans.regionCode, regionCode)));
        if (existing) throw new AppError('DUPLICATE', `${name}已建立`, 409, { planId: existing.id });
        const filter = template.previousYearCertificates ? { licenceType, licenceIssuedYear: input.year - 1 } : { licenceType };
        const pool = await deps.pools.insert(tx, ctx, { name: name.slice(0, 100), filter, regionCode: input.regionCode });
        const ratios = template.ratio === null ? null : { A: template.ratio, B: template.ratio, C: template.ratio, D: template.ratio };
        const plan = await deps.plans.insert(tx, ctx, { name, year: input.year, itemId: input.itemId, poolId: pool.id, quarters: input.quarters ?? [1, 2, 3, 4], mode: template.mode, ratios, pastPeriodReason: input.pastPeriodReason });
        return { pool, plan };
      });
    },
  };
}

export type PlanTemplates = ReturnType<typeof makePlanTemplates>;
