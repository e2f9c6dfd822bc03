import { and, asc, eq, isNull, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { inTransaction } from '../../../db/sql.js';
import type { CalendarService } from '../../../platform/calendar/calendar.service.js';
import { todayInChina } from '../../../platform/calendar/dates.js';
import type { TodoSpec, TodosService } from '../../../platform/todos/todos.service.js';
import { todos as todosTable } from '../../../platform/todos/todos.schema.js';
import { type DeadlineKind, complaintDeadlines, complaints } from '../complaints.schema.js';
import { NEAR_WORKING_DAYS } from './clocks.js';

/** The to-do kind of a clock near or past its due date. */
export const DEADLINE_TODO = 'complaint.deadline';

/** How a clock is named in a to-do's title. */
export const CLOCK_LABELS: Record<DeadlineKind, string> = { accept: '受理期限', mediation: '调解期限', verify: '核查期限', notify: '告知期限' };

export interface ClockTodosOptions {
  /** The China date the job counts from (tests); default today. */
  today?: string;
  /** The caller's open transaction (PGlite has one connection: pass it when calling inside one). */
  tx?: Db;
}

/**
 * The clocks' to-dos (job `complaints.clocks`, daily at 00:35 China, and after each action on an
 * item): every open clock (neither met nor cancelled) of an open item (not closed or refused) due
 * within `NEAR_WORKING_DAYS` (2) working days from today, or past due, is one to-do for the handler
 * (or, when nobody took the item on, the routed bureau's `complaint.write` holders) and one for
 * the supervisor (the bureau's `complaint.approve` holders). Keys are
 * `complaint.deadline:<clock>:<due>:handler|supervisor:<addressee>`: the same on every run (a
 * re-run creates nothing, an item marked done stays done), new when the due date moves (an
 * extension) or the addressee changes (a re-route, a handler taking it on). The due date and its
 * certainty are the clock's.
 *
 * Without an id: all items (`todos.sync`). With an id: that item's to-dos only — the wanted raised,
 * its other open ones resolved. Returns how many were created (or reopened) and resolved.
 */
export function makeClockTodos(deps: { db: Db; calendar: CalendarService; todos: TodosService }) {
  const { db, calendar, todos } = deps;

  async function wantedFor(tx: Db, today: string, complaintId?: string): Promise<TodoSpec[]> {
    const threshold = (await calendar.addWorkingDays(today, NEAR_WORKING_DAYS, tx)).date;
    const rows = await tx
      .select({
        clockId: complaintDeadlines.id,
        kind: complaintDeadlines.kind,
        dueOn: complaintDeadlines.dueOn,
        dueCertain: complaintDeadlines.dueCertain,
        complaintId: complaints.id,
        trackingNo: complaints.trackingNo,
        orgId: complaints.orgId,
        handlerId: complaints.handlerId,
        regionCode: complaints.regionCode,
      })
      .from(complaintDeadlines)
      .innerJoin(complaints, eq(complaints.id, complaintDeadlines.complaintId))
      .where(
        and(
          isNull(complaintDeadlines.metOn),
          isNull(complaintDeadlines.cancelledOn),
          notInArray(complaints.status, ['closed', 'refused']),
          lte(complaintDeadlines.dueOn, threshold),
          complaintId ? eq(complaints.id, complaintId) : undefined,
        ),
      )
      .orderBy(asc(complaintDeadlines.dueOn), asc(complaintDeadlines.id));

    const wanted: TodoSpec[] = [];
    for (const r of rows) {
      const label = CLOCK_LABELS[r.kind];
      const overdue = r.dueOn < today;
      const what = overdue ? `投诉举报${label}已于 ${r.dueOn} 届满，已逾期（${r.trackingNo}）` : `投诉举报${label}将于 ${r.dueOn} 届满（${r.trackingNo}）`;
      const common = {
        subjectType: 'complaint',
        subjectId: r.complaintId,
        params: { trackingNo: r.trackingNo, clock: r.kind, clockName: label, date: r.dueOn, overdue: overdue ? 'true' : 'false' },
        link: `/complaints/${r.complaintId}`,
        dueOn: r.dueOn,
        dueCertain: r.dueCertain,
        regionCode: r.regionCode,
      };
      const base = `${DEADLINE_TODO}:${r.clockId}:${r.dueOn}`;
      wanted.push(
        r.handlerId
          ? { ...common, key: `${base}:handler:${r.handlerId}`, title: what, userId: r.handlerId, orgId: r.orgId, sectionId: null }
          : { ...common, key: `${base}:handler:${r.orgId}`, title: what, orgId: r.orgId, sectionId: null, permission: 'complaint.write' },
      );
      wanted.push({ ...common, key: `${base}:supervisor:${r.orgId}`, title: `督办：${what}`, orgId: r.orgId, sectionId: null, permission: 'complaint.approve' });
    }
    return wanted;
  }

  async function run(tx: Db, complaintId: string | undefined, today: string) {
    const wanted = await wantedFor(tx, today, complaintId);
    if (!complaintId) return todos.sync(tx, DEADLINE_TODO, wanted);
    const keys = new Set(wanted.map((t) => t.key));
    const open = await tx
      .select({ key: todosTable.key })
      .from(todosTable)
      .where(and(eq(todosTable.kind, DEADLINE_TODO), eq(todosTable.subjectId, complaintId), eq(todosTable.status, 'open')));
    const stale = open.filter((t) => !keys.has(t.key));
    for (const t of stale) await todos.resolve(tx, t.key);
    const created = await todos.raise(tx, DEADLINE_TODO, wanted);
    return { created, resolved: stale.length };
  }

  return {
    async syncClockTodos(complaintId?: string, opts: ClockTodosOptions = {}): Promise<{ created: number; resolved: number }> {
      const today = opts.today ?? todayInChina();
      if (opts.tx) return run(opts.tx, complaintId, today);
      return inTransaction(db, (tx) => run(tx, complaintId, today));
    },
  };
}
