import { eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden } from '../../../platform/http/errors.js';
import { checkText, invalid, orThrow, requireText } from '../../../platform/validation/fields.js';
import type { ComplaintsDeps } from '../complaints.deps.js';
import { type DeadlineKind, complaintEvents, complaints } from '../complaints.schema.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { Clocks } from './clocks.js';
import { VERIFY_EXTENSION_DAYS } from './clocks.js';
import { type ComplaintRow, isTooOld, reporterNotified } from './complaint-json.js';
import { type ComplaintAction, COMPLAINT_ACTIONS, actionsFor } from './states.js';

export type ActorCtx = RequestContext & { actor: Actor };
export type HandlingDeps = ComplaintsDeps & { routing: RoutingService; clocks: Clocks };

/** Most characters of an officer's note, a reason, the findings and the result texts. */
export const NOTE_MAX = 2000;
export const FINDINGS_MAX = 5000;
export const PUBLIC_RESULT_MAX = 2000;
export const REASON_MAX = 500;

export const NOTIFY_CHANNELS = ['phone', 'sms', 'letter', 'in_person'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
const CHANNEL_LABELS: Record<NotifyChannel, string> = { phone: '电话告知', sms: '短信告知', letter: '书面告知', in_person: '当面告知' };

export const LINK_CREATE_TARGETS = ['inspection_task', 'equipment_hazard', 'licence_lead', 'licence_exit'] as const;

/**
 * The body of `POST /api/complaints/:id/actions`: `action` and the fields of that action (the
 * route's schema allows the union of all fields; each action checks its own here, 400 VALIDATION
 * with `field`).
 */
export interface ActionBody {
  action: ComplaintAction;
  note?: string | null;
  reason?: string | null;
  orgId?: string | null;
  topic?: string | null;
  substantiated?: boolean | null;
  caseOpened?: boolean | null;
  findings?: string | null;
  channel?: NotifyChannel | null;
  publicResult?: string | null;
  result?: string | null;
  mediationResult?: 'agreed' | 'failed' | null;
  target?: string | null;
  targetId?: string | null;
  label?: string | null;
  create?: Record<string, unknown> | null;
}

export const invalidTransition = (row: Pick<ComplaintRow, 'kind' | 'status'>, action: string) =>
  new AppError('INVALID_TRANSITION', `当前状态不能执行该操作（${action}）`, 409, { from: row.status, action, allowed: actionsFor(row.kind, row.status) });

const optionalText = (v: string | null | undefined, field: string, label: string, max: number) => orThrow(checkText(v ?? null, field, label, { max, required: false }));

/**
 * The time of a new event: now, but after the item's latest event (an acknowledgement written a
 * moment before in the same transaction), so the timeline's order is the order things happened.
 */
export async function eventTime(tx: Db, complaintId: string): Promise<Date> {
  const [last] = await tx.select({ at: max(complaintEvents.at) }).from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId));
  const now = new Date();
  return last?.at && last.at.getTime() >= now.getTime() ? new Date(last.at.getTime() + 1) : now;
}

/** What one action did, for the audit event (never reporter data). */
export type ActionResult = Record<string, unknown>;

/** The fields of the complaint a step changes (status and the rest); the caller bumps the version. */
type Set = Partial<typeof complaints.$inferInsert>;

/**
 * The state-changing actions except `link` (act.ts). Each runs inside the caller's transaction on
 * the locked row, after the state check; it writes its events and clocks and returns the columns
 * to set and what the audit event keeps.
 */
