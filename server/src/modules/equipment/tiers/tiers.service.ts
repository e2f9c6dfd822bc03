import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { regionPrefix, visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { checkText, invalid, orThrow, requireDate } from '../../../platform/validation/fields.js';
import { normalizeUscc } from '../../enterprises/index.js';
import type { EquipmentDeps } from '../equipment.deps.js';
import { equipmentUnits } from '../registry/registry.schema.js';
import { modelInEffect, recomputeAllTiers, recomputeTier } from './tier-compute.js';
import { type TierModelConfig, checkTierModelConfig } from './tier-model.js';
import { equipmentTierModels, equipmentUserTiers } from './tiers.schema.js';

const modelColumns = {
  version: equipmentTierModels.version,
  effectiveFrom: equipmentTierModels.effectiveFrom,
  config: sql<TierModelConfig>`${equipmentTierModels.config}`,
  note: equipmentTierModels.note,
  createdByName: equipmentTierModels.createdByName,
  createdAt: equipmentTierModels.createdAt,
};

const tierColumns = {
  userUscc: equipmentUserTiers.userUscc,
  regionCode: equipmentUserTiers.regionCode,
  tier: equipmentUserTiers.tier,
  score: equipmentUserTiers.score,
  modelVersion: equipmentUserTiers.modelVersion,
  reasons: equipmentUserTiers.reasons,
  computedAt: equipmentUserTiers.computedAt,
};

/**
 * The tier model of user units (分级分类监管) and the tiers it computes: versions of the model
 * (configuration as data, each applying from its `effectiveFrom`), a user unit's tier with its
 * reasons, recomputation of one or all.
 */
export function makeTiersService(deps: EquipmentDeps) {
  const { db, audit } = deps;

  /** 404 unless the user unit has units visible to the actor (an enterprise account: its own; officers: a unit in their scope). */
  async function assertUserVisible(actor: Actor, uscc: string) {
    const [unit] = await db
      .select({ id: equipmentUnits.id })
      .from(equipmentUnits)
      .where(and(eq(equipmentUnits.userUscc, uscc), visibleTo(actor, { regionCode: equipmentUnits.regionCode, uscc: equipmentUnits.userUscc })))
      .limit(1);
    if (!unit) throw notFound('使用单位');
  }

  const present = (row: { tier: string; score: number; modelVersion: number; reasons: { factor: string; points: number; detail: string; records?: unknown }[]; userUscc: string; computedAt: Date }) => ({
    userUscc: row.userUscc,
    tier: row.tier as 'A' | 'B' | 'C' | 'D',
    score: Number(row.score),
    modelVersion: row.modelVersion,
    reasons: row.reasons.map((r) => ({ factor: r.factor, points: r.points, detail: r.detail, records: (r.records as { type: string; id: string }[] | undefined) ?? [] })),
    computedAt: row.computedAt,
  });

  return {
    /** Every model version, newest first, and the version in effect today. */
    async models() {
      const items = await db.select(modelColumns).from(equipmentTierModels).orderBy(desc(equipmentTierModels.version));
      const current = await modelInEffect(db, todayInChina());
      return { items, total: items.length, currentVersion: current?.version ?? null };
    },

    /**
     * Adds a model version (`equipment.configure`): the configuration checked (400 naming the
     * field), `effectiveFrom` not before today (400 INVALID_DATE: scores already computed keep
     * their version). Numbered one past the highest. Audited `equipment_tier_model.created`.
     */
    async addModel(ctx: RequestContext & { actor: Actor }, input: { effectiveFrom: string; config: unknown; note?: string | null }) {
      const effectiveFrom = requireDate(input.effectiveFrom, 'effectiveFrom', '生效日期');
      if (effectiveFrom < todayInChina()) throw invalid('effectiveFrom', '生效日期不能早于今天（已算出的分级保留其模型版本）', 'INVALID_DATE');
      const config = checkTierModelConfig(input.config);
      const note = orThrow(checkText(input.note ?? null, 'note', '说明', { max: 500, required: false }));
      return inTransaction(db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('equipment_tier_models.version'))`);
        const [{ max } = { max: 0 }] = (await tx.select({ max: sql<number>`coalesce(max(${equipmentTierModels.version}), 0)::int` }).from(equipmentTierModels)) as { max: number }[];
        const version = max + 1;
        await tx.insert(equipmentTierModels).values({ version, effectiveFrom, config: config as unknown as Record<string, unknown>, note, createdByName: ctx.actor.name });
        await audit.record(tx, ctx, { action: 'equipment_tier_model.created', targetType: 'equipment_tier_model', targetId: String(version), after: { version, effectiveFrom, config, note } });
        const [row] = await tx.select(modelColumns).from(equipmentTierModels).where(eq(equipmentTierModels.version, version));
        return row!;
      });
    },

    /**
     * A user unit's tier with its reasons (officers: a unit of it in their scope; an enterprise
     * account: its own; 404 otherwise). Computed now when it has none yet.
     */
    async tierOf(actor: Actor, usccInput: string) {
      const uscc = normalizeUscc(usccInput);
      await assertUserVisible(actor, uscc);
      const [row] = await db.select(tierColumns).from(equipmentUserTiers).where(eq(equipmentUserTiers.userUscc, uscc));
      if (row) return present(row);
      const computed = await inTransaction(db, (tx) => recomputeTier(tx, uscc, deps));
      if (!computed) throw new AppError('NO_TIER', '该使用单位没有在用设备或尚无分级模型', 404);
      const [fresh] = await db.select(tierColumns).from(equipmentUserTiers).where(eq(equipmentUserTiers.userUscc, uscc));
      return present(fresh!);
    },

    /** Recomputes a user unit's tier now (`equipment.write`, in scope); audited `equipment_user_tier.recomputed`. */
    async recompute(ctx: RequestContext & { actor: Actor }, usccInput: string) {
      const uscc = normalizeUscc(usccInput);
      await assertUserVisible(ctx.actor, uscc);
      const computed = await inTransaction(db, async (tx) => {
        const t = await recomputeTier(tx, uscc, deps);
        if (t) await audit.record(tx, ctx, { action: 'equipment_user_tier.recomputed', targetType: 'equipment_user', targetId: uscc, after: { tier: t.tier, score: t.score, modelVersion: t.modelVersion } });
        return t;
      });
      if (!computed) throw new AppError('NO_TIER', '该使用单位没有在用设备或尚无分级模型', 404);
      return this.tierOf(ctx.actor, uscc);
    },

    /** The nightly job: every user unit's tier with the model in effect on `today` (China). */
    async recomputeAll(today = todayInChina()) {
      return recomputeAllTiers(db, today, undefined, deps);
    },

    /** Tiers of user units in the actor's scope, for lists and pools (stable order by USCC). */
    async list(actor: Actor, filter: { tier?: 'A' | 'B' | 'C' | 'D'; regionCode?: string }, page: { page: number; pageSize: number }) {
      const where = and(
        visibleTo(actor, { regionCode: equipmentUserTiers.regionCode, uscc: equipmentUserTiers.userUscc }),
        filter.tier ? eq(equipmentUserTiers.tier, filter.tier) : undefined,
        filter.regionCode ? like(equipmentUserTiers.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
      );
      const [items, [count]] = await Promise.all([
        db.select(tierColumns).from(equipmentUserTiers).where(where).orderBy(asc(equipmentUserTiers.userUscc)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(equipmentUserTiers).where(where),
      ]);
      return { items: items.map(present), total: count?.n ?? 0 };
    },
  };
}

export type TiersService = ReturnType<typeof makeTiersService>;
