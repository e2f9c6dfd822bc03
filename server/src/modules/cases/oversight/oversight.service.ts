import { type SQL, and, asc, desc, eq, gte, isNull, like, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, escapeLike, inTransaction } from '../../../db/sql.js';
import type { Actor } from '../../../platform/access/actor.js';
import { regionPrefix } from '../../../platform/access/scope.js';
import { parseDate, todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { orgs, regions } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { invalid } from '../../../platform/validation/fields.js';
import type { CasesDeps, Ctx } from '../cases.deps.js';
import { caseFiles, cases } from '../cases.schema.js';
import type { CaseDocuments } from '../decision/documents.js';
import type { CaseRow } from '../lifecycle/actions.js';
import type { CasesService } from '../lifecycle/cases.service.js';
import { caseScope } from '../lifecycle/scope.js';
import { CONTENT_MAX, NAME_MAX, REASON_MAX, assertLeadParty, optional, pastDate, required } from './handlers.js';
import { type PoliceDecision, caseParties, casePartyTasks, caseProgressReports, caseSupervisions, caseTransfers } from './oversight.schema.js';
import { PACKAGE_KIND, packageFiles, sha256Of, zipPackage } from './package.js';
import { TODO, partyTaskTodo, syncSupervisionTodos } from './todos.js';

export type TransferRow = typeof caseTransfers.$inferSelect;

/** A transfer as the API shows it. */
export function transferView(t: TransferRow) {
  return {
    id: t.id,
    caseId: t.caseId,
    transferredOn: t.transferredOn,
    receivingOrgan: t.receivingOrgan,
    documentNo: t.documentNo,
    reason: t.reason,
    suspectedCrime: t.suspectedCrime,
    manifest: t.manifest,
    packageSha256: t.packageSha256,
    receiptNo: t.receiptNo,
    receiptOn: t.receiptOn,
    decision: t.decision,
    decisionOn: t.decisionOn,
    decisionReason: t.decisionReason,
    followUps: t.followUps,
    createdByName: t.createdByName,
    createdAt: t.createdAt,
  };
}
export type TransferView = ReturnType<typeof transferView>;

export interface StatsFilter {
  year?: number;
  regionCode?: string;
}

/**
 * The case view's `supervision` (lifecycle's `GET /api/cases/:id`): null when not supervised, else
 * the reason, the start, the earliest report not yet made (`nextReportDueOn`, overdue or not) and
 * how many reports are overdue (due before `today`, not reported).
 */
export async function supervisionSummary(tx: Db, caseId: string, today = todayInChina()) {
  const [s] = await tx.select().from(caseSupervisions).where(eq(caseSupervisions.caseId, caseId));
  if (!s) return null;
  const [next] = await tx
    .select({ dueOn: caseProgressReports.dueOn })
    .from(caseProgressReports)
    .where(and(eq(caseProgressReports.caseId, caseId), isNull(caseProgressReports.reportedOn)))
    .orderBy(asc(caseProgressReports.dueOn))
    .limit(1);
  const [overdue] = await tx
    .select({ n: countAll })
    .from(caseProgressReports)
    .where(and(eq(caseProgressReports.caseId, caseId), isNull(caseProgressReports.reportedOn), lt(caseProgressReports.dueOn, today)));
  return { reason: s.reason, startedOn: s.startedOn, nextReportDueOn: next?.dueOn ?? null, overdueReports: overdue?.n ?? 0 };
}

/**
 * 督办, 联办 and 行刑衔接 outside the case's actions (see README.md): the transfers of a case, the
 * police's receipt, decision and follow-ups, the evidence package's download, transfer statistics;
 * the joint parties with their tasks; the supervision with its reports, and its daily to-dos.
 * Every read and write finds the case first in the actor's scope (`cases.find`: joint parties included).
 */
export function makeOversightService(deps: CasesDeps & { cases: CasesService; documents: CaseDocuments }) {
  const { db, audit, todos, jurisdiction } = deps;

  /** The transfer and its case in the actor's scope (404 for both missing and out of scope); both locked with `lock`. */
  async function findTransfer(tx: Db, actor: Actor, id: string, lock = false) {
    const query = tx.select().from(caseTransfers).where(eq(caseTransfers.id, id));
    const [t] = await (lock ? query.for('update') : query);
    if (!t) throw notFound('移送记录');
    const c = await deps.cases.find(tx, actor, t.caseId, { lock });
    return { t, c };
  }

  async function updateTransfer(tx: Db, id: string, set: Partial<typeof caseTransfers.$inferInsert>) {
    const [row] = await tx.update(caseTransfers).set(set).where(eq(caseTransfers.id, id)).returning();
    return row!;
  }

  /** The package as sent (kept in case_files under the transfer's id), checked against the stored SHA-256. */
  async function packageOf(tx: Db, t: TransferRow, c: CaseRow) {
    const [kept] = await tx
      .select({ fileName: caseFiles.fileName, content: caseFiles.content })
      .from(caseFiles)
      .where(and(eq(caseFiles.id, t.id), eq(caseFiles.documentKind, PACKAGE_KIND)));
    if (kept) {
      if (sha256Of(kept.content) !== t.packageSha256) throw new AppError('PACKAGE_CORRUPT', '移送证据包与移送时记录的 SHA-256 不符', 500);
      return { fileName: kept.fileName, content: kept.content, sha256: t.packageSha256 };
    }
    // Not kept (a transfer written by hand): rebuilt, served only when it is byte for byte the one recorded.
    const rebuilt = await zipPackage({ caseNo: c.caseNo, transferredOn: t.transferredOn }, await packageFiles(tx, deps.documents, c.id));
    if (rebuilt.sha256 !== t.packageSha256) throw new AppError('PACKAGE_CHANGED', '案件材料已变化，无法重建移送时的证据包', 409);
    return { fileName: `移送证据包-${c.caseNo}-${t.transferredOn}.zip`, content: rebuilt.zip, sha256: rebuilt.sha256 };
  }

  async function taskView(tx: Db, id: string) {
    const [t] = await tx.select().from(casePartyTasks).where(eq(casePartyTasks.id, id));
    return taskJson(t!);
  }

  return {
    // ---- 行刑衔接 ----

    /** The case's transfers, newest first. */
    async transfers(actor: Actor, caseId: string) {
      return inTransaction(db, async (tx) => {
        await deps.cases.find(tx, actor, caseId);
        const rows = await tx.select().from(caseTransfers).where(eq(caseTransfers.caseId, caseId)).orderBy(desc(caseTransfers.transferredOn), desc(caseTransfers.createdAt), desc(caseTransfers.id));
        return { items: rows.map(transferView), total: rows.length };
      });
    },

    /** The police's receipt (回执): once (409 RECEIPT_RECORDED), on or after the transfer, not after today. */
    async recordReceipt(ctx: Ctx, id: string, input: { receiptNo: string; receiptOn: string }) {
      return inTransaction(db, async (tx) => {
        const { t, c } = await findTransfer(tx, ctx.actor, id, true);
        if (t.receiptNo) throw new AppError('RECEIPT_RECORDED', `回执已于 ${t.receiptOn} 登记`, 409);
        const receiptNo = required(input.receiptNo, 'receiptNo', '回执编号', 100);
        const receiptOn = pastDate(input.receiptOn, 'receiptOn', '回执日期', { date: t.transferredOn, label: '移送日期' });
        const updated = await updateTransfer(tx, id, { receiptNo, receiptOn });
        await deps.cases.record(tx, ctx, c, { action: 'transfer_receipt', note: `${t.receivingOrgan}回执 ${receiptNo}`, data: { transferId: id, receiptNo, receiptOn } });
        return transferView(updated);
      });
    },

    /**
     * The organ's decision, once (409 ALREADY_DECIDED): `accepted` (立案) leaves the case transferred;
     * `not_accepted` (不予立案) needs the reason and returns the case to the stage it left
     * (`stageBeforeTransfer`), no longer transferred. The to-do case.police_pending resolves.
     */
    async recordDecision(ctx: Ctx, id: string, input: { decision: PoliceDecision; decisionOn: string; reason?: string | null }) {
      return inTransaction(db, async (tx) => {
        const { t, c } = await findTransfer(tx, ctx.actor, id, true);
        if (t.decision) throw new AppError('ALREADY_DECIDED', `${t.receivingOrgan}已于 ${t.decisionOn} 作出决定`, 409);
        if (input.decision !== 'accepted' && input.decision !== 'not_accepted') throw invalid('decision', '决定只能是 accepted 或 not_accepted');
        const decisionOn = pastDate(input.decisionOn, 'decisionOn', '决定日期', { date: t.transferredOn, label: '移送日期' });
        const reason = input.decision === 'not_accepted' ? required(input.reason, 'reason', '不予立案的理由', REASON_MAX) : optional(input.reason, 'reason', '说明', REASON_MAX);
        const updated = await updateTransfer(tx, id, { decision: input.decision, decisionOn, decisionReason: reason });
        const back = input.decision === 'not_accepted' && c.stage === 'transferred';
        await deps.cases.record(tx, ctx, c, {
          action: 'transfer_decision',
          ...(back ? { to: c.stageBeforeTransfer ?? 'investigating', patch: { stageBeforeTransfer: null, transferred: false } } : {}),
          note: input.decision === 'accepted' ? `${t.receivingOrgan}决定立案` : `${t.receivingOrgan}不予立案：${reason}`,
          data: { transferId: id, decision: input.decision, decisionOn },
        });
        await todos.resolve(tx, `${TODO.policePending}:${id}`);
        return transferView(updated);
      });
    },

    /** A follow-up of the transfer (跟踪): on or after the transfer, not after today. */
    async addFollowUp(ctx: Ctx, id: string, input: { on: string; note: string }) {
      return inTransaction(db, async (tx) => {
        const { t, c } = await findTransfer(tx, ctx.actor, id, true);
        const on = pastDate(input.on, 'on', '跟踪日期', { date: t.transferredOn, label: '移送日期' });
        const note = required(input.note, 'note', '跟踪情况', REASON_MAX);
        const updated = await updateTransfer(tx, id, { followUps: [...t.followUps, { on, note, byName: ctx.actor.name }] });
        await deps.cases.record(tx, ctx, c, { action: 'transfer_follow_up', note, data: { transferId: id, on } });
        return transferView(updated);
      });
    },

    /** The evidence package (zip) with its SHA-256, as recorded at the transfer. */
    async package(actor: Actor, id: string) {
      return inTransaction(db, async (tx) => {
        const { t, c } = await findTransfer(tx, actor, id);
        return packageOf(tx, t, c);
      });
    },

    /**
     * Transfers of the cases in the actor's scope (by the transfer's year and the case's region):
     * totals by the police's decision, per receiving organ and per region (most first).
     */
    async stats(actor: Actor, filter: StatsFilter) {
      const conds: (SQL | undefined)[] = [caseScope(actor)];
      if (filter.year) conds.push(gte(caseTransfers.transferredOn, `${filter.year}-01-01`), lte(caseTransfers.transferredOn, `${filter.year}-12-31`));
      if (filter.regionCode) conds.push(like(cases.regionCode, `${escapeLike(regionPrefix(filter.regionCode))}%`));
      const where = and(...conds);
      const counts = {
        total: countAll,
        accepted: sql<number>`count(*) filter (where ${caseTransfers.decision} = 'accepted')::int`,
        notAccepted: sql<number>`count(*) filter (where ${caseTransfers.decision} = 'not_accepted')::int`,
        pending: sql<number>`count(*) filter (where ${caseTransfers.decision} is null)::int`,
      };
      const [totals] = await db.select(counts).from(caseTransfers).innerJoin(cases, eq(cases.id, caseTransfers.caseId)).where(where);
      const byOrgan = await db
        .select({ receivingOrgan: caseTransfers.receivingOrgan, ...counts })
        .from(caseTransfers)
        .innerJoin(cases, eq(cases.id, caseTransfers.caseId))
        .where(where)
        .groupBy(caseTransfers.receivingOrgan)
        .orderBy(desc(countAll), asc(caseTransfers.receivingOrgan));
      const byRegion = await db
        .select({ regionCode: cases.regionCode, regionName: sql<string | null>`max(${regions.name})`, ...counts })
        .from(caseTransfers)
        .innerJoin(cases, eq(cases.id, caseTransfers.caseId))
        .leftJoin(regions, eq(regions.code, cases.regionCode))
        .where(where)
        .groupBy(cases.regionCode)
        .orderBy(desc(countAll), asc(cases.regionCode));
      return { total: totals?.total ?? 0, accepted: totals?.accepted ?? 0, notAccepted: totals?.notAccepted ?? 0, pending: totals?.pending ?? 0, byOrgan, byRegion };
    },

    // ---- 联办 ----

    /**
     * The case's parties (lead first) with their tasks: the lead party's bureau, and those who see
     * the case through their own scope, see every party's tasks; an assisting bureau sees its own
     * (`tasksVisible` false on the others).
     */
    async parties(actor: Actor, caseId: string) {
      return inTransaction(db, async (tx) => {
        const c = await deps.cases.find(tx, actor, caseId);
        const rows = await tx
          .select({ party: caseParties, orgName: orgs.name, orgRegion: orgs.regionCode })
          .from(caseParties)
          .leftJoin(orgs, eq(orgs.id, caseParties.orgId))
          .where(eq(caseParties.caseId, c.id))
          .orderBy(sql`case when ${caseParties.role} = 'lead' then 0 else 1 end`, asc(caseParties.createdAt), asc(caseParties.id));
        const tasks = await tx.select().from(casePartyTasks).where(eq(casePartyTasks.caseId, c.id)).orderBy(asc(casePartyTasks.createdAt), asc(casePartyTasks.id));
        const lead = rows.find((r) => r.party.role === 'lead')?.party.orgId ?? c.orgId;
        const assisting = rows.some((r) => r.party.role !== 'lead' && r.party.orgId === actor.orgId);
        const seesAll = actor.orgId === lead || !assisting;
        const items = rows.map(({ party: p, orgName, orgRegion }) => {
          const visible = seesAll || p.orgId === actor.orgId;
          return {
            id: p.id,
            role: p.role,
            orgId: p.orgId,
            name: orgName ?? p.externalName ?? '',
            external: !p.orgId,
            regionCode: orgRegion ?? null,
            externalRegion: p.externalRegion,
            contact: p.contact,
            addedOn: p.addedOn,
            addedByName: p.addedByName,
            own: !!p.orgId && p.orgId === actor.orgId,
            tasksVisible: visible,
            tasks: visible ? tasks.filter((t) => t.partyId === p.id).map(taskJson) : [],
          };
        });
        return { items, total: items.length };
      });
    },

    /** A task for one party (the lead party's bureau only: 403 NOT_LEAD_PARTY); a to-do case.party_task for a bureau of the jurisdiction. */
    async addTask(ctx: Ctx, caseId: string, partyId: string, input: { title: string; dueOn?: string | null }) {
      return inTransaction(db, async (tx) => {
        const c = await deps.cases.find(tx, ctx.actor, caseId);
        await assertLeadParty(tx, ctx, c, '分派联办任务');
        if (c.stage === 'declined' || c.stage === 'closed') throw new AppError('CASE_ENDED', '案件已结束，不能再分派任务', 409);
        const [party] = await tx.select().from(caseParties).where(and(eq(caseParties.id, partyId), eq(caseParties.caseId, c.id)));
        if (!party) throw notFound('办案单位');
        const title = required(input.title, 'title', '任务', NAME_MAX);
        let dueOn: string | null = null;
        if (input.dueOn) {
          if (!parseDate(input.dueOn)) throw invalid('dueOn', '完成期限不是有效日期');
          if (input.dueOn < todayInChina()) throw invalid('dueOn', '完成期限不能早于今天');
          dueOn = input.dueOn;
        }
        const [task] = await tx.insert(casePartyTasks).values({ caseId: c.id, partyId, title, dueOn, createdByName: ctx.actor.name }).returning();
        if (party.orgId) {
          const org = await jurisdiction.getOrg(null, party.orgId, tx);
          await todos.raise(tx, TODO.partyTask, [partyTaskTodo(c, task!, { orgId: party.orgId, regionCode: org.regionCode })]);
        }
        await audit.record(tx, ctx, { action: 'case.party_task_created', targetType: 'case', targetId: c.id, after: { taskId: task!.id, partyId, title, dueOn } });
        return taskJson(task!);
      });
    },

    /** The task is done: by its party's bureau (a task of a party outside the city: by the lead party's bureau). */
    async completeTask(ctx: Ctx, taskId: string, input: { note?: string | null }) {
      return inTransaction(db, async (tx) => {
        const [task] = await tx.select().from(casePartyTasks).where(eq(casePartyTasks.id, taskId)).for('update');
        if (!task) throw notFound('联办任务');
        const c = await deps.cases.find(tx, ctx.actor, task.caseId);
        const [party] = await tx.select().from(caseParties).where(eq(caseParties.id, task.partyId));
        if (party!.orgId) {
          if (party!.orgId !== ctx.actor.orgId) throw new AppError('NOT_TASK_PARTY', '只有承担该任务的办案单位可以办结', 403);
        } else {
          await assertLeadParty(tx, ctx, c, '办结市外协办单位的任务');
        }
        if (task.doneOn) throw new AppError('TASK_DONE', `该任务已于 ${task.doneOn} 办结`, 409);
        const note = optional(input.note, 'note', '办理情况', CONTENT_MAX);
        await tx.update(casePartyTasks).set({ doneOn: todayInChina(), doneNote: note }).where(eq(casePartyTasks.id, taskId));
        await todos.resolve(tx, `${TODO.partyTask}:${taskId}`);
        await audit.record(tx, ctx, { action: 'case.party_task_done', targetType: 'case', targetId: c.id, after: { taskId, note } });
        return taskView(tx, taskId);
      });
    },

    // ---- 督办 ----

    /** The supervision of a case (null when not supervised) and its reports by due date. */
    async supervision(actor: Actor, caseId: string, today = todayInChina()) {
      return inTransaction(db, async (tx) => {
        const c = await deps.cases.find(tx, actor, caseId);
        const [s] = await tx.select().from(caseSupervisions).where(eq(caseSupervisions.caseId, c.id));
        const reports = await tx.select().from(caseProgressReports).where(eq(caseProgressReports.caseId, c.id)).orderBy(asc(caseProgressReports.dueOn), asc(caseProgressReports.id));
        const summary = s ? await supervisionSummary(tx, c.id, today) : null;
        return {
          supervision: s
            ? {
                supervisingOrgId: s.supervisingOrgId,
                supervisingOrgName: s.supervisingOrgName,
                reason: s.reason,
                documentNo: s.documentNo,
                startedOn: s.startedOn,
                startedByName: s.startedByName,
                endedOn: s.endedOn,
                nextReportDueOn: summary!.nextReportDueOn,
                overdueReports: summary!.overdueReports,
              }
            : null,
          reports: reports.map((r) => ({
            id: r.id,
            dueOn: r.dueOn,
            reportedOn: r.reportedOn,
            content: r.content,
            reportedByName: r.reportedByName,
            flaggedAt: r.flaggedAt,
            overdue: !r.reportedOn && r.dueOn < today,
          })),
        };
      });
    },

    /** Job `cases.supervision` (daily): see todos.ts `syncSupervisionTodos`. */
    async syncSupervisionTodos(opts: { today?: string; tx?: Db } = {}) {
      const today = opts.today ?? todayInChina();
      if (opts.tx) return syncSupervisionTodos(opts.tx, { todos, jurisdiction }, today);
      return inTransaction(db, (tx) => syncSupervisionTodos(tx, { todos, jurisdiction }, today));
    },

  };
}

function taskJson(t: typeof casePartyTasks.$inferSelect) {
  return { id: t.id, partyId: t.partyId, title: t.title, dueOn: t.dueOn, doneOn: t.doneOn, doneNote: t.doneNote, createdByName: t.createdByName, createdAt: t.createdAt };
}

export type OversightService = ReturnType<typeof makeOversightService>;
