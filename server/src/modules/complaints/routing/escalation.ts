import { and, asc, eq, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import { systemContext } from '../../../platform/access/actor.js';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { complaintEvents, complaints } from '../complaints.schema.js';
import { complaintCategories } from './routing.schema.js';

/** To-do kinds of urgent items: waiting to be acknowledged (签收), and escalated to the section head. */
export const URGENT_TODO = 'complaint.urgent';
export const ESCALATED_TODO = 'complaint.escalated';

type UrgentRow = Pick<typeof complaints.$inferSelect, 'id' | 'trackingNo' | 'category' | 'orgId' | 'sectionId' | 'regionCode'>;

/** The category's name for a title (the key when the category is gone). */
export async function categoryName(tx: Db, key: string | null): Promise<string> {
  if (!key) return '紧急事项';
  const [c] = await tx.select({ name: complaintCategories.name }).from(complaintCategories).where(eq(complaintCategories.key, key));
  return c?.name ?? key;
}

/**
 * The to-dos of an urgent item waiting to be acknowledged: one for the routed bureau and one for
 * the topic's city section (when it has one), each for their `complaint.write` holders, due today.
 * Keys name the addressees (the bureau; the bureau and the section), so a re-routed item's new
 * bureau or section gets items of its own (in the new region).
 */
export function urgentTodos(row: UrgentRow, name: string, today: string): TodoSpec[] {
  const title = `紧急投诉举报待签收：${name}（${row.trackingNo}）`;
  const common = { subjectType: 'complaint', subjectId: row.id, title, params: { trackingNo: row.trackingNo, category: row.category ?? '', categoryName: name }, link: `/complaints/${row.id}`, dueOn: today, regionCode: row.regionCode, permission: 'complaint.write' as const };
  const out: TodoSpec[] = [{ ...common, key: `${URGENT_TODO}:${row.id}:${row.orgId}`, orgId: row.orgId, sectionId: null }];
  if (row.sectionId) out.push({ ...common, key: `${URGENT_TODO}:${row.id}:${row.orgId}:${row.sectionId}`, orgId: null, sectionId: row.sectionId });
  return out;
}

/** The to-dos of an escalated item: for the section's and the bureau's `complaint.approve` holders (section heads). */
export function escalatedTodos(row: UrgentRow, name: string, today: string, hours: number): TodoSpec[] {
  const title = `紧急投诉举报超过 ${hours} 小时未签收，请督办：${name}（${row.trackingNo}）`;
  const common = { subjectType: 'complaint', subjectId: row.id, title, params: { trackingNo: row.trackingNo, category: row.category ?? '', categoryName: name, hours: String(hours) }, link: `/complaints/${row.id}`, dueOn: today, regionCode: row.regionCode, permission: 'complaint.approve' as const };
  const out: TodoSpec[] = [];
  if (row.sectionId) out.push({ ...common, key: `${ESCALATED_TODO}:${row.id}:${row.orgId}:${row.sectionId}`, orgId: null, sectionId: row.sectionId });
  out.push({ ...common, key: `${ESCALATED_TODO}:${row.id}:${row.orgId}`, orgId: row.orgId, sectionId: null });
  return out;
}

/**
 * The job `complaints.escalate` (every 5 minutes): every urgent item still open, not acknowledged
 * within `ackHours` hours of its receipt and not escalated yet gets `escalatedAt`, the event
 * `escalated` and the `complaint.escalated` to-dos; audited `complaint.escalated` as the system.
 * Running it again escalates nothing twice.
 */
export function makeEscalation(deps: { db: Db; audit: AuditService; todos: TodosService; ackHours: number }) {
  const { db, audit, todos, ackHours } = deps;
  return {
    async escalateUnacknowledged(now: Date = new Date()) {
      const cutoff = new Date(now.getTime() - ackHours * 3_600_000);
      const today = todayInChina(now);
      return inTransaction(db, async (tx) => {
        const due = await tx
          .select({ id: complaints.id })
          .from(complaints)
          .where(and(eq(complaints.urgent, true), isNull(complaints.acknowledgedAt), isNull(complaints.escalatedAt), notInArray(complaints.status, ['closed', 'refused']), lte(complaints.receivedAt, cutoff)))
          .orderBy(asc(complaints.receivedAt), asc(complaints.id));
        let escalated = 0;
        for (const { id } of due) {
          // Claimed by the update itself, so two runs at once escalate an item once.
          const [row] = await tx
            .update(complaints)
            .set({ escalatedAt: now, version: sql`${complaints.version} + 1`, updatedAt: now })
            .where(and(eq(complaints.id, id), isNull(complaints.escalatedAt), isNull(complaints.acknowledgedAt)))
            .returning();
          if (!row) continue;
          escalated++;
          await tx.insert(complaintEvents).values({ complaintId: id, kind: 'escalated', at: now, actorKind: 'system', note: `超过 ${ackHours} 小时未签收，已提请科室负责人督办`, public: false });
          await todos.raise(tx, ESCALATED_TODO, escalatedTodos(row, await categoryName(tx, row.category), today, ackHours));
          await audit.record(tx, systemContext(), { action: 'complaint.escalated', targetType: 'complaint', targetId: id, after: { trackingNo: row.trackingNo, orgId: row.orgId, sectionId: row.sectionId, category: row.category, hours: ackHours } });
        }
        return { escalated };
      });
    },
  };
}
