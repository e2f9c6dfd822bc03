import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { DrawSecrets } from '../../../platform/secrets/draw-secrets.js';
import { resealPlainDrawSecrets } from '../../../platform/secrets/reseal-draw-secrets.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import { newSecret } from '../draw/algorithm.js';
import { type BlindedRecord, assignBlindedInspectors, commitBlindedDraw, openSelection, selectBlinded } from '../draw/blinded.js';
import { assignInspectors, revealDraw } from '../draw/draw.js';
import { type PoolInspector, eligibilityByRegion } from '../draw/eligibility.js';
import type { FrozenInspector } from '../draw/pool.js';
import type { Assignment, DrawRecord } from '../draw/record.js';
import { isBlinded, packRecord, packStrata, unpackAssignments, unpackStrata } from '../draw/storage.js';
import { poolFor } from '../inspectors/inspectors.service.js';
import { drawDocuments, draws, inspectionItems, inspectionPlans } from '../inspections.schema.js';
import type { PlansService } from '../plans/plans.service.js';
import { type DrawRow, commitStatementFor, readSummary, strataSummaryOf } from './draw-summary.js';

type Plan = typeof inspectionPlans.$inferSelect;

/** What the reveal needs from the inspection tasks: last time's inspectors, and the tasks of the selection. */
export interface DrawTasks {
  /** Per object key, its latest earlier task of this item and that task's inspectors. */
  lastInspectors(tx: Db, itemId: string, objectKeys: readonly string[]): Promise<Map<string, { taskId: string; inspectors: Set<string> }>>;
  /** One task per selected object, with its assigned inspectors; objects that already have their task are skipped. */
  createFromDraw(tx: Db, draw: { id: string; plan: Plan; assignments: readonly Pick<Assignment, 'objectKey' | 'selected'>[]; byName: string }): Promise<void>;
}

/** Where the commit statement goes besides the record: the audit anchor files (platform/audit). */
export interface StatementSink {
  anchorStatement(kind: string, statement: string): void;
}

/**
 * Up to this many selected objects, the reveal creates their tasks itself; a larger draw's tasks
 * are created just after it (`createPendingTasks`), so the ceremony is not kept waiting on a
 * hundred thousand inserts.
 */
export const TASKS_AT_REVEAL_MAX = 2_000;

/** A large draw's tasks are created this many per transaction, so other requests are not held up for long (PGlite runs one statement at a time). */
const TASKS_PER_TRANSACTION = 5_000;

/**
 * The draw ceremony (`zhijian-draw/2`, docs/DRAW.md): commit (the plan's strata blinded and
 * frozen, the inspector pool frozen, their hashes and the commitment to a secret published, the
 * commit statement written to the audit anchors), reveal (the witnesses' input, the selection, its
 * openings and the inspectors, published for good) or cancel (kept visible with its reason).
 * Nobody can redraw or edit a revealed draw. A `/1` draw committed before `/2` is revealed by `/1`.
 * The secrets are stored sealed (`secrets`, platform/secrets/draw-secrets.ts) and opened only to reveal.
 */
