import { type SQL, and, asc, desc, eq, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { enterprises } from '../../enterprises/index.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { type ClassRatios, type PlanMode, PLAN_MODES, inspectionItems, inspectionPlans, objectPools } from '../inspections.schema.js';
import { type PoolsService, poolMembersWhere } from '../pools/pools.service.js';
import { assertItemFitsPool } from '../target-kinds.js';
import { DEFAULT_RATIOS, STRATA, type StratumName, stratumSizes } from './strata.js';
import type { PoolKindProvider } from '../target-kinds.js';

export interface PlanInput {
  name: string;
  year: number;
  itemId: string;
  poolId: string;
  quarters: number[];
  mode: PlanMode;
  ratios?: ClassRatios | null;
  minimum?: number | null;
  fixedCount?: number | null;
  inspectorsPerTask?: number;
  /** Required to create a plan whose quarters have all ended (its tasks would be born overdue): why it is made anyway. */
  pastPeriodReason?: string | null;
}

/** The last day of a quarter (1–4) of a year. */
export function quarterEnd(year: number, quarter: number): string {
  return ['', '03-31', '06-30', '09-30', '12-31'].map((d) => `${year}-${d}`)[quarter]!;
}

/**
 * The quarters of a plan that have ended before `today`, and whether all have (then the plan's tasks,
 * due at the end of its last quarter, would be overdue from the start).
 */
export function pastQuarters(year: number, quarters: readonly number[], today = todayInChina()) {
  const past = quarters.filter((q) => quarterEnd(year, q) < today);
  return { past, allPast: quarters.length > 0 && past.length === quarters.length };
}

type Plan = typeof inspectionPlans.$inferSelect;

/** Inspection plans: an item over a pool, sized per credit-class stratum. */
export function makePlansService(deps: { db: Db; audit: AuditService; pools: PoolsService }) {
  const { db, audit } = deps;
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: inspectionPlans.regionCode, orgId: inspectionPlans.orgId });

  async function find(tx: Db, actor: Actor | null, id: string): Promise<Plan> {
    const [plan] = await tx.select().from(inspectionPlans).where(and(eq(inspectionPlans.id, id), actor ? scopeOf(actor) : undefined));
    if (!plan) throw notFound('抽查计划');
    return plan;
  }

  /**
   * The pool's current members by stratum — keys (USCCs) in UTF-8 byte order, as far as the
   * database is concerned (commitDraw checks the order and sorts if needed; with `ordered: false`
   * in no order: a blinded draw sorts them by blinded id itself) — and how many to draw from each;
   * with `keys: false`, only the counts.
   */
  async function strata(tx: Db, plan: Plan, opts: { keys?: boolean; ordered?: boolean } = {}) {
    const [pool] = await tx.select().from(objectPools).where(eq(objectPools.id, plan.poolId));
    const provider = deps.pools.providerOf(pool!.targetKind);
    if (provider) return providedStrata(tx, plan, provider, provider.members(pool!), opts);
    const members = poolMembersWhere(pool!);
    const stratum = sql`coalesce(${enterprises.creditClass}, '未分类')`;
    const n = Object.fromEntries(STRATA.map((s) => [s, 0])) as Record<StratumName, number>;
    const keys = Object.fromEntries(STRATA.map((s) => [s, [] as string[]])) as Record<StratumName, string[]>;
    if (opts.keys === false) {
      const { rows } = (await tx.execute(sql`select ${stratum} as "stratum", count(*)::int as "n" from ${enterprises} where ${members} group by 1`)) as unknown as { rows: { stratum: StratumName; n: number }[] };
      for (const r of rows) n[r.stratum] = r.n;
    } else {
      // Raw SQL on a hot path: a pool may hold a million enterprises. One pass over the members in
      // byte order (`collate "C"`; the server may sort in parallel) feeds one aggregate per stratum,
      // so each stratum's keys come back as one text rather than as a million rows for the driver.
      // The aggregates see the rows in the subquery's order, as PostgreSQL does in practice;
      // commitDraw checks the order and sorts if it ever were not.
      const columns = STRATA.map((s, i) => sql`count(*) filter (where m.stratum = ${s})::int as ${sql.raw(`"n${i}"`)}, coalesce(string_agg(m.uscc, E'\n') filter (where m.stratum = ${s}), '') as ${sql.raw(`"keys${i}"`)}`);
      const { rows } = (await tx.execute(
        sql`select ${sql.join(columns, sql`, `)} from (select ${stratum} as stratum, ${enterprises.uscc} as uscc from ${enterprises} where ${members}${opts.ordered === false ? sql`` : sql` order by ${enterprises.uscc} collate "C"`}) m`,
      )) as unknown as { rows: Record<string, number | string>[] };
      STRATA.forEach((s, i) => {
        n[s] = rows[0]![`n${i}`] as number;
        if (n[s] === 0) return;
        keys[s] = (rows[0]![`keys${i}`] as string).split('\n');
        if (keys[s].length !== n[s]) throw new Error(`stratum ${s}: a key contains a line break`);
      });
    }
    const k = stratumSizes(n, plan);
    return STRATA.map((s) => ({ name: s, candidates: keys[s], n: n[s], k: k[s] }));
  }

  /**
   * `strata` of a pool of another module's register (special-equipment units, user units): the same
   * one pass over the members, from the provider's SELECT of (key, stratum), its strata in its order.
   */
  async function providedStrata(tx: Db, plan: Plan, provider: PoolKindProvider, members: SQL, opts: { keys?: boolean; ordered?: boolean }) {
    const names = provider.strata as readonly StratumName[];
    const n = Object.fromEntries(names.map((s) => [s, 0])) as Record<StratumName, number>;
    const keys = Object.fromEntries(names.map((s) => [s, [] as string[]])) as Record<StratumName, string[]>;
    if (opts.keys === false) {
      const { rows } = (await tx.execute(sql`select m.stratum as "stratum", count(*)::int as "n" from (${members}) m group by 1`)) as unknown as { rows: { stratum: StratumName; n: number }[] };
      for (const r of rows) n[r.stratum] = r.n;
    } else {
      const columns = names.map((s, i) => sql`count(*) filter (where m.stratum = ${s})::int as ${sql.raw(`"n${i}"`)}, coalesce(string_agg(m.key, E'\n') filter (where m.stratum = ${s}), '') as ${sql.raw(`"keys${i}"`)}`);
      const { rows } = (await tx.execute(sql`select ${sql.join(columns, sql`, `)} from (select p.stratum, p.key from (${members}) p${opts.ordered === false ? sql`` : sql` order by p.key collate "C"`}) m`)) as unknown as {
        rows: Record<string, number | string>[];
      };
      names.forEach((s, i) => {
        n[s] = rows[0]![`n${i}`] as number;
        if (n[s] === 0) return;
        keys[s] = (rows[0]![`keys${i}`] as string).split('\n');
        if (keys[s].length !== n[s]) throw new Error(`stratum ${s}: a key contains a line break`);
      });
    }
    const k = stratumSizes(n, plan, names);
    return names.map((s) => ({ name: s as string, candidates: keys[s], n: n[s], k: k[s] }));
  }

  /** The objects of a plan's pool by key: region (competent bureau, inspectors), USCC of the enterprise the task goes to, name. */
  async function objects(tx: Db, plan: Plan, keys: readonly string[]): Promise<{ key: string; regionCode: string; uscc: string; name?: string }[]> {
    if (keys.length === 0) return [];
    const [pool] = await tx.select({ targetKind: objectPools.targetKind }).from(objectPools).where(eq(objectPools.id, plan.poolId));
    const provider = deps.pools.providerOf(pool!.targetKind);
    const list = param([...keys]);
    const query = provider ? provider.objects(sql`${list}::text[]`) : sql`select uscc as "key", region_code as "regionCode", uscc from ${enterprises} where uscc = any(${list}::text[])`;
    const { rows } = (await tx.execute(query)) as unknown as { rows: { key: string; regionCode: string; uscc: string; name?: string }[] };
    return rows;
  }

  function check(input: PlanInput) {
    const name = requireText(input.name, 'name', '计划名称', 200);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year', '年度应为 2000–2100 之间的整数');
    const quarters = [...new Set(input.quarters ?? [])].sort();
    if (quarters.length === 0 || quarters.some((q) => ![1, 2, 3, 4].includes(q))) throw invalid('quarters', '请选择 1–4 季度中的至少一个');
    if (!PLAN_MODES.includes(input.mode)) throw invalid('mode', `未知的抽取方式：${input.mode}`);
    let ratios: ClassRatios | null = null;
    if (input.mode === 'ratio') {
      ratios = { ...DEFAULT_RATIOS, ...(input.ratios ?? {}) };
      for (const [cls, r] of Object.entries(ratios)) if (typeof r !== 'number' || r < 0 || r > 100) throw invalid(`ratios.${cls}`, '抽查比例应为 0–100 的百分数');
      if (ratios.key === undefined) delete ratios.key;
    }
    const minimum = input.mode === 'ratio' ? (input.minimum ?? null) : null;
    if (minimum !== null && (!Number.isInteger(minimum) || minimum < 0)) throw invalid('minimum', '最少抽取数应为非负整数');
    const fixedCount = input.mode === 'fixed' ? (input.fixedCount ?? null) : null;
    if (input.mode === 'fixed' && (!Number.isInteger(fixedCount) || fixedCount! < 1)) throw invalid('fixedCount', '固定抽取数应为正整数');
    const inspectorsPerTask = input.inspectorsPerTask ?? 2;
    if (!Number.isInteger(inspectorsPerTask) || inspectorsPerTask < 2 || inspectorsPerTask > 10) throw invalid('inspectorsPerTask', '每项任务应安排 2–10 名检查人员');
    // A plan for quarters already over is made only on purpose, with its reason kept (and audited with the plan).
    const { past, allPast } = pastQuarters(input.year, quarters);
    let pastPeriodReason: string | null = null;
    if (allPast) {
      const reason = input.pastPeriodReason?.trim();
      if (!reason) {
        throw new AppError('PLAN_IN_PAST', `所选季度（${input.year} 年第 ${past.join('、')} 季度）均已结束，按此计划生成的检查任务一经下达即已逾期。如确需补录，请说明理由后再提交`, 409, {
          field: 'pastPeriodReason',
          year: input.year,
          pastQuarters: past,
          lastDueOn: quarterEnd(input.year, quarters[quarters.length - 1]!),
        });
      }
      if (reason.length > 500) throw invalid('pastPeriodReason', '理由不能超过 500 个字');
      pastPeriodReason = reason;
    }
    return { name, year: input.year, quarters, mode: input.mode, ratios, minimum, fixedCount, inspectorsPerTask, pastPeriodReason };
  }

  /** Creates a plan inside the caller's transaction. */
  async function insert(tx: Db, ctx: RequestContext & { actor: Actor }, input: PlanInput) {
    const checked = check(input);
    const pool = await deps.pools.find(tx, ctx.actor, input.poolId);
    const [item] = await tx.select({ id: inspectionItems.id, active: inspectionItems.active, targetKind: inspectionItems.targetKind }).from(inspectionItems).where(eq(inspectionItems.id, input.itemId));
    if (!item || !item.active) throw invalid('itemId', '未知或已停用的抽查事项');
    assertItemFitsPool(item.targetKind, pool.targetKind);
    const [row] = await tx
      .insert(inspectionPlans)
      .values({ ...checked, itemId: item.id, poolId: pool.id, regionCode: pool.regionCode, orgId: ctx.actor.orgId, createdByName: ctx.actor.name })
      .returning();
    await audit.record(tx, ctx, { action: 'inspection_plan.created', targetType: 'inspection_plan', targetId: row!.id, after: row });
    return row!;
  }

  return {
    find,
    strata,
    objects,
    /** The provider of the plan's pool kind, null for an enterprise pool. */
    async providerOf(tx: Db, plan: Pick<Plan, 'poolId'>) {
      const [pool] = await tx.select({ targetKind: objectPools.targetKind }).from(objectPools).where(eq(objectPools.id, plan.poolId));
      return deps.pools.providerOf(pool!.targetKind);
    },

    insert,

    create: (ctx: RequestContext & { actor: Actor }, input: PlanInput) => inTransaction(db, (tx) => insert(tx, ctx, input)),

    get: (actor: Actor, id: string) => find(db, actor, id),

    async list(actor: Actor, year?: number) {
      const items = await db
        .select()
        .from(inspectionPlans)
        .where(and(scopeOf(actor), year ? eq(inspectionPlans.year, year) : undefined))
        .orderBy(desc(inspectionPlans.year), asc(inspectionPlans.name), asc(inspectionPlans.id));
      return { items, total: items.length };
    },

    /** The numbers per stratum before drawing. */
    async preview(actor: Actor, id: string) {
      const plan = await find(db, actor, id);
      const items = (await strata(db, plan, { keys: false })).map(({ name, n, k }) => ({ name, n, k }));
      return { planId: plan.id, items, total: items.reduce((sum, s) => sum + s.k, 0) };
    },
  };
}

export type PlansService = ReturnType<typeof makePlansService>;
