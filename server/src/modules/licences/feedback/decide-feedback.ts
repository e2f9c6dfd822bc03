import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { AppError } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import type { LicenceExits } from '../exits/exits.service.js';
import type { ExitKind, LawArea } from '../exits/exits.schema.js';
import { licences as licenceTable } from '../licences.schema.js';
import { invalid, requireText } from '../../../platform/validation/fields.js';
import type { LicencesService, TransitionInput } from '../licences.service.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import { type FeedbackKind, licenceFeedback } from './feedback.schema.js';

/**
 * What the officer decides on a notice: no measure (with a reason), a measure on one of the
 * holder's licences, or an exit procedure on one of them.
 */
export type FeedbackDecisionInput =
  | { decision: 'none'; reason: string }
  | ({ decision: 'measure'; licenceId: string } & TransitionInput)
  | {
      decision: 'exit';
      licenceId: string;
      reason: string;
      /** Defaults from the notice's kind where one follows from it. */
      exitKind?: ExitKind;
      lawArea?: LawArea | null;
      investigatorId?: string | null;
      investigationWorkingDays?: number | null;
    };

/** The exit procedure a notice's kind calls for (seed §三(三)); the others leave the choice to the officer. */
export const EXIT_KIND_OF: Partial<Record<FeedbackKind, ExitKind>> = {
  conditions_changed: 'conditions_lost',
  closure_decision: 'closure',
  serious_violation: 'serious_violation',
};

interface Outcome {
  licenceId: string | null;
  transitionId: string | null;
  exitId: string | null;
}

/** The decision step of the triage queue; a decided notice is final. */
export function makeDecideFeedback(deps: {
  db: Db;
  audit: AuditService;
  licences: LicencesService;
  exits: LicenceExits;
  todos: TodosService;
  /** The notice as the actor may see it (404 otherwise). */
  find: (tx: Db, actor: Actor, id: string) => Promise<unknown>;
}) {
  const { db, audit } = deps;

  /** The licence must be one the notice's enterprise holds. */
  async function requireHolderLicence(tx: Db, enterpriseId: string | null, licenceId: string) {
    const [licence] = await tx.select({ enterpriseId: licenceTable.enterpriseId }).from(licenceTable).where(eq(licenceTable.id, licenceId));
    if (!licence || !enterpriseId || licence.enterpriseId !== enterpriseId) {
      throw new AppError('LICENCE_NOT_OF_HOLDER', '所选许可证不属于被通报的企业', 400, { field: 'licenceId' });
    }
  }

  /**
   * Records the decision; a measure runs the licence's transition in the same transaction, so a
   * refused transition (e.g. 409 INVALID_TRANSITION) leaves the notice open and nothing written.
   * A measure that waits for approval is fine: the decision records the pending request. An exit
   * opens its procedure the same way, triggered by the notice. `expected`: the notice's version (If-Match).
   */
  return async function decide(ctx: RequestContext & { actor: Actor }, id: string, input: FeedbackDecisionInput, expected?: ExpectedVersion): Promise<void> {
    const reason = requireText(input.reason, 'reason', '理由', 2000);
    await inTransaction(db, async (tx) => {
      await deps.find(tx, ctx.actor, id);
      const byId = eq(licenceFeedback.id, id);
      const [notice] = await tx.select().from(licenceFeedback).where(byId).for('update');
      assertVersion(expected, notice!.version);
      if (notice!.decision) throw new AppError('FEEDBACK_DECIDED', '该通报已处理，处理结果不能更改', 409, { decision: notice!.decision });

      let outcome: Outcome = { licenceId: null, transitionId: null, exitId: null };
      if (input.decision === 'measure') {
        await requireHolderLicence(tx, notice!.enterpriseId, input.licenceId);
        const { to, legalBasis, documentNo, reviewOn, deadlineWorkingDays } = input;
        const result = await deps.licences.requestTransition(ctx, input.licenceId, { to, reason, legalBasis, documentNo, reviewOn, deadlineWorkingDays }, tx);
        outcome = { licenceId: input.licenceId, transitionId: result.request.id, exitId: null };
      }
      if (input.decision === 'exit') {
        await requireHolderLicence(tx, notice!.enterpriseId, input.licenceId);
        const kind = input.exitKind ?? EXIT_KIND_OF[notice!.kind];
        if (!kind) throw invalid('exitKind', '请选择退出程序类型');
        const exit = await deps.exits.open(
          ctx,
          {
            licenceId: input.licenceId,
            kind,
            triggerSource: 'feedback',
            feedbackId: id,
            triggerParty: notice!.department,
            triggerSummary: notice!.summary,
            triggerDocumentNo: notice!.documentNo,
            triggerOn: notice!.occurredOn,
            lawArea: input.lawArea,
            investigatorId: input.investigatorId,
            investigationWorkingDays: input.investigationWorkingDays,
          },
          tx,
        );
        outcome = { licenceId: input.licenceId, transitionId: null, exitId: exit.id };
      }

      await tx
        .update(licenceFeedback)
        .set({ decision: input.decision, decisionReason: reason, ...outcome, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.name, decidedAt: new Date(), version: nextVersion(licenceFeedback.version) })
        .where(byId);
      await audit.record(tx, ctx, { action: 'feedback.decided', targetType: 'licence_feedback', targetId: id, after: { decision: input.decision, reason, ...outcome } });
      for (const kind of ['feedback.received', 'feedback.overdue']) await deps.todos.resolveSubject(tx, kind, id);
    });
  };
}