export function makeActions(deps: HandlingDeps) {
  const { clocks, todos } = deps;
  const { routing } = deps;

  async function event(tx: Db, ctx: ActorCtx, row: ComplaintRow, kind: string, fields: { note?: string | null; public?: boolean; fromOrgId?: string | null; toOrgId?: string | null } = {}) {
    await tx.insert(complaintEvents).values({
      complaintId: row.id,
      kind,
      at: await eventTime(tx, row.id),
      actorKind: 'staff',
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      note: fields.note ?? null,
      public: fields.public ?? false,
      fromOrgId: fields.fromOrgId ?? null,
      toOrgId: fields.toOrgId ?? null,
    });
  }

  async function setRow(tx: Db, id: string, set: Set) {
    if (Object.keys(set).length) await tx.update(complaints).set(set).where(eq(complaints.id, id));
  }

  const cancelAll = async (tx: Db, id: string, kinds: DeadlineKind[], on: string) => {
    for (const k of kinds) await clocks.cancel(tx, id, k, on);
  };

  const steps: Record<Exclude<ComplaintAction, 'link'>, (tx: Db, ctx: ActorCtx, row: ComplaintRow, body: ActionBody) => Promise<ActionResult>> = {
    /** 受理: a complaint (not over three years old) is accepted and its mediation clock starts; a report's check starts. */
    async accept(tx, ctx, row, body) {
      const note = optionalText(body.note, 'note', '受理意见', NOTE_MAX);
      const today = todayInChina();
      if (row.kind === 'complaint') {
        if (isTooOld(row)) throw new AppError('COMPLAINT_TOO_OLD', '投诉事项发生超过三年，不予受理（可选择“不予受理”，理由：超过三年）', 409, { occurredOn: row.occurredOn, receivedOn: row.receivedOn });
        await clocks.meet(tx, row.id, 'accept', today);
        await clocks.start(tx, row.id, 'mediation', today);
        await setRow(tx, row.id, { status: 'accepted', decidedOn: today });
        await event(tx, ctx, row, 'accepted', { note, public: true });
        return { status: 'accepted', decidedOn: today };
      }
      // A report's verification clock runs from receipt (started at intake; started here if it was not).
      await clocks.start(tx, row.id, 'verify', row.receivedOn);
      await setRow(tx, row.id, { status: 'verifying' });
      await event(tx, ctx, row, 'verification_started', { note, public: true });
      return { status: 'verifying' };
    },

    /** 不予受理 with a reason, which is the public result; the item ends. */
    async refuse(tx, ctx, row, body) {
      const reason = requireText(body.reason, 'reason', '不予受理的理由', REASON_MAX);
      const today = todayInChina();
      await clocks.meet(tx, row.id, 'accept', today);
      await cancelAll(tx, row.id, ['verify', 'mediation', 'notify'], today);
      const now = new Date();
      await setRow(tx, row.id, { status: 'refused', refusalReason: reason, publicResult: reason, publicResultApprovedBy: ctx.actor.userId, decidedOn: today, closedAt: now });
      await event(tx, ctx, row, 'refused', { note: reason, public: true });
      return { status: 'refused', reason, decidedOn: today };
    },

    /** Re-routing to another bureau or topic (routing part); the timeline keeps the hop. */
    async route(tx, ctx, row, body) {
      const reason = requireText(body.reason, 'reason', '转办理由', REASON_MAX);
      if (!body.orgId && !body.topic) throw invalid('orgId', '请选择转办的单位或主题');
      const after = await routing.reroute(tx, ctx, row, { orgId: body.orgId ?? null, topic: body.topic ?? null, reason });
      return { from: { orgId: row.orgId, regionCode: row.regionCode, topic: row.topic }, to: { orgId: after.orgId, regionCode: after.regionCode, topic: after.topic }, reason };
    },

    /** 调解: the subject enterprise's accounts see the item and answer (a to-do for them). */
    async mediate(tx, ctx, row, body) {
      const note = optionalText(body.note, 'note', '调解说明', NOTE_MAX);
      if (!row.subjectEnterpriseId || !row.subjectUscc) throw new AppError('NO_SUBJECT_ENTERPRISE', '被投诉对象不是登记的企业，无法组织企业调解', 409);
      await setRow(tx, row.id, { status: 'mediating' });
      await event(tx, ctx, row, 'mediation_started', { note, public: true });
      const [clock] = (await clocks.of(tx, row.id)).filter((c) => c.kind === 'mediation');
      await todos.raise(tx, 'complaint.mediation', [
        {
          key: `complaint.mediation:${row.id}`,
          subjectType: 'complaint',
          subjectId: row.id,
          title: `投诉调解：${row.trackingNo}，请答复`,
          params: { trackingNo: row.trackingNo },
          link: `/my/complaints/${row.id}`,
          dueOn: clock?.dueOn ?? null,
          dueCertain: clock?.dueCertain ?? true,
          orgId: null,
          sectionId: null,
          enterpriseUscc: row.subjectUscc,
          regionCode: row.regionCode,
        },
      ]);
      return { status: 'mediating' };
    },

    /** 核查结论 of a report: substantiated or not, case opened or not; a named reporter is told within 5 working days. */
    async verify(tx, ctx, row, body) {
      if (row.decidedOn !== null) throw invalidTransition(row, 'verify');
      if (typeof body.substantiated !== 'boolean') throw invalid('substantiated', '请选择举报是否属实');
      if (typeof body.caseOpened !== 'boolean') throw invalid('caseOpened', '请选择是否立案');
      const findings = requireText(body.findings, 'findings', '核查情况', FINDINGS_MAX);
      const today = todayInChina();
      await clocks.meet(tx, row.id, 'verify', today);
      if (!row.anonymous) await clocks.start(tx, row.id, 'notify', today);
      await setRow(tx, row.id, { decidedOn: today, substantiated: body.substantiated, caseOpened: body.caseOpened, result: findings });
      await event(tx, ctx, row, 'verified', { note: `${body.substantiated ? '举报属实' : '举报不属实'}；${body.caseOpened ? '已立案' : '未立案'}`, public: true });
      return { decidedOn: today, substantiated: body.substantiated, caseOpened: body.caseOpened };
    },

    /** +15 working days on the verification clock, once, with a section head's approval. */
    async extend(tx, ctx, row, body) {
      const reason = requireText(body.reason, 'reason', '延期理由', REASON_MAX);
      if (row.decidedOn !== null) throw invalidTransition(row, 'extend');
      const done = await clocks.extend(tx, row.id, 'verify', VERIFY_EXTENSION_DAYS, ctx.actor.userId ?? ctx.actor.id);
      if (!done) throw new AppError('ALREADY_EXTENDED', '核查期限只能延长一次', 409);
      const [clock] = (await clocks.of(tx, row.id)).filter((c) => c.kind === 'verify');
      await event(tx, ctx, row, 'extended', { note: reason, public: true });
      return { dueOn: clock?.dueOn, reason };
    },

    /** The named reporter was told of the decision (whether a case is opened). */
    async notify_reporter(tx, ctx, row, body) {
      const channel = body.channel;
      if (!channel || !(NOTIFY_CHANNELS as readonly string[]).includes(channel)) throw invalid('channel', '请选择告知方式');
      const note = optionalText(body.note, 'note', '告知情况', NOTE_MAX);
      if (row.substantiated === null || row.decidedOn === null) throw new AppError('NOT_DECIDED', '核查结论作出后才能告知举报人', 409);
      if (row.anonymous) throw new AppError('REPORTER_ANONYMOUS', '匿名举报无需告知举报人', 409);
      if (await reporterNotified(tx, row.id)) throw new AppError('ALREADY_NOTIFIED', '已告知举报人', 409);
      const today = todayInChina();
      await clocks.meet(tx, row.id, 'notify', today);
      await event(tx, ctx, row, 'reporter_notified', { note: note ? `${CHANNEL_LABELS[channel]}：${note}` : CHANNEL_LABELS[channel], public: true });
      return { channel, notifiedOn: today };
    },

    /** 办结 with the text approved for the reporter (有查必果). */
    async close(tx, ctx, row, body) {
      const publicResult = requireText(body.publicResult, 'publicResult', '答复举报人（投诉人）的办理结果', PUBLIC_RESULT_MAX);
      const result = optionalText(body.result, 'result', '办理结果', FINDINGS_MAX);
      const decidedKinds = row.kind === 'complaint' || row.kind === 'report';
      if (body.substantiated !== undefined && body.substantiated !== null && typeof body.substantiated !== 'boolean') throw invalid('substantiated', '请选择是否属实');
      const substantiated = typeof body.substantiated === 'boolean' ? body.substantiated : row.substantiated;
      if (decidedKinds && substantiated === null) throw invalid('substantiated', '请选择投诉举报是否属实');
      const mediating = row.status === 'mediating';
      if (mediating && body.mediationResult !== 'agreed' && body.mediationResult !== 'failed') throw invalid('mediationResult', '请选择调解结果（达成协议或调解不成）');
      if (!mediating && body.mediationResult) throw invalid('mediationResult', '只有调解中的投诉可以填写调解结果');
      if (row.kind === 'report' && !row.anonymous && !(await reporterNotified(tx, row.id))) {
        throw new AppError('REPORTER_NOT_NOTIFIED', '实名举报须先将核查结论告知举报人，再办结', 409);
      }
      const today = todayInChina();
      // Clocks still running are met by the closing, except a mediation that never started (cancelled).
      const running = (await clocks.of(tx, row.id)).filter((c) => !c.metOn && !c.cancelledOn);
      for (const c of running) {
        if (c.kind === 'mediation' && !mediating) await clocks.cancel(tx, row.id, c.kind, today);
        else await clocks.meet(tx, row.id, c.kind, today);
      }
      const set: Set = {
        status: 'closed',
        closedAt: new Date(),
        publicResult,
        publicResultApprovedBy: ctx.actor.userId,
        substantiated: decidedKinds ? substantiated : row.substantiated,
        decidedOn: row.decidedOn ?? today,
        ...(result !== null ? { result } : {}),
        ...(mediating ? { mediationResult: body.mediationResult! } : {}),
      };
      await setRow(tx, row.id, set);
      await todos.resolveSubject(tx, 'complaint.mediation', row.id);
      await event(tx, ctx, row, 'closed', { note: publicResult, public: true });
      return { status: 'closed', substantiated: set.substantiated, mediationResult: set.mediationResult ?? null };
    },
  };

  /** The permission an action needs: `extend` a section head's approval, the rest `complaint.write`. */
  function assertMay(actor: Actor, action: ComplaintAction) {
    const needed = action === 'extend' ? 'complaint.approve' : 'complaint.write';
    if (!actor.permissions.has(needed)) throw forbidden(action === 'extend' ? '延长核查期限须经科室负责人批准（complaint.approve）' : '无权办理投诉举报');
  }

  return { steps, event, assertMay, isAction: (a: unknown): a is ComplaintAction => typeof a === 'string' && (COMPLAINT_ACTIONS as readonly string[]).includes(a) };
}
export type Actions = ReturnType<typeof makeActions>;
