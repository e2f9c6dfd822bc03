import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, invalid, orThrow, requireDate } from '../../../platform/validation/fields.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { type ClassChangeCause, type CreditClassValue, type CreditReason, creditClassHistory, creditModels, creditRuns, creditScores } from '../credit.schema.js';
import type { CreditDeps, Ctx } from '../credit.deps.js';
import { type CreditModelConfig, checkCreditModelConfig } from './model-config.js';
import { type ScopedEnterprise, listingOf, makeOverrides, overrideInForce } from './overrides.js';
import { ITEMS_PER_FACTOR } from './score-sql.js';
import { modelInEffect, rescoreAll, rescoreEvents, rescoreIds } from './scoring.js';

const modelColumns = {
  version: creditModels.version,
  effectiveFrom: creditModels.effectiveFrom,
  config: sql<CreditModelConfig>`${creditModels.config}`,
  note: creditModels.note,
  createdByName: creditModels.createdByName,
  createdAt: creditModels.createdAt,
};

/** One line of `GET /api/credit/:uscc`'s reasons (the Contract). */
export interface ReasonLine {
  factor: string;
  points: number;
  detail: string;
  ref: { type: string; id: string } | null;
}

/** The stored reasons as the Contract's lines: one per record behind a factor, the rest of a factor summed (README.md § Reading a score). */
export function reasonLines(reasons: CreditReason[]): ReasonLine[] {
  return reasons.flatMap((r) => [
    ...r.items.map((i) => ({ factor: r.factor, points: Number(i.points), detail: i.detail, ref: { type: i.type, id: i.id } })),
    ...(r.rest === null ? [] : [{ factor: r.factor, points: Number(r.rest), detail: `另有${r.count - ITEMS_PER_FACTOR}条记录`, ref: null }]),
  ]);
}

