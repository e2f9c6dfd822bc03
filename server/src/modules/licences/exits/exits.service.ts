import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import type { Page } from '../../../platform/http/schemas.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import type { UsersService } from '../../../platform/users/users.service.js';
import { DOCX, type LicenceDocuments } from '../documents/documents.service.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import type { LicencesService } from '../licences.service.js';
import { STATE_LABELS, canTransition } from '../states.js';
import { type DocumentParties, renderDecision, renderInvestigationNotice } from './exit-documents.js';
import { KIND_LABELS, MAX_INVESTIGATION_WORKING_DAYS, OUTCOME_LABELS, TRIGGER_SOURCES_OF, allowedOutcomes, startStage } from './exit-rules.js';
import { type ExitFilter, type ExitView, exitAwaiting, findExit, listExits, lockExit, openExitOf } from './exits.repo.js';
import { type ExitKind, type ExitOutcome, type ExitTriggerSource, LAW_AREAS, type LawArea, licenceExits } from './exits.schema.js';

export interface OpenExitInput {
  licenceId: string;
  kind: ExitKind;
  triggerSource: ExitTriggerSource;
  /** The feedback notice that opened it (triggerSource `feedback` only). */
  feedbackId?: string | null;
  triggerParty: string;
  triggerSummary: string;
  triggerDocumentNo?: string | null;
  triggerOn: string;
  /** serious_violation only. */
  lawArea?: LawArea | null;
  /** conditions_lost only: who investigates, and for how many working days. */
  investigatorId?: string | null;
  investigationWorkingDays?: number | null;
}

export interface InvestigationInput {
  findings: string;
  justifiedReason: boolean;
}

export interface ExitDecisionInput {
  outcome: ExitOutcome;
  reason: string;
  /** Required for revocation and cancellation (they are measures on the licence). */
  legalBasis?: string | null;
  documentNo?: string | null;
}

type Ctx = RequestContext & { actor: Actor };
type ExitRow = typeof licenceExits.$inferSelect;

const optionalText = (value: string | null | undefined, field: string, label: string, max: number) => (value?.trim() ? requireText(value, field, label, max) : null);
const stageError = (message: string) => new AppError('EXIT_STAGE', message, 409);

/** The trigger fields, checked and trimmed, before anything is read or written. */
function checkTrigger(input: OpenExitInput) {
  const { kind } = input;
  if (!TRIGGER_SOURCES_OF[kind].includes(input.triggerSource)) throw invalid('triggerSource', `“${KIND_LABELS[kind]}”的退出程序不能由该来源启动`);
  if (input.triggerSource === 'feedback' && !input.feedbackId) throw invalid('feedbackId', '由部门反馈启动的退出程序须关联反馈记录');
  if (input.triggerSource !== 'feedback' && input.feedbackId) throw invalid('feedbackId', '只有由部门反馈启动的退出程序才关联反馈记录');
  const triggerOn = requireDate(input.triggerOn, 'triggerOn', '反映或决定日期');
  if (triggerOn > todayInChina()) throw invalid('triggerOn', '反映或决定日期不能晚于今天');
  if (kind === 'serious_violation' ? !input.lawArea || !LAW_AREAS.includes(input.lawArea) : input.lawArea) {
    throw invalid('lawArea', kind === 'serious_violation' ? '请选择违反的法律领域' : '只有严重违法的退出程序需要填写法律领域');
  }
  const days = input.investigationWorkingDays;
  if (kind === 'conditions_lost') {
    if (!input.investigatorId) throw invalid('investigatorId', '请指定核查人员');
    if (!Number.isInteger(days) || days! < 1 || days! > MAX_INVESTIGATION_WORKING_DAYS) throw invalid('investigationWorkingDays', `核查期限应为 1–${MAX_INVESTIGATION_WORKING_DAYS} 个工作日`);
  } else if (input.investigatorId || days) {
    throw invalid('investigatorId', '只有不再具备许可条件的退出程序需要调查核实');
  }
  return {
    triggerParty: requireText(input.triggerParty, 'triggerParty', '反映或决定单位', 200),
    triggerSummary: requireText(input.triggerSummary, 'triggerSummary', '反映或决定内容', 2000),
    triggerDocumentNo: optionalText(input.triggerDocumentNo, 'triggerDocumentNo', '来文文号', 100),
    triggerOn,
  };
}

