import { desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, forbidden, notFound } from '../../../platform/http/errors.js';
import { checkAttachment } from '../../../platform/documents/attachments.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { orgs } from '../../../platform/jurisdiction/jurisdiction.schema.js';
import { users } from '../../../platform/users/users.schema.js';
import { enterprises } from '../../enterprises/index.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { inspectionItems, inspectorProfiles } from '../inspections.schema.js';
import { renderRectificationOrder } from './rectification-document.js';
import { findOwnTask, findTask, requireAssigned, requireAssignedOrOfficer, requireState } from './task-access.js';
import { inspectionTasks, rectificationOrders, taskPhotos } from './tasks.schema.js';
import type { TasksService } from './tasks.service.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import { enterpriseRecheckTodo, enterpriseRectificationTodo, settleTaskReminders } from './publication.js';
import { type KindHooksDeps, kindHooksOf } from './kind-hooks.js';

/** The caption of a rectification report's attachment (kept with the task's photos, `orderId` set). */
const reportAttachmentCaption = (documentNo: string) => `整改报告附件：${documentNo}`;

/** The bureau re-checks within 10 working days of the rectification report (SAMR Order 57 §29). */
export const RECHECK_WORKING_DAYS = 10;
export const MAX_RECTIFICATION_WORKING_DAYS = 120;

/** At most this many attachments with one rectification report. */
export const MAX_REPORT_FILES = 10;
/** The formats a rectification report's attachment may have (checked by content). */
export const REPORT_FILE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png'];

/** An attachment of a rectification report as received. */
export interface ReportFile {
  fileName: string;
  content: Buffer;
}


/** Checks every attachment (format by content, size, count) before anything is written. */
function checkReportFiles(files: readonly ReportFile[]) {
  if (files.length > MAX_REPORT_FILES) throw new AppError('ATTACHMENTS_TOO_MANY', `整改报告至多附 ${MAX_REPORT_FILES} 个文件`, 400, { field: 'files', max: MAX_REPORT_FILES });
  return files.map((f) => ({ ...checkAttachment(f.fileName, f.content, REPORT_FILE_EXTENSIONS), content: f.content }));
}

/**
 * Rectification of a check's findings: the order (责令整改通知书, .docx, deadline in working days),
 * the enterprise's report (entered by an officer or the inspector on its behalf) and the re-check,
 * due within 10 working days of the report. A failed re-check leaves the task inspected, ready for
 * another order or for completion with its result.
 */
