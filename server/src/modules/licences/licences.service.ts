import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../db/sql.js';
import type { Actor, RequestContext } from '../../platform/access/actor.js';
import { visibleTo } from '../../platform/access/scope.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { TodosService } from '../../platform/todos/todos.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion, preconditionFailed } from '../../platform/http/etag.js';
import { type Page, offsetOf } from '../../platform/http/schemas.js';
import { orgs, regions } from '../../platform/jurisdiction/jurisdiction.schema.js';
import { enterprises } from '../enterprises/index.js';
import { licenceApprovalRules, licenceNotices, licenceTransitions, licenceTypes, licences } from './licences.schema.js';
import { type LicenceFieldsInput, checkLicenceFields, historicProblem, holderUnknown } from './licence-fields.js';
import { invalid, fieldError, requireDate, requireText } from '../../platform/validation/fields.js';
import { selectLicencesWithHolder } from './licence-reads.js';
import { licenceConditions } from './licence-search.js';
import { renderNotice } from './notice.js';
import { type LicenceState, STATE_LABELS, TRANSITION_TARGETS, type TransitionTarget, canTransition } from './states.js';

/** A licence's fields as the form and the API give them. */
export type LicenceInput = LicenceFieldsInput;

export interface TransitionInput {
  to: TransitionTarget;
  reason: string;
  legalBasis: string;
  documentNo: string;
  reviewOn?: string;
  deadlineWorkingDays?: number;
}

export interface LicenceFilter {
  type?: string;
  state?: LicenceState;
  regionCode?: string;
  expiringBefore?: string;
  uscc?: string;
}

/** The longest deadline an order to change the registration may set, in working days. */
export const MAX_CHANGE_DEADLINE_WORKING_DAYS = 250;

const licenceColumns = {
  id: licences.id,
  uscc: enterprises.uscc,
  enterpriseName: enterprises.name,
  regionCode: enterprises.regionCode,
  regionName: regions.name,
  type: licences.typeKey,
  typeName: licenceTypes.name,
  number: licences.number,
  scope: licences.scope,
  issuedOn: licences.issuedOn,
  expiresOn: licences.expiresOn,
  issuer: licences.issuer,
  state: licences.state,
  reviewOn: licences.reviewOn,
  changeDeadline: licences.changeDeadline,
  version: licences.version,
  createdAt: licences.createdAt,
  updatedAt: licences.updatedAt,
};

/** The measures an officer may ask for from the licence's state (the UI offers only these). */
/** The measures the reader may take on the licence in its state: none for the holder's own account (企业端). */
const withTargets =
  (actor: Actor | null) =>
  <T extends { state: LicenceState }>(row: T) => ({ ...row, allowedTargets: actor?.enterpriseUscc ? [] : TRANSITION_TARGETS.filter((to) => canTransition(row.state, to)) });

/**
 * Told, inside the decision's transaction, when a section head approves or rejects a pending
 * request (an exit procedure waits for it); a listener that throws undoes the decision.
 */
export type DecisionListener = (tx: Db, ctx: RequestContext & { actor: Actor }, request: typeof licenceTransitions.$inferSelect, approved: boolean) => Promise<void>;

/** 409 INVALID_TRANSITION unless a licence in state `from` may move to `to` (states.ts). */
function assertTransitionAllowed(from: LicenceState, to: LicenceState): void {
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_TRANSITION', `许可证当前为“${STATE_LABELS[from]}”，不能变更为“${STATE_LABELS[to]}”`, 409, { from, to });
  }
}

