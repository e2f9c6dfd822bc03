import { desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { notFound } from '../../../platform/http/errors.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { enterprises } from '../../enterprises/index.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { inspectionItems, inspectorProfiles } from '../inspections.schema.js';
import { renderRectificationOrder } from './rectification-document.js';
import { findTask, requireAssigned, requireAssignedOrOfficer, requireState } from './task-access.js';
import { inspectionTasks, rectificationOrders } from './tasks.schema.js';
import type { TasksService } from './tasks.service.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import { settleTaskReminders } from './publication.js';

/** The bureau re-checks within 10 working days of the rectification report (SAMR Order 57 §29). */
export const RECHECK_WORKING_DAYS = 10;
export const MAX_RECTIFICATION_WORKING_DAYS = 120;

/**
 * Rectification of a check's findings: the order (责令整改通知书, .docx, deadline in working days),
 * the enterprise's report (entered by an officer or the inspector on its behalf) and the re-check,
 * due within 10 working days of the report. A failed re-check leaves the task inspected, ready for
 * another order or for completion with its result.
 */
export function makeRectificationService(deps: { db: Db; audit: AuditService; calendar: CalendarService; tasks: TasksService; todos: TodosService }) {
  const { db, audit } = deps;

  /** The order, its task locked and in the actor's scope; only the latest order of a task can move on. */
  async function loadOrder(tx: Db, actor: Actor, orderId: string, expected: ExpectedVersion) {
    const [order] = await tx.select().from(rectificationOrders).where(eq(rectificationOrders.id, orderId));
    if (!order) throw notFound('整改通知');
    const task = await findTask(tx, actor, order.taskId, { forUpdate: true, expected });
    const [latest] = await tx.select({ id: rectificationOrders.id }).from(rectificationOrders).where(eq(rectificationOrders.taskId, task.id)).orderBy(desc(rectificationOrders.createdAt)).limit(1);
    if (latest!.id !== order.id) throw invalid('orderId', '该整改通知已被后续通知取代');
    return { order, task };
  }

  /** The task's inspectors in its order, with their enforcement certificate numbers (for the notice). */
  async function inspectorsOf(tx: Db, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await tx
      .select({ id: users.id, name: users.displayName, certificateNo: inspectorProfiles.certificateNo })
      .from(users)
      .leftJoin(inspectorProfiles, eq(inspectorProfiles.userId, users.id))
      .where(inArray(users.id, [...ids]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ name: r.name, certificateNo: r.certificateNo }] : [];
    });
  }

  /** The next number of the bureau's orders of the year: 〈short name〉责改〔year〕n号 (e.g. 涟市监责改〔2026〕4号). */
  async function nextDocumentNo(tx: Db, bureau: string, year: number) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('rectification_orders.document_no'))`);
    const prefix = `${bureau}责改〔${year}〕`;
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(rectificationOrders).where(like(rectificationOrders.documentNo, `${prefix}%`));
    return `${prefix}${row!.n + 1}号`;
  }

  return {
    /** Issues an order on an inspected task with findings; the task waits for the rectification report. */
    async issue(ctx: RequestContext & { actor: Actor }, taskId: string, input: { requirements: string; workingDays: number }, expected?: ExpectedVersion) {
      const requirements = requireText(input.requirements, 'requirements', '整改要求', 2000);
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > MAX_RECTIFICATION_WORKING_DAYS) {
        throw invalid('workingDays', `整改期限应为 1–${MAX_RECTIFICATION_WORKING_DAYS} 个工作日`);
      }
      await inTransaction(db, async (tx) => {
        const task = await findTask(tx, ctx.actor, taskId, { forUpdate: true, expected });
        requireAssigned(ctx.actor, task);
        requireState(task, ['inspected'], '下达整改通知（请先提交检查结果）');
        if (task.findings.length === 0) throw invalid('findings', '检查未发现问题，无需责令整改', 'NO_FINDINGS');
        const issuedOn = todayInChina();
        const { date: dueOn, certain: dueCertain } = await deps.calendar.addWorkingDays(issuedOn, input.workingDays, tx);
        const [facts] = await tx
          .select({ enterpriseName: enterprises.name, address: enterprises.address, itemName: inspectionItems.name, legalBasis: inspectionItems.legalBasis, bureau: orgs.name, bureauShortName: orgs.shortName })
          .from(inspectionTasks)
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .innerJoin(orgs, eq(orgs.id, inspectionTasks.orgId))
          .where(eq(inspectionTasks.id, task.id));
        const { bureauShortName, ...names } = facts!;
        const documentNo = await nextDocumentNo(tx, bureauShortName?.trim() || names.bureau, Number(issuedOn.slice(0, 4)));
        const inspectors = await inspectorsOf(tx, task.inspectorIds);
        const doc = await renderRectificationOrder({ ...names, documentNo, uscc: task.objectKey, inspectors, inspectedOn: task.inspectedOn!, findings: task.findings, requirements, dueOn, dueCertain, issuedOn });
        const [order] = await tx
          .insert(rectificationOrders)
          .values({ taskId: task.id, documentNo, requirements, workingDays: input.workingDays, issuedOn, dueOn, dueCertain, fileName: doc.fileName, document: doc.content, issuedByName: ctx.actor.name })
          .returning({ id: rectificationOrders.id });
        await tx.update(inspectionTasks).set({ state: 'rectifying', version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, task.id));
        await settleTaskReminders(deps.todos, tx, task.id, 'rectifying');
        await audit.record(tx, ctx, { action: 'inspection_task.rectification_ordered', targetType: 'inspection_task', targetId: task.id, after: { orderId: order!.id, documentNo, workingDays: input.workingDays, dueOn, dueCertain } });
      });
      return deps.tasks.get(ctx.actor, taskId);
    },

    /** Records the enterprise's rectification report; the re-check falls due 10 working days later. `expected`: the task's version (If-Match). */
    async report(ctx: RequestContext & { actor: Actor }, orderId: string, input: { reportText: string; reportedOn: string }, expected?: ExpectedVersion) {
      const reportText = requireText(input.reportText, 'reportText', '整改情况', 4000);
      const reportedOn = requireDate(input.reportedOn, 'reportedOn', '报告日期');
      const taskId = await inTransaction(db, async (tx) => {
        const { order, task } = await loadOrder(tx, ctx.actor, orderId, expected);
        requireAssignedOrOfficer(ctx.actor, task);
        requireState(task, ['rectifying'], '报告整改情况');
        if (reportedOn < order.issuedOn || reportedOn > todayInChina()) throw invalid('reportedOn', '报告日期应在整改通知下达之日与今天之间');
        const { date: recheckDueOn, certain: recheckDueCertain } = await deps.calendar.addWorkingDays(reportedOn, RECHECK_WORKING_DAYS, tx);
        await tx.update(rectificationOrders).set({ reportText, reportedOn, reportedByName: ctx.actor.name, recheckDueOn, recheckDueCertain }).where(eq(rectificationOrders.id, order.id));
        await tx.update(inspectionTasks).set({ state: 'rechecking', version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, task.id));
        await settleTaskReminders(deps.todos, tx, task.id, 'rechecking');
        await audit.record(tx, ctx, { action: 'inspection_task.rectification_reported', targetType: 'inspection_task', targetId: task.id, after: { orderId, reportedOn, recheckDueOn, late: reportedOn > order.dueOn } });
        return task.id;
      });
      return deps.tasks.get(ctx.actor, taskId);
    },

    /** The inspector's re-check: passed or not, with a note; the task is inspected again. `expected`: the task's version (If-Match). */
    async recheck(ctx: RequestContext & { actor: Actor }, orderId: string, input: { passed: boolean; note: string; recheckedOn: string }, expected?: ExpectedVersion) {
      const note = requireText(input.note, 'note', '复查情况', 2000);
      const recheckedOn = requireDate(input.recheckedOn, 'recheckedOn', '复查日期');
      if (typeof input.passed !== 'boolean') throw invalid('passed', '请选择复查是否合格');
      const taskId = await inTransaction(db, async (tx) => {
        const { order, task } = await loadOrder(tx, ctx.actor, orderId, expected);
        requireAssigned(ctx.actor, task);
        requireState(task, ['rechecking'], '复查');
        if (recheckedOn < order.reportedOn! || recheckedOn > todayInChina()) throw invalid('recheckedOn', '复查日期应在整改报告之日与今天之间');
        await tx.update(rectificationOrders).set({ recheckPassed: input.passed, recheckNote: note, recheckedOn, recheckedByName: ctx.actor.name }).where(eq(rectificationOrders.id, order.id));
        await tx.update(inspectionTasks).set({ state: 'inspected', version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, task.id));
        await settleTaskReminders(deps.todos, tx, task.id, 'inspected');
        await audit.record(tx, ctx, { action: 'inspection_task.rechecked', targetType: 'inspection_task', targetId: task.id, after: { orderId, passed: input.passed, recheckedOn, late: recheckedOn > order.recheckDueOn! } });
        return task.id;
      });
      return deps.tasks.get(ctx.actor, taskId);
    },

    /** The order's .docx, read through its task (data scope). */
    async document(actor: Actor, orderId: string) {
      const [order] = await db.select({ taskId: rectificationOrders.taskId, fileName: rectificationOrders.fileName, content: rectificationOrders.document }).from(rectificationOrders).where(eq(rectificationOrders.id, orderId));
      if (!order) throw notFound('整改通知');
      await findTask(db, actor, order.taskId);
      return order;
    },
  };
}

export type RectificationService = ReturnType<typeof makeRectificationService>;
