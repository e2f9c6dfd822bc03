import { type SQL, and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { checkText, invalid, orThrow, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { complaintEvents, complaints } from '../complaints.schema.js';
import { checkRewardRules, rewardAmount } from './reward-rules.js';
import { type RewardRules, type RewardStatus, complaintRewardRules, complaintRewards } from './rewards.schema.js';

type ActorCtx = RequestContext & { actor: Actor };

/** The to-do of the approvers (section heads) for a proposed reward; resolved by the decision. */
export const REWARD_TODO_KIND = 'complaint.reward_pending';
/** Statuses that block another proposal for the same item (one open or paid reward per item). */
const LIVE: RewardStatus[] = ['proposed', 'approved', 'paid'];
const REASON_MAX = 2000;
const NOTE_MAX = 2000;

const rewardColumns = {
  id: complaintRewards.id,
  complaintId: complaintRewards.complaintId,
  trackingNo: complaints.trackingNo,
  regionCode: complaints.regionCode,
  subjectName: complaints.subjectName,
  rulesVersion: complaintRewards.rulesVersion,
  basis: complaintRewards.basis,
  caseFine: complaintRewards.caseFine,
  level: complaintRewards.level,
  amount: complaintRewards.amount,
  reason: complaintRewards.reason,
  status: complaintRewards.status,
  proposedById: complaintRewards.proposedById,
  proposedByName: complaintRewards.proposedByName,
  proposedAt: complaintRewards.proposedAt,
  decidedByName: complaintRewards.decidedByName,
  decidedAt: complaintRewards.decidedAt,
  decisionNote: complaintRewards.decisionNote,
  paidOn: complaintRewards.paidOn,
  paymentRef: complaintRewards.paymentRef,
  version: complaintRewards.version,
};
const selectRewards = (tx: Db) => tx.select(rewardColumns).from(complaintRewards).innerJoin(complaints, eq(complaints.id, complaintRewards.complaintId));
type RewardRow = Awaited<ReturnType<typeof selectRewards>>[number];

/** A reward as the API shows it: numeric columns (strings from the driver) as numbers with 2 decimals; the proposer's id is kept inside. */
const rewardView = ({ proposedById: _proposer, ...r }: RewardRow) => ({ ...r, caseFine: r.caseFine === null ? null : Number(r.caseFine), amount: Number(r.amount) });
export type RewardView = ReturnType<typeof rewardView>;

const money = (n: number) => n.toFixed(2);

/**
 * Rewards for reports (举报奖励, §四1): the rules (versioned), a proposal computed under the
 * current rules for a substantiated report, the decision by an approver who is not the proposer,
 * the payment. Every step is audited (`complaint.reward_*`) and written to the item's timeline;
 * approval and payment are public events (the reporter's page shows the reward).
 */
export function makeRewardsService(deps: Pick<ComplaintsDeps, 'db' | 'audit' | 'todos'>) {
  const { db, audit, todos } = deps;

  async function currentRules(tx: Db = db) {
    const [row] = await tx.select().from(complaintRewardRules).orderBy(desc(complaintRewardRules.version)).limit(1);
    if (!row) throw new AppError('NO_REWARD_RULES', '尚未设置举报奖励规则', 409);
    return { version: row.version, ...checkRewardRules(row.rules), createdAt: row.createdAt };
  }

  /** The item, locked, when the actor may see it (404 otherwise, like a missing one). */
  async function complaintFor(tx: Db, actor: Actor, id: string) {
    const [row] = await tx
      .select({ id: complaints.id, kind: complaints.kind, substantiated: complaints.substantiated, trackingNo: complaints.trackingNo, regionCode: complaints.regionCode, orgId: complaints.orgId, sectionId: complaints.sectionId })
      .from(complaints)
      .where(and(eq(complaints.id, id), visibleTo(actor, { regionCode: complaints.regionCode })))
      .for('update');
    if (!row) throw notFound('投诉举报');
    return row;
  }

  async function rewardIn(tx: Db, where: SQL | undefined, lock = false): Promise<RewardRow | undefined> {
    const q = selectRewards(tx).where(where);
    const [row] = await (lock ? q.for('update', { of: complaintRewards }) : q);
    return row;
  }

  /** A reward the actor may see (through its item's region), locked for a write; 404 otherwise. */
  async function rewardFor(tx: Db, actor: Actor, id: string) {
    const row = await rewardIn(tx, and(eq(complaintRewards.id, id), visibleTo(actor, { regionCode: complaints.regionCode })), true);
    if (!row) throw notFound('举报奖励');
    return row;
  }

  async function event(tx: Db, ctx: ActorCtx, complaintId: string, kind: string, note: string, isPublic: boolean) {
    await tx.insert(complaintEvents).values({ complaintId, kind, actorKind: 'staff', actorId: ctx.actor.userId, actorName: ctx.actor.name, note, public: isPublic });
  }

  const todoKey = (rewardId: string) => `${REWARD_TODO_KIND}:${rewardId}`;

  return {
    /** The rules in force (the highest version). */
    currentRules: () => currentRules(),

    /**
     * Adds a version of the rules (`complaint.configure`), numbered one past the highest; If-Match
     * may name the current version (412 when another was added meanwhile). Proposals made before
     * keep the version they were computed under. Audited `complaint.reward_rules_created`.
     */
    async addRules(ctx: ActorCtx, input: unknown, expected?: ExpectedVersion) {
      const rules = checkRewardRules(input);
      return inTransaction(db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('complaint_reward_rules.version'))`);
        const [{ max } = { max: 0 }] = (await tx.select({ max: sql<number>`coalesce(max(${complaintRewardRules.version}), 0)::int` }).from(complaintRewardRules)) as { max: number }[];
        assertVersion(expected, max || null);
        const version = max + 1;
        await tx.insert(complaintRewardRules).values({ version, rules, createdById: ctx.actor.userId });
        await audit.record(tx, ctx, { action: 'complaint.reward_rules_created', targetType: 'complaint_reward_rules', targetId: String(version), after: { version, ...rules } });
        return currentRules(tx);
      });
    },

    /**
     * Proposes a reward for a substantiated report (`complaint.write`): 409 NOT_SUBSTANTIATED unless
     * the item is a report verified as substantiated, 409 REWARD_EXISTS when it has a proposed,
     * approved or paid reward (a rejected one may be proposed again). The amount is computed under
     * the current rules from `caseFine` or `level` (reward-rules.ts), never typed. Raises the
     * approvers' to-do; audited `complaint.reward_proposed`; timeline `reward_proposed` (internal).
     */
    async propose(ctx: ActorCtx, complaintId: string, input: { caseFine?: number | null; level?: string | null; reason: string }) {
      const reason = requireText(input.reason, 'reason', '奖励理由', REASON_MAX);
      return inTransaction(db, async (tx) => {
        const item = await complaintFor(tx, ctx.actor, complaintId);
        if (item.kind !== 'report' || item.substantiated !== true) throw new AppError('NOT_SUBSTANTIATED', '只有经核查属实的举报才能申请举报奖励', 409);
        const [live] = await tx
          .select({ id: complaintRewards.id, status: complaintRewards.status })
          .from(complaintRewards)
          .where(and(eq(complaintRewards.complaintId, complaintId), inArray(complaintRewards.status, LIVE)))
          .limit(1);
        if (live) throw new AppError('REWARD_EXISTS', '该举报已有待审批、已批准或已发放的奖励', 409, { rewardId: live.id, status: live.status });
        const rules = await currentRules(tx);
        const computed = rewardAmount(rules, input);
        const [row] = await tx
          .insert(complaintRewards)
          .values({
            complaintId,
            rulesVersion: rules.version,
            basis: rules.mode,
            caseFine: computed.caseFine === null ? null : money(computed.caseFine),
            level: computed.level,
            amount: money(computed.amount),
            reason,
            proposedById: ctx.actor.userId ?? ctx.actor.id,
            proposedByName: ctx.actor.name,
          })
          .returning({ id: complaintRewards.id });
        const id = row!.id;
        await audit.record(tx, ctx, {
          action: 'complaint.reward_proposed',
          targetType: 'complaint_reward',
          targetId: id,
          after: { complaintId, rulesVersion: rules.version, basis: rules.mode, caseFine: computed.caseFine, level: computed.level, amount: computed.amount },
        });
        await event(tx, ctx, complaintId, 'reward_proposed', `申请举报奖励 ${money(computed.amount)} 元（${computed.levelName ?? `罚没款 ${money(computed.caseFine ?? 0)} 元的 ${rules.percent}%`}，规则第 ${rules.version} 版）`, false);
        await todos.raise(tx, REWARD_TODO_KIND, [
          {
            key: todoKey(id),
            subjectType: 'complaint_reward',
            subjectId: id,
            title: `举报奖励待审批：${item.trackingNo}，金额 ${money(computed.amount)} 元`,
            params: { trackingNo: item.trackingNo, amount: money(computed.amount) },
            link: `/complaints/${complaintId}`,
            dueOn: null,
            orgId: item.sectionId ?? item.orgId,
            sectionId: null,
            permission: 'complaint.approve',
            regionCode: item.regionCode,
          },
        ]);
        return rewardView((await rewardIn(tx, eq(complaintRewards.id, id)))!);
      });
    },

    /**
     * Approves or rejects a proposal (`complaint.approve`): only a proposed reward (409
     * INVALID_TRANSITION), never by its proposer (409 SELF_APPROVAL); a rejection needs a note.
     * If-Match honoured. Resolves the to-do; audited `complaint.reward_approved` /
     * `complaint.reward_rejected`; timeline event of the same kind, public when approved.
     */
    async decide(ctx: ActorCtx, id: string, input: { approve: boolean; note?: string | null }, expected?: ExpectedVersion) {
      const note = orThrow(checkText(input.note ?? null, 'note', '审批意见', { max: NOTE_MAX, required: !input.approve }));
      return inTransaction(db, async (tx) => {
        const row = await rewardFor(tx, ctx.actor, id);
        assertVersion(expected, row.version);
        if (row.status !== 'proposed') throw new AppError('INVALID_TRANSITION', '该奖励已审批，不能再次审批', 409, { status: row.status });
        if (row.proposedById === (ctx.actor.userId ?? ctx.actor.id)) throw new AppError('SELF_APPROVAL', '不能审批本人提出的奖励申请', 409);
        const status: RewardStatus = input.approve ? 'approved' : 'rejected';
        await tx
          .update(complaintRewards)
          .set({ status, decidedById: ctx.actor.userId, decidedByName: ctx.actor.name, decidedAt: new Date(), decisionNote: note, version: nextVersion(complaintRewards.version) })
          .where(eq(complaintRewards.id, id));
        await audit.record(tx, ctx, { action: `complaint.reward_${status}`, targetType: 'complaint_reward', targetId: id, before: { status: row.status }, after: { status, amount: Number(row.amount) } });
        await event(tx, ctx, row.complaintId, `reward_${status}`, input.approve ? `批准举报奖励 ${row.amount} 元` : `不予奖励：${note}`, input.approve);
        await todos.resolve(tx, todoKey(id));
        return rewardView((await rewardIn(tx, eq(complaintRewards.id, id)))!);
      });
    },

    /**
     * Records the payment of an approved reward (`complaint.write`; 409 REWARD_NOT_APPROVED
     * otherwise): the day paid (not in the future) and the payment reference. If-Match honoured.
     * Audited `complaint.reward_paid`; public timeline event `reward_paid`.
     */
    async pay(ctx: ActorCtx, id: string, input: { paidOn: string; paymentRef: string }, expected?: ExpectedVersion) {
      const paidOn = requireDate(input.paidOn, 'paidOn', '发放日期');
      if (paidOn > todayInChina()) throw invalid('paidOn', '发放日期不能晚于今天', 'INVALID_DATE');
      const paymentRef = requireText(input.paymentRef, 'paymentRef', '发放凭证号', 100);
      return inTransaction(db, async (tx) => {
        const row = await rewardFor(tx, ctx.actor, id);
        assertVersion(expected, row.version);
        if (row.status !== 'approved') throw new AppError('REWARD_NOT_APPROVED', row.status === 'paid' ? '该奖励已发放' : '只有已批准的奖励才能登记发放', 409, { status: row.status });
        if (row.decidedAt && paidOn < todayInChina(row.decidedAt)) throw invalid('paidOn', '发放日期不能早于批准日期', 'INVALID_DATE');
        await tx.update(complaintRewards).set({ status: 'paid', paidOn, paymentRef, version: nextVersion(complaintRewards.version) }).where(eq(complaintRewards.id, id));
        await audit.record(tx, ctx, { action: 'complaint.reward_paid', targetType: 'complaint_reward', targetId: id, before: { status: row.status }, after: { status: 'paid', paidOn, paymentRef, amount: Number(row.amount) } });
        await event(tx, ctx, row.complaintId, 'reward_paid', `举报奖励 ${row.amount} 元已于 ${paidOn} 发放`, true);
        return rewardView((await rewardIn(tx, eq(complaintRewards.id, id)))!);
      });
    },

    /** Rewards of items in the actor's scope, newest proposal first (then id). */
    async list(actor: Actor, filter: { status?: RewardStatus; complaintId?: string }, page: Page) {
      const where = and(
        visibleTo(actor, { regionCode: complaints.regionCode }),
        filter.status ? eq(complaintRewards.status, filter.status) : undefined,
        filter.complaintId ? eq(complaintRewards.complaintId, filter.complaintId) : undefined,
      );
      const [items, [count]] = await Promise.all([
        selectRewards(db)
          .where(where)
          .orderBy(desc(complaintRewards.proposedAt), desc(complaintRewards.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(complaintRewards).innerJoin(complaints, eq(complaints.id, complaintRewards.complaintId)).where(where),
      ]);
      return { items: items.map(rewardView), total: count?.n ?? 0 };
    },
  };
}

export type RewardsService = ReturnType<typeof makeRewardsService>;
export type { RewardRules };
