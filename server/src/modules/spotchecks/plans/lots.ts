// The lots a plan's approval makes: their list and detail (an institution's account sees the open ones and its own).
import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { institutionOf, isInstitutionAccount, lotScope } from '../scope.js';
import { spotcheckApplications, spotcheckInstitutions, spotcheckLots, spotcheckPlans, spotcheckProducts, spotcheckSamples } from '../spotchecks.schema.js';
import type { LotFilter, PlansDeps } from './plans.shared.js';

/** The outer row's id in a correlated subquery (qualified: the inner tables have an `id` too). */
const LOT_ID = sql.raw('"spotcheck_lots"."id"');

export function makePlanLots(deps: PlansDeps) {
  const { db } = deps;

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

  return {
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
  };
}