export function makeLicencesService(deps: { db: Db; audit: AuditService; calendar: CalendarService; todos: TodosService }) {
  const decisionListeners: DecisionListener[] = [];
  const { db, audit } = deps;
  const scopeOf = (actor: Actor) => visibleTo(actor, { regionCode: enterprises.regionCode, uscc: enterprises.uscc });

  const select = (tx: Db) =>
    selectLicencesWithHolder(tx, licenceColumns)
      .leftJoin(regions, eq(regions.code, enterprises.regionCode));

  async function find(tx: Db, actor: Actor | null, id: string) {
    const [row] = await select(tx).where(and(eq(licences.id, id), actor ? scopeOf(actor) : undefined));
    if (!row) throw notFound('许可证');
    return withTargets(actor)(row);
  }

  async function requiresApproval(tx: Db, to: LicenceState): Promise<boolean> {
    const [rule] = await tx.select().from(licenceApprovalRules).where(eq(licenceApprovalRules.toState, to));
    return rule?.requiresApproval ?? false;
  }

  /** Moves the licence (locked by the caller) and records the applied transition. */
  async function apply(tx: Db, ctx: RequestContext & { actor: Actor }, licence: { id: string; state: LicenceState }, t: typeof licenceTransitions.$inferInsert) {
    await tx
      .update(licences)
      .set({
        state: t.toState,
        reviewOn: t.toState === 'warning' ? (t.reviewOn ?? null) : null,
        changeDeadline: t.toState === 'changeOrdered' ? (t.deadlineOn ?? null) : null,
        version: nextVersion(licences.version),
        updatedAt: new Date(),
      })
      .where(eq(licences.id, licence.id));
    await audit.record(tx, ctx, { action: 'licence.transition', targetType: 'licence', targetId: licence.id, before: { state: licence.state }, after: { state: t.toState, reason: t.reason, documentNo: t.documentNo } });
  }

  /** A request waiting for approval is a to-do of the type's owning section, for its approvers (licence.approve), until decided. */
  const approvalKey = (requestId: string) => `licence.approval_pending:${requestId}`;
  async function raiseApproval(tx: Db, licenceId: string, request: { id: string; toState: LicenceState; requestedByName: string }) {
    const l = await find(tx, null, licenceId);
    const [type] = await tx.select({ sectionId: licenceTypes.sectionId }).from(licenceTypes).where(eq(licenceTypes.key, l.type));
    await deps.todos.raise(tx, 'licence.approval_pending', [
      {
        key: approvalKey(request.id),
        subjectType: 'licence',
        subjectId: licenceId,
        title: `${request.requestedByName}申请对${l.enterpriseName}的${l.typeName}（${l.number}）采取“${STATE_LABELS[request.toState]}”，待审批`,
        params: { requester: request.requestedByName, holder: l.enterpriseName, typeName: l.typeName, number: l.number, state: request.toState },
        link: `/licences/${licenceId}`,
        dueOn: null,
        orgId: null,
        sectionId: type?.sectionId ?? null,
        permission: 'licence.approve',
        regionCode: l.regionCode,
      },
    ]);
  }

  /** The licence row locked for a state change, after checking the actor may see it and that it is the version the client saw (If-Match). */
  async function lockVisible(tx: Db, actor: Actor, id: string, expected?: ExpectedVersion) {
    await find(tx, actor, id);
    const [row] = await tx.select({ id: licences.id, state: licences.state, version: licences.version }).from(licences).where(eq(licences.id, id)).for('update');
    assertVersion(expected, row!.version);
    return row!;
  }

  return {
    async create(ctx: RequestContext & { actor: Actor }, input: LicenceInput) {
      const [named] = await db.select().from(licenceTypes).where(eq(licenceTypes.key, input.type));
      const checked = checkLicenceFields(input, named);
      if (!checked.ok) throw fieldError(checked.problems[0]!);
      const { type, number, scope, issuedOn, expiresOn, issuer } = checked.value;
      if (type.historic) throw fieldError(historicProblem(type));

      return inTransaction(db, async (tx) => {
        const [enterprise] = await tx
          .select({ id: enterprises.id })
          .from(enterprises)
          .where(and(eq(enterprises.uscc, checked.value.uscc), scopeOf(ctx.actor)));
        if (!enterprise) throw fieldError(holderUnknown(checked.value));
        const [taken] = await tx.select({ id: licences.id }).from(licences).where(and(eq(licences.typeKey, type.key), eq(licences.number, number)));
        if (taken) throw new AppError('DUPLICATE', `${type.name}编号 ${number} 已登记`, 409, { field: 'number' });
        const [row] = await tx.insert(licences).values({ enterpriseId: enterprise.id, typeKey: type.key, number, scope, issuedOn, expiresOn, issuer }).returning({ id: licences.id });
        const created = await find(tx, null, row!.id);
        const [bureau] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, ctx.actor.orgId));
        const notice = await renderNotice({ ...created, typeName: type.name, legalBasis: type.legalBasis, bureau: bureau?.name ?? '' }, todayInChina());
        await tx.insert(licenceNotices).values({ licenceId: row!.id, fileName: `告知书-${type.name}-${number}.docx`, content: notice, sha256: createHash('sha256').update(notice).digest('hex') });
        await audit.record(tx, ctx, { action: 'licence.created', targetType: 'licence', targetId: row!.id, after: created });
        return created;
      });
    },

    async list(actor: Actor, filter: LicenceFilter, page: Page) {
      const where = licenceConditions(actor, filter);
      const [items, [count]] = await Promise.all([
        select(db).where(where).orderBy(asc(licences.expiresOn), asc(licences.number), asc(licences.id)).limit(page.pageSize).offset(offsetOf(page)),
        db
          .select({ n: countAll })
          .from(licences)
          .innerJoin(enterprises, eq(enterprises.id, licences.enterpriseId))
          .where(where),
      ]);
      return { items: items.map(withTargets(actor)), total: count?.n ?? 0 };
    },

    /** `tx`: the caller's open transaction, when the lookup is part of a larger step. */
    get: (actor: Actor, id: string, tx: Db = db) => find(tx, actor, id),

    /** The notice (告知书) handed out on issuing, as stored then. */
    async notice(actor: Actor, id: string) {
      await find(db, actor, id);
      const [row] = await db.select({ fileName: licenceNotices.fileName, content: licenceNotices.content }).from(licenceNotices).where(eq(licenceNotices.licenceId, id));
      if (!row) throw notFound('告知书');
      return row;
    },

    /** The licence's measures, newest first, pending requests included. */
    async timeline(actor: Actor, id: string) {
      await find(db, actor, id);
      // An enterprise's account sees the measures applied to it, not the bureau's pending or rejected requests.
      const applied = actor.enterpriseUscc ? eq(licenceTransitions.status, 'applied') : undefined;
      const items = await db
        .select()
        .from(licenceTransitions)
        .where(and(eq(licenceTransitions.licenceId, id), applied))
        .orderBy(desc(licenceTransitions.requestedAt), desc(licenceTransitions.id));
      return { items, total: items.length };
    },

    /**
     * Applies a measure, or files it for approval when its target requires one (the state stays
     * until a section head approves). A target not allowed from the current state, or a request
     * while another waits, changes nothing. `outer`: the caller's transaction, when the measure is
     * part of a larger step (a feedback decision, an exit decision). `expected`: the licence's
     * version the client saw (If-Match).
     */
    async requestTransition(ctx: RequestContext & { actor: Actor }, id: string, input: TransitionInput, outer: Db = db, expected?: ExpectedVersion) {
      const reason = requireText(input.reason, 'reason', '理由', 2000);
      const legalBasis = requireText(input.legalBasis, 'legalBasis', '法律依据');
      const documentNo = requireText(input.documentNo, 'documentNo', '决定书文号', 100);
      let reviewOn: string | null = null;
      let deadline: { date: string; certain: boolean } | null = null;
      if (input.to === 'warning') {
        reviewOn = requireDate(input.reviewOn, 'reviewOn', '复查日期');
        if (reviewOn <= todayInChina()) throw invalid('reviewOn', '复查日期应晚于今天');
      }
      if (input.to === 'changeOrdered') {
        const days = input.deadlineWorkingDays;
        if (!Number.isInteger(days) || days! < 1 || days! > MAX_CHANGE_DEADLINE_WORKING_DAYS) {
          throw invalid('deadlineWorkingDays', `办理期限应为 1–${MAX_CHANGE_DEADLINE_WORKING_DAYS} 个工作日`);
        }
        deadline = await deps.calendar.addWorkingDays(todayInChina(), days!, outer);
      }

      return inTransaction(outer, async (tx) => {
        const licence = await lockVisible(tx, ctx.actor, id, expected);
        const [pending] = await tx.select({ id: licenceTransitions.id }).from(licenceTransitions).where(and(eq(licenceTransitions.licenceId, id), eq(licenceTransitions.status, 'pending')));
        if (pending) throw new AppError('TRANSITION_PENDING', '该许可证已有待审批的监管措施，请先审批或驳回', 409, { requestId: pending.id });
        assertTransitionAllowed(licence.state, input.to);
        const approval = await requiresApproval(tx, input.to);
        const values = {
          licenceId: id,
          fromState: licence.state,
          toState: input.to,
          reason,
          legalBasis,
          documentNo,
          reviewOn,
          deadlineWorkingDays: input.to === 'changeOrdered' ? input.deadlineWorkingDays! : null,
          deadlineOn: deadline?.date ?? null,
          deadlineCertain: deadline?.certain ?? null,
          status: approval ? ('pending' as const) : ('applied' as const),
          requestedBy: ctx.actor.userId,
          requestedByName: ctx.actor.name,
        };
        const [request] = await tx.insert(licenceTransitions).values(values).returning();
        if (approval) {
          await audit.record(tx, ctx, { action: 'licence.transition_requested', targetType: 'licence', targetId: id, after: { requestId: request!.id, to: input.to } });
          await raiseApproval(tx, id, request!);
          return { pending: true as const, request: request! };
        }
        await apply(tx, ctx, licence, values);
        return { pending: false as const, licence: await find(tx, null, id), request: request! };
      });
    },

    /**
     * Applies a measure decided and approved outside the licence's own workflow — an administrative
     * penalty decision of an enforcement case (吊销许可证, the cases module) — at once, in the
     * caller's transaction, with the decision's document number: no approval request (the decision
     * was approved in the case). Like any measure it is an applied transition (the licence's
     * history, the public revocations list), audited `licence.transition`; its `decidedAt` is the
     * decision's day (China time) when that was before today. 404 outside the actor's scope, 409
     * TRANSITION_PENDING while a request waits for approval, 409 INVALID_TRANSITION from a final state.
     */
    async applyDecided(tx: Db, ctx: RequestContext & { actor: Actor }, id: string, input: { to: 'revoked'; reason: string; legalBasis: string; documentNo: string; decidedOn: string }) {
      const reason = requireText(input.reason, 'reason', '理由', 2000);
      const legalBasis = requireText(input.legalBasis, 'legalBasis', '法律依据');
      const documentNo = requireText(input.documentNo, 'documentNo', '决定书文号', 100);
      const decidedOn = requireDate(input.decidedOn, 'decidedOn', '决定日期');
      const licence = await lockVisible(tx, ctx.actor, id);
      const [pending] = await tx.select({ id: licenceTransitions.id }).from(licenceTransitions).where(and(eq(licenceTransitions.licenceId, id), eq(licenceTransitions.status, 'pending')));
      if (pending) throw new AppError('TRANSITION_PENDING', '该许可证有待审批的监管措施，请先审批或驳回', 409, { requestId: pending.id });
      assertTransitionAllowed(licence.state, input.to);
      const decidedAt = decidedOn < todayInChina() ? new Date(`${decidedOn}T00:00:00+08:00`) : new Date();
      const values = {
        licenceId: id,
        fromState: licence.state,
        toState: input.to,
        reason,
        legalBasis,
        documentNo,
        status: 'applied' as const,
        requestedBy: ctx.actor.userId,
        requestedByName: ctx.actor.name,
        decidedBy: ctx.actor.userId,
        decidedByName: ctx.actor.name,
        decidedAt,
      };
      const [request] = await tx.insert(licenceTransitions).values(values).returning();
      await apply(tx, ctx, licence, values);
      return { licence: await find(tx, null, id), request: request! };
    },

    /** The request of the licence waiting for approval, if any (read in the caller's transaction). */
    async pendingRequest(tx: Db, id: string) {
      const [pending] = await tx.select().from(licenceTransitions).where(and(eq(licenceTransitions.licenceId, id), eq(licenceTransitions.status, 'pending')));
      return pending ?? null;
    },

    /** A section head decides a pending request; the requester may not decide their own. `expected`: the licence's version (If-Match). */
    async decide(ctx: RequestContext & { actor: Actor }, id: string, requestId: string, decision: { approve: boolean; note?: string }, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const licence = await lockVisible(tx, ctx.actor, id, expected);
        const [request] = await tx.select().from(licenceTransitions).where(and(eq(licenceTransitions.id, requestId), eq(licenceTransitions.licenceId, id)));
        if (!request) throw notFound('审批请求');
        if (request.status !== 'pending') throw new AppError('NOT_PENDING', '该请求已处理', 409);
        if (request.requestedBy && request.requestedBy === ctx.actor.userId) throw forbidden('不能审批自己提出的请求');
        const note = decision.note?.trim() || null;
        if (!decision.approve && !note) throw invalid('note', '驳回须说明理由');
        if (decision.approve) assertTransitionAllowed(licence.state, request.toState);
        await tx
          .update(licenceTransitions)
          .set({ status: decision.approve ? 'applied' : 'rejected', fromState: licence.state, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.name, decidedAt: new Date(), decisionNote: note })
          .where(eq(licenceTransitions.id, requestId));
        if (decision.approve) await apply(tx, ctx, licence, { ...request, fromState: licence.state });
        else await audit.record(tx, ctx, { action: 'licence.transition_rejected', targetType: 'licence', targetId: id, after: { requestId, note } });
        await deps.todos.resolve(tx, approvalKey(requestId));
        for (const listener of decisionListeners) await listener(tx, ctx, request, decision.approve);
        return find(tx, null, id);
      });
    },

    /** Subscribes to approvals and rejections of pending requests (see DecisionListener). */
    onDecision(listener: DecisionListener) {
      decisionListeners.push(listener);
    },

    /** Every target's rule; a rule never set needs no approval and is version 0. */
    async approvalRules() {
      const rules = await db.select().from(licenceApprovalRules);
      const items = TRANSITION_TARGETS.map((to) => {
        const rule = rules.find((r) => r.toState === to);
        return { to, requiresApproval: rule?.requiresApproval ?? false, version: rule?.version ?? 0 };
      });
      return { items, total: items.length };
    },

    /** Sets whether a target needs approval; `expected` (If-Match) must name the rule's version (0: never set). */
    async setApprovalRule(ctx: RequestContext & { actor: Actor }, to: TransitionTarget, requiresApproval: boolean, expected?: ExpectedVersion) {
      return inTransaction(db, async (tx) => {
        const [rule] = await tx.select({ version: licenceApprovalRules.version }).from(licenceApprovalRules).where(eq(licenceApprovalRules.toState, to)).for('update');
        assertVersion(expected, rule?.version ?? 0);
        const [saved] = await tx
          .insert(licenceApprovalRules)
          .values({ toState: to, requiresApproval })
          .onConflictDoUpdate({ target: licenceApprovalRules.toState, set: { requiresApproval, version: nextVersion(licenceApprovalRules.version), updatedAt: new Date() } })
          .returning({ version: licenceApprovalRules.version });
        // A rule set by someone else since the (absent) row was read: the insert became an update.
        if (expected && saved!.version !== (rule?.version ?? 0) + 1) throw preconditionFailed(saved!.version - 1);
        await audit.record(tx, ctx, { action: 'licence.approval_rule', targetType: 'licence_approval_rule', targetId: to, after: { requiresApproval } });
        return { to, requiresApproval, version: saved!.version };
      });
    },

    /** Licences whose validity ended move to `expired` (the daily job; `today` for tests). */
    async expire(ctx: RequestContext, today = todayInChina()) {
      return inTransaction(db, async (tx) => {
        const due = await tx
          .select({ id: licences.id, state: licences.state })
          .from(licences)
          .where(and(sql`${licences.expiresOn} < ${today}`, inArray(licences.state, ['normal', 'warning', 'changeOrdered', 'suspended'])))
          .for('update');
        for (const l of due) {
          await tx.insert(licenceTransitions).values({ licenceId: l.id, fromState: l.state, toState: 'expired', reason: '有效期届满', legalBasis: '许可证有效期届满', documentNo: '—', status: 'applied', requestedBy: null, requestedByName: 'system' });
          await tx.update(licences).set({ state: 'expired', reviewOn: null, changeDeadline: null, version: nextVersion(licences.version), updatedAt: new Date() }).where(eq(licences.id, l.id));
        }
        if (due.length) await audit.record(tx, ctx, { action: 'licence.expired', targetType: 'licence', targetId: String(due.length), after: { ids: due.map((d) => d.id) } });
        return { expired: due.length };
      });
    },
  };
}

export type LicencesService = ReturnType<typeof makeLicencesService>;
