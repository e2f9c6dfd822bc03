import { type SQL, and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction, nextVersion } from '../../../db/sql.js';
import type { Actor, RequestContext } from '../../../platform/access/actor.js';
import { visibleTo } from '../../../platform/access/scope.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { ExpectedVersion } from '../../../platform/http/etag.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { JurisdictionService } from '../../../platform/jurisdiction/jurisdiction.service.js';
import { enterprises, normalizeUscc } from '../../enterprises/index.js';
import { invalid, requireDate, requireText } from '../../../platform/validation/fields.js';
import { eligibleInspectors } from '../draw/eligibility.js';
import { inspectionItems, inspectionPlans } from '../inspections.schema.js';
import { inspectorPeople, poolFor } from '../inspectors/inspectors.service.js';
import { type FindingInput, checkAnswers, findingsOf } from './checklist.js';
import { findTask, requireAssigned, requireState, taskScope, tasksOfEnterprise } from './task-access.js';
import { type ChecklistAnswer, type TaskOrigin, type TaskState, TASK_STATES, inspectionTasks, rectificationOrders, taskPhotos } from './tasks.schema.js';
import type { TodosService } from '../../../platform/todos/todos.service.js';
import { settleTaskReminders } from './publication.js';
import { type KindHooksDeps, kindHooksOf } from './kind-hooks.js';
import { assertItemFitsPool } from '../target-kinds.js';


export interface ManualTaskInput {
  itemId: string;
  uscc: string;
  origin: Exclude<TaskOrigin, 'draw'>;
  originNote: string;
  inspectorIds: string[];
  dueOn?: string | null;
}

export interface TaskFilter {
  /** Only tasks the actor is assigned to. */
  mine?: boolean;
  state?: TaskState;
  drawId?: string;
  uscc?: string;
  origin?: TaskOrigin;
  /** Only tasks past one of their deadlines (see `overdueWhere`). */
  overdue?: boolean;
}

/** Publication of a result is due 20 working days after completion (企业信息公示暂行条例 §6). */
export const PUBLISH_WORKING_DAYS = 20;

const listColumns = {
  id: inspectionTasks.id,
  itemId: inspectionTasks.itemId,
  itemName: inspectionItems.name,
  planId: inspectionTasks.planId,
  planName: inspectionPlans.name,
  drawId: inspectionTasks.drawId,
  origin: inspectionTasks.origin,
  originNote: inspectionTasks.originNote,
  objectKey: inspectionTasks.objectKey,
  enterpriseName: enterprises.name,
  regionCode: inspectionTasks.regionCode,
  inspectorIds: inspectionTasks.inspectorIds,
  state: inspectionTasks.state,
  dueOn: inspectionTasks.dueOn,
  inspectedOn: inspectionTasks.inspectedOn,
  resultCategory: inspectionTasks.resultCategory,
  completedOn: inspectionTasks.completedOn,
  publishDueOn: inspectionTasks.publishDueOn,
  publishDueCertain: inspectionTasks.publishDueCertain,
  publishedAt: inspectionTasks.publishedAt,
  version: inspectionTasks.version,
  createdAt: inspectionTasks.createdAt,
};

/** The open rectification order's deadline that applies in the task's state (rectifying: the report; rechecking: the re-check). */
const openDeadline = sql<string | null>`(select case when ${inspectionTasks.state} = 'rectifying' then o.due_on when ${inspectionTasks.state} = 'rechecking' then o.recheck_due_on end
  from ${rectificationOrders} o where o.task_id = ${inspectionTasks.id} order by o.created_at desc limit 1)`;

/** The day the task's current step is due: the check, the rectification report, the re-check, or the publication. */
const currentDeadline = sql<string | null>`case
  when ${inspectionTasks.state} in ('assigned', 'in_progress') then ${inspectionTasks.dueOn}
  when ${inspectionTasks.state} in ('rectifying', 'rechecking') then ${openDeadline}
  when ${inspectionTasks.state} = 'completed' then ${inspectionTasks.publishDueOn} end`;

/**
 * False when the current step's deadline was counted in working days over a year without holiday
 * data (the check's own deadline is a calendar date: always certain; rows from before the flag was
 * kept count as certain).
 */