export function makeDrawsService(deps: { db: Db; audit: AuditService & StatementSink; plans: PlansService; tasks: DrawTasks; secrets: DrawSecrets; tasksAtRevealMax?: number }) {
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

  /** The assignment inputs of the selected objects: their regions, last time's tasks, the conflicts declared in the pool. */
  async function assignmentContext(tx: Db, plan: Plan, pool: readonly (PoolInspector & { conflicts: string[] })[], selected: readonly string[], perTask: number) {
    const [item] = await tx.select({ specialty: inspectionItems.specialty }).from(inspectionItems).where(eq(inspectionItems.id, plan.itemId));
    // One statement with one array parameter: a draw may select a hundred thousand objects. The
    // objects of an equipment pool are units: their own region, and their user unit's USCC for the
    // inspectors' declared conflicts.
    const regions = await deps.plans.objects(tx, plan, selected);
    const regionOf = new Map<string, string>();
    const usccOf = new Map<string, string>();
    for (const r of regions) {
      regionOf.set(r.key, r.regionCode);
      if (r.uscc !== r.key) usccOf.set(r.key, r.uscc);
    }
    const lastTime = await deps.tasks.lastInspectors(tx, plan.itemId, selected);
    const conflictsOf = new Map<string, Set<string>>();
    for (const i of pool) {
      for (const key of i.conflicts) {
        const inConflict = conflictsOf.get(key);
        if (inConflict) inConflict.add(i.userId);
        else conflictsOf.set(key, new Set([i.userId]));
      }
    }
    const eligibility = eligibilityByRegion(pool, { on: todayInChina(), perTask, specialty: item?.specialty });
    return (key: string) => {
      const choice = eligibility({ key, regionCode: regionOf.get(key) ?? plan.regionCode }, conflictsOf.get(usccOf.get(key) ?? key), lastTime.get(key));
      return { eligible: choice.eligible, excluded: choice.excluded };
    };
  }

  /** `/2`: the selection from the committed strata, then the inspectors from the pool frozen at commit. */
  async function revealBlinded(tx: Db, draw: DrawRow, plan: Plan, secrets: { secret: Buffer; blindSecret: Buffer }, witnessInput: string): Promise<BlindedRecord> {
    const pool = draw.inspectorPool as FrozenInspector[];
    const strata = unpackStrata(draw.strata).filter(isBlinded);
    const committed = { strata, candidatesHash: draw.candidatesHash, commitment: draw.commitment, inspectorPool: pool, inspectorPoolHash: draw.inspectorPoolHash!, inspectorsPerTask: draw.inspectorsPerTask! };
    const selection = selectBlinded(committed, secrets.secret, witnessInput);
    // The workers open the selected keys while the database finds what the assignment needs about them.
    const [record, inspectorsFor] = await Promise.all([
      openSelection(committed, selection, secrets),
      assignmentContext(tx, plan, pool, selection.strata.flatMap((s) => s.keys), committed.inspectorsPerTask),
    ]);
    record.assignments = assignBlindedInspectors(record, inspectorsFor);
    return record;
  }

  /** `/1` (a draw committed before `/2`): the pool as it is now. */
  async function revealPlain(tx: Db, draw: DrawRow, plan: Plan, secret: Buffer, witnessInput: string): Promise<DrawRecord> {
    const strata = unpackStrata(draw.strata).flatMap((s) => (isBlinded(s) ? [] : [s]));
    const record = revealDraw({ version: draw.version, strata, candidatesHash: draw.candidatesHash, commitment: draw.commitment }, secret, witnessInput);
    const inspectorsFor = await assignmentContext(tx, plan, await poolFor(tx, plan.regionCode), record.strata.flatMap((s) => s.selected), plan.inspectorsPerTask);
    record.assignments = assignInspectors(record, (key) => ({ ...inspectorsFor(key), perTask: plan.inspectorsPerTask }));
    return record;
  }

  return {
    async commit(ctx: RequestContext & { actor: Actor }, planId: string) {
      return inTransaction(db, async (tx) => {
        const plan = await deps.plans.find(tx, ctx.actor, planId);
        const [earlier] = await tx.select({ id: draws.id, status: draws.status }).from(draws).where(and(eq(draws.planId, plan.id), inArray(draws.status, ['committed', 'revealed'])));
        if (earlier?.status === 'committed') throw new AppError('DRAW_PENDING', '该计划已有待揭晓的抽取，请先揭晓或作废', 409, { drawId: earlier.id });
        // A plan is drawn once: another draw after a reveal would be a redraw.
        if (earlier) throw new AppError('DRAW_REVEALED', '该计划已揭晓抽取结果，不能重新抽取', 409, { drawId: earlier.id });
        const strata = (await deps.plans.strata(tx, plan, { ordered: false })).map(({ name, candidates, k }) => ({ className: name, keys: candidates, k }));
        const secret = newSecret();
        const blindSecret = newSecret();
        const committed = await commitBlindedDraw({ strata, secret, blindSecret, pool: await poolFor(tx, plan.regionCode), inspectorsPerTask: plan.inspectorsPerTask });
        const values = {
          planId: plan.id,
          status: 'committed' as const,
          version: committed.version,
          strata: packStrata(committed.strata),
          candidatesHash: committed.candidatesHash,
          commitment: committed.commitment,
          // Sealed at rest: a copy of the database must not tell the outcome before the reveal.
          secret: deps.secrets.seal(secret),
          blindSecret: deps.secrets.seal(blindSecret),
          inspectorPool: committed.inspectorPool,
          inspectorPoolHash: committed.inspectorPoolHash,
          inspectorsPerTask: committed.inspectorsPerTask,
          regionCode: plan.regionCode,
          committedByName: ctx.actor.name,
        };
        // Not `returning()` the whole row: the strata would come back (every key of the pool).
        const [created] = await tx.insert(draws).values(values).returning({ id: draws.id, committedAt: draws.committedAt });
        const { id, committedAt } = created!;
        const statement = commitStatementFor({ id, commitment: committed.commitment, candidatesHash: committed.candidatesHash, inspectorPoolHash: committed.inspectorPoolHash, inspectorsPerTask: committed.inspectorsPerTask, committedAt })!;
        await audit.record(tx, ctx, { action: 'draw.committed', targetType: 'draw', targetId: id, after: { planId, statement } });
        // Last, so that a failure to write it leaves no draw: the statement is outside the database before the draw is.
        audit.anchorStatement('draw.committed', statement);
        return readSummary(tx, id, { classes: ctx.actor.permissions.has('draw.audit'), strata: strataSummaryOf(values.strata) });
      });
    },

    async reveal(ctx: RequestContext & { actor: Actor }, id: string, witnessInput = '') {
      if (witnessInput.length > 200) throw invalid('witnessInput', '见证人输入不能超过 200 个字');
      return inTransaction(db, async (tx) => {
        const { draw } = await load(tx, ctx.actor, id);
        if (draw.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', draw.status === 'revealed' ? '该抽取已揭晓，不能重新抽取或修改' : '该抽取已作废', 409);
        const plan = await deps.plans.find(tx, null, draw.planId);
        const secret = deps.secrets.open(draw.secret);
        const record = draw.blindSecret ? await revealBlinded(tx, draw, plan, { secret, blindSecret: deps.secrets.open(draw.blindSecret) }, witnessInput) : await revealPlain(tx, draw, plan, secret, witnessInput);
        const selected = record.assignments.length;
        const now = new Date();
        const tasksNow = selected <= tasksAtRevealMax;
        if (tasksNow) await deps.tasks.createFromDraw(tx, { id, plan, assignments: record.assignments, byName: ctx.actor.name });
        const state = { status: 'revealed' as const, revealedAt: now, revealedByName: ctx.actor.name, tasksCreatedAt: tasksNow ? now : null };
        const stored = packRecord(record);
        await tx.update(draws).set({ ...state, record: stored }).where(eq(draws.id, id));
        await tx.delete(drawDocuments).where(eq(drawDocuments.drawId, id));
        await audit.record(tx, ctx, { action: 'draw.revealed', targetType: 'draw', targetId: id, after: { seed: record.seed, selected } });
        return readSummary(tx, id, { classes: ctx.actor.permissions.has('draw.audit'), strata: strataSummaryOf(draw.strata) });
      });
    },

    /** Start-up: seals the secrets of draws committed before sealing (platform/secrets/reseal-draw-secrets.ts); the rows sealed. */
    resealLegacySecrets: () => resealPlainDrawSecrets(db, deps.secrets, 'draws'),

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
        const { draw } = await load(tx, ctx.actor, id);
        if (draw.status !== 'committed') throw new AppError('DRAW_NOT_COMMITTED', draw.status === 'revealed' ? '已揭晓的抽取不能作废' : '该抽取已作废', 409);
        const state = { status: 'cancelled' as const, cancelReason: why, cancelledAt: new Date() };
        await tx.update(draws).set(state).where(eq(draws.id, id));
        await tx.delete(drawDocuments).where(eq(drawDocuments.drawId, id));
        await audit.record(tx, ctx, { action: 'draw.cancelled', targetType: 'draw', targetId: id, after: { reason: why } });
        return readSummary(tx, id, { classes: ctx.actor.permissions.has('draw.audit') });
      });
    },

    /** One draw in the actor's scope, without its candidate lists. */
    async get(actor: Actor, id: string) {
      const [row] = await db.select({ planId: draws.planId }).from(draws).where(eq(draws.id, id));
      if (!row) throw notFound('抽取记录');
      await deps.plans.find(db, actor, row.planId); // the plan's data scope
      return readSummary(db, id, { classes: actor.permissions.has('draw.audit') });
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
  };
}

export type DrawsService = ReturnType<typeof makeDrawsService>;
