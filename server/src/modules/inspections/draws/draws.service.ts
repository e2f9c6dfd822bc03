import { and, desc, eq, inArray, isNull, param, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { enterprises } from '../../enterprises/enterprises.schema.js';
import { invalid, requireText } from '../../licences/licence-fields.js';
import { newSecret } from '../draw/algorithm.js';
import { assignInspectors, commitDraw, revealDraw } from '../draw/draw.js';
import { eligibilityByRegion } from '../draw/eligibility.js';
import type { Assignment, DrawRecord } from '../draw/record.js';
import { type FrozenStratum, type StoredRecord, packRecord, packStrata, unpackAssignments, unpackRecord, unpackStrata } from '../draw/storage.js';
import { poolFor } from '../inspectors/inspectors.service.js';
import { draws, inspectionItems, inspectionPlans } from '../inspections.schema.js';
import type { PlansService } from '../plans/plans.service.js';

type DrawRow = typeof draws.$inferSelect;
type Plan = typeof inspectionPlans.$inferSelect;

/** What the reveal needs from the inspection tasks: last time's inspectors, and the tasks of the selection. */
export interface DrawTasks {
  /** Per object key, the inspectors of its latest earlier task of this item. */
  lastInspectors(tx: Db, itemId: string, objectKeys: readonly string[]): Promise<Map<string, Set<string>>>;
  /** One task per selected object, with its assigned inspectors; objects that already have their task are skipped. */
  createFromDraw(tx: Db, draw: { id: string; plan: Plan; assignments: readonly Pick<Assignment, 'objectKey' | 'selected'>[]; byName: string }): Promise<void>;
}

/**
 * Up to this many selected objects, the reveal creates their tasks itself; a larger draw's tasks
 * are created just after it (`createPendingTasks`), so the ceremony is not kept waiting on a
 * hundred thousand inserts.
 */
export const TASKS_AT_REVEAL_MAX = 2_000;

/** A large draw's tasks are created this many per transaction, so other requests are not held up for long (PGlite runs one statement at a time). */
const TASKS_PER_TRANSACTION = 5_000;

type DrawState = Omit<DrawRow, 'strata' | 'record' | 'secret'>;

/**
 * What anyone may see of a draw: before the reveal, the frozen candidates and the commitments;
 * after, the record. `strata` and `record` are the stored draw's (draw/storage.ts), unpacked here
 * or by the caller that has them at hand.
 */
function publicView(d: DrawState, planName: string, strata: readonly FrozenStratum[], record: StoredRecord | DrawRecord | null) {
  const base = { id: d.id, planId: d.planId, planName, status: d.status, committedAt: d.committedAt, revealedAt: d.revealedAt, tasksCreatedAt: d.tasksCreatedAt, cancelledAt: d.cancelledAt, cancelReason: d.cancelReason };
  if (record) return { ...base, ...unpackRecord(record, strata) };
  return { ...base, version: 'zhijian-draw/1', candidatesHash: d.candidatesHash, commitment: d.commitment, strata: strata.map((s) => ({ ...s, selected: [] as string[] })), assignments: [] };
}

const viewOf = (d: DrawRow, planName: string) => publicView(d, planName, unpackStrata(d.strata), d.record);

/**
 * The draw ceremony: commit (candidates frozen, their hash and the commitment to a secret
 * published), reveal (the witnesses' input, the selection and the inspectors, published for good)
 * or cancel (kept visible with its reason). Nobody can redraw or edit a revealed draw.
 */
export function makeDrawsService(deps: { db: Db; audit: AuditService; plans: PlansService; tasks: DrawTasks; tasksAtRevealMax?: number }) {
  const { db, audit } = deps;
  const tasksAtRevealMax = deps.tasksAtRevealMax ?? TASKS_AT_REVEAL_MAX;
  /** Draws whose tasks this process is creating right now (the minute job leaves them to the run under way). */
  const creating = new Set<string>();

  async function load(tx: Db, actor: Actor, id: string) {
    const [row] = await tx.select({ draw: draws, planName: inspectionPlans.name }).from(draws).innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId)).where(eq(draws.id, id)).for('update', { of: draws });
    if (!row) throw notFound('抽取记录');
    await deps.plans.find(tx, actor, row.draw.planId); // the plan's data scope
    return row;
  }

  return {
    async commit(ctx: RequestContext & { actor: Actor }, planId: string) {
      return inTransaction(db, async (tx) => {
        const plan = await deps.plans.find(tx, ctx.actor, planId);
        const [earlier] = await tx.select({ id: draws.id, status: draws.status }).from(draws).where(and(eq(draws.planId, plan.id), inArray(draws.status, ['committed', 'revealed'])));
        if (earlier?.status === 'committed') throw new AppError('DRAW_PENDING', '该计划已有待揭晓的抽取，请先揭晓或作废', 409, { drawId: earlier.id });
        // A plan is drawn once: another draw after a reveal would be a redraw.
        if (earlier) throw new AppError('DRAW_REVEALED', '该计划已揭晓抽取结果，不能重新抽取', 409, { drawId: earlier.id });
        const strata = (await deps.plans.strata(tx, plan)).map(({ name, candidates, k }) => ({ name, candidates, k }));
        const secret = newSecret();
        const committed = commitDraw(strata, secret);
        const values = { planId: plan.id, status: 'committed' as const, strata: packStrata(committed.strata), candidatesHash: committed.candidatesHash, commitment: committed.commitment, secret, regionCode: plan.regionCode, committedByName: ctx.actor.name };
        // Not `returning()` the whole row: the strata would come back (every key of the pool).
        const [created] = await tx.insert(draws).values(values).returning({ id: draws.id, committedAt: draws.committedAt });
        const row = { ...values, ...created!, record: null, cancelReason: null, revealedAt: null, revealedByName: null, tasksCreatedAt: null, cancelledAt: null };
        await audit.record(tx, ctx, { action: 'draw.committed', targetType: 'draw', targetId: row.id, after: { planId, candidatesHash: committed.candidatesHash, commitment: committed.commitment } });
        return publicView(row, plan.name, committed.strata, null);
      });
    },

    async reveal(ctx: RequestContext & { actor: Actor }, id: string, witnessInput = '') {
      if (witnessInput.length > 200) throw invalid('witnessInput', '见证人输入不能超过 200 个字');
      return inTransaction(db, async (tx) => {
        const { draw, planName } = await load(tx, ctx.actor, id);
        if (draw.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', draw.status === 'revealed' ? '该抽取已揭晓，不能重新抽取或修改' : '该抽取已作废', 409);
        const plan = await deps.plans.find(tx, null, draw.planId);
        const [item] = await tx.select({ specialty: inspectionItems.specialty }).from(inspectionItems).where(eq(inspectionItems.id, plan.itemId));
        const pool = await poolFor(tx, plan.regionCode);
        const strata = unpackStrata(draw.strata);
        const committed = { version: 'zhijian-draw/1', strata, candidatesHash: draw.candidatesHash, commitment: draw.commitment };
        const record = revealDraw(committed, draw.secret, witnessInput);
        const selected = record.strata.flatMap((s) => s.selected);
        // Raw SQL, one statement with one array parameter: a draw may select a hundred thousand objects.
        const { rows: regions } = (await tx.execute(sql`select ${enterprises.uscc} as "uscc", ${enterprises.regionCode} as "regionCode" from ${enterprises} where ${enterprises.uscc} = any(${param(selected)}::text[])`)) as unknown as { rows: { uscc: string; regionCode: string }[] };
        const regionOf = new Map<string, string>();
        for (const r of regions) regionOf.set(r.uscc, r.regionCode);
        const lastTime = await deps.tasks.lastInspectors(tx, plan.itemId, selected);
        const conflictsOf = new Map<string, Set<string>>();
        for (const i of pool) {
          for (const key of i.conflicts) {
            const inConflict = conflictsOf.get(key);
            if (inConflict) inConflict.add(i.userId);
            else conflictsOf.set(key, new Set([i.userId]));
          }
        }
        const eligibility = eligibilityByRegion(pool, { on: todayInChina(), perTask: plan.inspectorsPerTask, specialty: item?.specialty });
        record.assignments = assignInspectors(record, (key) => {
          const choice = eligibility({ key, regionCode: regionOf.get(key) ?? plan.regionCode }, conflictsOf.get(key), lastTime.get(key));
          return { eligible: choice.eligible, excluded: choice.excluded, perTask: plan.inspectorsPerTask };
        });
        const now = new Date();
        const tasksNow = selected.length <= tasksAtRevealMax;
        if (tasksNow) await deps.tasks.createFromDraw(tx, { id, plan, assignments: record.assignments, byName: ctx.actor.name });
        const state = { status: 'revealed' as const, revealedAt: now, revealedByName: ctx.actor.name, tasksCreatedAt: tasksNow ? now : null };
        await tx.update(draws).set({ ...state, record: packRecord(record) }).where(eq(draws.id, id));
        await audit.record(tx, ctx, { action: 'draw.revealed', targetType: 'draw', targetId: id, after: { seed: record.seed, selected: selected.length } });
        return publicView({ ...draw, ...state }, planName, strata, record);
      });
    },

    /**
     * Creates the tasks of revealed draws that do not have them yet (large draws, just after their
     * reveal; or any left by a crash), `TASKS_PER_TRANSACTION` at a time. Each object gets one task
     * however often this runs, even in two processes at once (a unique index and `on conflict do nothing`);
     * the draw is marked once all are there. `id` limits it to that draw. Returns how many draws it
     * completed.
     */
    async createPendingTasks(id?: string) {
      const pending = await db
        .select({ id: draws.id, planId: draws.planId, record: draws.record, revealedByName: draws.revealedByName })
        .from(draws)
        .where(and(eq(draws.status, 'revealed'), isNull(draws.tasksCreatedAt), id ? eq(draws.id, id) : undefined))
        .orderBy(draws.revealedAt);
      let done = 0;
      for (const draw of pending.filter((d) => !creating.has(d.id))) {
        creating.add(draw.id);
        try {
          const plan = await deps.plans.find(db, null, draw.planId);
          const assignments = unpackAssignments(draw.record!);
          for (let i = 0; i < assignments.length; i += TASKS_PER_TRANSACTION) {
            const part = assignments.slice(i, i + TASKS_PER_TRANSACTION);
            await inTransaction(db, (tx) => deps.tasks.createFromDraw(tx, { id: draw.id, plan, assignments: part, byName: draw.revealedByName ?? '' }));
          }
          const marked = await db.update(draws).set({ tasksCreatedAt: new Date() }).where(and(eq(draws.id, draw.id), isNull(draws.tasksCreatedAt))).returning({ id: draws.id });
          done += marked.length;
        } finally {
          creating.delete(draw.id);
        }
      }
      return done;
    },

    async cancel(ctx: RequestContext & { actor: Actor }, id: string, reason: string) {
      const why = requireText(reason, 'reason', '作废理由', 500);
      return inTransaction(db, async (tx) => {
        const { draw, planName } = await load(tx, ctx.actor, id);
        if (draw.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', draw.status === 'revealed' ? '已揭晓的抽取不能作废' : '该抽取已作废', 409);
        const [row] = await tx.update(draws).set({ status: 'cancelled', cancelReason: why, cancelledAt: new Date() }).where(eq(draws.id, id)).returning();
        await audit.record(tx, ctx, { action: 'draw.cancelled', targetType: 'draw', targetId: id, after: { reason: why } });
        return viewOf(row!, planName);
      });
    },

    /** The draws of one plan in the actor's scope, newest first, whatever their state. */
    async listForPlan(actor: Actor, planId: string) {
      const plan = await deps.plans.find(db, actor, planId);
      // Not the strata or the record: a draw's candidates may run to a million keys.
      const items = await db
        .select({ id: draws.id, status: draws.status, committedAt: draws.committedAt, committedByName: draws.committedByName, revealedAt: draws.revealedAt, tasksCreatedAt: draws.tasksCreatedAt, cancelledAt: draws.cancelledAt, cancelReason: draws.cancelReason, commitment: draws.commitment })
        .from(draws)
        .where(eq(draws.planId, plan.id))
        .orderBy(desc(draws.committedAt), desc(draws.id));
      return { items, total: items.length };
    },

    /** Public: one draw as anyone may see it. */
    async publicGet(id: string) {
      const [row] = await db.select({ draw: draws, planName: inspectionPlans.name }).from(draws).innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId)).where(eq(draws.id, id));
      if (!row) throw notFound('抽取记录');
      return viewOf(row.draw, row.planName);
    },

    /** Public: revealed draws, newest first, optionally of one plan year. */
    async publicList(year?: number) {
      const items = await db
        .select({ id: draws.id, planName: inspectionPlans.name, revealedAt: draws.revealedAt })
        .from(draws)
        .innerJoin(inspectionPlans, eq(inspectionPlans.id, draws.planId))
        .where(and(eq(draws.status, 'revealed'), year ? eq(inspectionPlans.year, year) : undefined))
        .orderBy(desc(draws.revealedAt), desc(draws.id));
      return { items, total: items.length };
    },
  };
}

export type DrawsService = ReturnType<typeof makeDrawsService>;
