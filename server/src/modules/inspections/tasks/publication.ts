import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { inspectionItems, inspectionPlans } from '../inspections.schema.js';
import { type TaskState, inspectionTasks, rectificationOrders } from './tasks.schema.js';
import { tasksOfEnterprise } from './task-access.js';

/** The reminder kinds this module raises (the web UI labels them). */
export const INSPECTION_REMINDER_KINDS = ['inspection.publication_overdue', 'inspection.recheck_due', 'inspection.task_overdue', 'rectification.due'] as const;
type ReminderKind = (typeof INSPECTION_REMINDER_KINDS)[number];

/** The task states in which each reminder still applies; a task leaving them closes it. */
const REMINDER_STATES: Record<ReminderKind, readonly TaskState[]> = {
  'inspection.publication_overdue': ['completed'],
  'inspection.recheck_due': ['rechecking'],
  'inspection.task_overdue': ['assigned', 'in_progress'],
  'rectification.due': ['rectifying'],
};

/** Closes the task's open reminders that its new state makes moot (called in the step's transaction; the daily job raises again what applies). */
export async function settleTaskReminders(todos: TodosService, tx: Db, taskId: string, state: TaskState) {
  for (const kind of INSPECTION_REMINDER_KINDS) if (!REMINDER_STATES[kind].includes(state)) await todos.resolveSubject(tx, kind, taskId);
}

/** An enterprise-addressed twin of a reminder (企业端): the same kind, its key prefixed, seen only by the enterprise's accounts. */
export const ENTERPRISE_KEY_PREFIX = 'enterprise:';

/**
 * To-dos for the enterprise only (no staff twin): the result of a re-check of its rectification, until it marks it read.
 * An enterprise's to-dos link to its own pages (企业端: /my/…), not the staff's.
 */
export const ENTERPRISE_ONLY_KINDS = ['rectification.rechecked'] as const;

/** The enterprise's to-do for an open rectification order: report before the deadline (raised at the order, kept by the daily job, resolved by the report). */
export function enterpriseRectificationTodo(o: { taskId: string; orderId: string; documentNo: string; dueOn: string; dueCertain: boolean | null; uscc: string; regionCode: string; item: string; holder: string }): TodoSpec {
  return {
    key: `${ENTERPRISE_KEY_PREFIX}rectification.due:${o.taskId}:${o.orderId}`,
    subjectType: 'inspection_task',
    subjectId: o.taskId,
    title: `${o.item}：请于 ${o.dueOn} 前报告整改情况（${o.documentNo}）`,
    params: { holder: o.holder, item: o.item, date: o.dueOn, documentNo: o.documentNo },
    link: `/my/inspections/${o.taskId}`,
    dueOn: o.dueOn,
    dueCertain: o.dueCertain !== false,
    orgId: null,
    sectionId: null,
    enterpriseUscc: o.uscc,
    regionCode: o.regionCode,
  };
}

/** The enterprise's to-do telling it the result of the re-check of its rectification. */
export function enterpriseRecheckTodo(o: { taskId: string; orderId: string; documentNo: string; passed: boolean; recheckedOn: string; uscc: string; regionCode: string; item: string; holder: string }): TodoSpec {
  return {
    key: `${ENTERPRISE_KEY_PREFIX}rectification.rechecked:${o.orderId}`,
    subjectType: 'inspection_task',
    subjectId: o.taskId,
    title: `${o.item}：整改复查${o.passed ? '合格' : '不合格'}（${o.documentNo}，${o.recheckedOn}）`,
    params: { holder: o.holder, item: o.item, date: o.recheckedOn, documentNo: o.documentNo, result: o.passed ? 'passed' : 'failed' },
    link: `/my/inspections/${o.taskId}`,
    dueOn: null,
    orgId: null,
    sectionId: null,
    enterpriseUscc: o.uscc,
    regionCode: o.regionCode,
  };
}

/** A rectification deadline becomes a to-do this many days before it ends. */
export const RECTIFICATION_NOTICE_DAYS = 3;

