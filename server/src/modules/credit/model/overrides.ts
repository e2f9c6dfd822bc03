import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { addDays, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { checkText, invalid, orThrow, requireDate } from '../../../platform/validation/fields.js';
import { CREDIT_CLASS_VALUES, type CreditClassValue, creditListings, creditOverrides } from '../credit.schema.js';
import type { CreditDeps, Ctx } from '../credit.deps.js';
import { rescoreIds } from './scoring.js';

/** The enterprise an override is about (found in the actor's scope by the caller). */
export interface ScopedEnterprise {
  id: string;
  uscc: string;
  regionCode: string;
}

/** The override in force on `today` (not ended, `until` today or later), if any. */
export async function overrideInForce(db: Db, enterpriseId: string, today = todayInChina()) {
  const [row] = await db
    .select({ id: creditOverrides.id, class: creditOverrides.class, reason: creditOverrides.reason, until: creditOverrides.until })
    .from(creditOverrides)
    .where(and(eq(creditOverrides.enterpriseId, enterpriseId), isNull(creditOverrides.endedAt), gte(creditOverrides.until, today)))
    .orderBy(desc(creditOverrides.createdAt), desc(creditOverrides.id))
    .limit(1);
  return row ?? null;
}

/** The listing with status `listed`, if any (the enterprise's class is then D). */
export async function listingOf(db: Db, enterpriseId: string) {
  const [row] = await db
    .select({ id: creditListings.id })
    .from(creditListings)
    .where(and(eq(creditListings.enterpriseId, enterpriseId), eq(creditListings.status, 'listed')))
    .orderBy(desc(creditListings.listedOn), desc(creditListings.id))
    .limit(1);
  return row ?? null;
}

/** Serialises the override writes of one enterprise until the transaction ends. */
const lockOverrides = (tx: Db, enterpriseId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit_override:' || ${enterpriseId}))`);

/** Officers' overrides of an enterprise's class (`credit.override`), audited; see README.md § Overrides. */
export function makeOverrides(deps: CreditDeps) {
  const { db, audit, rules } = deps;

  return {
    /**
     * Sets the class by hand with a reason until a date (after today, at most `overrideMaxDays`
     * ahead: 400 INVALID_DATE). 409 LISTED while the enterprise is listed (its class is D), 409
     * OVERRIDE_IN_FORCE while another override is in force. Rescored at once (cause `override`).
     */
    async set(ctx: Ctx, enterprise: ScopedEnterprise, input: { class: string; reason: string; until: string }) {
      if (!(CREDIT_CLASS_VALUES as readonly string[]).includes(input.class)) throw invalid('class', '信用等级应为 A、B、C 或 D');
      const reason = orThrow(checkText(input.reason, 'reason', '调整理由', { max: 500, required: true }))!;
      const until = requireDate(input.until, 'until', '截止日期');
      const today = todayInChina();
      const latest = addDays(today, rules.overrideMaxDays);
      if (until <= today || until > latest) throw invalid('until', `截止日期应在今天之后、不晚于 ${latest}（最长 ${rules.overrideMaxDays} 天）`, 'INVALID_DATE');
      return inTransaction(db, async (tx) => {
        await lockOverrides(tx, enterprise.id);
        if (await listingOf(tx, enterprise.id)) throw new AppError('LISTED', '该企业已列入严重违法失信名单，信用等级按 D 类，不能人工调整', 409);
        if (await overrideInForce(tx, enterprise.id, today)) throw new AppError('OVERRIDE_IN_FORCE', '该企业已有生效的人工调整，请先结束', 409);
        const [row] = await tx
          .insert(creditOverrides)
          .values({ enterpriseId: enterprise.id, uscc: enterprise.uscc, regionCode: enterprise.regionCode, class: input.class as CreditClassValue, reason, until, createdBy: ctx.actor.userId, createdByName: ctx.actor.name })
          .returning({ id: creditOverrides.id });
        await audit.record(tx, ctx, { action: 'credit_override.created', targetType: 'enterprise', targetId: enterprise.uscc, after: { id: row!.id, class: input.class, reason, until } });
        await rescoreIds(tx, [enterprise.id], 'override', today);
      });
    },

    /** Ends the override in force early with a reason (404 NO_OVERRIDE without one); rescored at once (cause `override_ended`). */
    async end(ctx: Ctx, enterprise: ScopedEnterprise, input: { reason: string }) {
      const reason = orThrow(checkText(input.reason, 'reason', '结束理由', { max: 500, required: true }))!;
      return inTransaction(db, async (tx) => {
        await lockOverrides(tx, enterprise.id);
        const current = await overrideInForce(tx, enterprise.id);
        if (!current) throw new AppError('NO_OVERRIDE', '该企业没有生效的人工调整', 404);
        await tx.update(creditOverrides).set({ endedAt: new Date(), endedByName: ctx.actor.name, endReason: reason }).where(eq(creditOverrides.id, current.id));
        await audit.record(tx, ctx, { action: 'credit_override.ended', targetType: 'enterprise', targetId: enterprise.uscc, before: current, after: { endReason: reason } });
        await rescoreIds(tx, [enterprise.id], 'override_ended');
      });
    },
  };
}