const partiesOf = (exit: ExitView): DocumentParties => ({ ...exit.licence, bureau: exit.orgName });

/**
 * Exit supervision (seed §三(三)): a procedure opened on a licence by a report, a closure decision
 * or a finding of a serious violation, investigated when the holder may no longer meet the
 * conditions, and closed by a decision — revocation or cancellation (a measure on the licence,
 * with its 决定书) or dismissal. Its documents are kept with the licence.
 */
export function makeLicenceExits(deps: { db: Db; audit: AuditService; calendar: CalendarService; jurisdiction: JurisdictionService; users: UsersService; licences: LicencesService; documents: LicenceDocuments; todos: TodosService }) {
  const { db, audit } = deps;

  /** The investigation is a to-do of the investigator in person until its findings are recorded. */
  async function raiseInvestigation(tx: Db, exit: ExitView) {
    const { licence } = exit;
    await deps.todos.raise(tx, 'exit.investigation_assigned', [
      {
        key: `exit.investigation_assigned:${exit.id}:${exit.investigatorId}`,
        subjectType: 'licence_exit',
        subjectId: exit.id,
        title: `请于 ${exit.investigationDueOn} 前核查${licence.enterpriseName}的${licence.typeName}（${licence.number}）是否仍具备许可条件`,
        params: { holder: licence.enterpriseName, typeName: licence.typeName, number: licence.number, date: exit.investigationDueOn! },
        link: `/licence-exits/${exit.id}`,
        dueOn: exit.investigationDueOn,
        dueCertain: exit.investigationDueCertain !== false,
        orgId: exit.orgId,
        sectionId: null,
        userId: exit.investigatorId,
        regionCode: exit.regionCode,
      },
    ]);
  }

  /** The investigator: an active user the actor can see (a field error otherwise). */
  async function investigator(tx: Db, actor: Actor, id: string) {
    const user = await deps.users.get(actor, id, tx).catch(() => null);
    if (!user?.active) throw invalid('investigatorId', '核查人员不存在、已停用或不在您的辖区');
    return user;
  }

  /** Generates and keeps the 决定书 of a revocation or cancellation that has taken effect. */
  async function issueDecision(tx: Db, ctx: RequestContext, exit: ExitRow) {
    const view = await findExit(tx, null, exit.id);
    const doc = await renderDecision(partiesOf(view), view, { outcome: exit.outcome as 'revoked' | 'cancelled', documentNo: exit.documentNo!, reason: exit.decisionReason!, legalBasis: exit.legalBasis!, findings: exit.findings }, todayInChina());
    await deps.documents.store(tx, ctx, { licenceId: exit.licenceId, exitId: exit.id, kind: exit.outcome === 'revoked' ? 'revocation_decision' : 'cancellation_decision', contentType: DOCX, ...doc });
  }

  // A decision that needed a section head's approval closes the procedure when approved, and
  // sends it back to the decision step when rejected.
  deps.licences.onDecision(async (tx, ctx, request, approved) => {
    const exit = await exitAwaiting(tx, request.id);
    if (!exit) return;
    if (approved) {
      await issueDecision(tx, ctx, exit);
      await tx.update(licenceExits).set({ stage: 'closed', version: nextVersion(licenceExits.version), updatedAt: new Date() }).where(eq(licenceExits.id, exit.id));
      await audit.record(tx, ctx, { action: 'licence_exit.closed', targetType: 'licence_exit', targetId: exit.id, after: { outcome: exit.outcome, transitionId: request.id } });
      return;
    }
    const cleared = { outcome: null, decisionReason: null, legalBasis: null, documentNo: null, transitionId: null, decidedBy: null, decidedByName: null, decidedAt: null };
    await tx
      .update(licenceExits)
      .set({ ...cleared, version: nextVersion(licenceExits.version), updatedAt: new Date() })
      .where(eq(licenceExits.id, exit.id));
    await audit.record(tx, ctx, { action: 'licence_exit.decision_rejected', targetType: 'licence_exit', targetId: exit.id, before: { outcome: exit.outcome, transitionId: request.id } });
  });

  return {
    /**
     * Opens a procedure on a licence the actor can see that has not ended and has none open. A
     * report that the holder no longer meets the conditions starts an investigation (with its
     * 核查通知书); the other two wait for the decision. `outer`: the caller's transaction (a
     * feedback decision opens one as part of its own step).
     */
    async open(ctx: Ctx, input: OpenExitInput, outer: Db = db): Promise<ExitView> {
      const trigger = checkTrigger(input);
      return inTransaction(outer, async (tx) => {
        const licence = await deps.licences.get(ctx.actor, input.licenceId, tx);
        if (licence.allowedTargets.length === 0) {
          throw new AppError('INVALID_TRANSITION', `许可证当前为“${STATE_LABELS[licence.state]}”，已终结，不能启动退出程序`, 409, { from: licence.state });
        }
        const open = await openExitOf(tx, licence.id);
        if (open) throw new AppError('EXIT_OPEN', '该许可证已有未办结的退出程序', 409, { exitId: open.id });
        const investigation =
          input.kind === 'conditions_lost'
            ? { investigator: await investigator(tx, ctx.actor, input.investigatorId!), due: await deps.calendar.addWorkingDays(todayInChina(), input.investigationWorkingDays!, tx) }
            : null;
        const bureau = await deps.jurisdiction.competentBureau(licence.regionCode, tx);
        const [row] = await tx
          .insert(licenceExits)
          .values({
            licenceId: licence.id,
            kind: input.kind,
            triggerSource: input.triggerSource,
            feedbackId: input.feedbackId ?? null,
            ...trigger,
            lawArea: input.kind === 'serious_violation' ? input.lawArea! : null,
            stage: startStage(input.kind),
            investigatorId: investigation?.investigator.id ?? null,
            investigatorName: investigation?.investigator.displayName ?? null,
            investigationDueOn: investigation?.due.date ?? null,
            investigationDueCertain: investigation?.due.certain ?? null,
            regionCode: licence.regionCode,
            orgId: bureau.id,
            createdBy: ctx.actor.userId,
            createdByName: ctx.actor.name,
          })
          .returning({ id: licenceExits.id });
        const exit = await findExit(tx, null, row!.id);
        if (investigation) {
          const notice = await renderInvestigationNotice(partiesOf(exit), exit, { investigatorName: exit.investigatorName!, dueOn: exit.investigationDueOn!, dueCertain: exit.investigationDueCertain !== false }, todayInChina());
          await deps.documents.store(tx, ctx, { licenceId: licence.id, exitId: exit.id, kind: 'investigation_notice', contentType: DOCX, ...notice });
          await raiseInvestigation(tx, exit);
        }
        await audit.record(tx, ctx, { action: 'licence_exit.opened', targetType: 'licence_exit', targetId: exit.id, after: { licenceId: licence.id, kind: exit.kind, triggerSource: exit.triggerSource, stage: exit.stage, investigationDueOn: exit.investigationDueOn } });
        return exit;
      });
    },

    /**
     * Records what the investigation found; the procedure moves on to the decision. The assigned
     * investigator records it, whatever their role; otherwise only a user who handles licences
     * (`licence.write`) in whose scope it lies. `expected`: If-Match.
     */
    async recordInvestigation(ctx: Ctx, id: string, input: InvestigationInput, expected?: ExpectedVersion): Promise<ExitView> {
      const findings = requireText(input.findings, 'findings', '核查情况', 2000);
      if (typeof input.justifiedReason !== 'boolean') throw invalid('justifiedReason', '请说明是否有正当理由');
      return inTransaction(db, async (tx) => {
        const { investigatorId } = await findExit(tx, null, id);
        const asInvestigator = !!ctx.actor.userId && ctx.actor.userId === investigatorId;
        if (!asInvestigator) {
          if (!ctx.actor.permissions.has('licence.write')) throw forbidden('只有指定的核查人员或许可工作人员可以记录调查核实结果');
          await findExit(tx, ctx.actor, id);
        }
        const exit = await lockExit(tx, id);
        assertVersion(expected, exit.version);
        if (exit.stage !== 'investigating') throw stageError('该退出程序不在调查核实阶段');
        await tx
          .update(licenceExits)
          .set({ stage: 'deciding', findings, justifiedReason: input.justifiedReason, investigatedAt: new Date(), version: nextVersion(licenceExits.version), updatedAt: new Date() })
          .where(eq(licenceExits.id, id));
        await audit.record(tx, ctx, { action: 'licence_exit.investigated', targetType: 'licence_exit', targetId: id, after: { findings, justifiedReason: input.justifiedReason, asInvestigator } });
        await deps.todos.resolveSubject(tx, 'exit.investigation_assigned', id);
        return findExit(tx, null, id);
      });
    },

    /**
     * Decides a procedure at the decision step. Revocation and cancellation are measures on the
     * licence, taken in the same transaction: applied at once (the 决定书 is generated and the
     * procedure closes) or, when the target needs a section head's approval, pending (the
     * procedure waits; see onDecision above). Dismissal closes it and leaves the licence as it is.
     * `expected`: the procedure's version (If-Match).
     */
    async decide(ctx: Ctx, id: string, input: ExitDecisionInput, expected?: ExpectedVersion): Promise<ExitView> {
      const reason = requireText(input.reason, 'reason', '决定理由', 2000);
      return inTransaction(db, async (tx) => {
        await findExit(tx, ctx.actor, id);
        const exit = await lockExit(tx, id);
        assertVersion(expected, exit.version);
        if (exit.stage !== 'deciding') throw stageError(exit.stage === 'closed' ? '该退出程序已办结' : '该退出程序尚未完成调查核实');
        if (exit.transitionId) throw stageError('该退出程序的决定正在等待科室负责人审批');
        const allowed = allowedOutcomes(exit);
        if (!allowed.includes(input.outcome)) {
          throw new AppError('EXIT_OUTCOME_NOT_ALLOWED', `该退出程序不能作出“${OUTCOME_LABELS[input.outcome]}”的决定`, 409, { allowed });
        }
        const decided = { outcome: input.outcome, decisionReason: reason, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.name, decidedAt: new Date(), version: nextVersion(licenceExits.version), updatedAt: new Date() };
        if (input.outcome === 'dismissed') {
          const legalBasis = optionalText(input.legalBasis, 'legalBasis', '法律依据', 500);
          const documentNo = optionalText(input.documentNo, 'documentNo', '决定书文号', 100);
          await tx
            .update(licenceExits)
            .set({ ...decided, legalBasis, documentNo, stage: 'closed' })
            .where(eq(licenceExits.id, id));
          await audit.record(tx, ctx, { action: 'licence_exit.decided', targetType: 'licence_exit', targetId: id, after: { outcome: input.outcome, reason } });
          return findExit(tx, null, id);
        }
        const measure = await deps.licences.requestTransition(ctx, exit.licenceId, { to: input.outcome, reason, legalBasis: input.legalBasis ?? '', documentNo: input.documentNo ?? '' }, tx);
        const { legalBasis, documentNo } = measure.request;
        const [updated] = await tx
          .update(licenceExits)
          .set({ ...decided, legalBasis, documentNo, transitionId: measure.request.id, stage: measure.pending ? 'deciding' : 'closed' })
          .where(eq(licenceExits.id, id))
          .returning();
        if (!measure.pending) await issueDecision(tx, ctx, updated!);
        await audit.record(tx, ctx, { action: 'licence_exit.decided', targetType: 'licence_exit', targetId: id, after: { outcome: input.outcome, reason, documentNo, transitionId: measure.request.id, pending: measure.pending } });
        return findExit(tx, null, id);
      });
    },

    /**
     * Whether a licence can be revoked by an administrative penalty decision (the cases module's
     * check before `decide`): the licence in the actor's scope (null otherwise) with why it cannot
     * (`problem`, null when it can): not in force (a final state, or past its validity), or a
     * measure waiting for approval.
     */
    async revocable(tx: Db, actor: Actor, licenceId: string) {
      const licence = await deps.licences.get(actor, licenceId, tx).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404) return null;
        throw err;
      });
      if (!licence) return null;
      const pending = await deps.licences.pendingRequest(tx, licenceId);
      const problem = !canTransition(licence.state, 'revoked')
        ? `许可证当前为“${STATE_LABELS[licence.state]}”，不能吊销`
        : licence.expiresOn && licence.expiresOn < todayInChina()
          ? `许可证已于 ${licence.expiresOn} 有效期届满，不能吊销`
          : pending
            ? '该许可证有待审批的监管措施，请先审批或驳回'
            : null;
      return { licence, problem };
    },

    /**
     * Revokes a licence by an administrative penalty decision of an enforcement case (吊销许可证),
     * in the case's transaction: the licence's state machine moves it to `revoked` at once with the
     * decision's number and date (licences.service `applyDecided`: its history and the public
     * revocations list show it like any revocation). An exit procedure still open on the licence
     * ends with it: closed as revoked by that decision (its investigation to-do resolved). The
     * decision's 决定书 is the case's own document: none is generated here.
     */
    async revokeByPenalty(tx: Db, ctx: Ctx, licenceId: string, decision: { caseId: string; documentNo: string; decidedOn: string; reason: string; legalBasis: string }) {
      const measure = await deps.licences.applyDecided(tx, ctx, licenceId, { to: 'revoked', reason: decision.reason, legalBasis: decision.legalBasis, documentNo: decision.documentNo, decidedOn: decision.decidedOn });
      const open = await openExitOf(tx, licenceId);
      if (open) {
        const decisionReason = `依行政处罚决定书（${decision.documentNo}）吊销许可证：${decision.reason}`.slice(0, 2000);
        await tx
          .update(licenceExits)
          .set({
            stage: 'closed',
            outcome: 'revoked',
            decisionReason,
            legalBasis: decision.legalBasis,
            documentNo: decision.documentNo,
            transitionId: measure.request.id,
            decidedBy: ctx.actor.userId,
            decidedByName: ctx.actor.name,
            decidedAt: new Date(),
            version: nextVersion(licenceExits.version),
            updatedAt: new Date(),
          })
          .where(eq(licenceExits.id, open.id));
        await deps.todos.resolveSubject(tx, 'exit.investigation_assigned', open.id);
        await audit.record(tx, ctx, { action: 'licence_exit.closed', targetType: 'licence_exit', targetId: open.id, after: { outcome: 'revoked', transitionId: measure.request.id, caseId: decision.caseId, documentNo: decision.documentNo } });
      }
      await audit.record(tx, ctx, { action: 'licence.revoked_by_penalty', targetType: 'licence', targetId: licenceId, after: { caseId: decision.caseId, documentNo: decision.documentNo, decidedOn: decision.decidedOn, transitionId: measure.request.id, exitId: open?.id ?? null } });
      return measure.licence;
    },

    list: (actor: Actor, filter: ExitFilter, page: Page) => listExits(db, actor, filter, page),

    /** One procedure with the documents it produced. */
    async get(actor: Actor, id: string) {
      const exit = await findExit(db, actor, id);
      const documents = await deps.documents.list(actor, exit.licenceId, id);
      return { ...exit, documents: documents.items };
    },
  };
}

export type LicenceExits = ReturnType<typeof makeLicenceExits>;