/** The credit model: versions, scoring, scores, overrides, class history (see README.md). */
export function makeCreditModel(deps: CreditDeps) {
  const { db, audit } = deps;
  const overrides = makeOverrides(deps);

  /** The enterprise in the actor's data scope (by its region), else 404. */
  async function findEnterprise(actor: Actor, uscc: string): Promise<ScopedEnterprise> {
    const [row] = await db
      .select({ id: enterprises.id, uscc: enterprises.uscc, regionCode: enterprises.regionCode })
      .from(enterprises)
      .where(and(eq(enterprises.uscc, normalizeUscc(uscc)), visibleTo(actor, { regionCode: enterprises.regionCode })));
    if (!row) throw notFound('企业');
    return row;
  }

  async function scoreRow(tx: Db, enterpriseId: string) {
    const [row] = await tx.select().from(creditScores).where(eq(creditScores.enterpriseId, enterpriseId));
    return row ?? null;
  }

  /** The Contract's answer: the effective class (listed → D; an override in force; else computed), score, reasons. */
  async function present(enterprise: ScopedEnterprise) {
    let row = await scoreRow(db, enterprise.id);
    if (!row) {
      // Never scored (registered since the last run): scored now.
      await inTransaction(db, (tx) => rescoreIds(tx, [enterprise.id], 'score'));
      row = await scoreRow(db, enterprise.id);
      if (!row) throw notFound('信用评价模型');
    }
    const [override, listing, [lastRun]] = await Promise.all([
      overrideInForce(db, enterprise.id),
      listingOf(db, enterprise.id),
      db.select({ finishedAt: creditRuns.finishedAt }).from(creditRuns).where(and(eq(creditRuns.kind, 'all'), sql`${creditRuns.finishedAt} is not null`)).orderBy(desc(creditRuns.finishedAt)).limit(1),
    ]);
    const cls: CreditClassValue = listing ? 'D' : (override?.class ?? row.computedClass);
    const computedAt = lastRun?.finishedAt && lastRun.finishedAt > row.computedAt ? lastRun.finishedAt : row.computedAt;
    const reasons = reasonLines(row.reasons);
    if (listing) reasons.push({ factor: 'listed', points: 0, detail: '列入严重违法失信名单，等级按D类', ref: { type: 'credit_listing', id: listing.id } });
    if (override) reasons.push({ factor: 'override', points: 0, detail: `人工调整为${override.class}类（至${override.until}）：${override.reason}`, ref: null });
    return {
      uscc: enterprise.uscc,
      class: cls,
      score: Number(row.score),
      modelVersion: row.modelVersion,
      computedAt,
      override: override ? { class: override.class, reason: override.reason, until: override.until } : null,
      reasons,
      listed: listing !== null,
    };
  }

  return {
    /** Every model version, newest first (paged), and the version in effect today. */
    async models(page: Page) {
      const [items, [count], current] = await Promise.all([
        db.select(modelColumns).from(creditModels).orderBy(desc(creditModels.version)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(creditModels),
        modelInEffect(db, todayInChina()),
      ]);
      return { items, total: count?.n ?? 0, currentVersion: current?.version ?? null };
    },

    /**
     * Adds a model version (`credit.configure`): the configuration checked strictly (400 naming
     * `config.<path>`), `effectiveFrom` not before today (400 INVALID_DATE: scores already computed
     * keep their version). Numbered one past the highest; audited `credit_model.created`.
     */
    async addModel(ctx: Ctx, input: { effectiveFrom: string; config: unknown; note?: string | null }) {
      const effectiveFrom = requireDate(input.effectiveFrom, 'effectiveFrom', '生效日期');
      if (effectiveFrom < todayInChina()) throw invalid('effectiveFrom', '生效日期不能早于今天（已算出的评分保留其模型版本）', 'INVALID_DATE');
      const config = checkCreditModelConfig(input.config);
      const note = orThrow(checkText(input.note ?? null, 'note', '说明', { max: 1000, required: false }));
      return inTransaction(db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit_models.version'))`);
        const [{ max } = { max: 0 }] = await tx.select({ max: sql<number>`coalesce(max(${creditModels.version}), 0)::int` }).from(creditModels);
        const version = max + 1;
        await tx.insert(creditModels).values({ version, effectiveFrom, config: config as unknown as Record<string, unknown>, note, createdBy: ctx.actor.userId, createdByName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'credit_model.created', targetType: 'credit_model', targetId: String(version), after: { version, effectiveFrom, config, note } });
        const [row] = await tx.select(modelColumns).from(creditModels).where(eq(creditModels.version, version));
        return row!;
      });
    },

    /** `GET /api/credit/:uscc`: in the actor's data scope (404 outside); scored now when never scored. */
    async creditOf(actor: Actor, uscc: string) {
      return present(await findEnterprise(actor, uscc));
    },

    /** The enterprise's class changes, newest first (paged). */
    async history(actor: Actor, uscc: string, page: Page) {
      const e = await findEnterprise(actor, uscc);
      const where = eq(creditClassHistory.enterpriseId, e.id);
      const [items, [count]] = await Promise.all([
        db
          .select({ id: creditClassHistory.id, fromClass: creditClassHistory.fromClass, toClass: creditClassHistory.toClass, score: creditClassHistory.score, modelVersion: creditClassHistory.modelVersion, cause: creditClassHistory.cause, at: creditClassHistory.at })
          .from(creditClassHistory)
          .where(where)
          .orderBy(desc(creditClassHistory.at), desc(creditClassHistory.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(creditClassHistory).where(where),
      ]);
      return { items: items.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) })), total: count?.n ?? 0 };
    },

    /** Recomputes one enterprise now with the model in effect today (audited `credit_score.recomputed`). */
    async recompute(ctx: Ctx, uscc: string) {
      const e = await findEnterprise(ctx.actor, uscc);
      await inTransaction(db, async (tx) => {
        const counts = await rescoreIds(tx, [e.id], 'score');
        await audit.record(tx, ctx, { action: 'credit_score.recomputed', targetType: 'enterprise', targetId: e.uscc, after: counts });
      });
      return present(e);
    },

    /** Overrides the class (`credit.override`; see overrides.ts), answering the new state. */
    async setOverride(ctx: Ctx, uscc: string, input: { class: string; reason: string; until: string }) {
      const e = await findEnterprise(ctx.actor, uscc);
      await overrides.set(ctx, e, input);
      return present(e);
    },

    /** Ends the override in force early, answering the new state. */
    async endOverride(ctx: Ctx, uscc: string, input: { reason: string }) {
      const e = await findEnterprise(ctx.actor, uscc);
      await overrides.end(ctx, e, input);
      return present(e);
    },

    /**
     * Recomputes the score and the effective class (override, listing) of these enterprises in the
     * caller's transaction: writes their scores, class history and `enterprises.credit_class`.
     */
    async rescore(tx: Db, enterpriseIds: string[], cause: ClassChangeCause): Promise<void> {
      await rescoreIds(tx, enterpriseIds, cause);
    },

    /** The nightly job (`credit.rescore-all`): every enterprise, in chunks; recorded in `credit_runs`. */
    rescoreAll: (today?: string) => rescoreAll(db, today),

    /** The minute job (`credit.rescore-events`): expired overrides and enterprises with new events. */
    rescoreEvents: (today?: string) => rescoreEvents(db, today),
  };
}

export type CreditModel = ReturnType<typeof makeCreditModel>;