const currentDeadlineCertain = sql<boolean>`coalesce(case
  when ${inspectionTasks.state} = 'rectifying' then (select o.due_certain from ${rectificationOrders} o where o.task_id = ${inspectionTasks.id} order by o.created_at desc limit 1)
  when ${inspectionTasks.state} = 'rechecking' then (select o.recheck_due_certain from ${rectificationOrders} o where o.task_id = ${inspectionTasks.id} order by o.created_at desc limit 1)
  when ${inspectionTasks.state} = 'completed' then ${inspectionTasks.publishDueCertain} end, true)`;

const overdueWhere = (today: string): SQL => sql`${currentDeadline} < ${today}`;

/** Inspection tasks: the check itself (checklist, photos, findings), its completion and publication. */
export function makeTasksService(deps: { db: Db; audit: AuditService; calendar: CalendarService; jurisdiction: JurisdictionService; todos: TodosService } & KindHooksDeps) {
  const { db, audit } = deps;

  const listQuery = (tx: Db) =>
    tx
      .select({ ...listColumns, deadline: currentDeadline, deadlineCertain: currentDeadlineCertain })
      .from(inspectionTasks)
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
      .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
      .leftJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId));

  const withFlags = <T extends { deadline: string | null }>(row: T, today = todayInChina()) => ({ ...row, overdue: row.deadline !== null && row.deadline < today });

  /** Inspectors as people: by name, with their enforcement certificate number (null once out of the pool). */
  async function peopleOf(tx: Db, ids: readonly string[]) {
    const people = new Map((await inspectorPeople(tx, ids)).map((p) => [p.userId, p]));
    return (id: string) => people.get(id) ?? { userId: id, name: id, certificateNo: null };
  }

  async function checklistOf(tx: Db, itemId: string) {
    const [item] = await tx.select().from(inspectionItems).where(eq(inspectionItems.id, itemId));
    return item!;
  }

  async function photoIds(tx: Db, taskId: string) {
    const rows = await tx.select({ id: taskPhotos.id }).from(taskPhotos).where(eq(taskPhotos.taskId, taskId));
    return new Set(rows.map((r) => r.id));
  }

  async function detail(tx: Db, actor: Actor, id: string) {
    const [row] = await listQuery(tx).where(and(eq(inspectionTasks.id, id), taskScope(actor)));
    if (!row) throw notFound('检查任务');
    const [task] = await tx.select({ answers: inspectionTasks.answers, findings: inspectionTasks.findings, resultNote: inspectionTasks.resultNote }).from(inspectionTasks).where(eq(inspectionTasks.id, id));
    const item = await checklistOf(tx, row.itemId);
    const person = await peopleOf(tx, row.inspectorIds);
    const photos = await tx
      .select({ id: taskPhotos.id, orderId: taskPhotos.orderId, fileName: taskPhotos.fileName, contentType: taskPhotos.contentType, size: taskPhotos.size, caption: taskPhotos.caption, uploadedByName: taskPhotos.uploadedByName, createdAt: taskPhotos.createdAt })
      .from(taskPhotos)
      .where(eq(taskPhotos.taskId, id))
      .orderBy(asc(taskPhotos.createdAt), asc(taskPhotos.id));
    const { document: _document, ...orderColumns } = getTableColumns(rectificationOrders);
    const orders = await tx.select(orderColumns).from(rectificationOrders).where(eq(rectificationOrders.taskId, id)).orderBy(asc(rectificationOrders.createdAt));
    const withoutOrder = ({ orderId: _orderId, ...photo }: (typeof photos)[number]) => photo;
    return {
      ...withFlags(row),
      ...task!,
      checklist: item.checklist,
      resultCategories: item.resultCategories,
      inspectors: row.inspectorIds.map(person),
      assignedToMe: actor.userId !== null && row.inspectorIds.includes(actor.userId),
      photos: photos.filter((p) => p.orderId === null).map(withoutOrder),
      rectificationOrders: orders.map(({ reportedByKind, ...o }) => ({
        ...o,
        reportedBy: o.reportedOn && o.reportedByName ? { kind: reportedByKind ?? ('staff' as const), name: o.reportedByName } : null,
        reportAttachments: photos.filter((p) => p.orderId === o.id).map(withoutOrder),
      })),
    };
  }

  /**
   * Who may inspect an enterprise of the actor's register for an item: the inspector pool of its
   * region after the draw's exclusion rules (inactive, region, specialty, conflict); there is no
   * "last time" rule for a task chosen by hand.
   */
  async function candidatesFor(tx: Db, actor: Actor, itemId: string, rawUscc: string) {
    const [item] = await tx.select().from(inspectionItems).where(eq(inspectionItems.id, itemId));
    if (!item || !item.active) throw invalid('itemId', '未知或已停用的抽查事项');
    // A task without a draw checks an enterprise (by USCC): an item of special-equipment units is drawn from a pool of units.
    if (item.targetKind === 'equipment') assertItemFitsPool(item.targetKind, 'enterprise');
    const uscc = normalizeUscc(rawUscc ?? '');
    const [enterprise] = await tx
      .select({ id: enterprises.id, regionCode: enterprises.regionCode })
      .from(enterprises)
      .where(and(eq(enterprises.uscc, uscc), visibleTo(actor, { regionCode: enterprises.regionCode })));
    if (!enterprise) throw invalid('uscc', `本辖区的企业名录中没有统一社会信用代码 ${uscc}`, 'ENTERPRISE_UNKNOWN');
    const pool = await poolFor(tx, enterprise.regionCode);
    const choice = eligibleInspectors(pool, { key: uscc, regionCode: enterprise.regionCode }, {
      on: todayInChina(),
      perTask: 2,
      specialty: item.specialty,
      conflicts: new Set(pool.filter((i) => i.conflicts.includes(uscc)).map((i) => i.userId)),
      lastTime: new Set(),
    });
    return { item, uscc, enterprise, choice };
  }

  /** Changes a task in the actor's scope under a row lock (of the version `expected` names, when given), audits it, and answers its new detail. */
  async function change(
    ctx: RequestContext & { actor: Actor },
    id: string,
    expected: ExpectedVersion,
    action: string,
    fn: (tx: Db, task: Awaited<ReturnType<typeof findTask>>) => Promise<Partial<typeof inspectionTasks.$inferInsert>>,
  ) {
    return inTransaction(db, async (tx) => {
      const task = await findTask(tx, ctx.actor, id, { forUpdate: true, expected });
      const set = await fn(tx, task);
      await tx
        .update(inspectionTasks)
        .set({ ...set, version: nextVersion(inspectionTasks.version), updatedAt: new Date() })
        .where(eq(inspectionTasks.id, id));
      await audit.record(tx, ctx, { action, targetType: 'inspection_task', targetId: id, before: { state: task.state }, after: set });
      if (set.state && set.state !== task.state) await settleTaskReminders(deps.todos, tx, id, set.state);
      return detail(tx, ctx.actor, id);
    });
  }

  return {
    async list(actor: Actor, filter: TaskFilter, page: Page) {
      const today = todayInChina();
      const where = and(
        taskScope(actor),
        filter.mine ? sql`${inspectionTasks.inspectorIds} @> array[${actor.userId ?? '00000000-0000-0000-0000-000000000000'}]::uuid[]` : undefined,
        filter.state ? eq(inspectionTasks.state, filter.state) : undefined,
        filter.drawId ? eq(inspectionTasks.drawId, filter.drawId) : undefined,
        filter.uscc ? tasksOfEnterprise(normalizeUscc(filter.uscc)) : undefined,
        filter.origin ? eq(inspectionTasks.origin, filter.origin) : undefined,
        filter.overdue ? overdueWhere(today) : undefined,
      );
      const [rows, [count]] = await Promise.all([
        listQuery(db)
          .where(where)
          .orderBy(sql`array_position(array[${sql.join(TASK_STATES.map((s) => sql`${s}`), sql`, `)}]::text[], ${inspectionTasks.state})`, asc(inspectionTasks.dueOn), desc(inspectionTasks.createdAt), asc(inspectionTasks.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: countAll }).from(inspectionTasks).where(where),
      ]);
      return { items: rows.map((r) => withFlags(r, today)), total: count!.n };
    },

    get: (actor: Actor, id: string) => detail(db, actor, id),

    /**
     * A task as the lead of an enforcement case (检查发现的问题, the cases module's lead source
     * `inspection_finding`, by the task's id: findings have no id of their own): read in the
     * caller's transaction, in the actor's scope (null otherwise), with its enterprise, item and
     * findings. The caller decides whether it is a lead (findings fixed, at least one).
     */
    async forCase(tx: Db, actor: Actor, id: string) {
      const [row] = await tx
        .select({
          id: inspectionTasks.id,
          state: inspectionTasks.state,
          itemName: inspectionItems.name,
          enterpriseName: enterprises.name,
          uscc: enterprises.uscc,
          regionCode: inspectionTasks.regionCode,
          inspectedOn: inspectionTasks.inspectedOn,
          findings: inspectionTasks.findings,
        })
        .from(inspectionTasks)
        .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
        .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
        .where(and(eq(inspectionTasks.id, id), taskScope(actor)));
      return row ?? null;
    },

    /** The inspectors a task without a draw may have for this item and enterprise, and who may not, with the rule. */
    async eligibleInspectors(actor: Actor, itemId: string, uscc: string) {
      const { choice } = await candidatesFor(db, actor, itemId, uscc);
      const person = await peopleOf(db, [...choice.eligible, ...choice.excluded.map((e) => e.inspector)]);
      const items = [...choice.eligible.map((userId) => ({ ...person(userId), rule: null })), ...choice.excluded.map((e) => ({ ...person(e.inspector), rule: e.rule }))];
      return { items, total: items.length };
    },

    /** A task without a draw: after a complaint, or a targeted check, with inspectors chosen by hand. */
    async create(ctx: RequestContext & { actor: Actor }, input: ManualTaskInput) {
      if (input.origin !== 'complaint' && input.origin !== 'targeted') throw invalid('origin', '无抽取的任务来源应为投诉举报（complaint）或专项检查（targeted）');
      const originNote = requireText(input.originNote, 'originNote', input.origin === 'complaint' ? '投诉举报编号或摘要' : '专项检查的理由', 500);
      const dueOn = input.dueOn ? requireDate(input.dueOn, 'dueOn', '检查期限') : null;
      if (dueOn && dueOn < todayInChina()) throw invalid('dueOn', '检查期限不能早于今天');
      const inspectorIds = [...new Set(input.inspectorIds ?? [])];
      if (inspectorIds.length < 2) throw invalid('inspectorIds', '每项检查任务至少安排两名检查人员', 'INSPECTORS_TOO_FEW');
      return inTransaction(db, async (tx) => {
        const { item, uscc, enterprise, choice } = await candidatesFor(tx, ctx.actor, input.itemId, input.uscc);
        const person = await peopleOf(tx, inspectorIds);
        for (const id of inspectorIds) {
          if (choice.eligible.includes(id)) continue;
          const rule = choice.excluded.find((e) => e.inspector === id)?.rule;
          const who = person(id).name;
          throw new AppError('INSPECTOR_INELIGIBLE', rule ? `${who}不能检查该企业（${INELIGIBLE_REASONS[rule]}）` : `${who}不在本辖区的执法检查人员名录库中`, 400, { field: 'inspectorIds', inspector: id, rule: rule ?? 'not_in_pool' });
        }
        const bureau = await deps.jurisdiction.competentBureau(enterprise.regionCode, tx);
        const [row] = await tx
          .insert(inspectionTasks)
          .values({ itemId: item.id, origin: input.origin, originNote, objectKey: uscc, enterpriseId: enterprise.id, regionCode: enterprise.regionCode, orgId: bureau.id, inspectorIds, state: 'assigned', dueOn, createdByName: ctx.actor.name })
          .returning({ id: inspectionTasks.id });
        await audit.record(tx, ctx, { action: 'inspection_task.created', targetType: 'inspection_task', targetId: row!.id, after: { itemId: item.id, uscc, origin: input.origin, originNote, inspectorIds, dueOn } });
        return detail(tx, ctx.actor, row!.id);
      });
    },

    /** Saves answers as a draft (the check is under way); nothing is final until submitted. `expected`: If-Match. */
    saveAnswers(ctx: RequestContext & { actor: Actor }, id: string, answers: Record<string, ChecklistAnswer>, expected?: ExpectedVersion) {
      return change(ctx, id, expected, 'inspection_task.answers_saved', async (tx, task) => {
        requireAssigned(ctx.actor, task);
        requireState(task, ['assigned', 'in_progress'], '填写检查表');
        const item = await checklistOf(tx, task.itemId);
        const clean = checkAnswers(item.checklist, answers, { final: false, photoIds: await photoIds(tx, id) });
        return { answers: { ...task.answers, ...clean }, state: 'in_progress' };
      });
    },

    /** Submits the checklist: every required answer given; findings fixed from the "no" answers and the inspector's own. */
    submit(ctx: RequestContext & { actor: Actor }, id: string, input: { answers?: Record<string, ChecklistAnswer>; findings?: FindingInput[]; inspectedOn: string }, expected?: ExpectedVersion) {
      return change(ctx, id, expected, 'inspection_task.inspected', async (tx, task) => {
        requireAssigned(ctx.actor, task);
        requireState(task, ['assigned', 'in_progress'], '提交检查结果');
        const inspectedOn = requireDate(input.inspectedOn, 'inspectedOn', '检查日期');
        if (inspectedOn > todayInChina()) throw invalid('inspectedOn', '检查日期不能晚于今天');
        if (inspectedOn < todayInChina(task.createdAt)) throw invalid('inspectedOn', '检查日期不能早于任务下达之日');
        const item = await checklistOf(tx, task.itemId);
        const answers = checkAnswers(item.checklist, { ...task.answers, ...(input.answers ?? {}) }, { final: true, photoIds: await photoIds(tx, id) });
        const findings = findingsOf(item.checklist, answers, input.findings ?? []);
        // A unit's (or user unit's) findings become its hazards (the equipment module's hook).
        const kind = await kindHooksOf(tx, deps, task, { findings, inspectedOn });
        if (kind?.hooks.inspected) await kind.hooks.inspected(tx, ctx, kind.task);
        return { answers, findings, inspectedOn, state: 'inspected' };
      });
    },

    /** Ends the check with one of the item's result categories; publication falls due 20 working days later. */
    complete(ctx: RequestContext & { actor: Actor }, id: string, input: { resultCategory: string; resultNote?: string | null }, expected?: ExpectedVersion) {
      return change(ctx, id, expected, 'inspection_task.completed', async (tx, task) => {
        requireAssigned(ctx.actor, task);
        requireState(task, ['inspected'], '办结（请先提交检查结果，整改中的任务须先复查）');
        const item = await checklistOf(tx, task.itemId);
        if (!item.resultCategories.includes(input.resultCategory)) throw invalid('resultCategory', `检查结果应为 ${item.resultCategories.join('、')} 之一`);
        const resultNote = input.resultNote?.trim() || null;
        if (resultNote && resultNote.length > 1000) throw invalid('resultNote', '结果说明不能超过 1000 个字');
        const completedOn = todayInChina();
        const { date: publishDueOn, certain: publishDueCertain } = await deps.calendar.addWorkingDays(completedOn, PUBLISH_WORKING_DAYS, tx);
        return { resultCategory: input.resultCategory, resultNote, completedOn, publishDueOn, publishDueCertain, state: 'completed' };
      });
    },

    /** Publishes completed results (object, item, date, result) on the public page and API. */
    async publish(ctx: RequestContext & { actor: Actor }, ids: readonly string[]) {
      const unique = [...new Set(ids)];
      if (unique.length === 0 || unique.length > 500) throw invalid('ids', '一次公示 1–500 项任务');
      return inTransaction(db, async (tx) => {
        const now = new Date();
        for (const id of unique) {
          const task = await findTask(tx, ctx.actor, id, { forUpdate: true });
          requireState(task, ['completed'], '公示（只能公示已办结的任务）');
          await tx.update(inspectionTasks).set({ state: 'published', publishedAt: now, version: nextVersion(inspectionTasks.version), updatedAt: now }).where(eq(inspectionTasks.id, id));
          await audit.record(tx, ctx, { action: 'inspection_task.published', targetType: 'inspection_task', targetId: id, after: { publishedAt: now, late: task.publishDueOn! < todayInChina() } });
          await settleTaskReminders(deps.todos, tx, id, 'published');
        }
        return { published: unique.length };
      });
    },
  };
}

const INELIGIBLE_REASONS = { inactive: '不在执法有效期内', region: '不在其执法区域内', specialty: '缺少该事项要求的专业', conflict: '已申报与该企业存在利害关系', last_time: '上次检查过该企业' } as const;

export type TasksService = ReturnType<typeof makeTasksService>;