/**
 * Published results as anyone may see them: object, item, plan, date and result — never the
 * findings, answers, photos, inspectors or notes.
 */
async function publicResults(db: Db, filter: { uscc?: string; year?: number }, page: Page) {
  const where = and(
    eq(inspectionTasks.state, 'published'),
    filter.uscc ? tasksOfEnterprise(normalizeUscc(filter.uscc)) : undefined,
    filter.year ? sql`extract(year from ${inspectionTasks.completedOn}) = ${filter.year}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: inspectionTasks.id,
        uscc: enterprises.uscc,
        enterpriseName: enterprises.name,
        itemName: inspectionItems.name,
        planName: inspectionPlans.name,
        drawId: inspectionTasks.drawId,
        origin: inspectionTasks.origin,
        inspectedOn: inspectionTasks.inspectedOn,
        completedOn: inspectionTasks.completedOn,
        result: inspectionTasks.resultCategory,
        publishedAt: inspectionTasks.publishedAt,
      })
      .from(inspectionTasks)
      .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
      .leftJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
      .where(where)
      .orderBy(desc(inspectionTasks.publishedAt), desc(inspectionTasks.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db.select({ n: countAll }).from(inspectionTasks).where(where),
  ]);
  return { items, total: count!.n };
}

/** A task's reminder as the daily job found it: the task, the date it is about, who is addressed. */
interface Due {
  id: string;
  orgId: string;
  regionCode: string;
  dueOn: string | null;
  /** False when dueOn was counted over a year without holiday data (null: not counted in working days, or before it was recorded). */
  dueCertain: boolean | null;
  name: string;
  item: string;
  inspectorIds: string[];
}

const TITLES: Record<ReminderKind, string> = {
  'inspection.publication_overdue': '的检查结果逾期未公示',
  'inspection.recheck_due': '的整改待复查',
  'inspection.task_overdue': '的检查已超过期限',
  'rectification.due': '的整改期限将至，尚未报告整改情况',
};

/**
 * Publication of inspection results: the public list, and the daily reminders. Publication
 * past due (20 working days, 企业信息公示暂行条例 §6) is a to-do of the competent bureau's users
 * who publish (`inspection.plan`); the rest go to the task's inspectors in person: checks past the
 * task's due date not yet submitted, rectification deadlines ending within 3 days (or passed)
 * without the enterprise's report, and reports waiting for a re-check whose 10 working days (SAMR
 * Order 57 §29) end within 3 days or have passed. Each closes when done (at the step, or at the next run).
 */
export function makeInspectionPublication(deps: { db: Db; todos: TodosService }) {
  return {
    results: (filter: { uscc?: string; year?: number }, page: Page) => publicResults(deps.db, filter, page),

    async remind(today = todayInChina()) {
      return inTransaction(deps.db, async (tx) => {
        const fields = { id: inspectionTasks.id, orgId: inspectionTasks.orgId, regionCode: inspectionTasks.regionCode, name: enterprises.name, item: inspectionItems.name, inspectorIds: inspectionTasks.inspectorIds };
        const tasks = () =>
          tx
            .select({ ...fields, dueOn: inspectionTasks.dueOn, publishDueOn: inspectionTasks.publishDueOn, publishDueCertain: inspectionTasks.publishDueCertain, state: inspectionTasks.state })
            .from(inspectionTasks)
            .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
            .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId));
        const unpublished = (await tasks().where(and(eq(inspectionTasks.state, 'completed'), sql`${inspectionTasks.publishDueOn} < ${today}`))).map((t) => ({ ...t, dueOn: t.publishDueOn, dueCertain: t.publishDueCertain }));
        // A task's own due date is a quarter's end or set by hand: not counted in working days.
        const late = (await tasks().where(and(inArray(inspectionTasks.state, ['assigned', 'in_progress']), sql`${inspectionTasks.dueOn} < ${today}`))).map((t) => ({ ...t, dueCertain: null }));
        const orders = (state: 'rectifying' | 'rechecking', due: typeof rectificationOrders.dueOn | typeof rectificationOrders.recheckDueOn, certain: typeof rectificationOrders.dueCertain | typeof rectificationOrders.recheckDueCertain) =>
          tx
            .select({ ...fields, dueOn: sql<string | null>`${due}::text`, dueCertain: certain })
            .from(rectificationOrders)
            .innerJoin(inspectionTasks, eq(inspectionTasks.id, rectificationOrders.taskId))
            .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
            .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
            .where(and(eq(inspectionTasks.state, state), isNotNull(due), sql`${due} <= (${today}::date + ${RECTIFICATION_NOTICE_DAYS}::int)`, state === 'rectifying' ? isNull(rectificationOrders.reportedOn) : isNull(rectificationOrders.recheckedOn)));
        const rectifications = await orders('rectifying', rectificationOrders.dueOn, rectificationOrders.dueCertain);
        // The enterprise is told of every open order from the day it is issued, not only near its deadline.
        const openOrders = await tx
          .select({ taskId: inspectionTasks.id, orderId: rectificationOrders.id, documentNo: rectificationOrders.documentNo, dueOn: rectificationOrders.dueOn, dueCertain: rectificationOrders.dueCertain, uscc: enterprises.uscc, regionCode: inspectionTasks.regionCode, item: inspectionItems.name, holder: enterprises.name })
          .from(rectificationOrders)
          .innerJoin(inspectionTasks, eq(inspectionTasks.id, rectificationOrders.taskId))
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .where(and(eq(inspectionTasks.state, 'rectifying'), isNull(rectificationOrders.reportedOn), isNull(rectificationOrders.recheckedOn)));
        const rechecks = await orders('rechecking', rectificationOrders.recheckDueOn, rectificationOrders.recheckDueCertain);

        const base = (kind: ReminderKind, t: Due) => ({
          subjectType: 'inspection_task',
          subjectId: t.id,
          title: `${t.name}：${t.item}${TITLES[kind]}`,
          params: { holder: t.name, item: t.item, date: t.dueOn ?? '' },
          link: `/inspection-tasks/${t.id}`,
          dueOn: t.dueOn,
          dueCertain: t.dueCertain !== false,
          orgId: t.orgId,
          sectionId: null,
          regionCode: t.regionCode,
        });
        const toOffice = (kind: ReminderKind) => (t: Due): TodoSpec => ({ ...base(kind, t), key: `${kind}:${t.id}:${t.dueOn}`, permission: 'inspection.plan' });
        const toInspectors = (kind: ReminderKind) => (t: Due): TodoSpec[] => t.inspectorIds.map((userId) => ({ ...base(kind, t), key: `${kind}:${t.id}:${t.dueOn}:${userId}`, userId }));

        const counts: Partial<Record<ReminderKind, { created: number; resolved: number }>> = {};
        counts['inspection.publication_overdue'] = await deps.todos.sync(tx, 'inspection.publication_overdue', unpublished.map(toOffice('inspection.publication_overdue')));
        counts['inspection.task_overdue'] = await deps.todos.sync(tx, 'inspection.task_overdue', late.flatMap(toInspectors('inspection.task_overdue')));
        counts['rectification.due'] = await deps.todos.sync(tx, 'rectification.due', [...rectifications.flatMap(toInspectors('rectification.due')), ...openOrders.map(enterpriseRectificationTodo)]);
        counts['inspection.recheck_due'] = await deps.todos.sync(tx, 'inspection.recheck_due', rechecks.flatMap(toInspectors('inspection.recheck_due')));
        return { publicationOverdue: unpublished.length, taskOverdue: late.length, rectificationDue: rectifications.length, recheckDue: rechecks.length, todos: counts as Record<ReminderKind, { created: number; resolved: number }> };
      });
    },

  };
}

export type InspectionPublication = ReturnType<typeof makeInspectionPublication>;
