import { and, asc, desc, eq, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { rateLimited } from '../../../platform/ratelimit/ratelimit.service.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc, usccProblem } from '../../enterprises/index.js';
import type { CreditPartDeps, Ctx } from '../credit.deps.js';
import { registeredEnterprise } from '../enterprise-of.js';
import { type CreditClassValue, type FeedbackAction, type RestrictionCode, creditFeedback, creditListings } from '../credit.schema.js';
import { restrictionList, restrictionsFor } from './restrictions.js';

/** The most USCCs one check may ask (larger batches: 400 BATCH_TOO_LARGE). */
export const CHECK_BATCH_MAX = 1000;
const MINUTE_MS = 60_000;

export interface FeedbackInput {
  uscc: string;
  restriction: RestrictionCode;
  action: FeedbackAction;
  matter: string;
  note?: string | null;
  actedOn: string;
}

interface CheckRow {
  class: CreditClassValue | null;
  found: boolean;
  listings: number;
  until: string | null;
}

/**
 * Whether the actor checks the whole city: holders of `credit.check` (departments' keys, and staff
 * given it) check any enterprise of the register, whatever their data scope (README.md § Scope).
 */
const checksCity = (actor: Actor) => actor.permissions.has('credit.check');

/**
 * Joint punishment (联合惩戒; README.md): departments' batch checks of class, list status and
 * restrictions, each call rate-limited per caller and audited; their report-back of what they did.
 */
export function makeCreditJoint(deps: CreditPartDeps) {
  const { db, audit, rateLimiter, rules } = deps;

  return {
    /** The restriction codes with their legal basis and meaning (for integrators). */
    restrictions() {
      const items = restrictionList();
      return { items, total: items.length };
    },

    /**
     * Checks up to 1,000 USCCs in one statement, answering each in the order asked (duplicates
     * each time): found, the effective class, listed (a listing in status `listed` in its period),
     * the restrictions in force. A code of the wrong format is answered `error: USCC_FORMAT` and not
     * looked up; one failing only the check digit is answered `error: USCC_CHECK_DIGIT` and still
     * looked up (the register holds such early codes on purpose). Rate-limited per caller
     * (`credit-check:<actor id>`), audited `credit.checked` in the read's transaction.
     */
    async check(ctx: Ctx, usccs: readonly string[]) {
      if (usccs.length === 0) throw invalid('usccs', '请至少提供一个统一社会信用代码');
      if (usccs.length > CHECK_BATCH_MAX) throw new AppError('BATCH_TOO_LARGE', `每次最多查询 ${CHECK_BATCH_MAX} 个统一社会信用代码，本次 ${usccs.length} 个`, 400, { field: 'usccs', max: CHECK_BATCH_MAX, count: usccs.length });
      const hit = await rateLimiter.hit(`credit-check:${ctx.actor.id}`, rules.checkRatePerMinute, MINUTE_MS);
      if (!hit.allowed) throw rateLimited(hit, `查询过于频繁，请 ${hit.retryAfterSeconds} 秒后再试`);
      const asked = usccs.map((raw) => {
        const uscc = normalizeUscc(raw);
        return { uscc, error: usccProblem(uscc)?.code ?? null };
      });
      const lookup = asked.map((a) => (a.error === 'USCC_FORMAT' ? null : a.uscc));
      const today = todayInChina();
      const scope = checksCity(ctx.actor) ? undefined : visibleTo(ctx.actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc });
      return inTransaction(db, async (tx) => {
        const { rows } = (await tx.execute(sql`
          select ${enterprises.id} is not null as "found", ${enterprises.creditClass} as "class", l.n as "listings", l.until as "until"
          from unnest(${param(lookup)}::text[]) with ordinality as q(uscc, ord)
          left join ${enterprises} on ${enterprises.uscc} = q.uscc ${scope ? sql`and ${scope}` : sql``}
          left join lateral (
            select count(*)::int as n, max(${creditListings.until})::text as until from ${creditListings}
            where ${creditListings.uscc} = ${enterprises.uscc} and ${creditListings.status} = 'listed'
              and ${creditListings.listedOn} <= ${today}::date and ${creditListings.until} >= ${today}::date
          ) l on true
          order by q.ord`)) as unknown as { rows: CheckRow[] };
        const items = asked.map((a, i) => {
          const row = rows[i]!;
          const listed = row.found && Number(row.listings) > 0;
          const cls = row.found ? row.class : null;
          return {
            uscc: a.uscc,
            ...(a.error ? { error: a.error } : {}),
            found: row.found,
            class: cls,
            listed,
            restrictions: row.found ? restrictionsFor({ listed, listedUntil: row.until, class: cls }) : [],
          };
        });
        await audit.record(tx, ctx, {
          action: 'credit.checked',
          targetType: 'org',
          targetId: ctx.actor.orgId,
          after: { count: items.length, usccs: asked.map((a) => a.uscc), found: items.filter((x) => x.found).length, listed: items.filter((x) => x.listed).length },
        });
        return { items };
      });
    },

    /**
     * A department's report of what it did about a restriction, upserted by (its org, USCC,
     * restriction, matter): `created` false when it replaced an earlier report. Audited
     * `credit.feedback_reported`.
     */
    async report(ctx: Ctx, input: FeedbackInput) {
      const matter = input.matter.trim();
      if (!matter) throw invalid('matter', '请填写事项编号或名称');
      const note = input.note?.trim() || null;
      if (!parseDate(input.actedOn)) throw invalid('actedOn', '日期不合法');
      if (input.actedOn > todayInChina()) throw invalid('actedOn', '处理日期不能晚于今天');
      return inTransaction(db, async (tx) => {
        const e = await registeredEnterprise(tx, input.uscc);
        const [org] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, ctx.actor.orgId));
        const key = and(eq(creditFeedback.orgId, ctx.actor.orgId), eq(creditFeedback.uscc, e.uscc), eq(creditFeedback.restriction, input.restriction), eq(creditFeedback.matter, matter));
        const [before] = await tx.select().from(creditFeedback).where(key).for('update');
        const values = { action: input.action, note, actedOn: input.actedOn, orgName: org?.name ?? ctx.actor.name };
        const [row] = await tx
          .insert(creditFeedback)
          .values({ ...values, orgId: ctx.actor.orgId, enterpriseId: e.id, uscc: e.uscc, regionCode: e.regionCode, restriction: input.restriction, matter })
          .onConflictDoUpdate({ target: [creditFeedback.orgId, creditFeedback.uscc, creditFeedback.restriction, creditFeedback.matter], set: values })
          .returning({ id: creditFeedback.id, created: sql<boolean>`(xmax = 0)` });
        const feedback = (await selectFeedback(tx).where(eq(creditFeedback.id, row!.id)))[0]!;
        await audit.record(tx, ctx, {
          action: 'credit.feedback_reported',
          targetType: 'enterprise',
          targetId: e.id,
          before: before ? { restriction: before.restriction, matter: before.matter, action: before.action, note: before.note, actedOn: before.actedOn } : null,
          after: { orgId: ctx.actor.orgId, restriction: input.restriction, matter, action: input.action, note, actedOn: input.actedOn },
        });
        return { created: row!.created, feedback };
      });
    },

    /** Departments' reports in the actor's scope (by the enterprise's region), newest first. */
    async listFeedback(actor: Actor, filter: { uscc?: string }, page: Page) {
      const where = and(visibleTo(actor, { regionCode: creditFeedback.regionCode, uscc: creditFeedback.uscc }), filter.uscc ? eq(creditFeedback.uscc, normalizeUscc(filter.uscc)) : undefined);
      const [items, [count]] = await Promise.all([
        selectFeedback(db).where(where).orderBy(desc(creditFeedback.createdAt), asc(creditFeedback.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(creditFeedback).where(where),
      ]);
      return { items, total: count?.n ?? 0 };
    },
  };
}

const selectFeedback = (tx: Db) =>
  tx
    .select({
      id: creditFeedback.id,
      orgId: creditFeedback.orgId,
      orgName: creditFeedback.orgName,
      uscc: creditFeedback.uscc,
      enterpriseName: enterprises.name,
      restriction: creditFeedback.restriction,
      action: creditFeedback.action,
      matter: creditFeedback.matter,
      note: creditFeedback.note,
      actedOn: creditFeedback.actedOn,
      createdAt: creditFeedback.createdAt,
    })
    .from(creditFeedback)
    .innerJoin(enterprises, eq(enterprises.id, creditFeedback.enterpriseId))
    .$dynamic();

export type CreditJoint = ReturnType<typeof makeCreditJoint>;
