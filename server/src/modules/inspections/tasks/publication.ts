import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { countAll, inTransaction } from '../../../db/sql.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import { type Page, offsetOf } from '../../../platform/http/schemas.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { enterprises } from '../../enterprises/enterprises.schema.js';
import { normalizeUscc } from '../../enterprises/uscc.js';
import { inspectionItems, inspectionPlans } from '../inspections.schema.js';
import { inspectionTasks, rectificationOrders } from './tasks.schema.js';

/** The reminder kinds this module raises (the web UI labels them). */
export const INSPECTION_REMINDER_KINDS = ['inspection.publication_overdue', 'inspection.recheck_due'] as const;

/**
 * Published results as anyone may see them: object, item, plan, date and result — never the
 * findings, answers, photos, inspectors or notes.
 */
async function publicResults(db: Db, filter: { uscc?: string; year?: number }, page: Page) {
  const where = and(
    eq(inspectionTasks.state, 'published'),
    filter.uscc ? eq(inspectionTasks.objectKey, normalizeUscc(filter.uscc)) : undefined,
    filter.year ? sql`extract(year from ${inspectionTasks.completedOn}) = ${filter.year}` : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: inspectionTasks.id,
        uscc: inspectionTasks.objectKey,
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

/**
 * Publication of inspection results: the public list, and the daily reminders — completed results whose publication is past due (20 working
 * days, 企业信息公示暂行条例 §6), and rectification reports waiting for a re-check whose 10
 * working days (SAMR Order 57 §29) end within 3 days or have passed. Each is a to-do of the task's
 * competent bureau.
 */
export function makeInspectionPublication(deps: { db: Db; todos: TodosService }) {
  return {
    results: (filter: { uscc?: string; year?: number }, page: Page) => publicResults(deps.db, filter, page),

    async remind(today = todayInChina()) {
      return inTransaction(deps.db, async (tx) => {
        const unpublished = await tx
          .select({ id: inspectionTasks.id, orgId: inspectionTasks.orgId, regionCode: inspectionTasks.regionCode, dueOn: inspectionTasks.publishDueOn, name: enterprises.name, item: inspectionItems.name })
          .from(inspectionTasks)
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .where(and(eq(inspectionTasks.state, 'completed'), sql`${inspectionTasks.publishDueOn} < ${today}`));
        const rechecks = await tx
          .select({ id: inspectionTasks.id, orgId: inspectionTasks.orgId, regionCode: inspectionTasks.regionCode, dueOn: rectificationOrders.recheckDueOn, name: enterprises.name, item: inspectionItems.name })
          .from(rectificationOrders)
          .innerJoin(inspectionTasks, eq(inspectionTasks.id, rectificationOrders.taskId))
          .innerJoin(enterprises, eq(enterprises.id, inspectionTasks.enterpriseId))
          .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionTasks.itemId))
          .where(and(eq(inspectionTasks.state, 'rechecking'), isNotNull(rectificationOrders.recheckDueOn), sql`${rectificationOrders.recheckDueOn} <= (${today}::date + 3)`, sql`${rectificationOrders.recheckedOn} is null`));
        const spec = (kind: (typeof INSPECTION_REMINDER_KINDS)[number], title: string) => (t: (typeof unpublished)[number]): TodoSpec => ({
          key: `${kind}:${t.id}:${t.dueOn}`,
          subjectType: 'inspection_task',
          subjectId: t.id,
          title: `${t.name}：${t.item}${title}`,
          params: { holder: t.name, item: t.item, date: t.dueOn ?? '' },
          link: `/inspection-tasks/${t.id}`,
          dueOn: t.dueOn,
          orgId: t.orgId,
          sectionId: null,
          regionCode: t.regionCode,
        });
        const [publication, recheck] = INSPECTION_REMINDER_KINDS;
        await deps.todos.sync(tx, publication, unpublished.map(spec(publication, '的检查结果逾期未公示')));
        await deps.todos.sync(tx, recheck, rechecks.map(spec(recheck, '的整改待复查')));
        return { publicationOverdue: unpublished.length, recheckDue: rechecks.length };
      });
    },
  };
}

export type InspectionPublication = ReturnType<typeof makeInspectionPublication>;