export function makeRectificationService(deps: { db: Db; audit: AuditService; calendar: CalendarService; tasks: TasksService; todos: TodosService } & KindHooksDeps) {
  const { db, audit } = deps;

  /**
   * The order, its task locked and in the actor's scope (an enterprise's account: a task of its own
   * enterprise, in any state); only the latest order of a task can move on, and a re-checked order is closed (409).
   */
  async function loadOrder(tx: Db, actor: Actor, orderId: string, expected: ExpectedVersion) {
    const [order] = await tx.select().from(rectificationOrders).where(eq(rectificationOrders.id, orderId));
    if (!order) throw notFound('整改通知');
    const task = actor.enterpriseUscc ? await findOwnTask(tx, actor, order.taskId, { forUpdate: true, expected }) : await findTask(tx, actor, order.taskId, { forUpdate: true, expected });
    if (order.recheckedOn) throw new AppError('RECTIFICATION_CLOSED', '该整改通知已复查办结', 409, { orderId });
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
          .select({ uscc: enterprises.uscc, enterpriseName: enterprises.name, address: enterprises.address, itemName: inspectionItems.name, legalBasis: inspectionItems.legalBasis, bureau: orgs.name, bureauShortName: orgs.shortName })
          .from(inspectionTasks)
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .innerJoin(orgs, eq(orgs.id, inspectionTasks.orgId))
          .where(eq(inspectionTasks.id, task.id));
        const { bureauShortName, uscc, ...names } = facts!;
        const documentNo = await nextDocumentNo(tx, bureauShortName?.trim() || names.bureau, Number(issuedOn.slice(0, 4)));
        const inspectors = await inspectorsOf(tx, task.inspectorIds);
        const doc = await renderRectificationOrder({ ...names, documentNo, uscc, inspectors, inspectedOn: task.inspectedOn!, findings: task.findings, requirements, dueOn, dueCertain, issuedOn });
        const [order] = await tx
          .insert(rectificationOrders)
          .values({ taskId: task.id, documentNo, requirements, workingDays: input.workingDays, issuedOn, dueOn, dueCertain, fileName: doc.fileName, document: doc.content, issuedByName: ctx.actor.name })
          .returning({ id: rectificationOrders.id });
        await tx.update(inspectionTasks).set({ state: 'rectifying', version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, task.id));
        await settleTaskReminders(deps.todos, tx, task.id, 'rectifying');
        await deps.todos.raise(tx, 'rectification.due', [
          enterpriseRectificationTodo({ taskId: task.id, orderId: order!.id, documentNo, dueOn, dueCertain, uscc, regionCode: task.regionCode, item: names.itemName, holder: names.enterpriseName }),
        ]);
        const kind = await kindHooksOf(tx, deps, task);
        if (kind?.hooks.ordered) await kind.hooks.ordered(tx, ctx, kind.task, { id: order!.id, documentNo, dueOn });
        await audit.record(tx, ctx, { action: 'inspection_task.rectification_ordered', targetType: 'inspection_task', targetId: task.id, after: { orderId: order!.id, documentNo, workingDays: input.workingDays, dueOn, dueCertain } });
      });
      return deps.tasks.get(ctx.actor, taskId);
    },

    /**
     * Records the rectification report: by the enterprise's own account (its own orders only; other
     * enterprises' read as missing), or entered by an officer or the task's inspector on its behalf.
     * Attachments (photos, PDF; checked by content, at most MAX_REPORT_FILES, each ≤ 20 MB) are kept
     * with the task's photos, captioned with the order's number. The re-check falls due 10 working
     * days later. `expected`: the task's version (If-Match). All or nothing.
     */
    async report(ctx: RequestContext & { actor: Actor }, orderId: string, input: { reportText: string; reportedOn: string; files?: readonly ReportFile[] }, expected?: ExpectedVersion) {
      const reportText = requireText(input.reportText, 'reportText', '整改情况', 4000);
      const reportedOn = requireDate(input.reportedOn, 'reportedOn', '报告日期');
      const files = checkReportFiles(input.files ?? []);
      const byEnterprise = Boolean(ctx.actor.enterpriseUscc);
      if (byEnterprise && !ctx.actor.permissions.has('enterprise_self.report')) throw forbidden('本账号不能报告整改情况');
      const taskId = await inTransaction(db, async (tx) => {
        const { order, task } = await loadOrder(tx, ctx.actor, orderId, expected);
        if (!byEnterprise) requireAssignedOrOfficer(ctx.actor, task);
        requireState(task, ['rectifying'], '报告整改情况');
        if (reportedOn < order.issuedOn || reportedOn > todayInChina()) throw invalid('reportedOn', '报告日期应在整改通知下达之日与今天之间');
        const { date: recheckDueOn, certain: recheckDueCertain } = await deps.calendar.addWorkingDays(reportedOn, RECHECK_WORKING_DAYS, tx);
        // A report by the enterprise's own account is the enterprise's (its registered name; the account is in the audit trail).
        const reportedByName = byEnterprise ? (await tx.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, task.enterpriseId)))[0]!.name : ctx.actor.name;
        const reportedByKind = byEnterprise ? ('enterprise' as const) : ('staff' as const);
        await tx.update(rectificationOrders).set({ reportText, reportedOn, reportedByName, reportedByKind, recheckDueOn, recheckDueCertain }).where(eq(rectificationOrders.id, order.id));
        const attachmentIds: string[] = [];
        const sentAt = Date.now();
        for (const [i, file] of files.entries()) {
          const [row] = await tx
            .insert(taskPhotos)
            .values({ taskId: task.id, orderId: order.id, fileName: file.fileName, contentType: file.contentType, size: file.content.length, content: file.content, caption: reportAttachmentCaption(order.documentNo), uploadedByName: reportedByName, createdAt: new Date(sentAt + i) }) // a millisecond apart: listed in the order they were sent
            .returning({ id: taskPhotos.id });
          attachmentIds.push(row!.id);
        }
        await tx.update(inspectionTasks).set({ state: 'rechecking', version: nextVersion(inspectionTasks.version), updatedAt: new Date() }).where(eq(inspectionTasks.id, task.id));
        await settleTaskReminders(deps.todos, tx, task.id, 'rechecking');
        await audit.record(tx, ctx, {
          action: 'inspection_task.rectification_reported',
          targetType: 'inspection_task',
          targetId: task.id,
          after: { orderId, reportedOn, recheckDueOn, late: reportedOn > order.dueOn, reportedByKind, reportedByUscc: ctx.actor.enterpriseUscc ?? null, attachmentIds },
        });
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
        const [facts] = await tx
          .select({ item: inspectionItems.name, holder: enterprises.name, uscc: enterprises.uscc })
          .from(inspectionTasks)
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .where(eq(inspectionTasks.id, task.id));
        await deps.todos.raise(tx, 'rectification.rechecked', [
          enterpriseRecheckTodo({ taskId: task.id, orderId: order.id, documentNo: order.documentNo, passed: input.passed, recheckedOn, regionCode: task.regionCode, ...facts! }),
        ]);
        const kind = await kindHooksOf(tx, deps, task);
        if (kind?.hooks.rechecked) await kind.hooks.rechecked(tx, ctx, kind.task, { id: order.id, passed: input.passed, recheckedOn });
        await audit.record(tx, ctx, { action: 'inspection_task.rechecked', targetType: 'inspection_task', targetId: task.id, after: { orderId, passed: input.passed, recheckedOn, late: recheckedOn > order.recheckDueOn! } });
        return task.id;
      });
      return deps.tasks.get(ctx.actor, taskId);
    },

    /** The order's .docx, read through its task (data scope). */
    async document(actor: Actor, orderId: string) {
      const [order] = await db.select({ taskId: rectificationOrders.taskId, fileName: rectificationOrders.fileName, content: rectificationOrders.document }).from(rectificationOrders).where(eq(rectificationOrders.id, orderId));
      if (!order) throw notFound('整改通知');
      // An enterprise's account reads the orders addressed to it, whatever the task's state.
      if (actor.enterpriseUscc) await findOwnTask(db, actor, order.taskId);
      else await findTask(db, actor, order.taskId);
      return order;
    },
  };
}

export type RectificationService = ReturnType<typeof makeRectificationService>;
