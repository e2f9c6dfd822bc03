import { sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/sql.js';
import type { Db } from '../../../db/client.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { ComplaintCounts } from '../equipment.deps.js';
import { type TierFacts, type TierModelConfig, checkTierModelConfig, cutoffsOf, scoreOf } from './tier-model.js';
import type { Tier, TierReason } from './tiers.schema.js';

/** Most records named behind one reason (the counts are exact; the list is a sample, oldest ids first). */
export const REASON_RECORDS_MAX = 20;
/** Rows written per statement when all user units are recomputed. */
const BATCH = 2000;
/** User units per transaction when all are recomputed. */
const CHUNK = 10_000;

/** The model version in effect on `today`: the latest `effectiveFrom` on or before it (then the highest version). */
export async function modelInEffect(tx: Db, today: string): Promise<{ version: number; effectiveFrom: string; config: TierModelConfig } | null> {
  const { rows } = (await tx.execute(
    sql`select version, effective_from::text as "effectiveFrom", config from equipment_tier_models where effective_from <= ${today} order by effective_from desc, version desc limit 1`,
  )) as unknown as { rows: { version: number; effectiveFrom: string; config: unknown }[] };
  const row = rows[0];
  return row ? { version: row.version, effectiveFrom: row.effectiveFrom, config: checkTierModelConfig(row.config) } : null;
}

interface FactsRow extends TierFacts {
  userUscc: string;
  regionCode: string;
}

/**
 * The facts of every user unit (an enterprise with units in use or suspended), or of one, in one
 * set-based statement: per-user aggregates of units, hazards and accidents joined by USCC.
 * The region of a user unit is its enterprise's (of the register), else its units' lowest code.
 */
async function factsOf(tx: Db, config: TierModelConfig, today: string, which: { uscc: string } | { after: string | null; limit: number }): Promise<FactsRow[]> {
  const { agedOn, accidentsFrom, selfFrom } = cutoffsOf(config, today);
  // One user, or the next `limit` users by USCC (hazards and accidents only of the users of the chunk).
  const users = 'uscc' in which ? sql` and user_uscc = ${which.uscc}` : which.after === null ? sql`` : sql` and user_uscc > ${which.after}`;
  const chunk = 'uscc' in which ? sql`` : sql` order by user_uscc limit ${which.limit}`;
  const ofChunk = 'uscc' in which ? sql` and user_uscc = ${which.uscc}` : sql` and user_uscc in (select user_uscc from u)`;
  const n = REASON_RECORDS_MAX;
  const { rows } = (await tx.execute(sql`
    with u as (
      select user_uscc,
        count(*) filter (where status = 'in_use')::int as in_use,
        coalesce(array_agg(distinct category) filter (where status = 'in_use'), '{}')::text[] as categories,
        count(*) filter (where status = 'in_use' and put_into_service_on <= ${agedOn})::int as aged,
        coalesce((array_agg(id::text order by id) filter (where status = 'in_use' and put_into_service_on <= ${agedOn}))[1:${sql.raw(String(n))}], '{}') as aged_ids,
        count(*) filter (where status = 'in_use' and next_inspection_due < ${today})::int as overdue,
        coalesce((array_agg(id::text order by id) filter (where status = 'in_use' and next_inspection_due < ${today}))[1:${sql.raw(String(n))}], '{}') as overdue_ids,
        count(*) filter (where status = 'in_use' and last_conclusion = 'fail')::int as failed,
        coalesce((array_agg(id::text order by id) filter (where status = 'in_use' and last_conclusion = 'fail'))[1:${sql.raw(String(n))}], '{}') as failed_ids,
        min(region_code) as unit_region
      from equipment_units
      where status in ('in_use', 'suspended')${users}
      group by user_uscc${chunk}
    ), h as (
      select user_uscc,
        count(*) filter (where corrected_on is null and level = 'general')::int as open_general,
        count(*) filter (where corrected_on is null and level = 'major')::int as open_major,
        coalesce((array_agg(id::text order by found_on, id) filter (where corrected_on is null))[1:${sql.raw(String(n))}], '{}') as open_ids,
        count(*) filter (where source = 'self_inspection' and found_on >= ${selfFrom} and correction_due_on < ${today})::int as self_due,
        count(*) filter (where source = 'self_inspection' and found_on >= ${selfFrom} and correction_due_on < ${today} and corrected_on <= correction_due_on)::int as self_on_time
      from equipment_hazards
      where (corrected_on is null or (source = 'self_inspection' and found_on >= ${selfFrom}))${ofChunk}
      group by user_uscc
    ), a as (
      select user_uscc, count(*)::int as accidents, coalesce(sum(casualties), 0)::int as casualties,
        (array_agg(id::text order by occurred_on desc, id))[1:${sql.raw(String(n))}] as accident_ids
      from equipment_accidents
      where occurred_on >= ${accidentsFrom} and occurred_on <= ${today}${ofChunk}
      group by user_uscc
    )
    select u.user_uscc as "userUscc", coalesce(e.region_code, u.unit_region) as "regionCode",
      u.in_use as "inUse", u.categories, u.aged, u.aged_ids as "agedIds", u.overdue, u.overdue_ids as "overdueIds",
      u.failed, u.failed_ids as "failedIds",
      coalesce(h.open_general, 0) as "openGeneral", coalesce(h.open_major, 0) as "openMajor", coalesce(h.open_ids, '{}') as "openIds",
      coalesce(a.accidents, 0) as accidents, coalesce(a.casualties, 0) as casualties, coalesce(a.accident_ids, '{}') as "accidentIds",
      coalesce(h.self_due, 0) as "selfDue", coalesce(h.self_on_time, 0) as "selfOnTime"
    from u
      left join h on h.user_uscc = u.user_uscc
      left join a on a.user_uscc = u.user_uscc
      left join enterprises e on e.uscc = u.user_uscc
    order by u.user_uscc
  `)) as unknown as { rows: FactsRow[] };
  return rows;
}

export interface ComputedTier {
  userUscc: string;
  regionCode: string;
  tier: Tier;
  score: number;
  modelVersion: number;
  reasons: TierReason[];
}

async function store(tx: Db, tiers: ComputedTier[]) {
  for (let i = 0; i < tiers.length; i += BATCH) {
    const batch = tiers.slice(i, i + BATCH).map((t) => ({ user_uscc: t.userUscc, region_code: t.regionCode, tier: t.tier, score: t.score, model_version: t.modelVersion, reasons: t.reasons }));
    await tx.execute(sql`
      insert into equipment_user_tiers (user_uscc, region_code, tier, score, model_version, reasons, computed_at)
      select x.user_uscc, x.region_code, x.tier, x.score, x.model_version, x.reasons, now()
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(user_uscc text, region_code text, tier text, score numeric, model_version int, reasons jsonb)
      on conflict (user_uscc) do update set region_code = excluded.region_code, tier = excluded.tier, score = excluded.score,
        model_version = excluded.model_version, reasons = excluded.reasons, computed_at = excluded.computed_at`);
  }
}

/** Where facts from other modules come from (EquipmentDeps carries them; pass the deps). */
export interface TierSources {
  /** Substantiated complaints per USCC (the complaints module's read, wired in app.ts); absent: the factor is 0, "not connected". */
  complaintCounts?: ComplaintCounts;
}

/** Scores the users of `rows`, with their substantiated complaints of the last 12 months when a source is connected. */
async function computeAll(tx: Db, rows: FactsRow[], model: { version: number; config: TierModelConfig }, today: string, sources: TierSources): Promise<ComputedTier[]> {
  const counts = sources.complaintCounts && rows.length ? await sources.complaintCounts(tx, rows.map((r) => r.userUscc), cutoffsOf(model.config, today).complaintsFrom) : null;
  return rows.map(({ userUscc, regionCode, ...facts }) => ({
    userUscc,
    regionCode,
    modelVersion: model.version,
    ...scoreOf(model.config, { ...facts, complaints: sources.complaintCounts ? (counts?.get(userUscc) ?? 0) : null }),
  }));
}

/**
 * Recomputes the tier of one user unit with the model in effect on `opts.today` (default today,
 * China) and stores it; a user without units in use or suspended loses its tier. Call it in the
 * transaction that changed a hazard, accident or inspection of that user, passing the module's
 * deps as `opts` (they carry the complaint counts). Returns the tier, or null (no units, or no
 * model in effect).
 */
export async function recomputeTier(tx: Db, uscc: string, opts: TierSources & { today?: string } = {}): Promise<ComputedTier | null> {
  const today = opts.today ?? todayInChina();
  const model = await modelInEffect(tx, today);
  if (!model) return null;
  const [computed] = await computeAll(tx, await factsOf(tx, model.config, today, { uscc }), model, today, opts);
  if (!computed) {
    await tx.execute(sql`delete from equipment_user_tiers where user_uscc = ${uscc}`);
    return null;
  }
  await store(tx, [computed]);
  return computed;
}

/**
 * Recomputes every user unit's tier (the nightly job) with the model in effect on `today`: users
 * taken in chunks of 10,000 by USCC, each chunk's facts in one set-based statement, scored in
 * memory and upserted in batches, in a transaction of its own (memory stays bounded and no
 * transaction lasts the whole run); then the tiers of users without units are removed.
 */
export async function recomputeAllTiers(db: Db, today = todayInChina(), chunkSize = CHUNK, sources: TierSources = {}): Promise<{ computed: number; removed: number; modelVersion: number | null; byTier: Record<Tier, number> }> {
  const byTier: Record<Tier, number> = { A: 0, B: 0, C: 0, D: 0 };
  const model = await modelInEffect(db, today);
  if (!model) return { computed: 0, removed: 0, modelVersion: null, byTier };
  let after: string | null = null;
  let computed = 0;
  for (;;) {
    const from: string | null = after;
    const tiers = await inTransaction(db, async (tx) => {
      const t = await computeAll(tx, await factsOf(tx, model.config, today, { after: from, limit: chunkSize }), model, today, sources);
      await store(tx, t);
      return t;
    });
    for (const t of tiers) byTier[t.tier] += 1;
    computed += tiers.length;
    if (tiers.length < chunkSize) break;
    after = tiers[tiers.length - 1]!.userUscc;
  }
  const { rows } = (await db.execute(sql`
    with gone as (
      delete from equipment_user_tiers t
      where not exists (select 1 from equipment_units u where u.user_uscc = t.user_uscc and u.status in ('in_use', 'suspended'))
      returning 1
    ) select count(*)::int as n from gone`)) as unknown as { rows: { n: number }[] };
  return { computed, removed: rows[0]?.n ?? 0, modelVersion: model.version, byTier };
}
