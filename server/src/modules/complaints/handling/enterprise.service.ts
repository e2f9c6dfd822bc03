import { type SQL, and, asc, desc, eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { enterpriseOf } from '../../../platform/access/enterprise-self.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { type ExpectedVersion, assertVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import { requireText } from '../../../platform/validation/fields.js';
import { complaintDeadlines, complaintEvents, complaints } from '../complaints.schema.js';
import { type ActorCtx, type HandlingDeps, eventTime } from './actions.js';
import { timelineOf } from './complaint-json.js';

/** Most characters of the enterprise's answer. */
export const ANSWER_MAX = 5000;

/**
 * The columns an enterprise account sees of a complaint addressed to it: what happened, where and
 * when, its state and its own answer — never a reporter field, not even masked, nor the officers'
 * internal result.
 */
const columns = {
  id: complaints.id,
  trackingNo: complaints.trackingNo,
  kind: complaints.kind,
  status: complaints.status,
  topic: complaints.topic,
  subjectUscc: complaints.subjectUscc,
  subjectName: complaints.subjectName,
  product: complaints.product,
  equipmentRegistrationNo: complaints.equipmentRegistrationNo,
  place: complaints.place,
  occurredOn: complaints.occurredOn,
  description: complaints.description,
  receivedOn: complaints.receivedOn,
  mediationResult: complaints.mediationResult,
  publicResult: complaints.publicResult,
  closedAt: complaints.closedAt,
  enterpriseAnswer: complaints.enterpriseAnswer,
  enterpriseAnsweredAt: complaints.enterpriseAnsweredAt,
  version: complaints.version,
};

/**
 * 企业端: the subject enterprise's accounts see the complaints addressed to them for mediation
 * (status `mediating`, or `closed` after a mediation) and answer while mediating. Another
 * enterprise's item, or one not in mediation, answers 404 like a missing one.
 */
export function makeEnterpriseComplaints(deps: HandlingDeps) {
  const { db, audit, todos } = deps;

  const own = (uscc: string): SQL => and(eq(complaints.subjectUscc, uscc), or(eq(complaints.status, 'mediating'), and(eq(complaints.status, 'closed'), isNotNull(complaints.mediationResult))))!;

  async function view(tx: Db, uscc: string, id: string) {
    const [row] = await tx.select(columns).from(complaints).where(and(eq(complaints.id, id), own(uscc)));
    if (!row) throw notFound('投诉');
    const [clock] = await tx
      .select({ dueOn: complaintDeadlines.dueOn, certain: complaintDeadlines.dueCertain })
      .from(complaintDeadlines)
      .where(and(eq(complaintDeadlines.complaintId, id), eq(complaintDeadlines.kind, 'mediation')));
    const timeline = (await timelineOf(tx, id, { publicOnly: true })).map((e) => ({ kind: e.kind, at: e.at }));
    return { ...row, mediationDueOn: clock?.dueOn ?? null, mediationDueCertain: clock?.certain ?? null, canAnswer: row.status === 'mediating', timeline };
  }

  return {
    /** `GET /api/my/complaints`: the account's enterprise's complaints in or after mediation, newest first. */
    async list(actor: Actor, page: Page) {
      const uscc = enterpriseOf(actor);
      const where = own(uscc);
      const [items, [count]] = await Promise.all([
        db.select(columns).from(complaints).where(where).orderBy(desc(complaints.receivedAt), asc(complaints.id)).limit(page.pageSize).offset(offsetOf(page)),
        db.select({ n: countAll }).from(complaints).where(where),
      ]);
      return { items: items.map((i) => ({ ...i, canAnswer: i.status === 'mediating' })), total: count?.n ?? 0 };
    },

    /** `GET /api/my/complaints/:id` with its public timeline (dates only). */
    get: (actor: Actor, id: string) => view(db, enterpriseOf(actor), id),

    /**
     * `POST /api/my/complaints/:id/answer`: the enterprise's answer while mediating (a later answer
     * replaces it; each is in the timeline). Resolves the enterprise's mediation to-do. 409
     * INVALID_TRANSITION after the mediation ended; If-Match honoured.
     */
    async answer(ctx: ActorCtx, id: string, input: { text: string }, expected?: ExpectedVersion) {
      const uscc = enterpriseOf(ctx.actor);
      if (!ctx.actor.permissions.has('enterprise_self.report')) throw forbidden();
      const text = requireText(input.text, 'text', '答复内容', ANSWER_MAX);
      return inTransaction(db, async (tx) => {
        const [row] = await tx
          .select({ id: complaints.id, status: complaints.status, version: complaints.version })
          .from(complaints)
          .where(and(eq(complaints.id, id), own(uscc)))
          .for('update');
        if (!row) throw notFound('投诉');
        assertVersion(expected, row.version);
        if (row.status !== 'mediating') throw new AppError('INVALID_TRANSITION', '调解已结束，不能再答复', 409, { from: row.status, action: 'answer' });
        await tx.update(complaints).set({ enterpriseAnswer: text, enterpriseAnsweredAt: new Date(), version: nextVersion(complaints.version), updatedAt: new Date() }).where(eq(complaints.id, id));
        await tx.insert(complaintEvents).values({ complaintId: id, kind: 'enterprise_answered', at: await eventTime(tx, id), actorKind: 'enterprise', actorId: ctx.actor.userId, actorName: ctx.actor.name, note: text, public: true });
        await todos.resolveSubject(tx, 'complaint.mediation', id);
        await audit.record(tx, ctx, { action: 'complaint.enterprise_answered', targetType: 'complaint', targetId: id, after: { length: text.length } });
        return view(tx, uscc, id);
      });
    },
  };
}
