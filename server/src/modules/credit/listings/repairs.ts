import { and, desc, eq } from 'drizzle-orm';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, orThrow, requireText } from '../../../platform/validation/fields.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { type RepairStatus, creditRepairs } from '../credit.schema.js';
import { repairConditions } from './repair-conditions.js';
import { invalidTransition, recordStep } from './steps.js';
import { listingIn, repairIn, repairScope } from './views.js';

const TEXT_MAX = 2000;

/**
 * Credit repair (信用修复, README § Credit repair): the enterprise applies for the early removal of
 * its listing; the conditions are checked and stored; a decision grants (conditions re-checked,
 * all met, else 409 REPAIR_CONDITIONS_NOT_MET; the listing removed `repaired`) or refuses with a
 * reason.
 */
export function makeCreditRepairs(deps: CreditPartDeps) {
  const { db, audit, model, rules } = deps;

  return {
    /**
     * The enterprise's application (its account, its own listed listing: 404 otherwise; 409
     * NOT_LISTED unless listed): one pending at a time (409 REPAIR_PENDING). Accepted whatever the
     * conditions; they are stored as found and shown.
     */
    async apply(ctx: Ctx, listingId: string, input: { statement: string; commitment: string }, today = todayInChina()) {
      if (!ctx.actor.enterpriseUscc) throw forbidden('仅企业账号可用');
      const statement = requireText(input.statement, 'statement', '修复申请说明', TEXT_MAX);
      const commitment = orThrow(checkText(input.commitment, 'commitment', '信用承诺', { max: TEXT_MAX, required: false })) ?? '';
      return inTransaction(db, async (tx) => {
        const listing = await listingIn(tx, ctx.actor, listingId, true);
        if (listing.status === 'proposed') throw notFound('失信名单记录');
        if (listing.status !== 'listed') throw new AppError('NOT_LISTED', '只有在列入期内的记录可以申请信用修复', 409, { status: listing.status });
        const [pending] = await tx.select({ id: creditRepairs.id }).from(creditRepairs).where(and(eq(creditRepairs.listingId, listingId), eq(creditRepairs.status, 'pending')));
        if (pending) throw new AppError('REPAIR_PENDING', '已有待处理的信用修复申请', 409, { repairId: pending.id });
        const conditions = await repairConditions(tx, listing, commitment, rules, today);
        const [row] = await tx
          .insert(creditRepairs)
          .values({ listingId, enterpriseId: listing.enterpriseId, uscc: listing.uscc, regionCode: listing.regionCode, statement, commitment, appliedByName: ctx.actor.name, conditions })
          .returning();
        await recordStep(tx, audit, ctx, listing, { action: 'repair_applied', note: statement });
        await audit.record(tx, ctx, { action: 'credit_repair.applied', targetType: 'credit_repair', targetId: row!.id, after: { listingNo: listing.listingNo, uscc: listing.uscc, statement, commitment, conditions } });
        return row!;
      });
    },

    /** Applications in the actor's scope, newest first (then id). */
    async list(actor: Actor, filter: { status?: RepairStatus }, page: Page) {
      const where = and(repairScope(actor), filter.status ? eq(creditRepairs.status, filter.status) : undefined);
      const items = await db.select().from(creditRepairs).where(where).orderBy(desc(creditRepairs.appliedAt), desc(creditRepairs.id)).limit(page.pageSize).offset(offsetOf(page));
      const [count] = await db.select({ n: countAll }).from(creditRepairs).where(where);
      return { items, total: count?.n ?? 0 };
    },

    get: (actor: Actor, id: string) => inTransaction(db, (tx) => repairIn(tx, actor, id)),

    /**
     * Grants or refuses a pending application (credit.decide; else 409 REPAIR_DECIDED). Granting
     * re-checks the conditions today: any unmet → 409 REPAIR_CONDITIONS_NOT_MET (details.unmet),
     * nothing changed; all met → granted, the listing removed (`repaired`, today) and the
     * enterprise rescored. Refusing needs a reason.
     */
    async decide(ctx: Ctx, id: string, input: { grant: boolean; reason?: string | null }, expected?: ExpectedVersion, today = todayInChina()) {
      const reason = input.grant ? orThrow(checkText(input.reason, 'reason', '决定理由', { max: TEXT_MAX, required: false })) : requireText(input.reason, 'reason', '不予修复的理由', TEXT_MAX);
      return inTransaction(db, async (tx) => {
        const repair = await repairIn(tx, ctx.actor, id, true);
        assertVersion(expected, repair.version);
        if (repair.status !== 'pending') throw new AppError('REPAIR_DECIDED', '该信用修复申请已处理', 409, { status: repair.status });
        const listing = await listingIn(tx, ctx.actor, repair.listingId, true);
        let conditions = repair.conditions;
        if (input.grant) {
          if (listing.status !== 'listed') throw invalidTransition(listing, 'repair', '该记录已不在列入期内');
          conditions = await repairConditions(tx, listing, repair.commitment, rules, today);
          const unmet = conditions.filter((c) => !c.met);
          if (unmet.length) throw new AppError('REPAIR_CONDITIONS_NOT_MET', `不符合信用修复条件：${unmet.map((c) => c.detail).join('；')}`, 409, { unmet });
        }
        const set = { status: (input.grant ? 'granted' : 'refused') as RepairStatus, decidedByName: ctx.actor.name, decidedAt: new Date(), decisionReason: reason, conditions };
        const [row] = await tx
          .update(creditRepairs)
          .set({ ...set, version: nextVersion(creditRepairs.version) })
          .where(eq(creditRepairs.id, id))
          .returning();
        await audit.record(tx, ctx, { action: input.grant ? 'credit_repair.granted' : 'credit_repair.refused', targetType: 'credit_repair', targetId: id, before: { status: repair.status }, after: set });
        if (input.grant) {
          await recordStep(tx, audit, ctx, listing, { action: 'repaired', to: 'removed', set: { removedOn: today, removalKind: 'repaired', removalReason: reason ?? '信用修复' }, note: reason });
          await model.rescore(tx, [listing.enterpriseId], 'unlisted');
        } else {
          await recordStep(tx, audit, ctx, listing, { action: 'repair_refused', note: reason });
        }
        return row!;
      });
    },
  };
}

export type CreditRepairs = ReturnType<typeof makeCreditRepairs>;
