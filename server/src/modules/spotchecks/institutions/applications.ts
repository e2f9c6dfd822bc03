// Institutions' applications (承检申请) for lots: apply, withdraw, the lists.
import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { invalid } from '../../../platform/validation/fields.js';
import { institutionOf, isInstitutionAccount } from '../scope.js';
import type { Ctx } from '../spotchecks.deps.js';
import { type ApplicationStatus, type Reason, spotcheckApplications, spotcheckInstitutions, spotcheckLots, spotcheckProducts } from '../spotchecks.schema.js';
import type { ApplicationInput, InstitutionCore, InstitutionsDeps, Lot } from './institutions.shared.js';

export function makeApplications(deps: InstitutionsDeps, { lotFor, pendingTieDraw, planOf, productOf, myInstitution }: InstitutionCore) {
  const { db, audit } = deps;

  /**
   * Whether a lot takes applications (and withdrawals): the lot is `open`, no tie draw is pending,
   * and its plan is approved — or still a draft whose window (`windowEndsOn`) has not ended.
   */
  async function assertTakesApplications(tx: Db, lot: Lot) {
    if (lot.status !== 'open') throw new AppError('LOT_NOT_OPEN', '该批次已确定承检机构或已结束，不再接受申请', 409);
    if (await pendingTieDraw(tx, lot.id)) throw new AppError('SELECTION_PENDING', '该批次正在摇号确定承检机构，申请已锁定', 409);
    const plan = await planOf(tx, lot.planId);
    if (plan.status === 'closed') throw new AppError('LOT_NOT_OPEN', '该批次所属计划已结束，不再接受申请', 409);
    if (plan.status === 'draft' && !(plan.windowEndsOn && todayInChina() <= plan.windowEndsOn)) {
      throw new AppError('WINDOW_CLOSED', `计划尚未批准，且申请期${plan.windowEndsOn ? `已于 ${plan.windowEndsOn} 结束` : '未开放'}`, 409);
    }
    return plan;
  }

  const applicationColumns = {
    id: spotcheckApplications.id,
    lotId: spotcheckApplications.lotId,
    institutionId: spotcheckApplications.institutionId,
    institutionName: spotcheckInstitutions.name,
    local: spotcheckInstitutions.local,
    price: spotcheckApplications.price,
    capacity: spotcheckApplications.capacity,
    note: spotcheckApplications.note,
    status: spotcheckApplications.status,
    createdByName: spotcheckApplications.createdByName,
    createdAt: spotcheckApplications.createdAt,
    version: spotcheckApplications.version,
  };

  async function applicationView(tx: Db, id: string) {
    const [row] = await tx.select(applicationColumns).from(spotcheckApplications).innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId)).where(eq(spotcheckApplications.id, id));
    if (!row) throw notFound('承检申请');
    return row;
  }

  /** An institution account's own applications only (staff: all). */
  async function applicationScope(tx: Db, actor: Actor): Promise<SQL | undefined> {
    if (actor.enterpriseUscc != null) return sql`false`;
    if (!isInstitutionAccount(actor)) return undefined;
    const inst = await institutionOf(tx, actor);
    return inst ? eq(spotcheckApplications.institutionId, inst.id) : sql`false`;
  }

  return {
    /** An institution account applies for an open lot: 400 NOT_QUALIFIED (inactive, CMA scope, CMA validity), 409 APPLICATION_EXISTS (one per lot, a withdrawn one included). */
    async apply(ctx: Ctx, lotId: string, input: ApplicationInput) {
      if (!Number.isInteger(input.price) || input.price < 1) throw invalid('price', '报价应为正整数（元/批次）');
      if (!Number.isInteger(input.capacity) || input.capacity < 1) throw invalid('capacity', '可承担批次应为正整数');
      const note = input.note?.trim() || null;
      if (note && note.length > 1000) throw invalid('note', '说明不能超过 1000 个字');
      return inTransaction(db, async (tx) => {
        const inst = await myInstitution(tx, ctx.actor);
        const lot = await lotFor(tx, ctx.actor, lotId, true);
        await assertTakesApplications(tx, lot);
        const product = await productOf(tx, lot.productId);
        const problems: Reason[] = [];
        if (!inst.active) problems.push({ code: 'INACTIVE', text: '本机构已停用' });
        if (!inst.cmaScope.includes(product.code)) problems.push({ code: 'NOT_IN_CMA_SCOPE', text: `本机构 CMA 资质认定范围不含产品 ${product.code}（${product.name}）` });
        if (inst.cmaValidUntil < lot.dueOn) problems.push({ code: 'CMA_EXPIRES', text: `本机构 CMA 资质有效期至 ${inst.cmaValidUntil}，早于本批次完成期限 ${lot.dueOn}` });
        if (problems.length) throw new AppError('NOT_QUALIFIED', problems.map((p) => p.text).join('；'), 400, { reasons: problems });
        const [dup] = await tx.select({ id: spotcheckApplications.id, status: spotcheckApplications.status }).from(spotcheckApplications).where(and(eq(spotcheckApplications.lotId, lot.id), eq(spotcheckApplications.institutionId, inst.id)));
        if (dup) throw new AppError('APPLICATION_EXISTS', dup.status === 'withdrawn' ? '本机构已申请过该批次（已撤回），不能再次申请' : '本机构已申请该批次', 409, { applicationId: dup.id });
        const [row] = await tx.insert(spotcheckApplications).values({ lotId: lot.id, institutionId: inst.id, price: input.price, capacity: input.capacity, note, createdByName: ctx.actor.name }).returning();
        const after = await applicationView(tx, row!.id);
        await audit.record(tx, ctx, { action: 'spotcheck_application.submitted', targetType: 'spotcheck_application', targetId: row!.id, after });
        return after;
      });
    },

    /** The institution withdraws its submitted application while the lot takes applications. */
    async withdraw(ctx: Ctx, id: string, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const inst = await myInstitution(tx, ctx.actor);
        const [app] = await tx.select().from(spotcheckApplications).where(and(eq(spotcheckApplications.id, id), eq(spotcheckApplications.institutionId, inst.id))).for('update');
        if (!app) throw notFound('承检申请');
        assertVersion(expected, app.version);
        if (app.status !== 'submitted') throw new AppError('INVALID_STATUS', '只能撤回已提交、尚未确定结果的申请', 409);
        const [lot] = await tx.select().from(spotcheckLots).where(eq(spotcheckLots.id, app.lotId));
        await assertTakesApplications(tx, lot!);
        await tx.update(spotcheckApplications).set({ status: 'withdrawn', version: nextVersion(spotcheckApplications.version) }).where(eq(spotcheckApplications.id, id));
        const after = await applicationView(tx, id);
        await audit.record(tx, ctx, { action: 'spotcheck_application.withdrawn', targetType: 'spotcheck_application', targetId: id, before: { status: app.status }, after: { status: 'withdrawn' } });
        return after;
      });
    },

    /** A lot's applications: staff all, an institution account its own. */
    async listForLot(actor: Actor, lotId: string, page: Page) {
      const lot = await lotFor(db, actor, lotId);
      const where = and(eq(spotcheckApplications.lotId, lot.id), await applicationScope(db, actor));
      const [items, [count]] = await Promise.all([
        db
          .select(applicationColumns)
          .from(spotcheckApplications)
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
          .where(where)
          .orderBy(asc(spotcheckApplications.createdAt), asc(spotcheckApplications.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckApplications).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },

    /** Applications with their lots (an institution account: its own; staff: all), newest first. */
    async listApplications(actor: Actor, filter: { status?: ApplicationStatus }, page: Page) {
      const where = and(await applicationScope(db, actor), filter.status ? eq(spotcheckApplications.status, filter.status) : undefined);
      const [items, [count]] = await Promise.all([
        db
          .select({
            ...applicationColumns,
            lotNo: spotcheckLots.lotNo,
            lotStatus: spotcheckLots.status,
            year: spotcheckLots.year,
            quarter: spotcheckLots.quarter,
            batches: spotcheckLots.batches,
            dueOn: spotcheckLots.dueOn,
            productCode: spotcheckProducts.code,
            productName: spotcheckProducts.name,
          })
          .from(spotcheckApplications)
          .innerJoin(spotcheckInstitutions, eq(spotcheckInstitutions.id, spotcheckApplications.institutionId))
          .innerJoin(spotcheckLots, eq(spotcheckLots.id, spotcheckApplications.lotId))
          .innerJoin(spotcheckProducts, eq(spotcheckProducts.id, spotcheckLots.productId))
          .where(where)
          .orderBy(desc(spotcheckApplications.createdAt), asc(spotcheckApplications.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(spotcheckApplications).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },
  };
}
